// deleteInactiveAccessKey with an injected fetch (fake-account.js): one
// Inactive key, deleted only after its ID is typed; an Active key refused
// without asking; the recent-use warning; the owner found from the key's ID;
// bad options refused before any request; no answer is "unknown", never "deleted".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteInactiveAccessKey, ValidationError } from 'keyflip';
import { ADMIN, ALICE_OLD, ALICE_OTHER, credentialsOf, fakeAccount, users } from './fake-account.js';

const DAY = 86_400_000;
const config = (account) => ({ credentials: credentialsOf(ADMIN), fetch: account.fetch, maxAttempts: 1 });

function aliceWithInactive(lastUsedBefore) {
  return fakeAccount({ users: users([ALICE_OLD, { ...ALICE_OTHER, status: 'Inactive', lastUsedBefore }]) });
}

test('an Inactive key: asked for its ID (the owner found from the ID), then deleted', async () => {
  const account = aliceWithInactive('2024-01-02T03:04:05Z');
  const questions = [];
  const result = await deleteInactiveAccessKey({
    config: config(account), accessKeyId: ALICE_OTHER.id,
    confirmTypedId: (q) => { questions.push(q); return ALICE_OTHER.id; },
  });
  assert.equal(result.outcome, 'deleted', result.message);
  assert.equal(result.userName, 'alice');
  assert.match(result.requestId, /^req-DeleteAccessKey-/);
  assert.equal(questions.length, 1);
  assert.equal(questions[0].recentlyUsed, false);
  assert.match(questions[0].message, /cannot be undone\. Type its ID to confirm\.$/);
  assert.equal(questions[0].lastUsed.date.toISOString(), '2024-01-02T03:04:05.000Z');
  assert.deepEqual(account.writes().map((c) => [c.action, c.params.UserName, c.params.AccessKeyId]), [['DeleteAccessKey', 'alice', ALICE_OTHER.id]]);
  assert.equal(account.key(ALICE_OTHER.id), undefined);
});

test('used within the window: the question warns, the deletion still needs the typed ID', async () => {
  const account = aliceWithInactive(new Date(Date.now() - 2 * DAY).toISOString());
  let question;
  const result = await deleteInactiveAccessKey({
    config: config(account), userName: 'alice', accessKeyId: ALICE_OTHER.id,
    confirmTypedId: (q) => { question = q; return ALICE_OTHER.id; },
  });
  assert.equal(result.outcome, 'deleted');
  assert.equal(result.recentlyUsed, true);
  assert.equal(question.recentlyUsed, true);
  assert.match(question.message, /It was used within the last 7 days: something may still need it\./);
});

test('a wrong or empty typed ID deletes nothing', async () => {
  for (const typed of [ALICE_OTHER.id.toLowerCase(), `${ALICE_OTHER.id} `, '']) {
    const account = aliceWithInactive(null);
    const result = await deleteInactiveAccessKey({ config: config(account), accessKeyId: ALICE_OTHER.id, confirmTypedId: () => typed });
    assert.equal(result.outcome, 'refused', JSON.stringify(typed));
    assert.equal(result.refusal, 'typed-id-mismatch');
    assert.deepEqual(account.writes(), []);
  }
});

test('an Active key is refused without asking', async () => {
  const account = aliceWithInactive(null);
  const result = await deleteInactiveAccessKey({ config: config(account), accessKeyId: ALICE_OLD.id, confirmTypedId: () => assert.fail('never asked') });
  assert.equal(result.outcome, 'refused');
  assert.equal(result.refusal, 'key-active');
  assert.deepEqual(account.writes(), []);
});

test('no answer to DeleteAccessKey is "unknown" (it may have been deleted), never "deleted"', async () => {
  const account = fakeAccount({
    users: users([ALICE_OLD, { ...ALICE_OTHER, status: 'Inactive' }]),
    before: (call) => { if (call.action === 'DeleteAccessKey') throw new TypeError('fetch failed'); },
  });
  const result = await deleteInactiveAccessKey({ config: config(account), accessKeyId: ALICE_OTHER.id, confirmTypedId: () => ALICE_OTHER.id });
  assert.equal(result.outcome, 'unknown');
  assert.match(result.message, /may have reached IAM/);
  assert.equal(result.error.error, 'NetworkError');
});

test('bad options are a ValidationError naming the field, before any request', async () => {
  const account = aliceWithInactive(null);
  const base = { config: config(account), accessKeyId: ALICE_OTHER.id, confirmTypedId: () => '' };
  for (const [change, field, rule] of [
    [{ confirmTypedId: undefined }, 'confirmTypedId', 'required'],
    [{ recentUseWindowMs: -1 }, 'options.recentUseWindowMs', 'range'],
    [{ accessKeyId: 7 }, 'accessKeyId', 'type'],
    [{ keys: [] }, 'keys', 'unknown'],
  ]) {
    await assert.rejects(deleteInactiveAccessKey({ ...base, ...change }), (error) => {
      assert.ok(error instanceof ValidationError, String(error));
      assert.ok(error.issues.some((i) => i.field === field && i.rule === rule), JSON.stringify(error.issues));
      return true;
    });
  }
  assert.equal(account.calls.length, 0);
});
