// A leaked key answered end to end through the package against the local
// endpoint (issue 19): an attacker mints an MFA session from dave's leaked
// key; the defender (alice, another principal) triages the key and
// deactivates it; the attacker's session still works (as on AWS); the
// defender cuts the sessions; the session is now refused with an explicit
// deny. The record lists every step with the endpoint's request ids, matches
// the endpoint's state, and holds no secret. Then the quarantined demo user:
// its own key is refused with an explicit deny and the helper explains it;
// an administrator can still act on that user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createClient, createIncident, IamError } from 'keyflip';
import { DEMO_MFA } from '../../scripts/local-iam/demo-keys.js';
import { KEYS, REGION, REQUEST_ID, useEndpoint } from './harness.js';

const e2e = useEndpoint();
const demo = JSON.parse(readFileSync(new URL('../../scripts/local-iam/demo-data.json', import.meta.url), 'utf8'));
const ACCOUNT = demo.accountId;
const POLICY = 'keyflip-revoke-older-sessions';

/** Every secret and token the test holds or mints. */
function assertNoSecret(text, extra = []) {
  const secrets = [
    ...demo.users.flatMap((u) => u.accessKeys.map((k) => k.secretAccessKey)),
    ...demo.sessions.flatMap((s) => [s.secretAccessKey, s.sessionToken]),
    ...extra,
  ];
  for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret or session token in the record');
}

const requestIdsOf = (record) => record.steps.flatMap((s) => s.requestId.split(' ').filter(Boolean));

