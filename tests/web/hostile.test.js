// The page against a hostile endpoint (tests/web/scripted-endpoint.js), in
// Debian's Chromium, each a regression test for issue 16's defects: pages
// without end stopped by Stop, by the time window and by the bound on users;
// a read-back that never finishes a read ended by its window, and a bulk run
// ended by Stop; malformed members shown as unreadable rows; conflicting
// read-backs reported; credentials typed during a retry's wait never sign
// that retry; the single-call form's lock-out dialog; an owner lookup
// without UserName; a session token echoed in a success answer hidden.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPageServer } from '../../scripts/page/server.js';
import { fillForm, keysStatus, openSigner, screenshot, secretsOutsideInputs, tableRows, usePageStack } from './harness.js';
import {
  getUser, iamError, iamOk, keyMember, lastUsed, listAccessKeys, listUsers, startScriptedEndpoint,
} from './scripted-endpoint.js';

const A = { accessKeyId: 'AKIAHOSTILESIGNER01', secretAccessKey: 'hostile-signer-secret-not-a-real-secret' };
const B = { accessKeyId: 'AKIAHOSTILEOTHER001', secretAccessKey: 'hostile-other-secret-not-a-real-secret' };
const C = 'AKIAHOSTILETHIRD001';
const SESSION = { accessKeyId: 'ASIAHOSTILESESSION1', secretAccessKey: 'hostile-session-secret-not-a-real-one', sessionToken: 'hostile-session-token-0123456789abcdefghijklmnopqrstuvwxyz' };
const CREATED = '2025-01-02T03:04:05Z';
const member = (id, status = 'Active', userName = 'alice') => keyMember({ UserName: userName, AccessKeyId: id, Status: status, CreateDate: CREATED });

/** The usual answers: alice signs with A and also holds B and C. */
function baseline(call) {
  switch (call.action) {
    case 'GetUser': return getUser('alice');
    case 'ListAccessKeys': return listAccessKeys([member(A.accessKeyId), member(B.accessKeyId), member(C)]);
    case 'GetAccessKeyLastUsed': return lastUsed('alice');
    case 'UpdateAccessKey': return iamOk('UpdateAccessKey');
    // No report: "All users" lists user by user, the path these tests hold to account.
    case 'GenerateCredentialReport': return iamError({ code: 'AccessDenied', status: 403, message: 'no identity-based policy allows the iam:GenerateCredentialReport action' });
    default: return undefined;
  }
}

async function startHostileStack() {
  const endpoint = await startScriptedEndpoint();
  const page = await startPageServer({ port: 0, demoEndpoint: endpoint.url });
  return { endpoint, pageUrl: page.url, close: () => Promise.all([endpoint.close(), page.close()]) };
}

async function signIn(page, credentials = A) {
  await fillForm(page, credentials);
  await page.getByRole('button', { name: 'Check credentials' }).click();
}

