// When the browser may not make the call, the page says why in plain words and
// gives the curl command as the way out; the command really works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { startPageServer } from '../../web/server.js';
import { DEMO, fillForm, launchChromium, screenshot, waitReady } from './harness.js';

const run = promisify(execFile);

let noCors; // an IAM endpoint that does not allow browser pages (like AWS's own)
let pageServer;
let browser;

before(async () => {
  noCors = await startIamEndpoint({ port: 0, log: false });
  // The page may connect to it (connect-src), but the endpoint sends no CORS headers.
  pageServer = await startPageServer({ port: 0, endpoints: [noCors.url] });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await Promise.all([noCors?.close(), pageServer?.close()]);
});

async function openWithCustomEndpoint(endpoint) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageServer.url);
  await waitReady(page);
  await page.getByLabel('A custom endpoint').check();
  await page.getByLabel('Endpoint URL').fill(endpoint);
  await page.getByLabel('Signing region').fill('us-east-1');
  return { context, page };
}

test('a CORS refusal is explained, and the curl command it offers flips the key', async () => {
  const { context, page } = await openWithCustomEndpoint(noCors.url);
  assert.equal(await page.getByLabel(/Local demo of IAM/).isVisible(), false, 'no demo choice when the server has none');
  await fillForm(page, { ...DEMO.session, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#outcome-heading').innerText(), 'The request could not be sent from this browser');
  assert.match(await page.locator('#outcome').innerText(), /CORS/);
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

test("an endpoint outside the page's CSP is named as the reason", async () => {
  const { context, page } = await openWithCustomEndpoint('http://127.0.0.1:9/');
  await fillForm(page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Active' });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#outcome').innerText(), /security policy .* http:\/\/127\.0\.0\.1:9 is neither/);
  assert.equal(await page.locator('#curl-panel').isVisible(), true);
  await screenshot(page, 'blocked-csp-curl');
  await context.close();
});
