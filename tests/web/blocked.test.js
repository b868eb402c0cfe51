// When the browser may not make the call, the page says what it knows and what
// it cannot know, in plain words, and gives the curl command as the way out;
// the command really works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { startPageServer } from '../../scripts/page/server.js';
import { DEMO, chooseCustomEndpoint, fillForm, launchChromium, screenshot, waitReady, watchCsp } from './harness.js';

const run = promisify(execFile);

let noCors; // an endpoint that does not allow this page (a proxy, say; AWS's IAM does allow pages)
let pageServer;
let browser;

before(async () => {
  // CORS for another origin only: this page's calls are refused.
  noCors = await startIamEndpoint({ port: 0, allowOrigins: ['https://elsewhere.example'], log: false });
  // The page may connect to it (connect-src), but the endpoint refuses it by CORS.
  pageServer = await startPageServer({ port: 0, endpoints: [noCors.url] });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await Promise.all([noCors?.close(), pageServer?.close()]);
});

async function openWithCustomEndpoint(endpoint) {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => { if (!request.url().startsWith(pageServer.url)) requests.push(request.url()); });
  await page.goto(pageServer.url);
  await waitReady(page);
  await chooseCustomEndpoint(page, endpoint);
  return { context, page, violations, requests };
}

test('a CORS refusal is said to leave the outcome unknown, and the curl command it offers flips the key', async () => {
  const { context, page } = await openWithCustomEndpoint(noCors.url);
  assert.equal(await page.getByLabel(/Local demo of IAM/).isVisible(), false, 'no demo choice when the server has none');
  await fillForm(page, { ...DEMO.session, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#outcome-heading').innerText(), 'Sent, but no answer could be read: the change may have been made');
  const why = await page.locator('#outcome-why').innerText();
  assert.match(why, /the endpoint does not allow calls from web pages \(CORS\); the browser does not say which/);
  assert.match(why, /the page cannot tell\.$/);
  assert.doesNotMatch(await page.locator('#outcome').innerText(), /IAM endpoints do not/, 'nothing untrue about AWS');
  assert.match(await page.locator('#outcome').innerText(), /run the curl command below/);
  const command = await page.locator('#curl-command').innerText();
  assert.match(await page.locator('#curl-notes').innerText(), /AWS_SESSION_TOKEN/);
  assert.ok(!command.includes(DEMO.session.sessionToken), 'the token is not in the command');
  await screenshot(page, 'blocked-cors-curl');

  const { stdout } = await run('bash', ['-c', command], { env: { ...process.env, AWS_SESSION_TOKEN: DEMO.session.sessionToken } });
  assert.match(stdout, /^HTTP\/1\.1 200/);
  const alice = noCors.state.snapshot().users.find((u) => u.userName === 'alice');
  assert.equal(alice.accessKeys.find((k) => k.accessKeyId === DEMO.alice.otherKeyId).status, 'Inactive');
  await context.close();
});

test("an endpoint outside the page's CSP is refused before sending: not sent, not retried, no violation", async () => {
  const { context, page, violations, requests } = await openWithCustomEndpoint('http://127.0.0.1:9/');
  assert.match(await page.locator('#endpoint-reach-note').innerText(), new RegExp(`send only to AWS's IAM endpoints and ${noCors.url}\\.`));
  await fillForm(page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Active' });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').waitFor();
  assert.equal(await page.locator('#outcome-heading').innerText(), 'Not sent');
  assert.equal(await page.locator('#outcome-why').innerText(),
    `This page's security policy lets it connect only to AWS's IAM endpoints and ${noCors.url}; http://127.0.0.1:9 is not one of them, so the request was not sent.`);
  assert.equal(await page.locator('#progress li').count(), 0, 'no attempt was made');
  assert.deepEqual(requests, []);
  assert.deepEqual(violations, []);
  assert.equal(await page.locator('#curl-panel').isVisible(), true);
  await screenshot(page, 'blocked-csp-curl');
  await context.close();
});
