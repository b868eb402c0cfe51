// rotateAccessKey and deleteInactiveAccessKey against the local endpoint
// (IAM and STS on one address, signatures checked, new keys refused for the
// propagation delay): the four rotations of issue 17 with the demo users
// under /rotation/ (erin: one key; frank: at the limit with an Inactive key;
// nina: two Active keys), then the typed-ID deletion of the old key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, deleteInactiveAccessKey, IamError, rotateAccessKey } from 'keyflip';
import { KEYS, REGION, useEndpoint } from './harness.js';

const e2e = useEndpoint();
const ADMIN = KEYS.alice1;
// The wait for a new key, short for tests; the endpoint's propagation delay is set per test.
const FAST = { proveIntervalMs: 100, proveTimeoutMs: 5_000 };

const config = (credentials) => ({ endpoint: e2e.url, region: REGION, credentials, maxAttempts: 1 });

/** Runs a rotation; returns the result, the secret handed over, and the events. */
async function rotate(signer, options) {
  const handed = [];
  const events = [];
  const result = await rotateAccessKey({
    config: config(signer), ...FAST,
    onSecret: (key) => { handed.push(key); },
    onEvent: (event) => events.push(event),
    ...options,
  });
  const text = JSON.stringify({ result, events });
  for (const key of handed) assert.ok(!text.includes(key.secretAccessKey), 'the new secret leaked into the result or an event');
  return { result, handed, events };
}

/** Whom a key signs as, or the IamError code that refuses it. */
async function whoIs(credentials) {
  try {
    return (await createClient(config(credentials)).getCallerIdentity()).Arn;
  } catch (error) {
    if (error instanceof IamError) return error.code;
    throw error;
  }
}

test('an admin rotates another user\'s key (erin, one key): the new key is proven, then the old one deactivated', async () => {
  await e2e.control({ keyPropagationMs: 300 });
  const old = KEYS.erin.accessKeyId;
  const { result, handed, events } = await rotate(ADMIN, { userName: 'erin', accessKeyId: old, confirmRetire: () => true });
  assert.equal(result.outcome, 'rotated', result.message);
  assert.equal(handed.length, 1);
  const fresh = { accessKeyId: handed[0].accessKeyId, secretAccessKey: handed[0].secretAccessKey };
  assert.equal(result.newKeyId, fresh.accessKeyId);
  // Refused at first (InvalidClientTokenId), then accepted.
  const attempts = events.filter((e) => e.type === 'prove-attempt');
  assert.equal(attempts[0].result, 'not-yet');
  assert.equal(attempts[0].code, 'InvalidClientTokenId');
  assert.equal(attempts.at(-1).result, 'works');
  assert.equal(await e2e.statusOf('erin', old), 'Inactive');
  assert.equal(await e2e.statusOf('erin', fresh.accessKeyId), 'Active');
  assert.match(await whoIs(fresh), /:user\/rotation\/erin$/);
  assert.equal(await whoIs(KEYS.erin), 'InvalidClientTokenId');
  assert.match(result.record.signer.arn, /:user\/alice$/);
  assert.ok(result.record.steps.every((s) => s.outcome !== 'failed'));
  for (const step of result.record.steps.filter((s) => s.requestId)) assert.match(step.requestId, /^[0-9a-f-]{36}$/);

  // Later: the old key, now Inactive, deleted after its ID is typed; a wrong ID first.
  let asked;
  const wrong = await deleteInactiveAccessKey({ config: config(ADMIN), accessKeyId: old, confirmTypedId: (q) => { asked = q; return old.toLowerCase(); } });
  assert.equal(wrong.outcome, 'refused');
  assert.equal(wrong.refusal, 'typed-id-mismatch');
  assert.equal(asked.userName, 'erin');
  assert.equal(asked.recentlyUsed, true); // used 3 days ago
  assert.match(asked.message, /within the last 7 days/);
  const deleted = await deleteInactiveAccessKey({ config: config(ADMIN), accessKeyId: old, confirmTypedId: () => old });
  assert.equal(deleted.outcome, 'deleted', deleted.message);
  assert.ok(!(await e2e.listAccessKeys('erin')).some((k) => k.accessKeyId === old));
  // The new key is Active: never deleted this way.
  const active = await deleteInactiveAccessKey({ config: config(ADMIN), accessKeyId: fresh.accessKeyId, confirmTypedId: () => fresh.accessKeyId });
  assert.equal(active.refusal, 'key-active');
});

