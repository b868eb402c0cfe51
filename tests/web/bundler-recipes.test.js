// README's bundler recipes, run as written, each ending in Chromium with a
// page that signs (the AWS SigV4 suite's get-vanilla case) from the packed
// package (`npm pack`, installed into an app outside the repository):
// - esbuild: `esbuild main.js --bundle --format=esm --outfile=out/app.js`,
//   keyflip-core.wasm copied beside the bundle, served under a strict CSP;
//   without --format=esm (esbuild's default IIFE) the page cannot load it;
// - Vite's dev server with `optimizeDeps: { exclude: ['keyflip'] }`; without
//   it the wasm request gets index.html, and keyflip's error says what to set.
// (`vite build` needs no option: tests/web/vite-package.test.js.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { launchChromium, repoDir, screenshot, watchCsp } from './harness.js';

const run = promisify(execFile);
const GET_VANILLA_SIGNATURE = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

const MAIN = `import { init } from 'keyflip';

const out = document.getElementById('signature');
init().then((kf) => {
  out.textContent = kf.signRequest(
    { method: 'GET', url: 'https://example.amazonaws.com/' },
    {
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z'),
    },
  ).signature;
}, (error) => { out.textContent = 'failed: ' + error.message; });
`;
const page = (script, type = 'module') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>keyflip bundled</title>
<script type="${type}" src="${script}"></script></head>
<body><p>signature: <output id="signature">pending</output></p></body></html>
`;

const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

let tmp;
let app; // the app project, with the packed keyflip installed
let browser;
const servers = [];

function serveStatic(dir) {
  return new Promise((resolve) => {
    const s = http.createServer((request, response) => {
      const path = normalize(new URL(request.url, 'http://app').pathname).replace(/^\/+/, '') || 'index.html';
      try {
        const body = readFileSync(join(dir, path));
        response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    servers.push(s);
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${s.address().port}/`));
  });
}

/** Opens url in a fresh context; the #signature text once it is no longer "pending", and the CSP violations. */
async function signatureAt(url, shot) {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const tab = await context.newPage();
  await tab.goto(url);
  await tab.waitForFunction(() => document.getElementById('signature')?.textContent !== 'pending', null, { timeout: 60_000 })
    .catch(() => {}); // a page whose script never ran stays "pending": the assertion says so
  const text = await tab.locator('#signature').innerText();
  if (shot) await screenshot(tab, shot);
  await context.close();
  return { text, violations };
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'keyflip-bundlers-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: repoDir });
  const tarball = join(tmp, stdout.trim().split('\n').pop());
  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'keyflip-bundlers-check', private: true, type: 'module' }));
  writeFileSync(join(app, 'main.js'), MAIN);
  // keyflip has no dependencies: installing its tarball needs no registry.
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: app });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
  rmSync(tmp, { recursive: true, force: true });
});

const esbuildBin = join(repoDir, 'node_modules', '.bin', 'esbuild');

test('esbuild --format=esm, with the .wasm copied beside the bundle: the page signs under a strict CSP', async () => {
  const out = join(app, 'esm');
  // README's recipe, as written (this repository's esbuild, run in the app):
  await run(esbuildBin, ['main.js', '--bundle', '--format=esm', '--outfile=esm/app.js', '--log-level=error'], { cwd: app });
  copyFileSync(join(app, 'node_modules', 'keyflip', 'dist', 'keyflip-core.wasm'), join(out, 'keyflip-core.wasm'));
  writeFileSync(join(out, 'index.html'), page('/app.js'));
  const { text, violations } = await signatureAt(await serveStatic(out), 'esbuild-esm-signed');
  assert.equal(text, GET_VANILLA_SIGNATURE);
  assert.deepEqual(violations, []);
});

test('esbuild without --format=esm (its default IIFE) makes a page that cannot find the .wasm: README says --format=esm', async () => {
  const out = join(app, 'iife');
  await run(esbuildBin, ['main.js', '--bundle', '--outfile=iife/app.js', '--log-level=error'], { cwd: app });
  copyFileSync(join(app, 'node_modules', 'keyflip', 'dist', 'keyflip-core.wasm'), join(out, 'keyflip-core.wasm'));
  writeFileSync(join(out, 'index.html'), page('/app.js', 'text/javascript'));
  const { text } = await signatureAt(await serveStatic(out));
  assert.notEqual(text, GET_VANILLA_SIGNATURE);
});

/** Vite's dev server on the app (this repository's Vite), with optimizeDeps as given. */
async function viteDevServer(optimizeDeps, name) {
  const { createServer } = await import(pathToFileURL(join(repoDir, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
  const root = app;
  writeFileSync(join(root, 'index.html'), page('/main.js'));
  const server = await createServer({
    root, configFile: false, logLevel: 'silent', cacheDir: join(root, `.vite-${name}`),
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps,
  });
  await server.listen();
  return server;
}

test('Vite\'s dev server with optimizeDeps.exclude: [\'keyflip\'] serves a page that signs in Chromium', async () => {
  const server = await viteDevServer({ exclude: ['keyflip'] }, 'vite-dev');
  try {
    const { text } = await signatureAt(server.resolvedUrls.local[0], 'vite-dev-server-signed');
    assert.equal(text, GET_VANILLA_SIGNATURE);
  } finally {
    await server.close();
  }
});

test('without the option, Vite\'s dev server pre-bundles keyflip away from its .wasm, and keyflip\'s error says what to set', async () => {
  const server = await viteDevServer({}, 'vite-dev-prebundled');
  try {
    const { text } = await signatureAt(server.resolvedUrls.local[0]);
    assert.match(text, /^failed: keyflip: .*keyflip-core\.wasm is not keyflip's wasm \(it came as text\/html/);
    assert.match(text, /optimizeDeps: \{ exclude: \['keyflip'\] \}/);
  } finally {
    await server.close();
  }
});
