// "All users of the account" from IAM's credential report, in Debian's
// Chromium against the local endpoint with a synthetic account of 2,000
// users: the table holds every key slot (no ListUsers, no ListAccessKeys per
// user), the report's age is shown, a slot's key ID is read with one
// ListAccessKeys when asked for or when the person acts on that user, and a
// denied report falls back to listing user by user.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, checkCredentials, keysStatus, screenshot, startStack, tableRows, usePageStack } from './harness.js';

const USERS = 2000;

describe('a synthetic account of 2,000 users', () => {
  const web = usePageStack({
    perTest: true,
    start: () => startStack({ iamOptions: { syntheticUsers: USERS, reportGenerationMs: 300 } }),
    check: ({ violations }) => assert.deepEqual(violations, []),
  });
  const snapshot = () => web.stack.iam.state.snapshot();
  const calls = (action) => snapshot().requests.byAction[action] ?? 0;
  const keyCount = () => snapshot().users.reduce((sum, user) => sum + user.accessKeys.length, 0);

  async function signIn(page) {
    await checkCredentials(page, DEMO.alice);
    await keysStatus(page, /^Listed \d+ keys? of the signer\./);
  }

  test('the table fills from the report: every key slot, its age shown, a key ID read on demand and when acted on', async () => {
    const { page } = web;
    await signIn(page);
    const before = { listKeys: calls('ListAccessKeys'), lastUsed: calls('GetAccessKeyLastUsed') };
    await page.getByRole('button', { name: 'All users of the account' }).click();
    const status = await keysStatus(page, /^Read IAM's credential report/);
    const total = keyCount();
    assert.ok(total > USERS * 0.9, `the synthetic account holds about a key per user (${total})`);
    assert.equal(await page.locator('#keys-count').innerText(), `Showing ${total} of ${total} keys; 0 selected.`);
    assert.match(status, new RegExp(`^Read IAM's credential report: \\d+ access keys of ${snapshot().users.length} users`));
    assert.match(await page.locator('#report-age').innerText(), /^Keys without an ID come from IAM's credential report, generated (just now|\d+ min ago); changes since then may not show\.$/);
    // A few calls for the whole account: no ListUsers, no call per user or per key.
    assert.equal(calls('ListUsers'), 0);
    assert.equal(calls('ListAccessKeys'), before.listKeys);
    assert.equal(calls('GetAccessKeyLastUsed'), before.lastUsed);
    assert.equal(calls('GetCredentialReport'), 1);
    assert.ok(calls('GenerateCredentialReport') >= 2 && calls('GenerateCredentialReport') <= 4, `polled: ${calls('GenerateCredentialReport')}`);

    // A user with two keys and a comma in the name: the rows show the slots, with the report's last use.
    const users = snapshot().users.filter((u) => u.accessKeys.length === 2 && u.userName.includes(','));
    const [asked, acted] = users;
    await page.getByLabel('User name contains').fill(asked.userName);
    let shown = await tableRows(page);
    assert.deepEqual(shown.map((row) => [row.user, row.key]), [[asked.userName, 'key 1: ID not read yet'], [asked.userName, 'key 2: ID not read yet']]);
    assert.ok(shown.every((row) => /^\d{4}-\d\d-\d\d \(/.test(row.created) && row.lastUsed !== 'reading…'), JSON.stringify(shown));
    await screenshot(page, 'report-keys-slots');

    await page.getByRole('button', { name: `Show the key ID of key 1 of ${asked.userName}` }).click();
    assert.match(await keysStatus(page, /^(Key 1 of|Could not)/), /^Key 1 of .* is AKIASYN\w+ \(ListAccessKeys\)\.$/);
    shown = await tableRows(page);
    const expected = [...asked.accessKeys].sort((a, b) => a.createDate.localeCompare(b.createDate)).map((k) => k.accessKeyId);
    assert.deepEqual(shown.map((row) => row.key).sort(), [...expected].sort(), 'both slots of the user read by the one ListAccessKeys');
    assert.equal(calls('ListAccessKeys'), before.listKeys + 1);

    // Acting on a slot: its ID is read, then the change is sent for that key.
    await page.getByLabel('User name contains').fill(acted.userName);
    const slot = (await tableRows(page))[0];
    assert.equal(slot.key, 'key 1: ID not read yet');
    const next = slot.status === 'Active' ? 'Deactivate' : 'Activate';
    await page.getByRole('button', { name: `${next} key 1 (${acted.userName})` }).click();
    const changed = await keysStatus(page, /^AKIASYN\w+ \(.*\) to (Active|Inactive): /);
    const keyId = changed.match(/^(AKIASYN\w+)/)[1];
    const oldest = [...acted.accessKeys].sort((a, b) => a.createDate.localeCompare(b.createDate))[0];
    assert.equal(keyId, oldest.accessKeyId, 'slot 1 is the older key');
    assert.equal(web.stack.keyStatus(acted.userName, keyId), next === 'Deactivate' ? 'Inactive' : 'Active');
    assert.equal(calls('ListAccessKeys') >= before.listKeys + 2, true);
  });

  test('a denied report: the page says so and lists user by user', async () => {
    const { page } = web;
    await signIn(page);
    await web.stack.control({ deniedActions: ['GenerateCredentialReport', 'GetCredentialReport'] });
    await page.locator('details.read-limits summary').click();
    await page.locator('#max-users').fill('40');
    await page.getByRole('button', { name: 'All users of the account' }).click();
    const status = await keysStatus(page, /ListUsers\.\)/);
    assert.match(status, /\(40 users, 1 page of ListUsers\.\)/);
    assert.match(await page.locator('#report-age').innerText(), /^IAM refused the credential report \(AccessDenied: User: arn:aws:iam::\d+:user\/alice is not authorized to perform: iam:GenerateCredentialReport on resource: \* because no identity-based policy allows the iam:GenerateCredentialReport action\), so each user's keys were listed one user at a time\.$/);
    const rows = await tableRows(page);
    assert.ok(rows.length > 20 && rows.every((row) => /^AKIA\w+$/.test(row.key)), 'every row has its key ID');
    assert.equal(calls('GetCredentialReport'), 0);
    assert.equal(calls('GenerateCredentialReport'), 1, 'refused once, not retried');
  });
});

describe('bulk deactivation of 200 keys against the throttling endpoint', () => {
  const ADMIN = { accessKeyId: 'AKIASCALEADMIN00001', secretAccessKey: 'scale-admin-secret-not-a-real-secret' };
  const pad = (n) => String(n).padStart(3, '0');
  const data = {
    users: [
      { userName: 'admin', accessKeys: [{ ...ADMIN, createDate: '2025-06-01T00:00:00Z' }] },
      ...Array.from({ length: 100 }, (_, i) => ({
        userName: `bulk-user-${pad(i)}`,
        accessKeys: [1, 2].map((n) => ({
          accessKeyId: `AKIASCALEBULK${pad(i)}${n}00`, secretAccessKey: `bulk-secret-${i}-${n}-not-real`,
          createDate: `2024-0${n}-${String((i % 28) + 1).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00Z`,
        })),
      })),
    ],
  };
  const web = usePageStack({ data });

  test('200 keys from the report: 0 failed, the learnt rate shown, every key Inactive at IAM', async () => {
    const { page, violations } = await web.open();
    await checkCredentials(page, ADMIN);
    await keysStatus(page, /^Listed 1 key of the signer\./);
    await page.getByRole('button', { name: 'All users of the account' }).click();
    await keysStatus(page, /^Read IAM's credential report/);
    await page.getByLabel('User name contains').fill('bulk-user-');
    await page.getByLabel('Select every key shown').check();
    assert.equal(await page.locator('#keys-count').innerText(), 'Showing 200 of 201 keys; 200 selected.');

    // IAM's default pace from here: reads 20/s burst 40, writes 10/s burst 20.
    await web.stack.control({ rateLimits: 'on' });
    await page.getByRole('button', { name: 'Deactivate selected (200)' }).click();
    await page.locator('#bulk-progress-block').waitFor();
    await page.locator('#bulk-status').filter({ hasText: /IAM's pace: \d+\.\d requests\/s \(learnt from its throttling\), \d+ in flight; about .* left\.$/ }).waitFor({ timeout: 120_000 });
    await screenshot(page, 'bulk-200-paced');
    await page.locator('#bulk-result').waitFor({ timeout: 240_000 });
    const heading = await page.locator('#bulk-result-heading').innerText();
    assert.equal(heading, 'Deactivate selected: 200 keys; 200 confirmed by IAM.');
    assert.equal(await page.locator('#bulk-progress').evaluate((bar) => `${bar.value}/${bar.max}`), '200/200');
    assert.match(await page.locator('#bulk-status').innerText(), /^200 of 200 keys done; IAM's pace: \d+\.\d requests\/s/);
    const state = web.stack.iam.state.snapshot();
    const team = state.users.filter((u) => u.userName.startsWith('bulk-user-')).flatMap((u) => u.accessKeys);
    assert.equal(team.length, 200);
    assert.deepEqual(team.filter((k) => k.status !== 'Inactive'), []);
    assert.ok(state.rateLimits.throttled.total > 0, 'IAM throttled on the way (the rate was learnt from it)');
    assert.deepEqual(violations, []);
  });
});
