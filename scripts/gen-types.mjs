// Generates the UpdateAccessKey parameter types in index.d.ts from the one
// definition of the input shape (wasm/src/iam/update_access_key.shape.json),
// the same file CMake turns into the C++ validation table.
//   node scripts/gen-types.mjs          rewrite the generated block
//   node scripts/gen-types.mjs --check  exit 1 if index.d.ts is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const shapeFile = 'wasm/src/iam/update_access_key.shape.json';
const dtsFile = fileURLToPath(new URL('index.d.ts', root));
const BEGIN = '// <generated from update_access_key.shape.json by scripts/gen-types.mjs: do not edit>';
const END = '// </generated>';

export function renderTypes(shape) {
  const lines = [BEGIN, `/** Input of IAM ${shape.operation} (API ${shape.version}). */`, `export interface ${shape.operation}Params {`];
  for (const m of shape.members) {
    const rule = m.enum
      ? `One of ${m.enum.join(', ')}.`
      : `${m.min}-${m.max} characters: ${m.allowed}.`;
    lines.push(`  /** ${m.required ? 'Required' : 'Optional'}. ${rule} */`);
    const type = m.enum ? m.enum.map((v) => `'${v}'`).join(' | ') : 'string';
    lines.push(`  ${m.name}${m.required ? '' : '?'}: ${type};`);
  }
  lines.push('}', END);
  return lines.join('\n');
}

const shape = JSON.parse(readFileSync(fileURLToPath(new URL(shapeFile, root)), 'utf8'));
const dts = readFileSync(dtsFile, 'utf8');
const start = dts.indexOf(BEGIN);
const end = dts.indexOf(END);
if (start < 0 || end < 0) throw new Error('index.d.ts: generated-block markers not found');
const next = dts.slice(0, start) + renderTypes(shape) + dts.slice(end + END.length);
if (process.argv.includes('--check')) {
  if (next !== dts) {
    console.error('index.d.ts is stale: run node scripts/gen-types.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(dtsFile, next);
}