test('the signer\'s own key (erin signs): switched to the new key before the old one is deactivated, never locked out', async () => {
  await e2e.control({ keyPropagationMs: 300 });
  const { result, handed } = await rotate(KEYS.erin, { accessKeyId: KEYS.erin.accessKeyId, confirmRetire: () => true });
  assert.equal(result.outcome, 'rotated', result.message);
  assert.equal(result.userName, 'erin');
  assert.equal(result.signerSwitched, true);
  assert.equal(result.record.signer.switchedTo, handed[0].accessKeyId);
  const fresh = { accessKeyId: handed[0].accessKeyId, secretAccessKey: handed[0].secretAccessKey };
  assert.equal(await whoIs(KEYS.erin), 'InvalidClientTokenId');
  assert.match(await whoIs(fresh), /:user\/rotation\/erin$/);
  // erin can still manage her keys with the new one.
  const keys = await createClient(config(fresh)).listAccessKeys();
  assert.deepEqual(keys.AccessKeyMetadata.map((k) => [k.AccessKeyId, k.Status]).sort(), [
    [KEYS.erin.accessKeyId, 'Inactive'], [fresh.accessKeyId, 'Active'],
  ].sort());
});

test('at the two-key limit (frank): the Inactive key is offered, deleted on confirmation, then the rotation goes on', async () => {
  await e2e.control({ keyPropagationMs: 200 });
  const before = await e2e.listAccessKeys('frank');
  const inactive = before.find((k) => k.status === 'Inactive').accessKeyId;
  let offer;
  const { result, handed } = await rotate(ADMIN, {
    userName: 'frank', accessKeyId: KEYS.frank1.accessKeyId,
    chooseKeyToDelete: (q) => { offer = q; return { accessKeyId: inactive, confirmed: true }; },
    confirmRetire: () => true,
  });
  assert.equal(result.outcome, 'rotated', result.message);
  assert.deepEqual(offer.candidates.map((c) => [c.accessKeyId, c.status, c.recentlyUsed]), [[inactive, 'Inactive', false]]);
  assert.ok(offer.candidates[0].lastUsed.date instanceof Date);
  const after = await e2e.listAccessKeys('frank');
  assert.deepEqual(after.map((k) => [k.accessKeyId, k.status]).sort(), [
    [KEYS.frank1.accessKeyId, 'Inactive'], [handed[0].accessKeyId, 'Active'],
  ].sort());
  assert.deepEqual(result.record.steps.map((s) => s.step).slice(0, 5), ['identify-signer', 'list-keys', 'ask-key-to-delete', 'delete-key-for-room', 'create-key']);
});

test('at the limit with two Active keys (nina) and nothing picked: refused, nothing changed', async () => {
  const before = await e2e.listAccessKeys('nina');
  const { result } = await rotate(ADMIN, { userName: 'nina', accessKeyId: KEYS.nina1.accessKeyId, chooseKeyToDelete: () => null });
  assert.equal(result.refusal, 'both-active-nothing-picked');
  assert.deepEqual(await e2e.listAccessKeys('nina'), before);
});

test('rollback: a propagation longer than the wait, the new key deleted again on confirmation, the old key untouched', async () => {
  await e2e.control({ keyPropagationMs: 30_000 });
  let offered;
  const { result, handed } = await rotate(ADMIN, {
    userName: 'erin', accessKeyId: KEYS.erin.accessKeyId, proveIntervalMs: 200, proveTimeoutMs: 800,
    confirmRollback: (q) => { offered = q; return true; },
  });
  assert.equal(result.outcome, 'rolled-back', result.message);
  assert.match(offered.message, /did not work within 800 ms/);
  assert.ok(offered.elapsedMs >= 800);
  const keys = await e2e.listAccessKeys('erin');
  assert.deepEqual(keys.map((k) => [k.accessKeyId, k.status]), [[KEYS.erin.accessKeyId, 'Active']]);
  assert.ok(!keys.some((k) => k.accessKeyId === handed[0].accessKeyId));
  const proof = result.record.steps.find((s) => s.step === 'prove-new-key');
  assert.deepEqual([proof.outcome, proof.code], ['failed', 'InvalidClientTokenId']);
  assert.equal(result.record.steps.at(-1).step, 'delete-new-key');
});
