// "Check with IAM" on the single-call form's outcomes that cannot know
// whether the change was made, in Debian's Chromium: answers lost (by a proxy
// that hides them from the browser, as a missing CORS header does) while IAM
// made the change, and a cancel after sending; the check shows the status IAM
// really holds, a failed check says so, focus moves to the result, the curl
// command stays, and no CSP violation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../wasm/js/index.js';
import { startPageServer } from '../../scripts/page/server.js';
import { startLossyProxy } from './lossy-proxy.js';
import { DEMO, chooseCustomEndpoint, fillForm, screenshot, startStack, usePageStack } from './harness.js';

describe('Check with IAM after a send whose answer was lost', () => {
  // The local IAM behind a proxy that can lose answers, and a page server
  // whose CSP admits the proxy; the page is opened with the proxy as its endpoint.
  const web = usePageStack({
    perTest: true,
    async start() {
      const stack = await startStack();
      const proxy = await startLossyProxy(stack.iam.url);
      const pageServer = await startPageServer({ port: 0, endpoints: [proxy.url] });
      return {
        ...stack,
        proxy,
        pageUrl: pageServer.url,
        close: () => Promise.all([stack.close(), proxy.close(), pageServer.close()]),
      };
    },
    async reset(stack) {
      await stack.control({ reset: true });
      stack.proxy.reset();
    },
    opened: (page, stack) => chooseCustomEndpoint(page, stack.proxy.url),
  });

  const outcomeCheck = () => web.page.locator('#outcome-check');
  const checkButton = () => web.page.getByRole('button', { name: 'Check with IAM' });
  async function checkNow(pattern) {
    await checkButton().click();
    await outcomeCheck().filter({ hasText: pattern }).waitFor();
    assert.equal(await web.page.evaluate(() => document.activeElement?.id), 'outcome-check', 'focus is on the result');
    assert.equal(await outcomeCheck().getAttribute('role'), 'status', 'the result is a live region');
    return outcomeCheck().innerText();
  }

  test('every answer lost while IAM made the change: Check shows the key as IAM holds it now', async () => {
    web.stack.proxy.loseNext('UpdateAccessKey', 3); // every attempt: the page makes 3
    await fillForm(web.page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('Sent, but no answer could be read: the change may have been made').waitFor();
    assert.equal(web.stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Inactive', 'IAM did make the change');
    assert.match(await web.page.locator('#outcome').innerText(), /run the curl command below/, 'the curl way is still offered');
    assert.equal(await web.page.locator('#curl-panel').isVisible(), true);
    assert.equal(await outcomeCheck().innerText(), '', 'nothing is said before checking');

    const text = await checkNow(/IAM shows/);
    assert.equal(text, `IAM shows ${DEMO.alice.otherKeyId} as Inactive now: the status the lost request asked for.`);
    await screenshot(web.page, 'check-with-iam-after-lost-answer');

    // Asked again after IAM's status changed elsewhere, it says the new one: a read, never a remembered guess.
    await fetchIamUpdate(web.stack, 'Active');
    assert.equal(await checkNow(/as Active/),
      `IAM shows ${DEMO.alice.otherKeyId} as Active now: not the Inactive the lost request asked for (IAM is eventually consistent: check again in a few seconds to be sure).`);
    assert.deepEqual(web.violations, [], 'no CSP violation');
  });

  test('a key not among the signing user\'s keys (no UserName) is said to be missing', async () => {
    web.stack.proxy.loseNext('UpdateAccessKey', 3);
    // No UserName: the signing user's (alice's) keys are read; this key is not one of them (it does not exist).
    await fillForm(web.page, { ...DEMO.alice, targetKeyId: 'AKIADOESNOTEXIST0001', status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('Sent, but no answer could be read').waitFor();
    assert.equal(await checkNow(/not among/),
      'AKIADOESNOTEXIST0001 is not among the access keys IAM lists for the signing user, so it shows no status for it.');
    assert.deepEqual(web.violations, []);
  });

  test('a read call whose answer was lost changed nothing: no Check button', async () => {
    web.stack.proxy.loseNext('ListAccessKeys', 3);
    await web.page.locator('#action').selectOption('ListAccessKeys');
    await fillForm(web.page, { ...DEMO.alice, userName: 'alice' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('Sent, but no answer could be read').waitFor();
    assert.equal(await checkButton().count(), 0);
  });

  test('a check that fails is reported as failed, with why, and no status is claimed', async () => {
    web.stack.proxy.loseNext('UpdateAccessKey', 3);
    await fillForm(web.page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('Sent, but no answer could be read').waitFor();

    // The check reads the credentials as they are now: a wrong secret makes IAM refuse the read.
    await fillForm(web.page, { secretAccessKey: 'not-the-right-secret-for-this-key' });
    const refused = await checkNow(/The check itself failed/);
    assert.match(refused, /^The check itself failed, so IAM's current status of AKIADEMOALICE00002 is not known: IAM refused: SignatureDoesNotMatch/);
    assert.doesNotMatch(refused, /IAM shows/);

    // Its answer lost too: a failed check, not a status.
    await fillForm(web.page, { secretAccessKey: DEMO.alice.secretAccessKey });
    web.stack.proxy.loseNext('ListAccessKeys', 3);
    const lost = await checkNow(/no answer from/);
    assert.match(lost, /^The check itself failed, so IAM's current status of AKIADEMOALICE00002 is not known: Sent, but no answer from 127\.0\.0\.1:\d+ could be read/);
    assert.deepEqual(web.violations, []);
  });
});

describe('Check with IAM after a cancel', () => {
  const web = usePageStack({ perTest: true });

  test('cancelled after sending, the change made anyway: Check shows it', async () => {
    await web.stack.control({ delayNextMs: 1500 }); // IAM handles the request after the page stopped waiting
    await fillForm(web.page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('Attempt 1 of 3: sending to').waitFor();
    await web.page.getByRole('button', { name: 'Cancel' }).click();
    await web.page.getByText('Cancelled.').waitFor();
    assert.equal(await web.page.locator('#curl-panel').isVisible(), true, 'the curl way is still offered');
    await waitFor(() => web.stack.keyStatus('alice', DEMO.alice.otherKeyId) === 'Inactive');

    await web.page.getByRole('button', { name: 'Check with IAM' }).click();
    await web.page.locator('#outcome-check').filter({ hasText: 'IAM shows' }).waitFor();
    assert.equal(await web.page.locator('#outcome-check').innerText(),
      `IAM shows ${DEMO.alice.otherKeyId} as Inactive now: the status the lost request asked for.`);
    assert.equal(await web.page.evaluate(() => document.activeElement?.id), 'outcome-check');
    assert.deepEqual(web.violations, []);
  });

  test('no Check button where the request never left the page', async () => {
    await fillForm(web.page, { ...DEMO.alice, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await chooseCustomEndpoint(web.page, 'https://iam.example.invalid');
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-heading').filter({ hasText: 'Not sent' }).waitFor();
    assert.equal(await web.page.getByRole('button', { name: 'Check with IAM' }).count(), 0);
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
