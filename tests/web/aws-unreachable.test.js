// When AWS's IAM endpoint cannot be reached (the browser's connection fails;
// here Chromium aborts it, nothing leaves this machine), the page says the
// connection failed: never that AWS may refuse web pages (IAM allows them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, fillForm, screenshot, usePageStack } from './harness.js';

const web = usePageStack();

test('a failed connection to AWS\'s IAM endpoint is a failed connection, not a CORS refusal', { timeout: 60_000 }, async () => {
  const { context, page, violations } = await web.open();
  const tried = [];
  await page.route('https://iam.amazonaws.com/**', (route) => { tried.push(route.request().url()); return route.abort('internetdisconnected'); });
  await page.getByLabel('IAM in an AWS partition').check();
  await fillForm(page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  await page.getByRole('button', { name: 'Check credentials' }).click();
  const signer = page.locator('#signer-status').filter({ hasText: 'Could not check the credentials' });
  await signer.waitFor({ timeout: 30_000 });
  const said = await signer.innerText();
  assert.match(said, /^Could not check the credentials: Sent, but no answer from iam\.amazonaws\.com could be read \(.+\)\. AWS's IAM endpoints allow calls from web pages, so the connection itself failed/);
  assert.doesNotMatch(said, /does not allow calls from web pages|may not allow/);

  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-why').waitFor({ timeout: 30_000 });
  const why = await page.locator('#outcome-why').innerText();
  assert.match(why, /AWS's IAM endpoints allow calls from web pages, so the connection itself failed/);
  assert.doesNotMatch(why, /does not allow calls from web pages|may not allow/);
  assert.ok(tried.length >= 2, 'the browser tried, and Chromium refused the connection');
  await screenshot(page, 'aws-unreachable');
  assert.deepEqual(violations, []);
  await context.close();
});
