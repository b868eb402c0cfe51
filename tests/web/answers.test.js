// The page shows whatever an endpoint answers truthfully and safely: codes that
// are also JavaScript names, a code named like a cancel, a session token
// echoed back percent-encoded, a code too long for the screen, and a
// redirect its policy refuses. The answers come from a scripted endpoint.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPageServer } from '../../scripts/page/server.js';
import { iamError, startScriptedEndpoint } from './scripted-endpoint.js';
import { DEMO, chooseCustomEndpoint, fillForm, screenshot, usePageStack } from './harness.js';

describe('the page showing what an endpoint answered', () => {
  // A scripted endpoint instead of the local IAM, and a page server whose CSP
  // admits it; the page is opened with it as its endpoint.
  const web = usePageStack({
    perTest: true,
    async start() {
      const endpoint = await startScriptedEndpoint();
      const pageServer = await startPageServer({ port: 0, endpoints: [endpoint.url] });
      return { endpoint, pageUrl: pageServer.url, close: () => Promise.all([endpoint.close(), pageServer.close()]) };
    },
    reset: (stack) => stack.endpoint.reset(),
    opened: (page, stack) => chooseCustomEndpoint(page, stack.endpoint.url),
  });

  async function sendWith(credentials = DEMO.alice) {
    await fillForm(web.page, { ...credentials, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-heading').waitFor();
  }

  test('a code that is a property of Object.prototype gets the generic hint, not a function', async () => {
    web.stack.endpoint.answerNext(iamError({ code: 'constructor' }));
    await sendWith();
    assert.equal(await web.page.locator('#outcome-heading').innerText(), 'IAM refused the request: constructor');
    const hint = await web.page.locator('#outcome-hint').innerText();
    assert.doesNotMatch(hint, /function|native code/);
    assert.match(hint, /^See the message above/);
    assert.deepEqual(web.violations, []);
  });

  test('an answer with <Code>AbortError</Code> is shown as IAM\'s answer, not as a cancel', async () => {
    web.stack.endpoint.answerNext(iamError({ code: 'AbortError', message: 'not a cancel' }));
    await sendWith();
    assert.equal(await web.page.locator('#outcome-heading').innerText(), 'IAM refused the request: AbortError');
    assert.match(await web.page.locator('#outcome').innerText(), /not a cancel/);
    assert.equal(await web.page.getByText('Cancelled.').count(), 0);
  });

  test('AccessDenied explains the quarantine policy for leaked keys and signing with another principal', async () => {
    web.stack.endpoint.answerNext(iamError({ code: 'AccessDenied', status: 403 }));
    await sendWith();
    const hint = await web.page.locator('#outcome-hint').innerText();
    assert.match(hint, /AWSCompromisedKeyQuarantine/);
    assert.match(hint, /cannot turn itself off/);
    assert.match(hint, /another principal/);
  });

  test('a session token echoed with lower-case percent-escapes is hidden', async () => {
    const token = 'FwoGZXIvYXdzEJr//////////wEaDH+demo/token+value==';
    const lower = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    web.stack.endpoint.answerNext(iamError({ code: 'InvalidToken', message: `token ${lower} is not valid` }));
    await sendWith({ ...DEMO.session, sessionToken: token });
    // Hidden by the package ([redacted]) or, should it miss a form, by the page (‹session token hidden›).
    assert.match(await web.page.locator('#outcome').innerText(), /token (\[redacted\]|‹session token hidden›) is not valid/);
    const html = await web.page.evaluate(() => document.body.outerHTML.replace(/<input[^>]*>/g, ''));
    assert.ok(!html.includes(lower) && !html.includes(token) && !html.includes(encodeURIComponent(token)), 'no form of the token in the page');
  });

  test('a 5,000-character code wraps instead of making the page scroll sideways', async () => {
    web.stack.endpoint.answerNext(iamError({ code: 'X'.repeat(5000) }));
    await sendWith();
    assert.match(await web.page.locator('#outcome-heading').innerText(), /^IAM refused the request: X{100}/);
    const widths = await web.page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    assert.equal(widths.page, widths.viewport);
    await screenshot(web.page, 'answer-long-code');
  });

  test('a redirect to an origin the policy refuses is not retried, and is said to have been sent', async () => {
    web.stack.endpoint.answerNext({ status: 307, headers: { location: 'http://127.0.0.1:9/elsewhere' } });
    await sendWith();
    assert.equal(await web.page.locator('#outcome-heading').innerText(), 'Sent, but no answer could be read: the change may have been made');
    assert.match(await web.page.locator('#outcome-why').innerText(), /refused a connection this page's security policy does not allow .*redirected/);
    const log = await web.page.locator('#progress li').allInnerTexts();
    assert.deepEqual(log.map((line) => line.replace(/ sending to .*/, '')), ['Attempt 1 of 3:'], 'one attempt, no retry');
    assert.equal(web.stack.endpoint.requests.length, 1);
    assert.equal(web.violations.length > 0, true, 'the browser did refuse the redirect (the one deliberate violation)');
  });
});
