// "Rotate a key" in Debian's Chromium against the local endpoint (IAM and STS,
// new keys refused for a short propagation delay), at 1280x900 and 390x844,
// with screenshots: an admin rotating another user's key (erin), a user
// rotating the key that signs the page (erin), a user at the two-key limit
// (frank), and the rollback when the new key never works; the .csv byte for
// byte; after Done no trace of the secret in the DOM, storage, caches, the
// console or the saved record; the leave-page warning; the typed-ID delete;
// one rotation at a time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DEMO_KEYS } from '../../scripts/local-iam/demo-keys.js';
import { checkCredentials, keysStatus, screenshot, secretsOutsideInputs, tableRows, usePageStack } from './harness.js';

const VIEWPORTS = [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]];
const web = usePageStack();

/** A fresh page at viewport, the endpoint reset with a short key propagation; its console kept. */
async function open(t, viewport, { propagationMs = 300 } = {}) {
  await web.stack.control({ reset: true });
  await web.stack.control({ keyPropagationMs: propagationMs });
  const opened = await web.open({ viewport, acceptDownloads: true });
  t.after(() => opened.context.close());
  const consoleText = [];
  opened.page.on('console', (message) => consoleText.push(message.text()));
  opened.page.on('pageerror', (error) => consoleText.push(`pageerror ${error.message}`));
  return { ...opened, consoleText };
}

async function signIn(page, credentials) {
  await checkCredentials(page, credentials);
  await keysStatus(page, /^Listed \d+ keys? of the signer\./);
}

async function addUser(page, userName) {
  await page.getByLabel(/Add users by name/).fill(userName);
  await page.getByRole('button', { name: 'Add these users\' keys' }).click();
  await keysStatus(page, new RegExp(`^Listed \\d+ keys? of user ${userName}\\.`));
}

/** Waits for the one-time secret and reads it off the panel. */
async function newKey(page) {
  await page.locator('#secret-value').waitFor({ timeout: 30_000 });
  return { accessKeyId: await page.locator('#secret-key-id').innerText(), secretAccessKey: await page.locator('#secret-value').innerText() };
}

/** Answers the retire question (the panel's button, not the table row's Deactivate). */
async function retire(page, oldKeyId) {
  const button = page.locator('#rotation-retire');
  await button.waitFor({ timeout: 30_000 });
  assert.equal(await button.innerText(), `Deactivate ${oldKeyId}`);
  await button.click();
}

async function outcome(page) {
  await page.locator('#rotation-outcome-heading').waitFor({ timeout: 60_000 });
  return { heading: await page.locator('#rotation-outcome-heading').innerText(), message: await page.locator('#rotation-outcome-message').innerText() };
}

/** The saved record, as the page downloads it. */
async function savedRecord(page) {
  const download = page.waitForEvent('download');
  await page.locator('#rotation-save-record').click();
  return readFile(await (await download).path(), 'utf8');
}

/** No trace of secret: page (DOM, inputs, URL, storage, cookies, caches), console, record. */
async function assertNoTrace(page, consoleText, secret, recordText) {
  assert.deepEqual(await secretsOutsideInputs(page, { newSecret: secret }), []);
  assert.ok(!(await page.locator('#access-key-id, #secret-access-key').evaluateAll((inputs, s) => inputs.some((i) => i.value === s), secret)),
    'the new secret was written into a credentials input');
  assert.ok(!consoleText.some((line) => line.includes(secret)), 'the console shows the new secret');
  if (recordText !== undefined) assert.ok(!recordText.includes(secret), 'the record holds the new secret');
}

const rowOf = async (page, keyId) => (await tableRows(page)).find((row) => row.key === keyId);

