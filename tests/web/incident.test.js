// The leak response on the page (web/leak/incident-panel.js) against the
// local endpoint, in Debian's Chromium: an attacker mints an MFA session from
// dave's leaked key; the defender (alice) responds on the page: whose key,
// owner, deactivate (the attacker's session still works), cut the sessions
// (the session is now refused with an explicit deny); the record saved as
// JSON and Markdown matches the endpoint's state; the quarantined user's own
// key is refused and explained, and switching the signing credentials to an
// administrator continues without losing progress. No secret in the DOM,
// storage, the console or the saved records. Screenshots at 1280x900 and 390x844.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createClient, IamError } from 'keyflip';
import { DEMO_KEYS, DEMO_MFA } from '../../scripts/local-iam/demo-keys.js';
import { DEMO, fillForm, screenshot, secretsOutsideInputs, usePageStack } from './harness.js';

const ACCOUNT = '123456789012';
const DAVE = DEMO_KEYS.dave;
const QUENTIN = DEMO_KEYS.quentin;

describe('the leak response against the local IAM endpoint', () => {
  const consoleLines = [];
  const web = usePageStack({
    perTest: true,
    async opened(page) {
      consoleLines.length = 0;
      page.on('console', (message) => consoleLines.push(message.text()));
    },
    async check({ page, violations }) {
      assert.deepEqual(violations, [], 'no CSP violation');
    },
  });

  /** The secrets a test must never find outside their inputs. */
  const secretsOf = (extra = {}) => ({
    alice: DEMO.alice.secretAccessKey, dave: DAVE.secretAccessKey, quentin: QUENTIN.secretAccessKey, ...extra,
  });

  async function assertNoSecrets(page, secrets, files = []) {
    assert.deepEqual(await secretsOutsideInputs(page, secrets), [], 'no secret outside its input, in storage or in a cache');
    for (const text of [...consoleLines, ...files]) {
      for (const [name, value] of Object.entries(secrets)) assert.ok(!text.includes(value), `${name} in the console or a saved record`);
    }
  }

  async function saved(page, label) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }

  async function paste(page, text) {
    await page.getByLabel('Text with the key ID').fill(text);
  }

  test('the defender cuts off a session minted from the leaked key; the record matches the endpoint', async () => {
    const { page, stack } = web;
    // The attacker mints an MFA session from dave's key.
    const attacker = createClient({ endpoint: stack.iam.url, region: 'us-east-1', credentials: DAVE, maxAttempts: 1 });
    const { Credentials: minted } = await attacker.getSessionToken({ SerialNumber: DEMO_MFA.serialNumber, TokenCode: DEMO_MFA.tokenCode, DurationSeconds: 3600 });
    const session = createClient({
      endpoint: stack.iam.url, region: 'us-east-1', maxAttempts: 1,
      credentials: { accessKeyId: minted.AccessKeyId, secretAccessKey: minted.SecretAccessKey, sessionToken: minted.SessionToken },
    });
    const attackerCall = () => session.listAccessKeys({ UserName: 'dave' });
    await attackerCall();

    await fillForm(page, DEMO.alice);
    await paste(page, `Found in a public repository:\nexport AWS_ACCESS_KEY_ID=${DAVE.accessKeyId}\n`);
    await page.getByRole('button', { name: 'Respond to this leak' }).click();

    // Deactivate, asked first.
    await page.getByRole('dialog').getByText(`Deactivate ${DAVE.accessKeyId}?`).waitFor();
    await screenshot(page, 'incident-confirm-deactivate');
    await page.getByRole('button', { name: `Deactivate ${DAVE.accessKeyId}` }).click();

    // The cut, asked next: by now the key is off, and the attacker's session still works (as on AWS).
    await page.getByRole('dialog').getByText('Cut off the sessions made from dave\'s keys?').waitFor();
    assert.equal(stack.keyStatus('dave', DAVE.accessKeyId), 'Inactive');
    assert.equal((await attackerCall()).statusCode, 200);
    assert.match(await page.locator('dialog pre.policy').innerText(), /^\{"Version":"2012-10-17","Statement":\{"Effect":"Deny","Action":"\*","Resource":"\*","Condition":\{"DateLessThan":\{"aws:TokenIssueTime":"[^"]+"\}\}\}\}$/);
    assert.match(await page.getByRole('dialog').innerText(), /AssumeRole/);
    await screenshot(page, 'incident-confirm-cut');
    await page.getByRole('button', { name: 'Put the deny on dave' }).click();

    await page.locator('#incident-status').filter({ hasText: /^Done:/ }).waitFor();
    // The session is now refused with an explicit deny.
    const refused = await attackerCall().catch((error) => error);
    assert.ok(refused instanceof IamError);
    assert.equal(refused.code, 'AccessDenied');
    assert.match(refused.message, /with an explicit deny/);

    assert.equal(await page.locator('#incident-ownership').innerText(), `This key is of the account you are signed into (${ACCOUNT}).`);
    assert.match(await page.locator('#incident-owner').innerText(), /^Owner: dave; key status: Inactive;/);
    assert.match(await page.locator('#incident-cut').innerText(), /^Sessions of dave issued before \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC are denied \(keyflip-revoke-older-sessions, read back from IAM\)\.$/);
    const steps = await page.locator('#incident-steps li').allInnerTexts();
    assert.ok(steps.some((s) => /iam:UpdateAccessKey: done .*request id [0-9a-f-]{36}/s.test(s)), steps.join('\n'));
    assert.ok(steps.some((s) => /iam:PutUserPolicy: done .*request id [0-9a-f-]{36}/s.test(s)), steps.join('\n'));
    assert.match(await page.locator('#incident-next-list').innerText(), /Search CloudTrail for AKIADEMODAVE000001 in every region/);
    assert.match(await page.locator('#incident-not-covered').innerText(), /AssumeRole/);
    await screenshot(page, 'incident-done-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no horizontal scroll at 390 px');
    await screenshot(page, 'incident-done-phone');

    // The saved record against the endpoint's state.
    const json = await saved(page, 'Save the incident record (JSON)');
    assert.match(json.name, /^keyflip-incident-AKIADEMODAVE000001-\d{8}T\d{6}Z\.json$/);
    const record = JSON.parse(json.text);
    const state = stack.iam.state.snapshot();
    const dave = state.users.find((u) => u.userName === 'dave');
    assert.equal(record.owner.status, dave.accessKeys[0].status);
    assert.deepEqual(dave.inlinePolicies, ['keyflip-revoke-older-sessions']);
    assert.equal(record.policy.name, dave.inlinePolicies[0]);
    assert.equal(record.policy.readBack, 'matches');
    assert.equal(record.keyAccount, state.accountId);
    assert.deepEqual(record.signers, [`arn:aws:iam::${ACCOUNT}:user/alice`]);
    const calls = record.steps.filter((s) => s.action && s.outcome !== 'approved');
    for (const s of calls) assert.match(s.requestId, /^[0-9a-f-]{36}( [0-9a-f-]{36})*$/, `${s.step} ${s.action}`);
    assert.equal(record.steps.filter((s) => s.action === 'iam:UpdateAccessKey' && s.outcome === 'ok').length, state.requests.byAction.UpdateAccessKey);
    assert.equal(record.steps.filter((s) => s.action === 'iam:PutUserPolicy' && s.outcome === 'ok').length, state.requests.byAction.PutUserPolicy);
    const markdown = await saved(page, 'Save the incident record (Markdown)');
    assert.match(markdown.name, /\.md$/);
    assert.ok(markdown.text.includes(record.policy.document));
    await assertNoSecrets(page, secretsOf({ sessionSecret: minted.SecretAccessKey, sessionToken: minted.SessionToken }), [json.text, markdown.text]);
  });

  test('the quarantined user\'s own key is refused and explained; an administrator continues without losing progress', async () => {
    const { page, stack } = web;
    await fillForm(page, QUENTIN);
    await paste(page, QUENTIN.accessKeyId);
    await page.getByRole('button', { name: 'Respond to this leak' }).click();
    // quentin's only key is the leaked one and signs: asked as a lock-out first.
    await page.getByRole('dialog').getByText('Deactivate the key that signs these requests?').waitFor();
    await page.getByRole('button', { name: `Deactivate ${QUENTIN.accessKeyId} anyway` }).click();

    const status = page.locator('#incident-status');
    await status.filter({ hasText: /quarantined/ }).waitFor();
    assert.match(await status.innerText(), /^You are signing as quentin, the user AWS quarantined with AWSCompromisedKeyQuarantineV2, .*Another principal must act/);
    assert.match(await page.locator('#incident-quarantine').innerText(), /^AWS attached AWSCompromisedKeyQuarantineV2 to quentin .*Do NOT remove it/);
    assert.ok(await page.locator('#incident-switch').isVisible());
    assert.equal(stack.keyStatus('quentin', QUENTIN.accessKeyId), 'Active');
    const before = await page.locator('#incident-steps li').count();
    await screenshot(page, 'incident-quarantine-denied');

    // Switch the signing credentials to alice's, and continue.
    await page.getByRole('button', { name: 'Change the signing credentials' }).click();
    await fillForm(page, DEMO.alice);
    await page.getByRole('button', { name: 'Continue with the credentials now in the form' }).click();
    await page.getByRole('button', { name: 'Put the deny on quentin' }).click();
    await status.filter({ hasText: /^Done:/ }).waitFor();
    assert.equal(stack.keyStatus('quentin', QUENTIN.accessKeyId), 'Inactive');
    assert.deepEqual(stack.iam.state.snapshot().users.find((u) => u.userName === 'quentin').inlinePolicies, ['keyflip-revoke-older-sessions']);
    const steps = await page.locator('#incident-steps li').allInnerTexts();
    assert.ok(steps.length > before, 'the earlier steps are kept');
    assert.ok(steps.some((s) => /iam:UpdateAccessKey: refused .*signed by arn:aws:iam::\d{12}:user\/quentin/s.test(s)), steps.join('\n'));
    assert.ok(steps.some((s) => /iam:UpdateAccessKey: done .*signed by arn:aws:iam::\d{12}:user\/alice/s.test(s)), steps.join('\n'));
    assert.ok(await page.locator('#incident-switch').isHidden());
    await screenshot(page, 'incident-quarantine-done');
    const record = JSON.parse((await saved(page, 'Save the incident record (JSON)')).text);
    assert.deepEqual(record.signers, [`arn:aws:iam::${ACCOUNT}:user/quentin`, `arn:aws:iam::${ACCOUNT}:user/alice`]);
    await assertNoSecrets(page, secretsOf());
  });
});
