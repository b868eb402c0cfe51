// The page's account work against the local IAM endpoint, in Debian's
// Chromium: who signs (an IAM user, temporary credentials), the keys table
// with last use, a flip confirmed by reading it back, the confirmation before
// the signing key is turned off, a key's owner found from its ID, and every
// user of an account listed across several ListUsers pages.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, checkCredentials, keysStatus, screenshot, secretsOutsideInputs, tableRows, usePageStack } from './harness.js';

const ALICE_ARN = /^arn:aws:iam::\d{12}:user\/alice$/;

describe('the keys table against the local IAM endpoint', () => {
  const web = usePageStack({
    perTest: true,
    async check({ page, violations }) {
      assert.deepEqual(violations, [], 'no CSP violation');
      const secrets = { aliceSecret: DEMO.alice.secretAccessKey, sessionSecret: DEMO.session.secretAccessKey, sessionToken: DEMO.session.sessionToken };
      assert.deepEqual(await secretsOutsideInputs(page, secrets), [], 'no secret outside its input, in storage or in a cache');
    },
  });

  const actions = () => web.stack.iam.state.snapshot().requests.byAction;

  test('Check credentials shows the signing user and ARN, and the table lists their keys with last use', async () => {
    await checkCredentials(web.page, DEMO.alice);
    await keysStatus(web.page, /^Listed 2 keys of the signer\./);
    const signer = await web.page.locator('#signer-status').innerText();
    assert.match(signer, /^Signing as IAM user alice \(arn:aws:iam::\d{12}:user\/alice\), with access key AKIADEMOALICE00001\.$/);
    const rows = await tableRows(web.page);
    assert.deepEqual(rows.map((r) => [r.user, r.key, r.status, r.signing]), [
      ['alice', 'AKIADEMOALICE00001', 'Active', true],
      ['alice', 'AKIADEMOALICE00002', 'Active', false],
    ]);
    assert.match(rows[0].created, /^2024-03-01 \(\d+ days\)$/);
    // The check itself was a use of the signing key; the other was last used 40 days ago in s3.
    assert.match(rows[0].lastUsed, /^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(today\), iam, us-east-1$/);
    assert.match(rows[1].lastUsed, /^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(40 days ago\), s3, eu-west-1$/);
    assert.match(await web.page.locator('#keys-body tr.signing-key').innerText(), /signs this page's requests/);
    assert.ok(actions().GetUser >= 1 && actions().GetAccessKeyLastUsed >= 2);
    await screenshot(web.page, 'keys-signer-table');
  });

  test('temporary credentials: the page says so plainly and asks for the user to work on', async () => {
    await checkCredentials(web.page, DEMO.session);
    const status = web.page.locator('#signer-status');
    await status.filter({ hasText: 'temporary or role credentials' }).waitFor();
    assert.match(await status.innerText(), /^These are temporary or role credentials \(access key ASIADEMOSESSION001 with a session token\): they belong to no IAM user/);
    assert.match(await status.innerText(), /Enter the user to work on\.$/);
    assert.equal(await web.page.evaluate(() => document.activeElement.id), 'work-user', 'focus goes to the question');
    await screenshot(web.page, 'keys-temporary-credentials');
    await web.page.getByLabel('User to work on').fill('bob');
    await web.page.getByRole('button', { name: 'Use this user' }).click();
    await keysStatus(web.page, /^Listed 1 key of user bob\./);
    assert.match(await status.innerText(), /^Working on IAM user bob \(arn:aws:iam::\d{12}:user\/bob\), signing with temporary credentials/);
    assert.deepEqual((await tableRows(web.page)).map((r) => [r.user, r.key, r.signing]), [['bob', 'AKIADEMOBOB000001', false]]);
    assert.match((await tableRows(web.page))[0].lastUsed, /\(6 days ago\), sts, us-east-1$/);
    await screenshot(web.page, 'keys-temporary-work-user');
  });

  test('a flip is confirmed by reading it back, with its request id', async () => {
    await checkCredentials(web.page, DEMO.alice);
    await keysStatus(web.page, /^Listed 2 keys/);
    const listsBefore = actions().ListAccessKeys;
    await web.page.getByRole('button', { name: 'Deactivate AKIADEMOALICE00002 (alice)' }).click();
    await keysStatus(web.page, /^AKIADEMOALICE00002 \(alice\) to Inactive: /);
    assert.equal(await web.page.locator('#keys-status').innerText(), 'AKIADEMOALICE00002 (alice) to Inactive: confirmed by IAM.');
    assert.equal(web.stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Inactive');
    assert.ok(actions().ListAccessKeys > listsBefore, 'read back with ListAccessKeys');
    const row = (await tableRows(web.page)).find((r) => r.key === 'AKIADEMOALICE00002');
    assert.equal(row.status, 'Inactive');
    assert.match(row.outcome, /^confirmed by IAM\s*request id [0-9a-f-]{36}$/);
    // The button now offers the way back, and focus stayed on it.
    assert.equal(await web.page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Activate AKIADEMOALICE00002 (alice)');
    await screenshot(web.page, 'keys-flip-confirmed');
  });

  test('deactivating the signing key asks first, says the credentials stop working, and Escape keeps it', async () => {
    await checkCredentials(web.page, DEMO.alice);
    await keysStatus(web.page, /^Listed 2 keys/);
    const updates = () => actions().UpdateAccessKey ?? 0;
    const deactivate = web.page.getByRole('button', { name: 'Deactivate AKIADEMOALICE00001 (alice)' });
    await deactivate.click();
    const dialog = web.page.getByRole('dialog', { name: "Deactivate the key that signs this page's requests?" });
    await dialog.waitFor();
    const text = await web.page.locator('#lockout-text').innerText();
    assert.match(text, /^AKIADEMOALICE00001 \(user alice\) signs this page's requests\./);
    assert.match(text, /these credentials stop working at once/);
    assert.match(text, /cannot send another request with them, not even to turn the key back on/);
    assert.equal(await web.page.evaluate(() => document.activeElement.id), 'lockout-keep', 'the safe choice has focus');
    await screenshot(web.page, 'keys-lockout-confirmation');
    await web.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await web.page.locator('#keys-status').innerText(), 'Kept AKIADEMOALICE00001 Active.');
    assert.equal(updates(), 0, 'nothing sent');
    assert.equal(await web.page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Deactivate AKIADEMOALICE00001 (alice)');

    await deactivate.click();
    await web.page.getByRole('button', { name: 'Deactivate the signing key' }).click();
    await keysStatus(web.page, /^AKIADEMOALICE00001 \(alice\) to Inactive: /);
    assert.equal(web.stack.keyStatus('alice', DEMO.alice.accessKeyId), 'Inactive');
    // IAM said OK; reading back needs the credentials just turned off: said, not guessed.
    assert.match(await web.page.locator('#keys-status').innerText(), /to Inactive: sent; not confirmed: reading it back failed \(/);
    await screenshot(web.page, 'keys-lockout-done');
  });

  test('finds a key\'s owner in a pasted line, shows the owner\'s other keys, and updates in place after Deactivate with focus kept', async () => {
    await web.page.getByLabel('Access key ID').fill(DEMO.alice.accessKeyId);
    await web.page.getByLabel('Secret access key').fill(DEMO.alice.secretAccessKey);
    await web.page.getByLabel('Text with the key ID').fill('[leaked]\naws_access_key_id = AKIADEMOALICE00002\naws_secret_access_key = not-read-by-the-page\n');
    assert.deepEqual(await web.page.locator('#lookup-found-list label').allInnerTexts(), ['AKIADEMOALICE00002 (long-term key of an IAM user)']);
    await web.page.getByRole('button', { name: 'Find the owner' }).click();
    const heading = web.page.locator('#lookup-heading-result');
    await heading.waitFor();
    assert.equal(await heading.innerText(), 'AKIADEMOALICE00002 belongs to user alice.');
    assert.equal(await web.page.evaluate(() => document.activeElement.id), 'lookup-heading-result');
    assert.match(await web.page.locator('#lookup-last-use').innerText(), /^Last used: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(40 days ago\), s3, eu-west-1\.$/);
    assert.match(await web.page.locator('#lookup-status').innerText(), /^Status: Active; created \d{4}-\d\d-\d\d \(\d+ days\)\.$/);
    // The owner's other key (the signing one), with its status and last use.
    await web.page.locator('#lookup-other-keys li').filter({ hasText: /last used \d{4}/ }).waitFor();
    assert.match(await web.page.locator('#lookup-other-keys').innerText(), /^AKIADEMOALICE00001: Active; created 2024-03-01 \(\d+ days\); last used \d{4}-\d\d-\d\d \d\d:\d\d UTC \(today\), iam, us-east-1$/);
    await screenshot(web.page, 'lookup-owner');
    await web.page.locator('#lookup-deactivate').focus();
    await web.page.keyboard.press('Enter');
    await web.page.locator('#lookup-outcome').filter({ hasText: 'confirmed by IAM' }).waitFor();
    assert.match(await web.page.locator('#lookup-outcome').innerText(), /^confirmed by IAM \(request id [0-9a-f-]{36}\)\.$/);
    // The same result, updated in place: the status IAM confirmed and when, in UTC.
    assert.match(await web.page.locator('#lookup-status').innerText(), /^Status: Inactive, confirmed by IAM at \d\d:\d\d:\d\d UTC; created /);
    assert.equal(await web.page.evaluate(() => document.activeElement.id), 'lookup-deactivate', 'focus stays where the person was');
    assert.equal(await web.page.locator('#lookup-deactivate').innerText(), 'AKIADEMOALICE00002 is Inactive');
    assert.equal(web.stack.keyStatus('alice', 'AKIADEMOALICE00002'), 'Inactive');
    // The table shows the same key the same way.
    const row = (await tableRows(web.page)).find((r) => r.key === 'AKIADEMOALICE00002');
    assert.equal(row.status, 'Inactive');
    await screenshot(web.page, 'lookup-deactivated');
  });

  test('several key IDs in a leak report: each listed, one picked and looked up', async () => {
    await web.page.getByLabel('Access key ID').fill(DEMO.alice.accessKeyId);
    await web.page.getByLabel('Secret access key').fill(DEMO.alice.secretAccessKey);
    await web.page.getByLabel('Text with the key ID').fill('2026-12-08T04:00:00Z found "AKIADEMOBOB000001" and export AWS_ACCESS_KEY_ID=AKIADEMOALICE00002 in a public repo');
    assert.deepEqual(await web.page.locator('#lookup-found-list input').evaluateAll((inputs) => inputs.map((i) => [i.value, i.checked])),
      [['AKIADEMOBOB000001', true], ['AKIADEMOALICE00002', false]]);
    await web.page.getByLabel(/^AKIADEMOBOB000001/).check();
    await web.page.getByRole('button', { name: 'Find the owner' }).click();
    await web.page.locator('#lookup-heading-result').waitFor();
    assert.equal(await web.page.locator('#lookup-heading-result').innerText(), 'AKIADEMOBOB000001 belongs to user bob.');
    assert.match(await web.page.locator('#lookup-result').innerText(), /bob has no other keys\./);
  });

  test('an unknown key says it may be another account\'s; text without a key ID is not sent, and its error clears on the next edit', async () => {
    await web.page.getByLabel('Access key ID').fill(DEMO.alice.accessKeyId);
    await web.page.getByLabel('Secret access key').fill(DEMO.alice.secretAccessKey);
    await web.page.getByLabel('Text with the key ID').fill('AKIA-bad!');
    await web.page.getByRole('button', { name: 'Find the owner' }).click();
    assert.match(await web.page.locator('#lookup-text-error').innerText(), /^No access key ID found in the text/);
    assert.equal(web.stack.iam.state.snapshot().requests.total, 0, 'nothing sent');
    await web.page.getByLabel('Text with the key ID').fill('AKIADOESNOTEXIST0001');
    assert.equal(await web.page.locator('#lookup-text-error').innerText(), '', 'the error went with the edit');
    await web.page.getByRole('button', { name: 'Find the owner' }).click();
    await web.page.locator('#lookup-error').waitFor();
    assert.match(await web.page.locator('#lookup-error').innerText(), /^Could not look up AKIADOESNOTEXIST0001: IAM refused: NoSuchEntity: /);
    assert.match(await web.page.locator('#lookup-hint').innerText(), /the key may belong to another AWS account/);
    await screenshot(web.page, 'lookup-unknown-key');
    // A temporary key (ASIA…) has no owner in IAM: said so, rather than "another account".
    await web.page.getByLabel('Text with the key ID').fill('AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A');
    assert.match(await web.page.locator('#lookup-found-list').innerText(), /ASIAY34FZKBOKMUTVV7A \(temporary key \(from STS\)\)/);
    await web.page.getByRole('button', { name: 'Find the owner' }).click();
    await web.page.locator('#lookup-hint').waitFor();
    assert.match(await web.page.locator('#lookup-hint').innerText(), /^This is a temporary key \(ASIA…\): IAM holds no owner for it\./);
  });
});

describe('the account work without an answering endpoint', () => {
  const web = usePageStack();

  test('offline, or with an endpoint that is not there: says what needs the network, and sends nothing', async () => {
    const { context, page, violations } = await web.open();
    await page.getByLabel('Access key ID').fill(DEMO.alice.accessKeyId);
    await page.getByLabel('Secret access key').fill(DEMO.alice.secretAccessKey);
    await context.setOffline(true);
    await page.getByText('Offline: validating, signing, inspecting and presigning still work. Checking credentials, the keys table, '
      + "finding a key's owner and sending need a connection").waitFor();
    const notSent = /^Not sent: this browser is offline\. This needs the network; validating, signing, Inspect, curl and Presign work without it\.$/;
    await page.getByRole('button', { name: 'Check credentials' }).click();
    assert.match(await page.locator('#signer-status').innerText(), notSent);
    await page.getByRole('button', { name: 'All users of the account' }).click();
    assert.match(await page.locator('#keys-status').innerText(), notSent);
    await page.getByLabel('Text with the key ID').fill('AKIADEMOBOB000001');
    await page.getByRole('button', { name: 'Find the owner' }).click();
    assert.match(await page.locator('#lookup-result').innerText(), notSent);
    assert.equal(web.stack.iam.state.snapshot().requests.total, 0);
    await screenshot(page, 'keys-offline');

    // Online, but the endpoint is gone: sent, no answer, and said so.
    await context.setOffline(false);
    await web.stack.iam.close();
    await page.getByRole('button', { name: 'Check credentials' }).click();
    await page.locator('#signer-status').filter({ hasText: 'Could not check the credentials' }).waitFor({ timeout: 20_000 });
    assert.match(await page.locator('#signer-status').innerText(),
      /^Could not check the credentials: Sent, but no answer from 127\.0\.0\.1:\d+ could be read .* validating, signing, Inspect, curl and Presign work without one\.$/);
    // Signing still works.
    await page.getByLabel(/^AccessKeyId/).fill(DEMO.alice.otherKeyId);
    await page.getByLabel(/^Inactive:/).check();
    await page.getByRole('button', { name: 'Inspect' }).click();
    assert.match(await page.locator('#inspect-signature').innerText(), /^[0-9a-f]{64}$/);
    await screenshot(page, 'keys-no-endpoint');
    assert.deepEqual(violations, []);
    await context.close();
  });
});

describe('every user of an account across several ListUsers pages', () => {
  // 150 users (IAM pages ListUsers 100 at a time by default), one in five with a key.
  const users = Array.from({ length: 150 }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return {
      userName: `user-${n}`,
      accessKeys: i % 5 === 0 ? [{ accessKeyId: `AKIAPAGEDUSER00${n}`, secretAccessKey: `paged-secret-${n}-not-a-real-secret`, createDate: '2025-01-01T00:00:00Z' }] : [],
    };
  });
  const web = usePageStack({ data: { users } });

  test('"All users of the account" follows every page and lists every key', async () => {
    const { context, page, violations } = await web.open();
    await page.getByLabel('Access key ID').fill('AKIAPAGEDUSER00001');
    await page.getByLabel('Secret access key').fill('paged-secret-001-not-a-real-secret');
    await web.stack.control({ deniedActions: ['GenerateCredentialReport'] }); // the per-user path (report-keys.test.js has the report's)
    await page.getByRole('button', { name: 'All users of the account' }).click();
    const status = await keysStatus(page, /ListUsers\.\)$/);
    assert.match(status, /^Listed 30 keys of 150 users\. 120 users have no access keys\. \(150 users, 2 pages of ListUsers\.\)$/);
    const { byAction } = web.stack.iam.state.snapshot().requests;
    assert.equal(byAction.ListUsers, 2);
    assert.equal(byAction.ListAccessKeys, 150);
    const rows = await tableRows(page);
    assert.equal(rows.length, 30);
    assert.deepEqual(rows.map((r) => r.key), users.flatMap((u) => u.accessKeys.map((k) => k.accessKeyId)));
    assert.ok(rows.every((r) => r.lastUsed === 'never' || /iam, us-east-1$/.test(r.lastUsed)), 'every last use read');
    await screenshot(page, 'keys-all-users-paged');
    assert.deepEqual(violations, []);
    await context.close();
  });
});
