// rotateAccessKey with an injected fetch standing in for IAM and STS
// (fake-account.js): the four rotations of issue 17 (another user's key from
// an admin identity, the signer's own key, the two-key limit, the rollback),
// the refusals with no request sent, the person's decisions, the stop signal,
// and the new secret handed to onSecret once and nowhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rotateAccessKey, rotationLimits, ValidationError } from 'keyflip';
import { ADMIN, ALICE_OLD, ALICE_OTHER, credentialsOf, fakeAccount, users } from './fake-account.js';

const FAST = { proveIntervalMs: 100, proveTimeoutMs: 1_000 };
const DAY = 86_400_000;

/** Runs a rotation, collecting every event and the secrets handed over. */
async function rotate(account, signerKey, options) {
  const events = [];
  const secrets = [];
  const result = await rotateAccessKey({
    config: { credentials: credentialsOf(signerKey), fetch: account.fetch },
    ...FAST,
    onSecret: (s) => { secrets.push({ ...s }); },
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { result, events, secrets };
}

/** No secret of the new keys in anything but the one onSecret call. */
function assertNoSecretLeaks(account, { result, events }) {
  const text = JSON.stringify({ result, events });
  for (const key of account.created) assert.ok(!text.includes(key.secret), 'a new secret leaked into the result, an event or the record');
  assert.ok(!text.includes(ADMIN.secret) && !text.includes(ALICE_OLD.secret));
}

test('an admin rotates another user\'s one key: create, prove, retire on the person\'s word, deactivate; the record says each step', async () => {
  const account = fakeAccount({ users: users([{ ...ALICE_OLD, lastUsedBefore: new Date(Date.now() - 2 * DAY).toISOString() }]), propagationRequests: 2 });
  const asked = [];
  const run = await rotate(account, ADMIN, {
    userName: 'alice', accessKeyId: ALICE_OLD.id,
    confirmRetire: (q) => { asked.push(q); return true; },
  });
  const { result, secrets } = run;
  assert.equal(result.outcome, 'rotated', result.message);
  const newKey = account.created[0];
  assert.equal(result.newKeyId, newKey.id);
  assert.equal(account.key(ALICE_OLD.id).status, 'Inactive');
  assert.equal(account.key(newKey.id).status, 'Active');

  // The secret went to onSecret once, whole.
  assert.equal(secrets.length, 1);
  assert.deepEqual(Object.keys(secrets[0]).sort(), ['accessKeyId', 'createDate', 'secretAccessKey', 'userName']);
  assert.equal(secrets[0].secretAccessKey, newKey.secret);
  assert.ok(secrets[0].createDate instanceof Date);

  // Proven by GetCallerIdentity signed with the new key (two refusals first), every other call by the admin.
  const proofs = account.calls.filter((c) => c.signer === newKey.id);
  assert.deepEqual(proofs.map((c) => [c.action, c.service, c.status]), [
    ['GetCallerIdentity', 'sts', 403], ['GetCallerIdentity', 'sts', 403], ['GetCallerIdentity', 'sts', 200],
  ]);
  assert.ok(account.calls.filter((c) => c.signer !== newKey.id).every((c) => c.signer === ADMIN.id));
  assert.deepEqual(account.writes().map((c) => [c.action, c.params.UserName, c.params.AccessKeyId ?? null, c.params.Status ?? null]), [
    ['CreateAccessKey', 'alice', null, null],
    ['UpdateAccessKey', 'alice', ALICE_OLD.id, 'Inactive'],
  ]);

  // The person saw the old key's last use, flagged as recent (2 days, window 7).
  assert.equal(asked.length, 1);
  assert.equal(asked[0].accessKeyId, ALICE_OLD.id);
  assert.equal(asked[0].recentlyUsed, true);
  assert.equal(asked[0].lastUsed.serviceName, 's3');
  assert.equal(asked[0].signerIsUser, false);

  // The record: user, keys, signer, each step with its UTC time and request id.
  const { record } = result;
  assert.equal(record.kind, 'keyflip-rotation');
  assert.equal(record.user, 'alice');
  assert.equal(record.oldKeyId, ALICE_OLD.id);
  assert.equal(record.newKeyId, newKey.id);
  assert.deepEqual(record.signer, { arn: 'arn:aws:iam::123456789012:user/admin', keyId: ADMIN.id });
  assert.equal(record.outcome, 'rotated');
  assert.deepEqual(record.steps.map((s) => s.step), [
    'identify-signer', 'list-keys', 'create-key', 'hand-over-secret', 'prove-new-key', 'read-old-key-last-use', 'ask-retire', 'deactivate-old-key',
  ]);
  for (const step of record.steps) assert.match(step.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(record.steps.find((s) => s.step === 'create-key').requestId, /^req-CreateAccessKey-/);
  assert.equal(record.steps.find((s) => s.step === 'prove-new-key').attempts, 3);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(record)));
  assertNoSecretLeaks(account, run);

  // Progress events: each proof attempt with its elapsed time.
  const attempts = run.events.filter((e) => e.type === 'prove-attempt');
  assert.deepEqual(attempts.map((e) => e.result), ['not-yet', 'not-yet', 'works']);
  assert.deepEqual(attempts.map((e) => e.code ?? null), ['InvalidClientTokenId', 'InvalidClientTokenId', null]);
  assert.ok(attempts[2].elapsedMs >= 200, `elapsed ${attempts[2].elapsedMs}`);
  assert.equal(run.events.at(-1).type, 'end');
});

test('the signer\'s own key: the flow switches to the new key before deactivating the old one, so it is never locked out', async () => {
  const account = fakeAccount({ users: users([{ ...ALICE_OLD, lastUsedBefore: new Date().toISOString() }]), propagationRequests: 1 });
  const run = await rotate(account, ALICE_OLD, { accessKeyId: ALICE_OLD.id, confirmRetire: () => true }); // no userName: the signer's own
  const { result } = run;
  assert.equal(result.outcome, 'rotated', result.message);
  assert.equal(result.userName, 'alice');
  assert.equal(result.signerSwitched, true);
  const newKey = account.created[0];
  const update = account.calls.find((c) => c.action === 'UpdateAccessKey');
  assert.equal(update.signer, newKey.id, 'the old key was deactivated by a request signed with the new one');
  assert.equal(account.key(ALICE_OLD.id).status, 'Inactive');
  assert.ok(run.events.some((e) => e.type === 'step' && e.step === 'switch-signer' && e.accessKeyId === newKey.id));
  assert.equal(result.record.signer.switchedTo, newKey.id);
  assertNoSecretLeaks(account, run);
});

test('at the two-key limit the Inactive key is offered with its last use, deleted once picked and confirmed, then the key is created', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD, { ...ALICE_OTHER, status: 'Inactive', lastUsedBefore: '2025-03-04T05:06:07Z' }]) });
  const offers = [];
  const run = await rotate(account, ADMIN, {
    userName: 'alice', accessKeyId: ALICE_OLD.id,
    chooseKeyToDelete: (q) => { offers.push(q); return { accessKeyId: q.candidates[0].accessKeyId, confirmed: true }; },
    confirmRetire: () => true,
  });
  assert.equal(run.result.outcome, 'rotated', run.result.message);
  assert.equal(offers.length, 1);
  assert.deepEqual(offers[0].candidates.map((c) => [c.accessKeyId, c.status, c.recentlyUsed]), [[ALICE_OTHER.id, 'Inactive', false]]);
  assert.equal(offers[0].candidates[0].lastUsed.date.toISOString(), '2025-03-04T05:06:07.000Z');
  assert.match(offers[0].message, /IAM's limit/);
  assert.deepEqual(account.writes().map((c) => [c.action, c.params.AccessKeyId ?? null]), [
    ['DeleteAccessKey', ALICE_OTHER.id], ['CreateAccessKey', null], ['UpdateAccessKey', ALICE_OLD.id],
  ]);
});