describe('the page against a hostile endpoint', () => {
  const web = usePageStack({
    perTest: true,
    start: startHostileStack,
    reset: (stack) => { stack.endpoint.reset(); stack.endpoint.respond(baseline); },
    check: async ({ page, violations }) => {
      assert.deepEqual(violations, []);
      assert.deepEqual(await secretsOutsideInputs(page, { a: A.secretAccessKey, b: B.secretAccessKey, token: SESSION.sessionToken }), []);
    },
  });
  const endpoint = () => web.stack.endpoint;
  /** The number of requests of action, once it has stopped growing for ms. */
  async function settledCount(action, ms = 600) {
    let before;
    let now = endpoint().count(action);
    do {
      before = now;
      await new Promise((resolve) => { setTimeout(resolve, ms); });
      now = endpoint().count(action);
    } while (now !== before);
    return now;
  }

  test('endless ListUsers pages: Stop reading ends it at once, mid-read', async () => {
    let page = 0;
    endpoint().respond((call) => (call.action === 'ListUsers'
      ? { ...listUsers([`user-${++page}`], { marker: `fresh-${page}` }), delayMs: 150 } : baseline(call)));
    await signIn(web.page);
    await keysStatus(web.page, /^Listed 3 keys of the signer\./);
    await web.page.getByRole('button', { name: 'All users of the account' }).click();
    await web.page.locator('#keys-status').filter({ hasText: /page [3-9]/ }).waitFor();
    const stopAt = Date.now();
    await web.page.getByRole('button', { name: 'Stop reading' }).click();
    await keysStatus(web.page, /^Stopped: no user's keys were listed\.$/);
    assert.ok(Date.now() - stopAt < 1500, `stopped in ${Date.now() - stopAt} ms`);
    const pages = endpoint().count('ListUsers');
    assert.ok(await settledCount('ListUsers') <= pages + 1, 'no page asked for after Stop');
    assert.equal(await web.page.getByRole('button', { name: 'Stop reading' }).isVisible(), false);
  });

  test('endless ListUsers pages: the listing\'s time window ends it, and the users bound ends it too', async () => {
    let page = 0;
    endpoint().respond((call) => (call.action === 'ListUsers'
      ? { ...listUsers([`user-${++page}`], { marker: `fresh-${page}` }), delayMs: 300 } : baseline(call)));
    await signIn(web.page);
    await keysStatus(web.page, /^Listed 3 keys/);
    await web.page.locator('summary', { hasText: 'Read limits' }).click();
    await web.page.getByLabel('A listing stops after (seconds)').fill('2');
    const start = Date.now();
    await web.page.getByRole('button', { name: 'All users of the account' }).click();
    await keysStatus(web.page, /^Stopped after 2 s \(the listing's time window\): no user's keys were listed\.$/);
    assert.ok(Date.now() - start < 4000, `ended after ${Date.now() - start} ms`);
    const pages = endpoint().count('ListUsers');
    assert.ok(await settledCount('ListUsers') <= pages + 1);

    // Fast endless pages of 100 names: the bound on users ends them, and those read are listed.
    let fast = 0;
    endpoint().respond((call) => {
      if (call.action !== 'ListUsers') return call.action === 'ListAccessKeys' && call.params.UserName ? listAccessKeys([]) : baseline(call);
      fast += 1;
      return listUsers(Array.from({ length: 100 }, (_, i) => `bulk-${fast}-${i}`), { marker: `fast-${fast}` });
    });
    await web.page.getByLabel('A listing stops after (seconds)').fill('60');
    await web.page.getByLabel('"All users of the account" reads at most (users)').fill('250');
    await web.page.getByRole('button', { name: 'All users of the account' }).click();
    const status = await keysStatus(web.page, /ListUsers\.\)/);
    assert.match(status, /\(250 users, 3 pages of ListUsers\.\) Not every user was read: stopped after 3 pages and 300 users: the page reads at most 10000 pages or 250 users here\.$/);
    assert.equal(fast, 3, 'no fourth page');
    assert.equal(endpoint().calls.filter((c) => c.action === 'ListAccessKeys' && c.params.UserName?.startsWith('bulk-')).length, 250);
    await screenshot(web.page, 'hostile-users-bound');
  });

  test('a read-back whose read never ends is ended by its window, and says so', { timeout: 40_000 }, async () => {
    await signIn(web.page);
    await keysStatus(web.page, /^Listed 3 keys/);
    let endless = 0;
    endpoint().respond((call) => (call.action === 'ListAccessKeys'
      ? { ...listAccessKeys([member(B.accessKeyId)], { marker: `again-${++endless}` }), delayMs: 1000 } : baseline(call)));
    const start = Date.now();
    await web.page.getByRole('button', { name: `Deactivate ${B.accessKeyId} (alice)` }).click();
    await web.page.locator('#keys-body td[data-label="Outcome"]', { hasText: 'sending…' }).waitFor();
    await keysStatus(web.page, new RegExp(`^${B.accessKeyId} \\(alice\\) to Inactive: `));
    const took = Date.now() - start;
    assert.ok(took >= 9_000 && took < 13_000, `the read-back ended after ${took} ms`);
    assert.equal(await web.page.locator('#keys-status').innerText(), `${B.accessKeyId} (alice) to Inactive: sent; not confirmed: reading it back failed (no read finished within 10 s).`);
    const reads = endpoint().count('ListAccessKeys');
    assert.ok(await settledCount('ListAccessKeys') <= reads + 1, 'no read after the window');
  });

  test('a bulk run whose read-backs never end: Stop ends it at once, and every key says what is known', { timeout: 40_000 }, async () => {
    await signIn(web.page);
    await keysStatus(web.page, /^Listed 3 keys/);
    await web.page.getByLabel('Warn about keys used in the last').fill('0');
    await web.page.getByRole('checkbox', { name: `Select ${B.accessKeyId} (alice)` }).check();
    await web.page.getByRole('checkbox', { name: `Select ${C} (alice)` }).check();
    let endless = 0;
    endpoint().respond((call) => (call.action === 'ListAccessKeys'
      ? { ...listAccessKeys([member(B.accessKeyId), member(C)], { marker: `again-${++endless}` }), delayMs: 200 } : baseline(call)));
    await web.page.getByRole('button', { name: 'Deactivate selected (2)' }).click();
    await web.page.getByRole('button', { name: 'Stop' , exact: true }).waitFor();
    await new Promise((resolve) => { setTimeout(resolve, 1000); });
    const stopAt = Date.now();
    await web.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await web.page.locator('#bulk-result').waitFor({ timeout: 3000 });
    assert.ok(Date.now() - stopAt < 2000, `stopped in ${Date.now() - stopAt} ms`);
    assert.equal(await web.page.locator('#bulk-progress').evaluate((bar) => `${bar.value}/${bar.max}`), '2/2');
    const lines = await web.page.locator('#bulk-outcomes li').allInnerTexts();
    assert.equal(lines.length, 2);
    for (const line of lines) assert.match(line, /: sent; not confirmed: reading it back failed \(stopped\); request id [0-9a-f-]{36}$/);
    assert.match(await web.page.locator('#bulk-status').innerText(), /^Stopped: 2 of 2 keys done; keys in flight may have been changed\.$/);
    const reads = endpoint().count('ListAccessKeys');
    assert.ok(await settledCount('ListAccessKeys') <= reads + 2, 'no read after Stop');
    await screenshot(web.page, 'hostile-bulk-stopped');
  });

  test('malformed members: each an unreadable row with the reason, the rest of the table shown', async () => {
    endpoint().respond((call) => (call.action === 'ListAccessKeys'
      ? listAccessKeys([
        member(A.accessKeyId),
        keyMember({ UserName: 'alice', AccessKeyId: B.accessKeyId, CreateDate: CREATED }),
        '<member/>',
        keyMember({ UserName: 'alice', AccessKeyId: C, Status: 'Frozen', CreateDate: CREATED }),
      ]) : baseline(call)));
    await signIn(web.page);
    const status = await keysStatus(web.page, /^Listed 4 keys of the signer\./);
    assert.match(status, /3 could not be read \(shown as unreadable\)\./);
    const rows = await tableRows(web.page);
    assert.equal(rows.length, 4);
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    assert.equal(byKey[A.accessKeyId].status, 'Active');
    assert.equal(byKey[B.accessKeyId].status, 'unreadable');
    assert.equal(byKey[B.accessKeyId].outcome, "IAM's entry has no Status");
    assert.equal(byKey[C].outcome, 'IAM\'s entry has Status "Frozen" is neither Active nor Inactive');
    const empty = rows.find((row) => row.key.startsWith('(unreadable entry'));
    assert.equal(empty.outcome, "IAM's entry has no AccessKeyId, no UserName, no Status, no CreateDate");
    // Unreadable rows cannot be selected or changed.
    await web.page.getByLabel('Select every key shown').check();
    assert.equal(await web.page.locator('#keys-count').innerText(), 'Showing 4 of 4 keys; 1 selected.');
    assert.equal(await web.page.getByRole('button', { name: `Deactivate ${B.accessKeyId} (alice)` }).count(), 0);
    await screenshot(web.page, 'hostile-malformed-members');
  });

  test('a read-back that lists the key twice, or under another user, is a conflict, never a confirmation', async () => {
    await signIn(web.page);
    await keysStatus(web.page, /^Listed 3 keys/);
    let reads = 0;
    endpoint().respond((call) => {
      if (call.action !== 'ListAccessKeys') return baseline(call);
      reads += 1;
      return listAccessKeys([member(B.accessKeyId, 'Inactive'), member(B.accessKeyId, 'Active'), member(C)]);
    });
    await web.page.getByRole('button', { name: `Deactivate ${B.accessKeyId} (alice)` }).click();
    await keysStatus(web.page, new RegExp(`^${B.accessKeyId} \\(alice\\) to Inactive: `));
    assert.equal(await web.page.locator('#keys-status').innerText(),
      `${B.accessKeyId} (alice) to Inactive: sent; not confirmed: IAM's answers conflict (the key is listed 2 times, as Inactive and Active).`);
    assert.ok(reads > 1, 'read again within the window');

    endpoint().respond((call) => (call.action === 'ListAccessKeys' ? listAccessKeys([member(C, 'Inactive', 'mallory')]) : baseline(call)));
    await web.page.getByRole('button', { name: `Deactivate ${C} (alice)` }).click();
    await keysStatus(web.page, new RegExp(`^${C} \\(alice\\) to Inactive: `));
    assert.equal(await web.page.locator('#keys-status').innerText(),
      `${C} (alice) to Inactive: sent; not confirmed: IAM's answers conflict (the key is listed under user mallory, not alice).`);
  });

  test('credentials typed during a retry\'s wait never sign that retry (the lock-out check holds per attempt)', { timeout: 30_000 }, async () => {
    await signIn(web.page);
    await keysStatus(web.page, /^Listed 3 keys/);
    endpoint().respond((call) => (call.action === 'UpdateAccessKey' && endpoint().count('UpdateAccessKey') === 1
      ? iamError({ code: 'ServiceUnavailable', status: 503, headers: { 'retry-after': '3' } }) : baseline(call)));
    await web.page.getByRole('button', { name: `Deactivate ${B.accessKeyId} (alice)` }).click();
    while (endpoint().count('UpdateAccessKey') < 1) await new Promise((resolve) => { setTimeout(resolve, 50); });
    // During the 3 s wait: B's own credentials typed in (the key being deactivated).
    await openSigner(web.page);
    await web.page.getByLabel('Access key ID').fill(B.accessKeyId);
    await web.page.getByLabel('Secret access key').fill(B.secretAccessKey);
    while (endpoint().count('UpdateAccessKey') < 2) await new Promise((resolve) => { setTimeout(resolve, 100); });
    const updates = endpoint().calls.filter((call) => call.action === 'UpdateAccessKey');
    assert.deepEqual(updates.map((call) => [call.signedBy, call.params.AccessKeyId]), [[A.accessKeyId, B.accessKeyId], [A.accessKeyId, B.accessKeyId]],
      'both attempts signed by A, the key the change was checked against');
    assert.equal(await web.page.getByRole('dialog').count(), 0);
  });

  test('the single-call form asks before turning off the signing key, like the table', async () => {
    await fillForm(web.page, { ...A, targetKeyId: A.accessKeyId, status: 'Inactive' });
    await web.page.getByRole('button', { name: 'Send' }).click();
    const dialog = web.page.getByRole('dialog', { name: "Deactivate the key that signs this page's requests?" });
    await dialog.waitFor();
    assert.equal(await web.page.evaluate(() => document.activeElement.id), 'lockout-keep');
    await screenshot(web.page, 'single-call-lockout');
    await web.page.keyboard.press('Escape');
    await web.page.getByText(`Not sent: kept ${A.accessKeyId} Active (it signs this page's requests).`).waitFor();
    assert.equal(endpoint().count('UpdateAccessKey'), 0);
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.getByRole('button', { name: 'Deactivate the signing key' }).click();
    await web.page.locator('#outcome-heading').waitFor();
    assert.equal(await web.page.locator('#outcome-heading').innerText(), `Done: access key ${A.accessKeyId} is now Inactive.`);
    assert.equal(endpoint().count('UpdateAccessKey'), 1);
    // Another key is sent without a question.
    await web.page.getByLabel(/^AccessKeyId/).fill(B.accessKeyId);
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-heading', { hasText: B.accessKeyId }).waitFor();
    assert.equal(endpoint().count('UpdateAccessKey'), 2);
  });

  test('an owner lookup answered without UserName is unreadable, and nothing else is read', async () => {
    endpoint().respond((call) => (call.action === 'GetAccessKeyLastUsed' ? lastUsed(undefined) : baseline(call)));
    await fillForm(web.page, A);
    await web.page.getByLabel('Text with the key ID').fill(B.accessKeyId);
    await web.page.getByRole('button', { name: 'Find the owner' }).click();
    await web.page.locator('#lookup-error').waitFor();
    assert.match(await web.page.locator('#lookup-error').innerText(), new RegExp(`^IAM's answer for ${B.accessKeyId} could not be read: it names no owner \\(UserName is missing\\)\\.`));
    assert.doesNotMatch(await web.page.locator('#lookup-result').innerText(), /undefined/);
    assert.equal(endpoint().count('ListAccessKeys'), 0, 'the signer\'s keys are not read in its place');
  });

  test('a session token echoed in a successful answer is hidden wherever the page shows it', async () => {
    const echo = (text) => text.replace('</UserName>', `-${SESSION.sessionToken}</UserName>`).replace('user/alice', `user/alice-${SESSION.sessionToken}`);
    endpoint().respond((call) => {
      const answer = baseline(call);
      if (call.action === 'GetUser' && call.params.UserName) return { ...answer, body: echo(getUser(call.params.UserName).body) };
      if (call.action === 'GetUser') return { ...answer, body: echo(answer.body) };
      return answer;
    });
    await fillForm(web.page, SESSION);
    await web.page.getByRole('button', { name: 'Check credentials' }).click();
    await web.page.locator('#signer-status').filter({ hasText: 'Signing as' }).waitFor();
    // The package hides it in the answer already ([redacted]); the page's own marker names it where the page redacts.
    const hidden = /‹session token hidden›|\[redacted\]/;
    const shown = await web.page.locator('#signer-status').innerText();
    assert.match(shown, hidden);
    assert.ok(!shown.includes(SESSION.sessionToken.slice(0, 16)), shown);
    // The single-call form's read result too.
    await web.page.getByLabel('IAM action').selectOption('GetUser');
    await web.page.getByRole('button', { name: 'Send' }).click();
    await web.page.locator('#outcome-result').waitFor();
    const result = await web.page.locator('#outcome-result').innerText();
    assert.match(result, hidden);
    assert.ok(!result.includes(SESSION.sessionToken.slice(0, 16)), result);
  });
});
