// The main flow with the keyboard only, at phone width: credentials, Check
// credentials, then a key of the table turned off and read back; the
// lock-out confirmation answered with the keyboard; every control labelled
// and nothing wider than the screen, the table included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, keysStatus, screenshot, usePageStack } from './harness.js';

const web = usePageStack();

test('check credentials and turn a key off and on again without a mouse, on a phone', async () => {
  const { context, page, violations } = await web.open({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const focused = () => page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute('aria-label'));
  const tabTo = async (target, limit = 40) => {
    for (let presses = 0; presses < limit && await focused() !== target; presses += 1) await page.keyboard.press('Tab');
    assert.equal(await focused(), target);
  };

  // The jobs come first, then who signs.
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'job-leak');
  await tabTo('access-key-id', 4);
  await page.keyboard.type(DEMO.alice.accessKeyId);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.alice.secretAccessKey);
  await page.keyboard.press('Tab'); // session token: empty
  await tabTo('check-credentials', 3); // past the endpoint choice (the local demo, preselected)
  await page.keyboard.press('Enter');
  await keysStatus(page, /^Listed 2 keys of the signer\./);
  assert.equal(await focused(), 'signer', 'focus goes to who signs');

  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, button, textarea')]
    .filter((control) => control.checkVisibility() && !(control.labels?.length || control.textContent.trim() || control.getAttribute('aria-label')))
    .map((control) => control.id || control.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling with the table');
  await screenshot(page, 'phone-keys-table');

  await tabTo('Deactivate AKIADEMOALICE00002 (alice)');
  await page.keyboard.press('Enter');
  await keysStatus(page, /^AKIADEMOALICE00002 \(alice\) to Inactive: confirmed by IAM\.$/);
  assert.equal(await focused(), 'Activate AKIADEMOALICE00002 (alice)', 'focus stays on the key, now offering the way back');
  assert.equal(web.stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Inactive');
  await page.keyboard.press('Enter');
  await keysStatus(page, /^AKIADEMOALICE00002 \(alice\) to Active: confirmed by IAM\.$/);
  assert.equal(web.stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Active');
  await screenshot(page, 'phone-keys-flipped');

  // The signing key: the confirmation takes the keyboard, and keeping the key is the default.
  await page.keyboard.down('Shift');
  await tabTo('Deactivate AKIADEMOALICE00001 (alice)');
  await page.keyboard.up('Shift');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  assert.equal(await focused(), 'lockout-keep');
  await screenshot(page, 'phone-lockout-confirmation');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.equal(await focused(), 'Deactivate AKIADEMOALICE00001 (alice)');
  assert.equal(web.stack.keyStatus('alice', DEMO.alice.accessKeyId), 'Active');
  assert.deepEqual(violations, []);
  await context.close();
});
