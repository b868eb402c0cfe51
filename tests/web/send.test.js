// The page against the local IAM endpoint, in Debian's Chromium: flip a key,
// IAM errors by name, validation that stops sending, retries made visible,
// no CSP violation, and no secret left anywhere after a send.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, fillForm, screenshot, usePageStack } from './harness.js';

describe('the keyflip page sending to the local IAM endpoint', () => {
  let iamRequests; // requests the page made to the IAM endpoint (preflights included)
  const web = usePageStack({
    perTest: true,
    beforeGoto(page, stack) {
      iamRequests = [];
      page.on('request', (request) => {
        if (request.url().startsWith(stack.iam.url)) iamRequests.push(`${request.method()} ${request.url()}`);
      });
    },
  });

  test('loads, signs, sends, inspects and presigns with no CSP violation', async () => {
    await fillForm(web.page, { ...DEMO.session, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-heading').waitFor();
    await web.page.getByRole('button', { name: 'Inspect' }).click();
    await web.page.getByRole('button', { name: 'Copy as curl' }).click();
    await web.page.getByRole('button', { name: 'Presign' }).click();
    await web.page.locator('#presign-url').waitFor();
    assert.deepEqual(web.violations, [], 'no CSP violation');
  });

  test('the local demo endpoint is preselected and labelled as not AWS', async () => {
    assert.equal(await web.page.getByLabel(/Local demo of IAM \(not AWS\)/).isChecked(), true);
    await web.page.getByText('Requests go to it, not to AWS').waitFor();
    await screenshot(web.page, 'start-demo-preselected');
  });

  test('flips a key to Inactive and shows success with the request id', async () => {
    await fillForm(web.page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    const heading = web.page.locator('#outcome-heading');
    await heading.waitFor();
    assert.equal(await heading.innerText(), `Done: access key ${DEMO.alice.otherKeyId} is now Inactive.`);
    assert.match(await web.page.locator('#outcome-request-id').innerText(), /^[0-9a-f-]{36}$/);
    assert.equal(web.stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Inactive');
    await screenshot(web.page, 'send-success');
  });

  test('shows NoSuchEntity by name, with its plain-words hint and request id', async () => {
    await fillForm(web.page, { ...DEMO.alice, targetKeyId: 'AKIADOESNOTEXIST0001', status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-heading').waitFor();
    assert.equal(await web.page.locator('#outcome-heading').innerText(), 'IAM refused the request: NoSuchEntity');
    assert.equal(await web.page.locator('#outcome-code').innerText(), 'NoSuchEntity');
    assert.match(await web.page.locator('#outcome-hint').innerText(), /No such user or key/);
    assert.match(await web.page.locator('#outcome-request-id').innerText(), /^[0-9a-f-]{36}$/);
    await screenshot(web.page, 'send-no-such-entity');
  });

  test('shows a validation error inline as you type, and then sends nothing', async () => {
    await fillForm(web.page, { ...DEMO.alice, targetKeyId: 'AKIA-short' });
    // Inline, naming the field and the rule, before any button is pressed.
    const error = web.page.locator('#target-key-id-error');
    await error.waitFor();
    assert.match(await error.innerText(), /^AccessKeyId: /);
    assert.equal(await web.page.getByLabel(/^AccessKeyId/).getAttribute('aria-invalid'), 'true');
    assert.equal(await web.page.locator('#target-key-id-error').getAttribute('aria-live'), 'polite');
    await screenshot(web.page, 'validation-inline');

    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('Not sent: fix the fields marked above.').waitFor();
    assert.match(await web.page.locator('#status-error').innerText(), /^Status: /, 'the missing Status is named too');
    assert.equal(await web.page.evaluate(() => document.activeElement.id), 'target-key-id', 'focus moves to the first bad field');
    await web.page.waitForTimeout(300); // give a stray request time to show up
    assert.deepEqual(iamRequests, [], 'no request left the page');
    assert.equal(web.stack.iam.state.snapshot().requests.total, 0);
    await screenshot(web.page, 'validation-not-sent');
  });

  test('shows each attempt and the wait before each retry when IAM answers 503', async () => {
    await web.stack.control({ failNext: { count: 2, with: 503 } });
    await fillForm(web.page, { ...DEMO.alice, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-heading').waitFor();
    const log = await web.page.locator('#progress li').allInnerTexts();
    assert.match(log[0], /^Attempt 1 of 3: sending to /);
    assert.match(log[1], /^Attempt 1 of 3 failed: ServiceUnavailable \(HTTP 503\)\. Waiting \d+(\.\d)? m?s before attempt 2 of 3/);
    assert.match(log[2], /^Attempt 2 of 3: sending/);
    assert.match(log[3], /^Attempt 2 of 3 failed: ServiceUnavailable \(HTTP 503\)\. Waiting .* before attempt 3 of 3/);
    assert.match(log[4], /^Attempt 3 of 3: sending/);
    assert.equal(await web.page.locator('#outcome-heading').innerText(), `Done: access key ${DEMO.alice.otherKeyId} is now Inactive.`);
    await screenshot(web.page, 'send-retries');
  });

  test('explains InvalidClientTokenId and SignatureDoesNotMatch in plain words', async () => {
    await fillForm(web.page, { accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: DEMO.alice.secretAccessKey, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-code').waitFor();
    assert.equal(await web.page.locator('#outcome-code').innerText(), 'InvalidClientTokenId');
    assert.match(await web.page.locator('#outcome-hint').innerText(), /The signing key is unknown/);
    await screenshot(web.page, 'send-invalid-client-token-id');

    await fillForm(web.page, { accessKeyId: DEMO.alice.accessKeyId, secretAccessKey: 'not-the-right-secret-for-this-key' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('IAM refused the request: SignatureDoesNotMatch').waitFor();
    assert.match(await web.page.locator('#outcome-hint').innerText(), /Wrong secret, or the clock is off/);
    await screenshot(web.page, 'send-signature-does-not-match');
    assert.equal(web.stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Active');
  });

  test('offers presigned lifetimes of 1, 5 and 15 minutes only, 15 by default', async () => {
    const select = web.page.getByLabel('Presigned URL valid for');
    assert.deepEqual(await select.locator('option').allInnerTexts(), ['1 minute', '5 minutes', '15 minutes']);
    assert.equal(await select.inputValue(), '900');
  });

  test('Cancel stops a send that is waiting for an answer', async () => {
    await web.stack.control({ delayNextMs: 5000 });
    // A key that does not exist: should the delayed request still be handled, nothing changes.
    await fillForm(web.page, { ...DEMO.alice, targetKeyId: 'AKIADOESNOTEXIST0001', status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByText('Attempt 1 of 3: sending to').waitFor();
    await screenshot(web.page, 'send-in-progress');
    await web.page.getByRole('button', { name: 'Cancel' }).click();
    await web.page.getByText('Cancelled.').waitFor();
    assert.match(await web.page.locator('#outcome').innerText(), /the change may have been made/);
    assert.equal(await web.page.locator('#curl-panel').isVisible(), true, 'the way to check');
    assert.equal(await web.page.getByRole('button', { name: 'Send' }).isEnabled(), true);
  });

  test('a presigned URL made with temporary credentials carries the session token when copied, and works', async () => {
    await web.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(web.stack.pageUrl).origin });
    await fillForm(web.page, { ...DEMO.session, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByLabel('Presigned URL valid for').selectOption({ label: '5 minutes' });
    await web.page.getByRole('button', { name: 'Presign' }).click();
    const warning = await web.page.locator('#presign-warning').innerText();
    assert.match(warning, /^Whoever holds this URL can set access key AKIADEMOALICE00002 of user alice to Inactive with no other credential/);
    assert.match(warning, /It names an expiry of 5 minutes after it was made/);
    assert.match(warning, /IAM accepts a presigned request for at most about 15 minutes after it was made/);
    assert.doesNotMatch(warning, /until it expires/, 'no promise IAM does not keep');
    assert.match(await web.page.locator('#presign-token-note').innerText(), /must carry your session token/);
    await web.page.getByRole('button', { name: 'Copy URL' }).click();
    await web.page.getByText('URL copied to the clipboard.').waitFor();
    const copied = await web.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(new URL(copied).searchParams.get('X-Amz-Security-Token'), DEMO.session.sessionToken);
    assert.equal(new URL(copied).searchParams.get('X-Amz-Expires'), '300');
    assert.ok(!copied.includes(DEMO.session.secretAccessKey), 'the secret key is never in a URL');
    await screenshot(web.page, 'presign-temporary-credentials');

    const response = await fetch(copied); // whoever holds it can act
    assert.equal(response.status, 200);
    assert.equal(web.stack.keyStatus('alice', DEMO.alice.otherKeyId), 'Inactive');
  });

  test('after a send with temporary credentials, the secrets are in no storage and nowhere in the DOM but their inputs', async () => {
    await fillForm(web.page, { ...DEMO.session, userName: 'alice', targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-heading').waitFor();
    assert.match(await web.page.locator('#outcome-heading').innerText(), /^Done/);
    // Everything that can show the request, too: Inspect, curl, Presign.
    await web.page.getByRole('button', { name: 'Inspect' }).click();
    await web.page.getByRole('button', { name: 'Copy as curl' }).click();
    await web.page.getByRole('button', { name: 'Presign' }).click();
    await web.page.locator('#presign-url').waitFor();
    await screenshot(web.page, 'secrets-after-send');

    const found = await web.page.evaluate(async (secrets) => {
      const hits = [];
      const look = (where, text) => {
        for (const [name, value] of Object.entries(secrets)) if (String(text).includes(value)) hits.push(`${name} in ${where}`);
      };
      look('the HTML', document.documentElement.outerHTML);
      look('the visible text', document.body.innerText);
      look('the URL', location.href);
      for (const input of document.querySelectorAll('input, select, textarea')) {
        if (input.id === 'secret-access-key' || input.id === 'session-token') continue;
        look(`input #${input.id}`, input.value);
      }
      look('localStorage', JSON.stringify({ ...localStorage }));
      look('sessionStorage', JSON.stringify({ ...sessionStorage }));
      look('cookies', document.cookie);
      look('resource URLs', performance.getEntriesByType('resource').map((e) => e.name).join(' '));
      const counts = {
        localStorage: localStorage.length,
        sessionStorage: sessionStorage.length,
        cookies: document.cookie.length,
        indexedDB: (await indexedDB.databases()).length,
      };
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          look(`cache key ${request.url}`, request.url);
          look(`cached ${request.url}`, await (await cache.match(request)).text());
        }
      }
      return { hits, counts };
    }, { secretAccessKey: DEMO.session.secretAccessKey, sessionToken: DEMO.session.sessionToken });
    assert.deepEqual(found.hits, []);
    assert.deepEqual(found.counts, { localStorage: 0, sessionStorage: 0, cookies: 0, indexedDB: 0 });
    // Their own inputs still hold them (the person may send again).
    assert.equal(await web.page.getByLabel('Secret access key').inputValue(), DEMO.session.secretAccessKey);
    assert.equal(await web.page.locator('#presign-token-note').isVisible(), true, 'says the URL carries the session token');
    assert.match(await web.page.locator('#presign-url').innerText(), /X-Amz-Security-Token=‹session token hidden›/);
    assert.match(await web.page.locator('#curl-command').innerText(), /\$\{AWS_SESSION_TOKEN/);
  });
});

describe('the keyflip page with the keyboard only, at phone width', () => {
  const web = usePageStack();

  test('every control has a label, nothing overflows, and a key flips without a mouse', async () => {
    const { context, page } = await web.open({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }, { csp: false });

    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
      .filter((control) => !control.closest('[hidden]') && !(control.labels?.length || control.textContent.trim() || control.getAttribute('aria-label')))
      .map((control) => control.id));
    assert.deepEqual(unlabelled, []);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');

    const focused = () => page.evaluate(() => document.activeElement.id);
    // The jobs menu first, then who signs and where to.
    for (const id of ['job-leak', 'job-review', 'job-rotate', 'job-single-call', 'access-key-id']) {
      await page.keyboard.press('Tab');
      assert.equal(await focused(), id);
    }
    await page.keyboard.type(DEMO.alice.accessKeyId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO.alice.secretAccessKey);
    await page.keyboard.press('Tab'); // session token: empty
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'target-demo');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'check-credentials');
    // Past the owner lookup and the keys table to the single-call form.
    for (let presses = 0; presses < 40 && await focused() !== 'action'; presses += 1) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'action');
    assert.equal(await page.locator('#action').inputValue(), 'UpdateAccessKey');
    await page.keyboard.press('Tab'); // UserName: empty
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'target-key-id');
    await page.keyboard.type(DEMO.alice.otherKeyId);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'status-active');
    await page.keyboard.press('ArrowDown'); // moves to, and picks, Inactive
    assert.equal(await focused(), 'status-inactive');
    assert.equal(await page.locator('#status-inactive').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'send');
    await screenshot(page, 'phone-keyboard-ready');
    await page.keyboard.press('Enter');
    await page.locator('#outcome-heading').waitFor();
    assert.equal(await page.locator('#outcome-heading').innerText(), `Done: access key ${DEMO.alice.otherKeyId} is now Inactive.`);
    assert.equal(await focused(), 'send', 'focus comes back to Send');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling with results');
    await screenshot(page, 'phone-keyboard-sent');
    await context.close();
  });
});
