#!/usr/bin/env node
// Builds dist/keyflip.html: the whole page in one file (HTML, CSS, the app and
// the keyflip package bundled by esbuild, and the wasm inlined in place of its
// URL), for machines with no network, opened from file://.
// Its CSP is a <meta> allowing the inlined script and style by SHA-256 hash
// only: no 'unsafe-inline', no 'self', no eval.
//
//   node scripts/page/build-single-file.mjs [--out dist/keyflip.html] [--endpoint URL]...
// --endpoint adds an endpoint (besides IAM's own) the page may send to; the
// page may always send to this computer's loopback addresses (127.0.0.1 and
// localhost, any port: the local demo of IAM that start.sh runs).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { loadIamOrigins, loadStsOrigins, singleFileCsp } from './csp.js';
import { fillPageMeta, replaceOnce } from './page-meta.js';

const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDir = join(repoDir, 'web');

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');

// The glue exports the wasm's URL (wasm/bindings/wasm-url.js.in); here it
// exports the bytes instead, so the page fetches nothing.
const WASM_URL_EXPORT = "export const wasmSource = new URL('./keyflip-core.wasm', import.meta.url);";
const inlineWasm = {
  name: 'keyflip-inline-wasm',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/]keyflip-core\.js$/ }, (args) => {
      const glue = readFileSync(args.path, 'utf8');
      if (!glue.includes(WASM_URL_EXPORT)) throw new Error(`${args.path}: the wasm URL export is missing (rebuild with scripts/build.sh)`);
      const base64 = readFileSync(join(dirname(args.path), 'keyflip-core.wasm')).toString('base64');
      const bytes = `export const wasmSource = Uint8Array.from(atob('${base64}'), (c) => c.charCodeAt(0));`;
      return { contents: glue.replace(WASM_URL_EXPORT, () => bytes), loader: 'js' };
    });
  },
};

export async function buildSingleFile({ out = join(repoDir, 'dist', 'keyflip.html'), endpoints = [] } = {}) {
  const bundle = await esbuild.build({
    entryPoints: [join(webDir, 'app.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    plugins: [inlineWasm],
  });
  const script = bundle.outputFiles[0].text.trim();
  // The script is inlined: a literal "</script" inside it would end the element early.
  if (/<\/script/i.test(script)) throw new Error('the bundle contains "</script": it cannot be inlined safely');
  const css = (await esbuild.transform(readFileSync(join(webDir, 'app.css'), 'utf8'), { loader: 'css', minify: true })).code.trim();

  const csp = singleFileCsp({ scriptHashes: [sha256(script)], styleHashes: [sha256(css)], iamOrigins: await loadIamOrigins(), stsOrigins: await loadStsOrigins(), endpoints });
  // The page learns which endpoints its policy admits, to refuse others before sending.
  let html = fillPageMeta(readFileSync(join(webDir, 'index.html'), 'utf8'), { endpoints, loopback: true });
  // The policy must come first, before anything it governs.
  html = replaceOnce(html, '<meta charset="utf-8">', `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  html = replaceOnce(html, '<link rel="icon" href="icon.svg">', '<link rel="icon" href="data:,">');
  html = replaceOnce(html, '<link rel="stylesheet" href="app.css">', `<style>${css}</style>`);
  html = replaceOnce(html, '<script type="module" src="app.js"></script>', `<script type="module">${script}</script>`);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return { out, bytes: Buffer.byteLength(html), csp };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: join(repoDir, 'dist', 'keyflip.html') },
      endpoint: { type: 'string', multiple: true, default: [] },
    },
  });
  const { out, bytes } = await buildSingleFile({ out: values.out, endpoints: values.endpoint });
  process.stdout.write(`single-file page: ${relative(process.cwd(), out) || out} (${Math.round(bytes / 1024)} KiB)\n`);
}
