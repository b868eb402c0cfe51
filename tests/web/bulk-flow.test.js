// "Deactivate selected" against the local IAM endpoint, in Debian's Chromium:
// twelve keys of six users while the endpoint throttles every fourth request
// and refuses one key; every key ends with a reported outcome, and the saved
// summary matches the endpoint's final state and holds no secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { keysStatus, screenshot, secretsOutsideInputs, tableRows, usePageStack } from './harness.js';

const ADMIN = { accessKeyId: 'AKIABULKADMIN00001', secretAccessKey: 'bulk-admin-secret-not-a-real-secret' };
const TEAM = ['team-a', 'team-b', 'team-c', 'team-d', 'team-e', 'team-f'];
const keyId = (user, n) => `AKIABULK${user.slice(-1).toUpperCase()}${String(n).padStart(9, '0')}`;
const REFUSED = keyId('team-c', 1);
const data = {
  users: [
    { userName: 'admin', accessKeys: [{ ...ADMIN, createDate: '2025-06-01T00:00:00Z' }] },
    ...TEAM.map((userName, i) => ({
      userName,
      accessKeys: [1, 2].map((n) => ({
        accessKeyId: keyId(userName, n), secretAccessKey: `${userName}-secret-${n}-not-a-real-secret`, createDate: `202${i % 4}-0${n}-15T10:00:00Z`,
      })),
    })),
  ],
};
const teamKeys = TEAM.flatMap((user) => [1, 2].map((n) => keyId(user, n)));

const web = usePageStack({ data });

test('bulk deactivation of 12 keys under throttling and one refusal: an outcome per key, a summary that matches IAM', async () => {
  const { context, page, violations } = await web.open({ acceptDownloads: true });
  await page.getByLabel('Access key ID').fill(ADMIN.accessKeyId);
  await page.getByLabel('Secret access key').fill(ADMIN.secretAccessKey);
  await page.getByRole('button', { name: 'Check credentials' }).click();
  await keysStatus(page, /^Listed 1 key of the signer\./);
  await web.stack.control({ deniedActions: ['GenerateCredentialReport'] }); // the per-user path (report-keys.test.js has the report's)
  await page.getByRole('button', { name: 'All users of the account' }).click();
  await keysStatus(page, /ListUsers\.\)$/);
  assert.equal((await tableRows(page)).length, 13);

  // Show only the team's active keys, select them all.
  await page.getByLabel('Status', { exact: true }).selectOption('Active');
  await page.getByLabel('User name contains').fill('team-');
  assert.equal((await tableRows(page)).length, 12);
  await page.getByLabel('Select every key shown').check();
  assert.equal(await page.locator('#keys-count').innerText(), 'Showing 12 of 13 keys; 12 selected.');

  await web.stack.control({ throttle: { every: 4 }, failKey: { accessKeyId: REFUSED, with: 'AccessDenied' } });
  await page.getByRole('button', { name: 'Deactivate selected (12)' }).click();
  await page.locator('#bulk-progress-block').waitFor();
  await screenshot(page, 'bulk-in-progress');
  const result = page.locator('#bulk-result');
  await result.waitFor({ timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'bulk-result', 'focus moves to the result');
  // A change throttled on all of its attempts fails like any refusal: the
  // client's retries decide, and the page reports what IAM answered. A
  // change IAM took whose read-back met the throttle on every attempt too
  // (every 4th request throttled, whatever the pace: the adaptive rate falls
  // to its floor and the read-back's window can pass) is reported as sent,
  // not confirmed, never as done.
  const heading = await page.locator('#bulk-result-heading').innerText();
  const [, confirmedCount, sentCount, failedCount] = heading.match(/^Deactivate selected: 12 keys; (\d+) confirmed by IAM(?:, (\d+) sent, not yet shown by IAM)?(?:, (\d+) failed)?\.$/) ?? [];
  assert.ok(confirmedCount, `heading: ${heading}`);
  assert.equal(Number(confirmedCount) + Number(sentCount ?? 0) + Number(failedCount ?? 0), 12, heading);
  assert.equal(await page.locator('#bulk-progress').evaluate((bar) => `${bar.value}/${bar.max}`), '12/12');
  const lines = await page.locator('#bulk-outcomes li').allInnerTexts();
  assert.equal(lines.length, 12);
  for (const line of lines) {
    if (line.startsWith(REFUSED)) assert.match(line, /: IAM refused: AccessDenied \(User: .* is not authorized to perform: iam:UpdateAccessKey.*; request id [0-9a-f-]{36}$/);
    else assert.match(line, /^AKIABULK\w+ \(team-\w\): (confirmed by IAM|IAM refused: Throttling \(Rate exceeded\)|sent; (IAM does not show it yet|not confirmed: reading it back failed) \(.*\)); request id [0-9a-f-]{36}$/);
  }
  const { seen, every } = web.stack.iam.state.snapshot().pending.throttle;
  assert.ok(Math.floor(seen / every) >= 5, `the endpoint throttled (${Math.floor(seen / every)} answers), the client's retries carried on`);
  await screenshot(page, 'bulk-done');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the record (JSON)' }).click()]);
  assert.match(download.suggestedFilename(), /^keyflip-summary-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  const summary = JSON.parse(text);
  assert.deepEqual(summary.counts, {
    keys: 12, confirmed: Number(confirmedCount), sentNotYetConfirmed: Number(sentCount ?? 0), failed: Number(failedCount ?? 0), noAnswer: 0, notSent: 0,
  });
  assert.equal(summary.signedBy.userName, 'admin');
  assert.equal(summary.signedBy.accessKeyId, ADMIN.accessKeyId);
  assert.deepEqual(summary.keys.map((k) => k.accessKeyId).sort(), [...teamKeys].sort());
  const state = web.stack.iam.state.snapshot();
  const statusOf = (id) => state.users.flatMap((u) => u.accessKeys).find((k) => k.accessKeyId === id).status;
  for (const key of summary.keys) {
    assert.match(key.requestId, /^[0-9a-f-]{36}$/, `${key.accessKeyId} has its request id`);
    assert.ok(!Number.isNaN(Date.parse(key.sentAt)));
    if (key.accessKeyId === REFUSED) {
      assert.equal(key.result, 'failed');
      assert.equal(key.error.code, 'AccessDenied');
    } else if (key.result === 'failed') {
      assert.equal(key.error.code, 'Throttling', 'the only other fault injected');
      assert.equal(key.attempts, 3, 'throttled on every attempt the client made');
    } else {
      assert.ok(['confirmed', 'unconfirmed'].includes(key.result), key.result);
    }
    // What the summary says is what IAM holds: a change IAM answered OK was made.
    assert.equal(statusOf(key.accessKeyId), key.result === 'failed' ? 'Active' : 'Inactive', `${key.accessKeyId} (${key.result})`);
  }
  assert.equal(statusOf(ADMIN.accessKeyId), 'Active');
  for (const secret of [ADMIN.secretAccessKey, ...data.users.flatMap((u) => u.accessKeys.map((k) => k.secretAccessKey))]) {
    assert.ok(!text.includes(secret), 'no secret in the summary');
  }
  assert.deepEqual(await secretsOutsideInputs(page, { adminSecret: ADMIN.secretAccessKey }), []);
  assert.deepEqual(violations, []);
  await context.close();
});