test('at the limit with both keys Active and nothing picked: refused with the reason, nothing written', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD, ALICE_OTHER]) });
  const { result } = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id, chooseKeyToDelete: () => null });
  assert.equal(result.outcome, 'refused');
  assert.equal(result.refusal, 'both-active-nothing-picked');
  assert.match(result.message, /both are Active/);
  assert.deepEqual(account.writes(), []);
  assert.equal(result.record.outcome, 'refused');
});

test('an Active key picked without confirmation is refused; the Active key being rotated cannot be picked', async () => {
  let account = fakeAccount({ users: users([ALICE_OLD, ALICE_OTHER]) });
  let run = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id, chooseKeyToDelete: () => ({ accessKeyId: ALICE_OTHER.id }) });
  assert.equal(run.result.refusal, 'active-pick-not-confirmed');
  assert.deepEqual(account.writes(), []);

  account = fakeAccount({ users: users([ALICE_OLD, ALICE_OTHER]) });
  run = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id, chooseKeyToDelete: () => ({ accessKeyId: ALICE_OLD.id, confirmed: true }) });
  assert.equal(run.result.refusal, 'rotated-key-picked');
  assert.deepEqual(account.writes(), []);
});

test('the signer\'s other key is never offered: alice at the limit signing with her other Active key is refused', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD, ALICE_OTHER]) });
  const offers = [];
  const { result } = await rotate(account, ALICE_OTHER, { accessKeyId: ALICE_OLD.id, chooseKeyToDelete: (q) => offers.push(q) });
  assert.equal(result.refusal, 'no-key-can-be-deleted');
  assert.equal(offers.length, 0);
  assert.deepEqual(account.writes(), []);
});

