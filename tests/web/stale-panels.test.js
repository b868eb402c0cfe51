// A panel never shows a request made from inputs that have changed since:
// Inspect, the curl command and a presigned URL are cleared as soon as the
// target, the credentials or the parameters they were made from change.
// (Before, Inspect kept showing a request to the demo endpoint after the
// target was switched to an AWS partition.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, fillForm, screenshot, usePageStack } from './harness.js';

const web = usePageStack();

test('Inspect, curl and Presign clear when the inputs they were made from change', async () => {
  const { context, page, violations } = await web.open();
  await fillForm(page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  const inspect = page.locator('#inspect-panel');

  await page.getByRole('button', { name: 'Inspect' }).click();
  assert.match(await page.locator('#inspect-request').innerText(), new RegExp(`^POST ${web.stack.iam.url}/`));
  await page.getByLabel('IAM in an AWS partition').check();
  assert.equal(await inspect.isVisible(), false, 'the request to the demo endpoint is no longer shown');
  assert.equal(await page.locator('#inspect-request').textContent(), '');
  await page.getByRole('button', { name: 'Inspect' }).click();
  assert.match(await page.locator('#inspect-request').innerText(), /^POST https:\/\/iam\.amazonaws\.com\//);
  await screenshot(page, 'stale-inspect-updated');

  await page.getByRole('button', { name: 'Copy as curl' }).click();
  assert.equal(await page.locator('#curl-panel').isVisible(), true);
  await page.getByLabel('FIPS endpoint').check();
  assert.equal(await page.locator('#curl-panel').isVisible(), false, 'the curl command to the non-FIPS endpoint is gone');
  assert.equal(await inspect.isVisible(), false);

  await page.getByRole('button', { name: 'Presign' }).click();
  assert.equal(await page.locator('#presign-panel').isVisible(), true);
  await page.getByLabel(/^AccessKeyId/).fill(DEMO.alice.accessKeyId);
  assert.equal(await page.locator('#presign-panel').isVisible(), false, 'a URL for the other key is gone');

  await page.getByRole('button', { name: 'Presign' }).click();
  await page.getByLabel('Presigned URL valid for').selectOption({ label: '5 minutes' });
  assert.equal(await page.locator('#presign-panel').isVisible(), false, 'a URL with the other lifetime is gone');

  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByLabel('Secret access key').fill('another-secret-for-the-same-key');
  assert.equal(await inspect.isVisible(), false, 'a signature made with the other secret is gone');
  assert.deepEqual(violations, []);
  await context.close();
});
