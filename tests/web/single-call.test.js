// The single-call form for every action the page sends: only that action's
// fields, Send shows IAM's answer, Inspect / curl / Presign sign that action,
// and changing the action clears what was made for the previous one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, fillForm, screenshot, usePageStack } from './harness.js';

const web = usePageStack();

test('GetAccessKeyLastUsed and ListAccessKeys from the single-call form: send, Inspect, curl, Presign', async () => {
  const { context, page, violations } = await web.open();
  assert.deepEqual(await page.locator('#action option').evaluateAll((options) => options.map((o) => o.value)),
    ['UpdateAccessKey', 'ListAccessKeys', 'GetAccessKeyLastUsed', 'GetUser', 'ListUsers']);
  await fillForm(page, DEMO.alice);

  await page.getByLabel('IAM action').selectOption('GetAccessKeyLastUsed');
  assert.equal(await page.getByLabel(/^UserName/).isVisible(), false, 'GetAccessKeyLastUsed takes no UserName');
  assert.equal(await page.locator('#status').isVisible(), false);
  await page.getByLabel(/^AccessKeyId/).fill('AKIADEMOBOB000001');
  await page.getByRole('button', { name: 'Inspect' }).click();
  assert.match(await page.locator('#inspect-request').innerText(), /Action=GetAccessKeyLastUsed/);
  await page.getByRole('button', { name: 'Presign' }).click();
  assert.match(await page.locator('#presign-warning').innerText(), /^Whoever holds this URL can read who owns access key AKIADEMOBOB000001 and when it was last used with no other credential/);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').filter({ hasText: 'answered' }).waitFor();
  assert.equal(await page.locator('#outcome-heading').innerText(), 'Done: GetAccessKeyLastUsed answered.');
  const answer = JSON.parse(await page.locator('#outcome-result').innerText());
  assert.equal(answer.UserName, 'bob');
  assert.equal(answer.AccessKeyLastUsed.ServiceName, 'sts');
  assert.match(await page.locator('#outcome-request-id').innerText(), /^[0-9a-f-]{36}$/);
  await screenshot(page, 'single-call-last-used');

  await page.getByLabel('IAM action').selectOption('ListAccessKeys');
  assert.equal(await page.locator('#inspect-panel').isVisible(), false, 'the GetAccessKeyLastUsed request is no longer shown');
  assert.equal(await page.locator('#presign-panel').isVisible(), false);
  await page.getByLabel(/^UserName/).fill('bob');
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  assert.match(await page.locator('#curl-command').innerText(), /Action=ListAccessKeys/);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').filter({ hasText: 'ListAccessKeys' }).waitFor();
  const keys = JSON.parse(await page.locator('#outcome-result').innerText());
  assert.deepEqual(keys.AccessKeyMetadata.map((k) => k.AccessKeyId), ['AKIADEMOBOB000001']);
  assert.equal(keys.IsTruncated, false);
  assert.deepEqual(violations, []);
  await context.close();
});
