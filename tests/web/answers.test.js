// The page shows whatever an endpoint answers truthfully and safely: codes that
// are also JavaScript names, a code named like a cancel, a session token
// echoed back percent-encoded, a code too long for the screen, and a
// redirect its policy refuses. The answers come from a scripted endpoint.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPageServer } from '../../scripts/page/server.js';
import { iamError, startScriptedEndpoint } from './scripted-endpoint.js';
import { DEMO, chooseCustomEndpoint, fillForm, launchChromium, screenshot, waitReady, watchCsp } from './harness.js';

describe('the page showing what an endpoint answered', () => {
  let endpoint;
  let pageServer;
  let browser;
  let context;
  let page;
  let violations;

  before(async () => {
    endpoint = await startScriptedEndpoint();
    pageServer = await startPageServer({ port: 0, endpoints: [endpoint.url] });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await Promise.all([endpoint?.close(), pageServer?.close()]);
  });
  beforeEach(async () => {
    endpoint.reset();
    context = await browser.newContext();
    violations = await watchCsp(context);
    page = await context.newPage();
    await page.goto(pageServer.url);
    await waitReady(page);
    await chooseCustomEndpoint(page, endpoint.url);
  });
  afterEach(() => context.close());

  async function sendWith(credentials = DEMO.alice) {
    await fillForm(page, { ...credentials, targetKeyId: DEMO.alice.otherKeyId, status: 'Inactive' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#outcome-heading').waitFor();
  }

  test('a code that is a property of Object.prototype gets the generic hint, not a function', async () => {
    endpoint.answerNext(iamError({ code: 'constructor' }));
    await sendWith();
    assert.equal(await page.locator('#outcome-heading').innerText(), 'IAM refused the request: constructor');
    const hint = await page.locator('#outcome-hint').innerText();
    assert.doesNotMatch(hint, /function|native code/);
    assert.match(hint, /^See the message above/);
    assert.deepEqual(violations, []);
  });

  test('an answer with <Code>AbortError</Code> is shown as IAM\'s answer, not as a cancel', async () => {
    endpoint.answerNext(iamError({ code: 'AbortError', message: 'not a cancel' }));
    await sendWith();
    assert.equal(await page.locator('#outcome-heading').innerText(), 'IAM refused the request: AbortError');
    assert.match(await page.locator('#outcome').innerText(), /not a cancel/);
    assert.equal(await page.getByText('Cancelled.').count(), 0);
  });

  test('AccessDenied explains the quarantine policy for leaked keys and signing with another principal', async () => {
    endpoint.answerNext(iamError({ code: 'AccessDenied', status: 403 }));
    await sendWith();
    const hint = await page.locator('#outcome-hint').innerText();
    assert.match(hint, /AWSCompromisedKeyQuarantine/);
    assert.match(hint, /cannot turn itself off/);
    assert.match(hint, /another principal/);
  });

  test('a session token echoed with lower-case percent-escapes is hidden', async () => {
    const token = 'FwoGZXIvYXdzEJr//////////wEaDH+demo/token+value==';
    const lower = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    endpoint.answerNext(iamError({ code: 'InvalidToken', message: `token ${lower} is not valid` }));
    await sendWith({ ...DEMO.session, sessionToken: token });
    // Hidden by the package ([redacted]) or, should it miss a form, by the page (‹session token hidden›).
    assert.match(await page.locator('#outcome').innerText(), /token (\[redacted\]|‹session token hidden›) is not valid/);
    const html = await page.evaluate(() => document.body.outerHTML.replace(/<input[^>]*>/g, ''));
    assert.ok(!html.includes(lower) && !html.includes(token) && !html.includes(encodeURIComponent(token)), 'no form of the token in the page');
  });

  test('a 5,000-character code wraps instead of making the page scroll sideways', async () => {
    endpoint.answerNext(iamError({ code: 'X'.repeat(5000) }));
    await sendWith();
    assert.match(await page.locator('#outcome-heading').innerText(), /^IAM refused the request: X{100}/);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    assert.equal(widths.page, widths.viewport);
    await screenshot(page, 'answer-long-code');
  });

  test('a redirect to an origin the policy refuses is not retried, and is said to have been sent', async () => {
    endpoint.answerNext({ status: 307, headers: { location: 'http://127.0.0.1:9/elsewhere' } });
    await sendWith();
    assert.equal(await page.locator('#outcome-heading').innerText(), 'Sent, but no answer could be read: the change may have been made');
    assert.match(await page.locator('#outcome-why').innerText(), /refused a connection this page's security policy does not allow .*redirected/);
    const log = await page.locator('#progress li').allInnerTexts();
    assert.deepEqual(log.map((line) => line.replace(/ sending to .*/, '')), ['Attempt 1 of 3:'], 'one attempt, no retry');
    assert.equal(endpoint.requests.length, 1);
    assert.equal(violations.length > 0, true, 'the browser did refuse the redirect (the one deliberate violation)');
  });
});
