// "Check with IAM" on the single-call form's outcomes that cannot know
// whether the change was made, in Debian's Chromium: answers lost (by a proxy
// that hides them from the browser, as a missing CORS header does) while IAM
// made the change, and a cancel after sending; the check shows the status IAM
// really holds, a failed check says so, focus moves to the result, the curl
// command stays, and no CSP violation.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../wasm/js/index.js';
import { startPageServer } from '../../scripts/page/server.js';
import { startLossyProxy } from './lossy-proxy.js';
import { DEMO, chooseCustomEndpoint, fillForm, launchChromium, screenshot, startStack, waitReady, watchCsp } from './harness.js';

describe('Check with IAM after a send whose answer was lost', () => {
  let stack;
  let proxy;
  let pageServer;
  let browser;
  let context;
  let page;
  let violations;

  before(async () => {
    stack = await startStack();
    proxy = await startLossyProxy(stack.iam.url);
    pageServer = await startPageServer({ port: 0, endpoints: [proxy.url] });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await Promise.all([stack?.close(), proxy?.close(), pageServer?.close()]);
  });
  beforeEach(async () => {
    await stack.control({ reset: true });
    proxy.reset();
    context = await browser.newContext();
    violations = await watchCsp(context);
    page = await context.newPage();
    await page.goto(pageServer.url);
    await waitReady(page);
    await chooseCustomEndpoint(page, proxy.url);
  });
  afterEach(() => context.close());

  const outcomeCheck = () => page.locator('#outcome-check');
  const checkButton = () => page.getByRole('button', { name: 'Check with IAM' });
  async function checkNow(pattern) {
    await checkButton().click();
    await outcomeCheck().filter({ hasText: pattern }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'outcome-check', 'focus is on the result');
    assert.equal(await outcomeCheck().getAttribute('role'), 'status', 'the result is a live region');
    return outcomeCheck().innerText();
  }

  test('every answer lost while IAM made the change: Check shows the key as IAM holds it now', async () => {
    proxy.loseNext('UpdateAccessKey', 3); // every attempt: the page makes 3
    await fillForm(page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Sent, but no answer could be read: the change may have been made').waitFor();
    assert.equal(stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Inactive', 'IAM did make the change');
    assert.match(await page.locator('#outcome').innerText(), /run the curl command below/, 'the curl way is still offered');
    assert.equal(await page.locator('#curl-panel').isVisible(), true);
    assert.equal(await outcomeCheck().innerText(), '', 'nothing is said before checking');

    const text = await checkNow(/IAM shows/);
    assert.equal(text, `IAM shows ${DEMO.alice.otherKeyId} as Inactive now: the status the lost request asked for.`);
    await screenshot(page, 'check-with-iam-after-lost-answer');

    // Asked again after IAM's status changed elsewhere, it says the new one: a read, never a remembered guess.
    await fetchIamUpdate(stack, 'Active');
    assert.equal(await checkNow(/as Active/),
      `IAM shows ${DEMO.alice.otherKeyId} as Active now: not the Inactive the lost request asked for (IAM is eventually consistent: check again in a few seconds to be sure).`);
    assert.deepEqual(violations, [], 'no CSP violation');
  });

  test('a key not among the signing user\'s keys (no UserName) is said to be missing', async () => {
    proxy.loseNext('UpdateAccessKey', 3);
    // No UserName: the signing user's (alice's) keys are read; this key is not one of them (it does not exist).
    await fillForm(page, { ...DEMO.alice, targetKeyId: 'AKIADOESNOTEXIST0001', status: 'Inactive' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Sent, but no answer could be read').waitFor();
    assert.equal(await checkNow(/not among/),
      'AKIADOESNOTEXIST0001 is not among the access keys IAM lists for the signing user, so it shows no status for it.');
    assert.deepEqual(violations, []);
  });

  test('a read call whose answer was lost changed nothing: no Check button', async () => {
    proxy.loseNext('ListAccessKeys', 3);
    await page.locator('#action').selectOption('ListAccessKeys');
    await fillForm(page, { ...DEMO.alice, userName: 'alice' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Sent, but no answer could be read').waitFor();
    assert.equal(await checkButton().count(), 0);
  });

  test('a check that fails is reported as failed, with why, and no status is claimed', async () => {
    proxy.loseNext('UpdateAccessKey', 3);
    await fillForm(page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Sent, but no answer could be read').waitFor();

    // The check reads the credentials as they are now: a wrong secret makes IAM refuse the read.
    await fillForm(page, { secretAccessKey: 'not-the-right-secret-for-this-key' });
    const refused = await checkNow(/The check itself failed/);
    assert.match(refused, /^The check itself failed, so IAM's current status of AKIADEMOALICE00002 is not known: IAM refused: SignatureDoesNotMatch/);
    assert.doesNotMatch(refused, /IAM shows/);

    // Its answer lost too: a failed check, not a status.
    await fillForm(page, { secretAccessKey: DEMO.alice.secretAccessKey });
    proxy.loseNext('ListAccessKeys', 3);
    const lost = await checkNow(/no answer from/);
    assert.match(lost, /^The check itself failed, so IAM's current status of AKIADEMOALICE00002 is not known: Sent, but no answer from 127\.0\.0\.1:\d+ could be read/);
    assert.deepEqual(violations, []);
  });
});

describe('Check with IAM after a cancel', () => {
  let stack;
  let browser;
  let context;
  let page;
  let violations;

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    await stack.control({ reset: true });
    context = await browser.newContext();
    violations = await watchCsp(context);
    page = await context.newPage();
    await page.goto(stack.pageUrl);
    await waitReady(page);
  });
  afterEach(() => context.close());

  test('cancelled after sending, the change made anyway: Check shows it', async () => {
    await stack.control({ delayNextMs: 1500 }); // IAM handles the request after the page stopped waiting
    await fillForm(page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Attempt 1 of 3: sending to').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled.').waitFor();
    assert.equal(await page.locator('#curl-panel').isVisible(), true, 'the curl way is still offered');
    await waitFor(() => stack.keyStatus('alice', DEMO.alice.otherKeyId) === 'Inactive');

    await page.getByRole('button', { name: 'Check with IAM' }).click();
    await page.locator('#outcome-check').filter({ hasText: 'IAM shows' }).waitFor();
    assert.equal(await page.locator('#outcome-check').innerText(),
      `IAM shows ${DEMO.alice.otherKeyId} as Inactive now: the status the lost request asked for.`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'outcome-check');
    assert.deepEqual(violations, []);
  });

  test('no Check button where the request never left the page', async () => {
    await fillForm(page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await chooseCustomEndpoint(page, 'https://iam.example.invalid');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#outcome-heading').filter({ hasText: 'Not sent' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Check with IAM' }).count(), 0);
  });
});

/** Sets the key's status through the local endpoint from here, as another client would (the package in Node). */
async function fetchIamUpdate(stack, status) {
  const client = createClient({ endpoint: stack.iam.url, region: 'us-east-1', credentials: DEMO.alice });
  await client.updateAccessKey({ UserName: 'alice', AccessKeyId: DEMO.alice.otherKeyId, Status: status });
  assert.equal(stack.keyStatus('alice', DEMO.alice.otherKeyId), status);
}

async function waitFor(condition, timeoutMs = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => { setTimeout(resolve, 50); });
  }
}
