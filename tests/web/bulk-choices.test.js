// "Deactivate selected" protecting the person, against the local IAM
// endpoint in Debian's Chromium: the signing key in the selection is skipped
// (or the run cancelled) as chosen; keys used in the last days are listed
// with their last use and need an explicit confirmation; the saved record,
// as JSON and as CSV, is checked field by field against the endpoint's state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { keysStatus, screenshot, secretsOutsideInputs, tableRows, usePageStack } from './harness.js';
import { CSV_COLUMNS } from '../../web/review/summary.js';

const ADMIN = { accessKeyId: 'AKIACHOICEADMIN0001', secretAccessKey: 'choice-admin-secret-not-a-real-secret' };
const TEAM = [
  { userName: 'ops-recent', accessKeyId: 'AKIACHOICERECENT01', lastUsed: { daysAgo: 2, service: 'ec2', region: 'eu-west-1' } },
  { userName: 'ops-month', accessKeyId: 'AKIACHOICEMONTH001', lastUsed: { daysAgo: 30, service: 's3', region: 'us-east-1' } },
  { userName: 'ops-never', accessKeyId: 'AKIACHOICENEVER001', lastUsed: null },
  { userName: 'ops, quoted "name"'.replace(/[ ,"]/g, '-'), accessKeyId: 'AKIACHOICEWEEK0001', lastUsed: { daysAgo: 8, service: 'sts', region: 'ap-south-1' } },
];
const data = {
  users: [
    { userName: 'admin', accessKeys: [{ ...ADMIN, createDate: '2025-06-01T00:00:00Z' }] },
    ...TEAM.map((member, i) => ({
      userName: member.userName,
      accessKeys: [{ accessKeyId: member.accessKeyId, secretAccessKey: `choice-secret-${i}-not-a-real-secret`, createDate: `2024-0${i + 1}-10T08:30:00Z`, lastUsed: member.lastUsed }],
    })),
  ],
};

/** One CSV line's fields (RFC 4180 quoting; the record has no line breaks inside fields). */
function csvFields(line) {
  const fields = [];
  let at = 0;
  while (at <= line.length) {
    if (line[at] === '"') {
      let value = '';
      at += 1;
      for (;;) {
        const quote = line.indexOf('"', at);
        value += line.slice(at, quote);
        at = quote + 1;
        if (line[at] === '"') { value += '"'; at += 1; } else break;
      }
      fields.push(value);
      at += 1; // the comma
    } else {
      const comma = line.indexOf(',', at);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(at, end));
      at = end + 1;
    }
  }
  return fields;
}

/** Checks credentials as the admin, lists every user's keys (user by user: the report denied) and selects all of them. */
async function selectAllKeys(page, stack) {
  await page.getByLabel('Access key ID').fill(ADMIN.accessKeyId);
  await page.getByLabel('Secret access key').fill(ADMIN.secretAccessKey);
  await page.getByRole('button', { name: 'Check credentials' }).click();
  await keysStatus(page, /^Listed 1 key of the signer\./);
  await stack.control({ deniedActions: ['GenerateCredentialReport'] }); // the per-user path (report-keys.test.js has the report's)
  await page.getByRole('button', { name: 'All users of the account' }).click();
  await keysStatus(page, /ListUsers\.\)$/);
  await page.getByLabel('Sort by').selectOption('age');
  await page.getByLabel('Select every key shown').check();
  assert.equal(await page.locator('#keys-count').innerText(), 'Showing 5 of 5 keys; 5 selected.');
}

describe('bulk deactivation asks before it hurts', () => {
  const web = usePageStack({ data, perTest: true, check: async ({ violations }) => assert.deepEqual(violations, []) });
  const updates = () => web.stack.iam.state.snapshot().requests?.byAction?.UpdateAccessKey ?? 0;

  test('the signing key is skipped and the others deactivated; recent use confirmed; the record matches IAM field by field', async () => {
    const { page } = web;
    const statusOf = (id) => web.stack.iam.state.snapshot().users.flatMap((u) => u.accessKeys).find((k) => k.accessKeyId === id);
    await selectAllKeys(page, web.stack);
    await page.getByRole('button', { name: 'Deactivate selected (5)' }).click();

    const dialog = page.getByRole('dialog', { name: 'The key that signs this run is selected' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(`${ADMIN.accessKeyId} \\(user admin\\) signs these requests`));
    assert.equal(await page.evaluate(() => document.activeElement.textContent), `Skip ${ADMIN.accessKeyId} and deactivate the others`, 'the safe choice has focus');
    await screenshot(page, 'bulk-signing-key-choice');
    await page.getByRole('button', { name: `Skip ${ADMIN.accessKeyId} and deactivate the others` }).click();

    const recent = page.getByRole('dialog', { name: 'Deactivate keys that may be in use?' });
    await recent.waitFor();
    const warning = await recent.innerText();
    assert.match(warning, /1 of the selected keys was used in the last 7 days/);
    assert.match(warning, /AKIACHOICERECENT01 \(ops-recent\): last used \d{4}-\d\d-\d\d \d\d:\d\d UTC \(2 days ago\), ec2, eu-west-1/);
    assert.doesNotMatch(warning, /AKIACHOICEMONTH001|AKIACHOICENEVER001|AKIACHOICEWEEK0001/, 'only the recent one');
    assert.equal(updates(), 0, 'nothing sent while asking');
    await screenshot(page, 'bulk-recent-use-warning');
    await page.getByRole('button', { name: 'Deactivate all 4, these included' }).click();

    await page.locator('#bulk-result').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#bulk-result-heading').innerText(), 'Deactivate selected: 5 keys; 4 confirmed by IAM, 1 not sent.');
    assert.equal(await page.locator('#keys-status').innerText(), 'Deactivate selected: 5 keys; 4 confirmed by IAM, 1 not sent.', 'the status line is this run\'s');
    assert.equal(statusOf(ADMIN.accessKeyId).status, 'Active', 'the signing key was skipped');
    for (const member of TEAM) assert.equal(statusOf(member.accessKeyId).status, 'Inactive', member.accessKeyId);
    assert.match((await page.locator('#bulk-outcomes li').allInnerTexts()).find((line) => line.startsWith(ADMIN.accessKeyId)), /not sent: skipped, it signs this run$/);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the record (JSON)' }).click()]);
    const json = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the record (CSV)' }).click()]);
    assert.match(csvDownload.suggestedFilename(), /^keyflip-summary-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv$/);
    const csv = await readFile(await csvDownload.path(), 'utf8');

    assert.deepEqual(json.chosenBy, { filter: { status: 'any', minIdleDays: 0, minAgeDays: 0, userText: '' }, sort: { by: 'age', descending: false } });
    assert.equal(json.signedBy.userName, 'admin');
    assert.equal(json.signedBy.accessKeyId, ADMIN.accessKeyId);
    const state = web.stack.iam.state.snapshot();
    assert.deepEqual(json.keys.map((k) => k.accessKeyId).sort(), [ADMIN.accessKeyId, ...TEAM.map((m) => m.accessKeyId)].sort());
    const lines = csv.split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length, json.keys.length + 2, 'a header, a line per key, and the final line end');
    json.keys.forEach((key, i) => {
      const user = state.users.find((u) => u.accessKeys.some((k) => k.accessKeyId === key.accessKeyId));
      const held = user.accessKeys.find((k) => k.accessKeyId === key.accessKeyId);
      assert.equal(key.userName, user.userName);
      assert.equal(key.createDate, new Date(held.createDate).toISOString());
      const skipped = key.accessKeyId === ADMIN.accessKeyId;
      assert.equal(key.result, skipped ? 'not-sent' : 'confirmed');
      assert.equal(held.status, skipped ? 'Active' : 'Inactive');
      if (!skipped) {
        // The last use the key was chosen with: as IAM held it (the run itself uses only the admin's key).
        assert.deepEqual(key.lastUse, held.lastUsed
          ? { known: true, date: new Date(held.lastUsed.date).toISOString().replace(/\.\d{3}Z$/, '.000Z'), service: held.lastUsed.service, region: held.lastUsed.region }
          : { known: true, date: null, service: 'N/A', region: 'N/A' });
        assert.match(key.requestId, /^[0-9a-f-]{36}$/);
        assert.ok(Date.parse(key.sentAt) <= Date.parse(key.seenAt), 'sent, then seen');
      }
      // The CSV line says the same.
      const fields = csvFields(lines[i + 1]);
      assert.equal(fields.length, CSV_COLUMNS.length);
      const column = (name) => fields[CSV_COLUMNS.indexOf(name)];
      assert.equal(column('userName'), key.userName);
      assert.equal(column('accessKeyId'), key.accessKeyId);
      assert.equal(column('createDate'), key.createDate);
      assert.equal(column('lastUsedDate'), key.lastUse.known ? (key.lastUse.date ?? 'never') : `unknown (${key.lastUse.reason})`);
      assert.equal(column('lastUsedService'), key.lastUse.service ?? '');
      assert.equal(column('result'), key.result);
      assert.equal(column('requestId'), key.requestId ?? '');
      assert.equal(column('sentAt'), key.sentAt ?? '');
      assert.equal(column('detail'), key.detail);
    });
    const secrets = { admin: ADMIN.secretAccessKey };
    for (const text of [JSON.stringify(json), csv]) assert.ok(!text.includes(ADMIN.secretAccessKey));
    assert.deepEqual(await secretsOutsideInputs(page, secrets), []);
    await screenshot(page, 'bulk-skipped-signing-key');
  });

  test('Cancel at either question sends nothing; each run\'s status line replaces the last', async () => {
    const { page } = web;
    await selectAllKeys(page, web.stack);
    await page.getByRole('button', { name: 'Deactivate selected (5)' }).click();
    await page.getByRole('dialog', { name: 'The key that signs this run is selected' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.locator('#keys-status').innerText(), 'Deactivate selected: cancelled, nothing sent.');

    await page.getByRole('button', { name: 'Deactivate selected (5)' }).click();
    await page.getByRole('button', { name: `Skip ${ADMIN.accessKeyId} and deactivate the others` }).click();
    await page.getByRole('dialog', { name: 'Deactivate keys that may be in use?' }).waitFor();
    await page.keyboard.press('Escape'); // the safe answer: cancel
    assert.equal(await page.locator('#keys-status').innerText(), 'Deactivate selected: cancelled, nothing sent (keys in use).');
    assert.equal(updates(), 0);

    // With no recent-use window, and the signing key unselected, the run goes ahead; its own status replaces the old one.
    await page.getByLabel('Warn about keys used in the last').fill('0');
    await page.getByRole('checkbox', { name: `Select ${ADMIN.accessKeyId} (admin)` }).uncheck();
    await page.getByRole('button', { name: 'Deactivate selected (4)' }).click();
    await page.locator('#bulk-result').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#keys-status').innerText(), 'Deactivate selected: 4 keys; 4 confirmed by IAM.');
    assert.equal(updates(), 4);
    assert.deepEqual((await tableRows(page)).filter((r) => r.status === 'Inactive').length, 4);
  });

  test('including the signing key takes the lock-out confirmation, and it is deactivated last', async () => {
    const { page } = web;
    await selectAllKeys(page, web.stack);
    await page.getByLabel('Select every key shown').uncheck();
    await page.getByRole('checkbox', { name: `Select ${ADMIN.accessKeyId} (admin)` }).check();
    await page.getByRole('checkbox', { name: 'Select AKIACHOICEMONTH001 (ops-month)' }).check();
    await page.getByRole('button', { name: 'Deactivate selected (2)' }).click();
    await page.getByRole('button', { name: 'Include it (deactivated last)' }).click();
    const lockout = page.getByRole('dialog', { name: "Deactivate the key that signs this page's requests?" });
    await lockout.waitFor();
    await page.getByRole('button', { name: 'Deactivate the signing key' }).click();
    // The signing key was used today: the recent-use question follows.
    await page.getByRole('dialog', { name: 'Deactivate keys that may be in use?' }).waitFor();
    await page.getByRole('button', { name: 'Deactivate all 2, these included' }).click();
    await page.locator('#bulk-result').waitFor({ timeout: 30_000 });
    const updates = web.stack.iam.state.snapshot().requests;
    assert.equal(updates.byAction.UpdateAccessKey, 2);
    const state = web.stack.iam.state.snapshot().users.flatMap((u) => u.accessKeys);
    assert.equal(state.find((k) => k.accessKeyId === ADMIN.accessKeyId).status, 'Inactive');
    assert.equal(state.find((k) => k.accessKeyId === 'AKIACHOICEMONTH001').status, 'Inactive');
    const lines = await page.locator('#bulk-outcomes li').allInnerTexts();
    assert.match(lines.find((line) => line.startsWith('AKIACHOICEMONTH001')), /: confirmed by IAM; request id/, 'changed before the signing key went off');
    assert.match(lines.find((line) => line.startsWith(ADMIN.accessKeyId)), /: sent; not confirmed: reading it back failed/, 'its own read-back cannot be signed any more');
  });

  test('a bad recent-use window is named, and nothing is sent', async () => {
    const { page } = web;
    await selectAllKeys(page, web.stack);
    await page.getByLabel('Warn about keys used in the last').fill('-3');
    await page.getByRole('button', { name: 'Deactivate selected (5)' }).click();
    assert.match(await page.locator('#recent-days-error').innerText(), /^Recent use window: a whole number of days/);
    assert.equal(updates(), 0);
    await page.getByLabel('Warn about keys used in the last').fill('7');
    assert.equal(await page.locator('#recent-days-error').innerText(), '', 'the error goes with the edit');
  });
});
