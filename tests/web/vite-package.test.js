// The npm route for front-end projects: `npm pack` this repository, install
// the tarball into a tiny Vite app outside the repository, `vite build` it,
// and check that Vite emitted keyflip's .wasm as an asset with no configuration
// and, in Chromium, that the built app signs (the AWS SigV4 suite's
// get-vanilla case), served under a strict CSP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { launchChromium, repoDir, screenshot, watchCsp } from './harness.js';

const run = promisify(execFile);
const GET_VANILLA_SIGNATURE = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

const APP_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>keyflip in a Vite app</title>
<script type="module" src="/main.js"></script></head>
<body><p>signature: <output id="signature">pending</output></p></body></html>
`;

// get-vanilla from the AWS SigV4 test suite, signed by the packed package.
const APP_MAIN = `import { init } from 'keyflip';

init().then((kf) => {
  const signed = kf.signRequest(
    { method: 'GET', url: 'https://example.amazonaws.com/' },
    {
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z'),
    },
  );
  document.getElementById('signature').textContent = signed.signature;
}, (error) => {
  document.getElementById('signature').textContent = 'failed: ' + error.message;
});
`;

// connect-src 'self': the app fetches keyflip's .wasm from its own origin.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

let tmp;
let built; // the Vite app's output folder
let server;
let browser;

/** Serves a built folder with a strict CSP. */
function serve(dir) {
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
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'keyflip-vite-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: repoDir });
  const tarball = join(tmp, stdout.trim().split('\n').pop());
  const app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'keyflip-vite-check', private: true, type: 'module' }));
  writeFileSync(join(app, 'index.html'), APP_HTML);
  writeFileSync(join(app, 'main.js'), APP_MAIN);
  // keyflip has no dependencies: installing its tarball needs no registry.
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: app });
  // This repository's Vite (a devDependency), run on the app outside it.
  await run(process.execPath, [join(repoDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], { cwd: app });
  built = join(app, 'dist');
  server = await serve(built);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

let violations;

test('Vite emits keyflip\'s .wasm as an asset, byte for byte, and the app references it', () => {
  const assets = readdirSync(join(built, 'assets'));
  const wasm = assets.filter((name) => name.endsWith('.wasm'));
  assert.equal(wasm.length, 1, assets.join(', '));
  assert.ok(readFileSync(join(built, 'assets', wasm[0])).equals(readFileSync(join(repoDir, 'dist', 'keyflip-core.wasm'))));
  const scripts = assets.filter((name) => name.endsWith('.js')).map((name) => readFileSync(join(built, 'assets', name), 'utf8'));
  assert.ok(scripts.some((code) => code.includes(wasm[0])), 'a script names the emitted asset');
});

test('a Vite app built from the packed package signs in Chromium', async () => {
  const context = await browser.newContext();
  violations = await watchCsp(context);
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.getElementById('signature').textContent !== 'pending');
  assert.equal(await page.locator('#signature').innerText(), GET_VANILLA_SIGNATURE);
  await screenshot(page, 'vite-app-signed');
  await context.close();
});

test('the Vite app raised no CSP violation', () => {
  assert.deepEqual(violations, []);
});
