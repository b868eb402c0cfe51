// After one visit the service worker has the app: with the network gone the
// page still opens, and validating, signing, inspecting and presigning work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, fillForm, screenshot, usePageStack, waitReady } from './harness.js';

const web = usePageStack();

test('opens and signs with no network after the first visit', async () => {
  const { context, page } = await web.open(undefined, { csp: false });
  // The first visit installs the worker, which caches the app shell.
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const paths = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
  for (const path of ['/', '/app.js', '/wasm/js/index.js', '/dist/keyflip-core.js', '/dist/keyflip-core.wasm']) assert.ok(cached.includes(path), `${path} is cached`);

  await context.setOffline(true);
  await page.reload();
  await waitReady(page);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await page.getByText('Offline: validating, signing, inspecting and presigning still work').waitFor();

  // Validation, inline as you type.
  await fillForm(page, { ...DEMO.alice, targetKeyId: 'AKIA-bad!' });
  await page.locator('#target-key-id-error').waitFor();
  assert.match(await page.locator('#target-key-id-error').innerText(), /^AccessKeyId: /);
  await screenshot(page, 'offline-validation');

  // Signing: Inspect, Copy as curl, Presign.
  await fillForm(page, { targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
  await page.getByRole('button', { name: 'Inspect' }).click();
  assert.match(await page.locator('#inspect-signature').innerText(), /^[0-9a-f]{64}$/);
  assert.match(await page.locator('#inspect-canonical').innerText(), /^POST\n\/\n/);
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  assert.match(await page.locator('#curl-command').innerText(), /^curl .*--request POST/);
  await page.getByRole('button', { name: 'Presign' }).click();
  assert.match(await page.locator('#presign-url').innerText(), /X-Amz-Signature=[0-9a-f]{64}$/);
  assert.match(await page.locator('#presign-warning').innerText(), /Whoever holds this URL can set access key/);
  await screenshot(page, 'offline-signed');

  // Sending cannot work: the page says so at once and offers curl.
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#outcome-heading').waitFor();
  assert.equal(await page.locator('#outcome-heading').innerText(), 'Not sent');
  assert.match(await page.locator('#outcome').innerText(), /This browser is offline, so nothing was sent/);
  assert.equal(web.stack.iam.state.snapshot().requests.total, 0);
  await screenshot(page, 'offline-send');
  await context.close();
});