test('the incident: a session minted from the leaked key outlives its deactivation until the defender cuts it', async () => {
  // The attacker holds dave's key and mints an MFA session with it.
  const attacker = e2e.client({ credentials: KEYS.dave });
  const { Credentials: minted } = await attacker.getSessionToken({ SerialNumber: DEMO_MFA.serialNumber, TokenCode: DEMO_MFA.tokenCode, DurationSeconds: 3600 });
  assert.match(minted.AccessKeyId, /^ASIA/);
  const session = createClient({
    endpoint: e2e.url, region: REGION, maxAttempts: 1,
    credentials: { accessKeyId: minted.AccessKeyId, secretAccessKey: minted.SecretAccessKey, sessionToken: minted.SessionToken },
  });
  const attackerCall = () => session.listAccessKeys({ UserName: 'dave' });
  assert.equal((await attackerCall()).AccessKeyMetadata[0].AccessKeyId, KEYS.dave.accessKeyId);

  // The defender, as alice.
  const defender = e2e.client({ credentials: KEYS.alice1, maxAttempts: 1 });
  const incident = await createIncident({ accessKeyId: KEYS.dave.accessKeyId, readBackMs: 5000 });
  assert.equal(incident.triage.kind, 'longTermAccessKey');
  let sessionAfterDeactivation;
  const outcome = await incident.run(defender, {
    confirm: async (question) => {
      if (question.step === 'cutSessions') {
        // The key is off now, yet the attacker's session still works (as on AWS).
        assert.equal(await e2e.statusOf('dave', KEYS.dave.accessKeyId), 'Inactive');
        sessionAfterDeactivation = await attackerCall();
      }
      return true;
    },
  });
  assert.equal(outcome.status, 'done', outcome.message);
  assert.equal(sessionAfterDeactivation.statusCode, 200);

  // Now the session is refused with an explicit deny.
  const refused = await attackerCall().catch((error) => error);
  assert.ok(refused instanceof IamError, String(refused));
  assert.equal(refused.code, 'AccessDenied');
  assert.match(refused.message, /with an explicit deny/);
  const verdict = incident.explainDenial(refused, 'iam:ListAccessKeys', { signerAccessKeyId: minted.AccessKeyId });
  assert.equal(verdict.kind, 'sessionCut');
  assert.match(verdict.message, /keyflip-revoke-older-sessions refuses it with an explicit deny, as intended/);
  assert.equal(verdict.explicitDeny, true);
  assert.equal(verdict.signerIsAffectedUser, true);
  assert.equal(verdict.anotherPrincipalMustAct, true);
  // The long-term key of another user and newer work are untouched: alice still reads.
  assert.equal((await defender.listAccessKeys({ UserName: 'dave' })).statusCode, 200);

  // The record against the endpoint's state.
  const record = incident.record();
  assert.equal(record.keyAccount, ACCOUNT);
  assert.equal(record.ownership.ownership, 'ours');
  assert.equal(record.owner.userName, 'dave');
  assert.equal(record.owner.status, 'Inactive');
  assert.equal(await e2e.statusOf('dave', KEYS.dave.accessKeyId), 'Inactive');
  assert.deepEqual(record.signers, [`arn:aws:iam::${ACCOUNT}:user/alice`]);
  const held = await defender.getUserPolicy({ UserName: 'dave', PolicyName: POLICY });
  assert.equal(decodeURIComponent(held.PolicyDocument), record.policy.document);
  assert.match(record.policy.document, /"aws:TokenIssueTime":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
  assert.equal(record.policy.readBack, 'matches');
  // Every call the defender's client made, in order, with the endpoint's request ids
  // (the last GetUserPolicy above came after the run).
  const answered = defender.responses.slice(0, -2).map((r) => r.requestId);
  assert.deepEqual(requestIdsOf(record), answered);
  for (const id of answered) assert.match(id, REQUEST_ID);
  assert.deepEqual([...new Set(record.steps.map((s) => s.step))],
    ['identify', 'keyInfo', 'lookUpOwner', 'readState', 'deactivate', 'readPolicies', 'cutSessions', 'readBack']);
  const markdown = incident.toMarkdown();
  for (const id of answered) assert.ok(markdown.includes(id), `request id ${id} in the Markdown timeline`);
  assertNoSecret(JSON.stringify(record) + markdown, [minted.SecretAccessKey, minted.SessionToken]);
});

test('the quarantined user: its own key is refused with an explicit deny and explained; an administrator finishes', async () => {
  const quentin = e2e.client({ credentials: KEYS.quentin, maxAttempts: 1 });
  const incident = await createIncident({ accessKeyId: KEYS.quentin.accessKeyId, readBackMs: 5000 });
  const first = await incident.run(quentin, { confirm: async () => true });
  assert.equal(first.status, 'stopped');
  assert.equal(first.stopReason, 'denied');
  assert.equal(first.resumable, true);
  assert.match(first.message, /You are signing as quentin, the user AWS quarantined with AWSCompromisedKeyQuarantineV2/);
  assert.match(first.message, /Another principal must act/);
  const record = incident.record();
  assert.equal(record.quarantine[0].name, 'AWSCompromisedKeyQuarantineV2');
  assert.match(record.quarantine[0].explanation, /Do NOT remove it/);
  const denied = record.steps.at(-1);
  assert.equal(denied.outcome, 'denied');
  assert.equal(denied.error.code, 'AccessDenied');
  assert.equal(denied.requestId, quentin.last().requestId);
  assert.equal(await e2e.statusOf('quentin', KEYS.quentin.accessKeyId), 'Active');

  // An administrator (alice) acts on quentin: the incident resumes where it stopped.
  const admin = e2e.client({ credentials: KEYS.alice1, maxAttempts: 1 });
  const done = await incident.run(admin, { confirm: async () => true });
  assert.equal(done.status, 'done', done.message);
  assert.equal(await e2e.statusOf('quentin', KEYS.quentin.accessKeyId), 'Inactive');
  const policy = await admin.getUserPolicy({ UserName: 'quentin', PolicyName: POLICY });
  assert.equal(decodeURIComponent(policy.PolicyDocument), incident.record().policy.document);
  assert.deepEqual(incident.record().signers, [`arn:aws:iam::${ACCOUNT}:user/quentin`, `arn:aws:iam::${ACCOUNT}:user/alice`]);
  assert.ok(done.nextSteps.some((s) => s.includes('AWSCompromisedKeyQuarantine')));
  assertNoSecret(JSON.stringify(incident.record()) + incident.toMarkdown());
});