test('a new key that never works: the rollback is offered after the timeout and deletes it; the old key is untouched', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD]), propagationRequests: 1_000 });
  const offers = [];
  const started = Date.now();
  const run = await rotate(account, ADMIN, {
    userName: 'alice', accessKeyId: ALICE_OLD.id, proveIntervalMs: 100, proveTimeoutMs: 500,
    confirmRollback: (q) => { offers.push(q); return true; },
    confirmRetire: () => assert.fail('never asked to retire'),
  });
  const { result } = run;
  assert.equal(result.outcome, 'rolled-back', result.message);
  assert.ok(Date.now() - started >= 500);
  const newKey = account.created[0];
  assert.equal(account.key(newKey.id), undefined, 'the new key was deleted');
  assert.equal(account.key(ALICE_OLD.id).status, 'Active');
  const proofs = account.calls.filter((c) => c.signer === newKey.id);
  // Attempts due at 0, 100, ..., 500 ms (one fewer when a busy machine lets the last start late).
  assert.ok(proofs.length === 6 || proofs.length === 5, `${proofs.length} attempts`);
  assert.equal(offers.length, 1);
  assert.match(offers[0].message, /did not work within 500 ms/);
  const failedProof = result.record.steps.find((s) => s.step === 'prove-new-key');
  assert.equal(failedProof.outcome, 'failed');
  assert.equal(failedProof.code, 'InvalidClientTokenId');
  assert.equal(failedProof.attempts, proofs.length);
  assertNoSecretLeaks(account, run);
});

test('the rollback declined keeps the new key and the old one', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD]), propagationRequests: 1_000 });
  const { result } = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id, proveTimeoutMs: 0, confirmRollback: () => false });
  assert.equal(result.outcome, 'not-proven-kept');
  assert.equal(account.key(account.created[0].id).status, 'Active');
  assert.equal(account.key(ALICE_OLD.id).status, 'Active');
});

test('a secret that could not be saved (onSecret threw) offers the rollback at once, without proving', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD]) });
  const run = await rotate(account, ADMIN, {
    userName: 'alice', accessKeyId: ALICE_OLD.id,
    onSecret: (s) => { throw new Error(`disk full while writing ${s.secretAccessKey}`); },
    confirmRollback: () => true,
  });
  assert.equal(run.result.outcome, 'rolled-back');
  assert.equal(account.calls.filter((c) => c.signer === account.created[0].id).length, 0);
  const handOver = run.result.record.steps.find((s) => s.step === 'hand-over-secret');
  assert.equal(handOver.outcome, 'failed');
  assert.match(handOver.message, /disk full while writing \[redacted\]/);
  assertNoSecretLeaks(account, run);
});

test('the person keeps the old key active: the new key works, nothing is deactivated', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD]) });
  const { result } = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id, confirmRetire: () => false });
  assert.equal(result.outcome, 'old-key-kept-active');
  assert.equal(account.key(ALICE_OLD.id).status, 'Active');
  assert.equal(account.calls.filter((c) => c.action === 'UpdateAccessKey').length, 0);
});

test('stopping during the proof ends the flow as stopped and says the new key exists', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD]), propagationRequests: 1_000 });
  const controller = new AbortController();
  const { result } = await rotate(account, ADMIN, {
    userName: 'alice', accessKeyId: ALICE_OLD.id, proveTimeoutMs: 60_000, signal: controller.signal,
    onEvent: (e) => { if (e.type === 'prove-attempt' && e.attempt === 2) controller.abort(); },
  });
  assert.equal(result.outcome, 'stopped');
  assert.match(result.message, new RegExp(`new key ${account.created[0].id} exists`));
  assert.ok(account.calls.filter((c) => c.signer === account.created[0].id).length <= 3);
});