for (const [name, viewport] of VIEWPORTS) {
  describe(`at ${viewport.width}x${viewport.height}`, () => {
    test(`${name}: an admin rotates another user's key: the .csv, Done wipes the secret, the record; then the typed-ID delete`, async (t) => {
      const { page, consoleText, violations } = await open(t, viewport);
      await signIn(page, DEMO_KEYS.alice1);
      await addUser(page, 'erin');
      const old = DEMO_KEYS.erin.accessKeyId;
      await page.getByRole('button', { name: `Rotate ${old} (erin)` }).click();
      const fresh = await newKey(page);
      await screenshot(page, `rotate-admin-secret-${name}`);

      // The Console's .csv, byte for byte.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download .csv' }).click();
      const csv = await download;
      assert.equal(csv.suggestedFilename(), 'erin_accessKeys.csv');
      assert.deepEqual(await readFile(await csv.path()), Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`Access key ID,Secret access key\r\n${fresh.accessKeyId},${fresh.secretAccessKey}\r\n`, 'utf8'),
      ]));
      assert.equal(await page.locator('#secret-credentials').textContent(),
        `[erin]\naws_access_key_id = ${fresh.accessKeyId}\naws_secret_access_key = ${fresh.secretAccessKey}\n`);
      assert.equal(await page.locator('#secret-environment').textContent(),
        `export AWS_ACCESS_KEY_ID=${fresh.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${fresh.secretAccessKey}\n`);

      await page.getByRole('button', { name: 'Done: I saved it' }).click();
      assert.equal(await page.locator('#rotation-secret').innerHTML(), '');
      await retire(page, old);
      const end = await outcome(page);
      assert.equal(end.heading, 'Rotated');
      assert.match(end.message, new RegExp(`${fresh.accessKeyId} works and the old key ${old} is Inactive`));
      assert.equal(web.stack.keyStatus('erin', old), 'Inactive');
      assert.equal(web.stack.keyStatus('erin', fresh.accessKeyId), 'Active');
      await keysStatus(page, /^Listed 2 keys of user erin\./);
      assert.equal((await rowOf(page, old)).status, 'Inactive');
      assert.equal((await rowOf(page, fresh.accessKeyId)).status, 'Active');
      const recordText = await savedRecord(page);
      const record = JSON.parse(recordText);
      assert.deepEqual([record.user, record.oldKeyId, record.newKeyId, record.outcome], ['erin', old, fresh.accessKeyId, 'rotated']);
      assert.match(record.signer.arn, /:user\/alice$/);
      await screenshot(page, `rotate-admin-done-${name}`);
      await assertNoTrace(page, consoleText, fresh.secretAccessKey, recordText);

      // Delete later: only the Inactive key offers Delete; the ID must be typed.
      assert.equal(await page.getByRole('button', { name: `Delete ${fresh.accessKeyId} (erin)` }).count(), 0);
      await page.getByRole('button', { name: `Delete ${old} (erin)` }).click();
      await page.locator('#delete-typed-id').waitFor();
      assert.match(await page.locator('#delete-message').innerText(), /cannot be undone.*used within the last 7 days/s);
      await page.locator('#delete-typed-id').fill(old.slice(0, -1));
      await page.getByRole('button', { name: `Delete ${old}`, exact: true }).click();
      await page.locator('#delete-outcome-heading').waitFor();
      assert.match(await page.locator('#delete-outcome').innerText(), /^Not deleted: the ID typed is not/);
      assert.equal(web.stack.keyStatus('erin', old), 'Inactive');
      await page.getByRole('button', { name: `Delete ${old} (erin)` }).click();
      await page.locator('#delete-typed-id').fill(old);
      await screenshot(page, `rotate-delete-typed-${name}`);
      await page.getByRole('button', { name: `Delete ${old}`, exact: true }).click();
      await page.locator('#delete-outcome').filter({ hasText: /^Deleted:/ }).waitFor();
      assert.equal(web.stack.keyStatus('erin', old), undefined);
      await keysStatus(page, /^Listed 1 key of user erin\./);
      assert.equal(await rowOf(page, old), undefined);
      assert.deepEqual(violations, []);
    });

    test(`${name}: a user rotates the key that signs the page: it signs with the new key from then on, never locked out`, async (t) => {
      const { page, consoleText } = await open(t, viewport);
      const old = DEMO_KEYS.erin.accessKeyId;
      await signIn(page, DEMO_KEYS.erin);
      await page.getByRole('button', { name: `Rotate ${old} (erin)` }).click();
      const fresh = await newKey(page);
      await page.getByRole('button', { name: 'Done: I saved it' }).click();
      await page.locator('#rotation-retire').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('#rotation-question').innerText(), /This page signs with the old key: it switches to the new one first/);
      await retire(page, old);
      const end = await outcome(page);
      assert.equal(end.heading, 'Rotated', end.message);
      assert.equal(web.stack.keyStatus('erin', old), 'Inactive');
      assert.match(await page.locator('#rotate-signing').innerText(), new RegExp(`now signs with the new key ${fresh.accessKeyId}, held in memory only`));
      // The table was read again with the new key, and marks it as the one signing.
      await keysStatus(page, /^Listed 2 keys of user erin\./);
      assert.ok((await rowOf(page, fresh.accessKeyId)).signing);
      // Still not locked out: another request signed now succeeds.
      await page.getByRole('button', { name: `Activate ${old} (erin)` }).click();
      await page.locator('#keys-status').filter({ hasText: `${old} (erin) to Active` }).waitFor();
      assert.equal(web.stack.keyStatus('erin', old), 'Active');
      await screenshot(page, `rotate-own-key-${name}`);
      await assertNoTrace(page, consoleText, fresh.secretAccessKey);
    });

    test(`${name}: at the two-key limit the Inactive key is offered with its last use, deleted on the person's word, then the rotation`, async (t) => {
      const { page, consoleText } = await open(t, viewport);
      await signIn(page, DEMO_KEYS.alice1);
      await addUser(page, 'frank');
      const frankRows = (await tableRows(page)).filter((row) => row.user === 'frank');
      assert.equal(frankRows.length, 2);
      for (const row of frankRows) assert.ok(row.atLimit, 'frank is marked at the limit');
      assert.match(await page.locator('#keys-body tr', { hasText: frankRows[0].key }).locator('.limit-badge').innerText(), /^at IAM's limit of 2 keys$/);
      const inactive = frankRows.find((row) => row.status === 'Inactive').key;
      await page.getByRole('button', { name: `Rotate ${DEMO_KEYS.frank1.accessKeyId} (frank)` }).click();
      await page.locator('#rotation-pick-0').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('#rotation-question').innerText(), /frank has 2 access keys, IAM's limit/);
      assert.match(await page.locator('label[for="rotation-pick-0"]').innerText(), new RegExp(`${inactive} \\(Inactive; last used .*dynamodb`));
      assert.ok(await page.locator('#rotation-delete-pick').isDisabled(), 'nothing picked yet');
      await page.locator('#rotation-pick-0').check();
      await screenshot(page, `rotate-limit-pick-${name}`);
      await page.locator('#rotation-delete-pick').click();
      const fresh = await newKey(page);
      await page.getByRole('button', { name: 'Done: I saved it' }).click();
      await retire(page, DEMO_KEYS.frank1.accessKeyId);
      const end = await outcome(page);
      assert.equal(end.heading, 'Rotated', end.message);
      assert.equal(web.stack.keyStatus('frank', inactive), undefined);
      assert.equal(web.stack.keyStatus('frank', DEMO_KEYS.frank1.accessKeyId), 'Inactive');
      assert.equal(web.stack.keyStatus('frank', fresh.accessKeyId), 'Active');
      await keysStatus(page, /^Listed 2 keys of user frank\./);
      assert.equal(await rowOf(page, inactive), undefined);
      await screenshot(page, `rotate-limit-done-${name}`);
      await assertNoTrace(page, consoleText, fresh.secretAccessKey, await savedRecord(page));
    });

    test(`${name}: a new key that never works within the wait is offered for deletion and deleted; the old key untouched`, async (t) => {
      const { page, consoleText } = await open(t, viewport, { propagationMs: 60_000 });
      await signIn(page, DEMO_KEYS.alice1);
      await addUser(page, 'erin');
      await page.getByLabel('Wait for the new key to work up to (seconds)').fill('2');
      await page.getByRole('button', { name: `Rotate ${DEMO_KEYS.erin.accessKeyId} (erin)` }).click();
      const fresh = await newKey(page);
      await page.getByRole('button', { name: 'Done: I saved it' }).click();
      await page.locator('#rotation-rollback').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('#rotation-question').innerText(), new RegExp(`The new key ${fresh.accessKeyId} did not work within 2 s`));
      assert.match(await page.locator('#rotation-waiting').innerText(), /not yet \(InvalidClientTokenId\)/);
      await screenshot(page, `rotate-rollback-offer-${name}`);
      await page.locator('#rotation-rollback').click();
      const end = await outcome(page);
      assert.equal(end.heading, 'Rolled back');
      assert.equal(web.stack.keyStatus('erin', fresh.accessKeyId), undefined);
      assert.equal(web.stack.keyStatus('erin', DEMO_KEYS.erin.accessKeyId), 'Active');
      const record = JSON.parse(await savedRecord(page));
      assert.deepEqual(record.steps.filter((s) => s.step === 'prove-new-key').map((s) => [s.outcome, s.code]), [['failed', 'InvalidClientTokenId']]);
      await assertNoTrace(page, consoleText, fresh.secretAccessKey, JSON.stringify(record));
    });
  });
}

