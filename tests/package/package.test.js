// The published artefact: `npm pack` this repository, lint the tarball
// (publint; attw with the ESM-only profile, as the package is ESM-only),
// install it into an empty project outside the repository, import it from
// Node, bundle a browser entry with esbuild (which leaves keyflip's .wasm as a
// runtime URL: the user copies it beside the bundle) and run the bundle, and type-check
// a TypeScript consumer against the packed index.d.ts with tsc.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const bin = (name) => join(repo, 'node_modules', '.bin', name);
const GET_VANILLA = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

let tmp; // holds the tarball and the consumer project
let tarball;
let project;
let packed; // npm pack --json: { files: [{ path }] }

/** Runs a command; on failure the assertion shows its output. */
async function run(file, args, cwd) {
  try {
    return await exec(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    assert.fail(`${file} ${args.join(' ')} failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
  }
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'keyflip-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp], repo);
  [packed] = JSON.parse(stdout);
  tarball = join(tmp, packed.filename);

  project = join(tmp, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'keyflip-consumer', private: true, type: 'module' }));
  // No network: the package has no dependencies, so the tarball is all npm needs.
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project);
  for (const file of ['node-consumer.mjs', 'browser-entry.js', 'consumer.ts']) copyFileSync(join(here, file), join(project, file));
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the runtime, the types, the README and the LICENSE, and nothing else', () => {
  const paths = packed.files.map((f) => f.path).sort();
  for (const needed of ['README.md', 'LICENSE', 'package.json', 'index.d.ts', 'dist/keyflip-core.js', 'dist/keyflip-core.wasm', 'wasm/js/index.js', 'wasm/js/core.js']) {
    assert.ok(paths.includes(needed), `missing ${needed} in ${paths.join(', ')}`);
  }
  for (const path of paths) {
    assert.ok(/^(README\.md|LICENSE|package\.json|index\.d\.ts|dist\/keyflip-core\.(js|wasm)|wasm\/js\/[a-z-]+\.js)$/.test(path), `unexpected ${path}`);
  }
  // every relative import of the shipped JS is shipped too
  for (const path of paths.filter((p) => p.startsWith('wasm/js/'))) {
    const source = readFileSync(join(project, 'node_modules', 'keyflip', path), 'utf8');
    for (const [, spec] of source.matchAll(/from '(\.[^']+)'/g)) {
      const target = join(dirname(path), spec).replaceAll('\\', '/');
      assert.ok(paths.includes(target), `${path} imports ${spec}, which is not packed`);
    }
  }
});

test('publint passes (strict)', async () => {
  const { stdout } = await run(bin('publint'), ['--strict', tarball], tmp);
  assert.match(stdout, /All good/);
});

test('arethetypeswrong passes with the ESM-only profile', async () => {
  // ESM-only: require() from CommonJS is not supported (README says so), so
  // the node10 and node16-from-CJS resolutions are out of scope.
  const { stdout } = await run(bin('attw'), [tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'json'], tmp);
  const report = JSON.parse(stdout);
  const problems = report.analysis?.problems ?? [];
  const relevant = problems.filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind));
  assert.deepEqual(relevant, []);
  assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), ['.', './package.json']);
});

test('Node imports the installed package by name and it works', async () => {
  const { stdout } = await run(process.execPath, ['node-consumer.mjs'], project);
  const out = JSON.parse(stdout);
  assert.ok(Number(out.node.split('.')[0]) >= 20, `Node ${out.node}`);
  assert.equal(out.vanilla, GET_VANILLA);
  assert.deepEqual(out.result, { requestId: 'req-packed', attempts: 1, statusCode: 200 });
  assert.deepEqual(out.errors, ['ValidationError', 'IamError', 'NetworkError', 'TimeoutError']);
  assert.equal(out.packageJson, 'keyflip');
  assert.equal(out.resolved, pathToFileURL(join(project, 'node_modules', 'keyflip', 'wasm', 'js', 'index.js')).href);
  assert.equal(out.deepImport, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
});

test('esbuild bundles a browser entry with the package, no extra configuration; with the .wasm copied beside it, the bundle signs', async () => {
  const outfile = join(project, 'bundle', 'app.js');
  const result = await build({
    absWorkingDir: project,
    entryPoints: ['browser-entry.js'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.warnings, []);
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((p) => p.endsWith('node_modules/keyflip/dist/keyflip-core.js')), inputs.join(', '));
  const [output] = Object.values(result.metafile.outputs);
  assert.deepEqual(output.imports, [], 'no module is left to resolve');
  // esbuild keeps `new URL('./keyflip-core.wasm', import.meta.url)` as a runtime URL:
  assert.match(readFileSync(outfile, 'utf8'), /new URL\("\.\/keyflip-core\.wasm", import\.meta\.url\)/);
  const bundled = await import(pathToFileURL(outfile).href);
  await assert.rejects(bundled.signVanilla(), /ENOENT.*keyflip-core\.wasm/s, 'without the .wasm beside it, loading fails and says which file');
  // what a user of esbuild does: copy the .wasm beside the bundle
  copyFileSync(join(project, 'node_modules', 'keyflip', 'dist', 'keyflip-core.wasm'), join(project, 'bundle', 'keyflip-core.wasm'));
  assert.equal(await bundled.signVanilla(), GET_VANILLA);
  assert.equal(typeof bundled.createClient, 'function');
});

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['es2022', 'dom', 'dom.iterable'],
    types: [],
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    skipLibCheck: false, // check index.d.ts itself too
  },
  files: ['consumer.ts'],
};

test('consumer.ts imports every name the packed index.d.ts exports', () => {
  const dts = readFileSync(join(project, 'node_modules', 'keyflip', 'index.d.ts'), 'utf8');
  const exported = [...dts.matchAll(/^export (?:declare )?(?:interface|type|function|class|const) (\w+)/gm)].map((m) => m[1]);
  const consumer = readFileSync(join(project, 'consumer.ts'), 'utf8');
  const imported = consumer.slice(0, consumer.indexOf("from 'keyflip'")).match(/\w+/g);
  assert.ok(exported.length > 20, exported.join(', '));
  assert.deepEqual(exported.filter((name) => !imported.includes(name)), []);
});

test('tsc --noEmit accepts a consumer using every export and option (nodenext and bundler resolution)', async () => {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  await run(bin('tsc'), ['-p', 'tsconfig.json'], project);
  await run(bin('tsc'), ['-p', 'tsconfig.json', '--module', 'esnext', '--moduleResolution', 'bundler'], project);
});

// README's package examples, as written: every ```js block of "Using the
// package", in order, is one program (later blocks use what earlier ones made),
// type-checked as JavaScript with tsc --strict against the packed index.d.ts.
// Only the reader's own values are declared here.
const README_GLOBALS = `// What README's examples leave to the reader: their own credentials.
declare const accessKeyId: string;
declare const secretAccessKey: string;
`;

function readmeExamples(readme) {
  const section = readme.slice(readme.indexOf('## Using the package'), readme.indexOf('\n## ', readme.indexOf('## Using the package') + 1));
  return [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test('README\'s package examples type-check with tsc --strict (checkJs) against the packed types', async () => {
  const blocks = readmeExamples(readFileSync(join(repo, 'README.md'), 'utf8'));
  assert.ok(blocks.length >= 4, `${blocks.length} blocks`);
  assert.ok(blocks.some((b) => b.includes('paginateListUsers')) && blocks.some((b) => b.includes('buildIamRequest')));
  writeFileSync(join(project, 'readme-examples.js'), blocks.join('\n'));
  writeFileSync(join(project, 'readme-globals.d.ts'), README_GLOBALS);
  // The AWS SDK's credential providers, as a README reader has them installed:
  // this repository's copy, by a path mapping (nothing is linked or installed).
  const providers = join(repo, 'node_modules', '@aws-sdk', 'credential-providers', 'dist-types', 'index.d.ts');
  const config = {
    compilerOptions: {
      ...TSCONFIG.compilerOptions, allowJs: true, checkJs: true, skipLibCheck: true,
      paths: { '@aws-sdk/credential-providers': [providers] },
    },
    files: ['readme-globals.d.ts', 'readme-examples.js'],
  };
  writeFileSync(join(project, 'tsconfig.readme.json'), JSON.stringify(config, null, 2));
  await run(bin('tsc'), ['-p', 'tsconfig.readme.json'], project);
  // The check is live: the loop README used to show fails it.
  writeFileSync(join(project, 'readme-examples.js'), `${blocks[0]}\nfor await (const page of iam.paginateListUsers()) for (const user of page.Users) console.log(user.CreateDate.toISOString());\n`);
  const failed = await exec(bin('tsc'), ['-p', 'tsconfig.readme.json'], { cwd: project }).then(() => null, (error) => error);
  assert.ok(failed, 'tsc accepted page.Users without a check');
  assert.match(failed.stdout, /readme-examples\.js\(\d+,\d+\): error TS18048: 'page\.Users' is possibly 'undefined'/);
});

test('tsc reports a type error in a consumer (the check is live)', async () => {
  writeFileSync(join(project, 'broken.ts'), "import { createClient } from 'keyflip';\ncreateClient({ credentials: 42 });\n");
  // tsc 7 refuses file names on the command line next to a tsconfig.json (TS5112), so a config of its own.
  writeFileSync(join(project, 'tsconfig.broken.json'), JSON.stringify({ ...TSCONFIG, files: ['broken.ts'] }));
  const failed = await exec(bin('tsc'), ['-p', 'tsconfig.broken.json'], { cwd: project })
    .then(() => null, (error) => error);
  assert.ok(failed, 'tsc accepted a wrong credentials type');
  assert.match(failed.stdout, /broken\.ts\(2,/);
});
// That index.d.ts's generated block is current is checked by ctest
// (index_d_ts_is_current: the generator's --check-types), next to the generator.