test('stopped while CreateAccessKey is in flight: never claimed either way', async () => {
  const controller = new AbortController();
  const account = fakeAccount({
    users: users([ALICE_OLD]),
    before: (call) => {
      if (call.action === 'CreateAccessKey') controller.abort();
      return undefined;
    },
  });
  const { result } = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id, signal: controller.signal });
  assert.equal(result.outcome, 'stopped');
  assert.match(result.message, /CreateAccessKey was in flight: a new key may exist/);
  assert.equal(result.record.steps.at(-1).outcome, 'unknown');
});

test('a failing step ends the flow with IAM\'s code and request id in the record', async () => {
  const account = fakeAccount({
    users: users([ALICE_OLD]),
    before: (call) => (call.action === 'CreateAccessKey'
      ? [409, '<ErrorResponse><Error><Type>Sender</Type><Code>LimitExceeded</Code><Message>Cannot exceed quota for AccessKeysPerUser: 2</Message></Error><RequestId>req-409</RequestId></ErrorResponse>']
      : undefined),
  });
  const { result } = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id });
  assert.equal(result.outcome, 'failed');
  assert.equal(result.error.code, 'LimitExceeded');
  assert.equal(result.error.requestId, 'req-409');
  assert.match(result.message, /^CreateAccessKey failed: Cannot exceed quota/);
  const last = result.record.steps.at(-1);
  assert.deepEqual([last.step, last.outcome, last.code, last.requestId], ['create-key', 'failed', 'LimitExceeded', 'req-409']);
});

test('bad options are a ValidationError naming the field, before any request', async () => {
  const account = fakeAccount({ users: users([ALICE_OLD]) });
  const base = { config: { credentials: credentialsOf(ADMIN), fetch: account.fetch }, accessKeyId: ALICE_OLD.id, onSecret: () => {} };
  const cases = [
    [{ proveIntervalMs: 5 }, 'options.proveIntervalMs', 'range'],
    [{ proveTimeoutMs: 900_001 }, 'options.proveTimeoutMs', 'range'],
    [{ recentUseWindowMs: 'a week' }, 'options.recentUseWindowMs', 'type'],
    [{ onSecret: undefined }, 'onSecret', 'required'],
    [{ confirmRetire: true }, 'confirmRetire', 'type'],
    [{ accessKeyId: undefined }, 'accessKeyId', 'required'],
    [{ rotateAll: true }, 'rotateAll', 'unknown'],
    [{ config: null }, 'config', 'required'],
  ];
  for (const [change, field, rule] of cases) {
    await assert.rejects(rotateAccessKey({ ...base, ...change }), (error) => {
      assert.ok(error instanceof ValidationError, `${field}: ${error}`);
      assert.ok(error.issues.some((i) => i.field === field && i.rule === rule), `${field}/${rule}: ${JSON.stringify(error.issues)}`);
      return true;
    });
  }
  assert.equal(account.calls.length, 0);
});

test('an endpoint echoing the new secret in its refusals: not in an event, the result or the record', async () => {
  let account;
  account = fakeAccount({
    users: users([ALICE_OLD]),
    before: (call) => {
      const fresh = account.created.find((k) => k.id === call.signer);
      if (!fresh) return undefined;
      return [403, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>token ${fresh.secret} is invalid</Message></Error><RequestId>req-echo</RequestId></ErrorResponse>`];
    },
  });
  const run = await rotate(account, ADMIN, { userName: 'alice', accessKeyId: ALICE_OLD.id, proveTimeoutMs: 300, confirmRollback: () => true });
  assert.equal(run.result.outcome, 'rolled-back');
  const proof = run.result.record.steps.find((s) => s.step === 'prove-new-key');
  assert.match(proof.message, /^token \[redacted\] is invalid$/);
  assertNoSecretLeaks(account, run);
});

test('rotationLimits: the core\'s defaults and ranges', async () => {
  const limits = await rotationLimits();
  assert.equal(limits.accessKeysPerUser, 2);
  assert.deepEqual([limits.defaultProveIntervalMs, limits.defaultProveTimeoutMs, limits.defaultRecentUseWindowMs], [2_000, 60_000, 7 * DAY]);
  assert.ok(limits.minProveIntervalMs <= limits.defaultProveIntervalMs && limits.defaultProveIntervalMs <= limits.maxProveIntervalMs);
  assert.ok(limits.minProveTimeoutMs <= limits.defaultProveTimeoutMs && limits.defaultProveTimeoutMs <= limits.maxProveTimeoutMs);
});