test('leaving or reloading the page while the secret is shown asks first; after Done it does not; one rotation at a time', async (t) => {
  const { page } = await open(t, { width: 1280, height: 900 }, { propagationMs: 60_000 });
  await signIn(page, DEMO_KEYS.alice1);
  await addUser(page, 'erin');
  await page.getByLabel('Wait for the new key to work up to (seconds)').fill('30');
  await page.getByRole('button', { name: `Rotate ${DEMO_KEYS.erin.accessKeyId} (erin)` }).click();
  await newKey(page);

  // Another rotation while this one runs: refused, this one goes on.
  await page.getByRole('button', { name: `Rotate ${DEMO_KEYS.alice1.accessKeyId} (alice)` }).click();
  assert.match(await page.locator('#rotation-outcome').innerText(), /One rotation at a time/);
  assert.equal(await page.locator('#secret-value').count(), 1);

  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.type()); dialog.dismiss(); });
  await page.close({ runBeforeUnload: true });
  await page.waitForTimeout(500);
  assert.deepEqual(dialogs, ['beforeunload']);
  assert.equal(page.isClosed(), false, 'the person stayed');
  assert.equal(await page.locator('#secret-value').count(), 1, 'the secret is still shown');

  await page.getByRole('button', { name: 'Done: I saved it' }).click();
  await page.getByRole('button', { name: 'Stop' }).click();
  const end = await outcome(page);
  assert.equal(end.heading, 'Stopped');
  await page.close({ runBeforeUnload: true });
  await page.waitForEvent('close', { timeout: 5_000 }).catch(() => {});
  assert.deepEqual(dialogs, ['beforeunload'], 'no second warning after Done');
  assert.equal(page.isClosed(), true);
});
