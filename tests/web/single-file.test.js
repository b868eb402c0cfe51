// The single-file page (dist/keyflip.html's build, into a temp folder) opened
// from file://: it signs correctly with no server at all, under a hash-only CSP;
// it says it cannot send to endpoints its CSP refuses (and does not try); and
// it reaches the local demo endpoint that start.sh runs (its CSP admits this
// computer's loopback addresses on any port, nothing else besides IAM) and
// flips a key through it (Origin null, the endpoint's default CORS, as IAM's).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { init } from 'keyflip';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { buildSingleFile } from '../../scripts/page/build-single-file.mjs';
import { DEMO, chooseCustomEndpoint, fillForm, launchChromium, screenshot, waitReady, watchCsp } from './harness.js';

let tmp;
let built;
let iam; // the local endpoint with its defaults
let browser;
// Not this computer: the single-file page's CSP refuses it (TEST-NET-1, RFC 5737: never reached).
const ELSEWHERE = 'http://192.0.2.10:9090';

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'keyflip-single-file-'));
  built = await buildSingleFile({ out: join(tmp, 'keyflip.html') });
  iam = await startIamEndpoint({ port: 0, log: false });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await iam?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function directives(csp) {
  return Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

test('carries a hash-only CSP: no unsafe-inline, no unsafe-eval, no self', () => {
  const html = readFileSync(built.out, 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'the CSP is a <meta> in the file');
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<style>') && html.indexOf(meta[0]) < html.indexOf('<script'), 'it comes before what it governs');
  const csp = directives(meta[1]);
  assert.doesNotMatch(meta[1], /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'self'|\s\*/);
  assert.deepEqual(csp['default-src'], ["'none'"]);
  assert.equal(csp['script-src'].length, 2);
  assert.match(csp['script-src'][0], /^'sha256-[A-Za-z0-9+/]{43}='$/);
  assert.equal(csp['script-src'][1], "'wasm-unsafe-eval'");
  assert.match(csp['style-src'][0], /^'sha256-[A-Za-z0-9+/]{43}='$/);
  // IAM, STS (the leak response's calls), and this computer's loopback addresses (any port: the local demo), nothing else.
  assert.deepEqual(csp['connect-src'].filter((origin) => !/^https:\/\/(iam|sts)[.-]/.test(origin)), ['http://127.0.0.1:*', 'http://localhost:*']);
  assert.ok(csp['connect-src'].includes('https://sts.us-east-1.amazonaws.com'), 'STS in us-east-1');
  assert.deepEqual(Object.entries(csp).filter(([, values]) => values.some((v) => v.includes('*'))).map(([name]) => name), ['connect-src'], 'no other wildcard');
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+stylesheet/, 'nothing loads from elsewhere');
});

test('signs and presigns from file://, matching the package in Node', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(built.out).href);
  await waitReady(page);
  const params = { UserName: 'alice', AccessKeyId: DEMO.alice.otherKeyId, Status: 'Inactive' };
  await fillForm(page, { ...DEMO.alice, userName: params.UserName, targetKeyId: params.AccessKeyId, status: params.Status });
  await page.getByRole('button', { name: 'Inspect' }).click();
  const request = await page.locator('#inspect-request').innerText();
  const signature = await page.locator('#inspect-signature').innerText();
  await screenshot(page, 'single-file-inspect');

  // Same inputs and signing time in Node: the same signature.
  const amzDate = /^x-amz-date: (\d{8}T\d{6}Z)$/m.exec(request)[1];
  const date = new Date(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const credentials = { accessKeyId: DEMO.alice.accessKeyId, secretAccessKey: DEMO.alice.secretAccessKey };
  const kf = await init();
  assert.equal(signature, kf.buildUpdateAccessKey(params, { credentials, date }).signature);
  assert.match(request, /^POST https:\/\/iam\.amazonaws\.com\/\n/);

  await page.getByRole('button', { name: 'Presign' }).click();
  const url = new URL(await page.locator('#presign-url').innerText());
  assert.equal(url.searchParams.get('X-Amz-Expires'), '900');
  await screenshot(page, 'single-file-presign');
  await context.close();
});

test('raises no CSP violation from file://', async () => {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();
  await page.goto(pathToFileURL(built.out).href);
  await waitReady(page);
  await fillForm(page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Presign' }).click();
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  await page.locator('#curl-command').waitFor();
  assert.deepEqual(violations, []);
  await context.close();
});

test('says it cannot send to a custom endpoint its CSP refuses, and sends nothing (no attempt, no retry, no violation)', async () => {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
  await page.goto(pathToFileURL(built.out).href);
  await waitReady(page);
  await chooseCustomEndpoint(page, ELSEWHERE);
  assert.match(await page.locator('#endpoint-reach-note').innerText(), /send only to AWS's IAM endpoints and this computer \(http:\/\/127\.0\.0\.1 or http:\/\/localhost, any port\)\. For any other endpoint it still validates, signs, inspects, presigns and makes the curl command, but cannot send\./);
  await fillForm(page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').waitFor();
  assert.equal(await page.locator('#outcome-heading').innerText(), 'Not sent');
  const outcome = await page.locator('#outcome').innerText();
  assert.match(outcome, new RegExp(`connect only to AWS's IAM endpoints and this computer .*; ${ELSEWHERE} is not one of them`));
  assert.doesNotMatch(outcome, /started with/, 'a file opened from disk was started with nothing');
  assert.equal(await page.locator('#progress li').count(), 0);
  assert.equal(await page.locator('#curl-panel').isVisible(), true);
  assert.deepEqual(requests, []);
  assert.deepEqual(violations, []);
  assert.equal(iam.state.snapshot().requests.total, 0);
  await screenshot(page, 'single-file-custom-not-sent');
  await context.close();
});

test('the single-file page reaches the local demo endpoint (loopback, any port) from file:// and shows its answer', async () => {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();
  await page.goto(pathToFileURL(built.out).href);
  await waitReady(page);
  await chooseCustomEndpoint(page, iam.url);
  await fillForm(page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#outcome-heading').innerText(), `Done: access key ${DEMO.alice.otherKeyId} is now Inactive.`);
  assert.match(await page.locator('#outcome-request-id').innerText(), /^[0-9a-f-]{36}$/);
  const alice = iam.state.snapshot().users.find((u) => u.userName === 'alice');
  assert.equal(alice.accessKeys.find((k) => k.accessKeyId === DEMO.alice.otherKeyId).status, 'Inactive');
  assert.deepEqual(violations, []);
  await screenshot(page, 'single-file-send-local');
  await context.close();
});
