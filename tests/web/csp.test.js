// The page server's Content-Security-Policy and what it serves: strict
// script and style sources, connect-src exactly IAM's endpoints (as in the
// shared endpoint table) plus the configured one and the page's own origin
// (keyflip's .wasm), no inline code in the page,
// and nothing served but the page's and the package's files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { init } from '../../wasm/js/index.js';
import { iamOrigins, partitions, stsOrigins, stsRegionFor } from '../../web/shared/iam-endpoints.js';
import { startPageServer } from '../../scripts/page/server.js';
import { repoDir } from './harness.js';

const testdata = process.env.KEYFLIP_TESTDATA ?? join(repoDir, '..', 'shared', 'testdata');
const DEMO_ENDPOINT = 'http://127.0.0.1:9090';

let server;
before(async () => {
  server = await startPageServer({ port: 0, demoEndpoint: DEMO_ENDPOINT });
});
after(() => server?.close());

/** The endpoint origins of the shared table (partition, fips, dualstack, url, region). */
function tableOrigins() {
  const rows = readFileSync(join(testdata, 'iam-endpoints.tsv'), 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('partition\t'));
  assert.ok(rows.length >= 32, 'the table has a row per partition, FIPS and dual-stack choice');
  return new Set(rows.map((line) => new URL(line.split('\t')[3]).origin));
}

function directives(csp) {
  return Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

/** A raw GET, so the path reaches the server exactly as written. */
function get(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.port, path }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
    }).on('error', reject);
  });
}

test('the IAM origins the CSP admits are every endpoint of the shared table, and no other', async () => {
  assert.deepEqual(new Set(iamOrigins((await init()).endpoints())), tableOrigins());
});

/**
 * STS's origin for each partition, FIPS and dual-stack choice of the shared
 * IAM table, in IAM's signing region there, as the package resolves it
 * (buildStsRequest; choices STS has no endpoint for are skipped).
 */
async function stsTableOrigins() {
  const kf = await init();
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'csp-test-secret-not-a-real-one-0000000' };
  const origins = new Set();
  for (const row of kf.endpoints()) {
    const choice = { partition: row.partition, fips: row.fips, dualStack: row.dualStack };
    try {
      origins.add(new URL(kf.buildStsRequest('GetCallerIdentity', undefined, { ...choice, region: stsRegionFor(kf.endpoints(), choice), credentials }).url).origin);
    } catch { /* no STS endpoint for that choice */ }
  }
  return origins;
}

test('the STS origins the CSP admits are STS in each partition\'s home region, as the package resolves them', async () => {
  const kf = await init();
  const expected = await stsTableOrigins();
  assert.ok(expected.has('https://sts.us-east-1.amazonaws.com') && expected.has('https://sts.cn-north-1.amazonaws.com.cn'));
  assert.deepEqual(new Set(stsOrigins(kf.endpoints(), kf.stsEndpoints())), expected);
});

test('every partition of the package is named for people', async () => {
  const named = partitions((await init()).endpoints());
  assert.ok(named.length >= 8);
  for (const { id, label } of named) assert.notEqual(label, id, `partition ${id} has a label`);
});

test('the served page has a strict CSP: self and wasm only, connections to IAM and the demo endpoint', async () => {
  const { status, headers } = await get('/');
  assert.equal(status, 200);
  const csp = headers['content-security-policy'];
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|[\s:]\*/);
  const d = directives(csp);
  assert.deepEqual(d['default-src'], ["'none'"]);
  assert.deepEqual(d['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(d['style-src'], ["'self'"]);
  assert.deepEqual(d['object-src'], ["'none'"]);
  assert.deepEqual(d['base-uri'], ["'none'"]);
  assert.deepEqual(d['frame-ancestors'], ["'none'"]);
  assert.deepEqual(d['require-trusted-types-for'], ["'script'"]);
  // 'self' for keyflip's .wasm, fetched from the page's own server
  assert.deepEqual(new Set(d['connect-src']), new Set(["'self'", ...tableOrigins(), ...await stsTableOrigins(), DEMO_ENDPOINT]));
});

test('the page template has no inline script, style or handler', () => {
  const html = readFileSync(join(repoDir, 'web', 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
});

test('the demo endpoint is handed to the page', async () => {
  const { body } = await get('/');
  assert.match(body, new RegExp(`<meta name="keyflip-demo-endpoint" content="${DEMO_ENDPOINT}">`));
});

test('serves the page and package files only', async () => {
  for (const path of ['/app.js', '/sw.js', '/wasm/js/index.js', '/dist/keyflip-core.js', '/dist/keyflip-core.wasm']) {
    assert.equal((await get(path)).status, 200, path);
  }
  assert.equal((await get('/dist/keyflip-core.wasm')).headers['content-type'], 'application/wasm', 'the type streaming compilation needs');
  for (const path of ['/server.js', '/csp.js', '/build-single-file.mjs', '/package.json', '/../package.json',
    '/%2e%2e/package.json', '/wasm/js/../../package.json', '/scripts/local-iam/demo-data.json', '/dist/']) {
    assert.equal((await get(path)).status, 404, path);
  }
});

test('a request target that is not a URL path is the client\'s error (400), not the server\'s', async () => {
  for (const path of ['//[', '//[::1', '*']) {
    const { status } = await get(path);
    assert.equal(status, 400, path);
  }
});

test('the page is told the endpoints its CSP admits besides IAM\'s (to refuse others before sending)', async () => {
  const { body } = await get('/');
  assert.match(body, new RegExp(`<meta name="keyflip-endpoint-origins" content="${DEMO_ENDPOINT}">`));
});

test('the service worker precaches only the app and has its own narrow CSP', async () => {
  const precache = JSON.parse((await get('/precache.json')).body);
  assert.ok(precache.every((path) => path.startsWith('/') && !path.startsWith('//')), 'same-origin paths only');
  assert.ok(precache.includes('/') && precache.includes('/dist/keyflip-core.js') && precache.includes('/dist/keyflip-core.wasm'));
  const { headers } = await get('/sw.js');
  assert.equal(headers['content-security-policy'], "default-src 'none'; connect-src 'self'");
});
