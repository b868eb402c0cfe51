// The leaked-key incident helper (createIncident, wasm/js/incident.js) with an
// injected fetch that answers like IAM and STS for a small account: the
// defender's whole run and its record (JSON and Markdown) checked against
// the account's state; signing as the quarantined user, then switching to
// an administrator without losing progress; a key of another account; a
// temporary key; an unknown key; the size quota; declined confirmations;
// bad input before any fetch; endless paging bounded; no secret in records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, createIncident, triageKeyId, ValidationError } from 'keyflip';

const ACCOUNT = '123456789012';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const LEAKED = 'AKIAIOSFODNN7EXAMPLE';
const SECRETS = {
  // Secrets sharing no start with a name the answers end in (the redactor takes a
  // secret's cut-off prefix out of the end of a text).
  admin: { accessKeyId: 'AKIAADMIN00000000001', secretAccessKey: 'Q7vXk2pR9sLw4bNz8cTf1mHy6dGj3aEu5oWi0qSx' },
  leakyOther: { accessKeyId: 'AKIALEAKY00000000002', secretAccessKey: 'Z3nBv8qKt1pYx6cMw2rLf9sHd4jGa7eUo5iTk0bN' },
};
const QUARANTINE_DENIES = ['CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey', 'ListUsers', 'PutUserPolicy'];

const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small account: users, keys, inline and attached policies, and who signs with which key. */
function account({ quarantined = true, inline = {}, keyAccount = ACCOUNT, endlessPolicies = false } = {}) {
  return {
    signers: { [SECRETS.admin.accessKeyId]: 'admin', [SECRETS.leakyOther.accessKeyId]: 'leaky' },
    keys: [
      { UserName: 'admin', AccessKeyId: SECRETS.admin.accessKeyId, Status: 'Active', CreateDate: '2024-01-01T00:00:00Z' },
      { UserName: 'leaky', AccessKeyId: LEAKED, Status: 'Active', CreateDate: '2023-05-06T07:08:09Z' },
      { UserName: 'leaky', AccessKeyId: SECRETS.leakyOther.accessKeyId, Status: 'Active', CreateDate: '2025-01-02T03:04:05Z' },
    ],
    inline: { leaky: { ...inline }, admin: {} },
    attached: {
      leaky: [
        { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ...(quarantined ? [{ PolicyName: 'AWSCompromisedKeyQuarantineV2', PolicyArn: 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2' }] : []),
      ],
      admin: [],
    },
    keyAccount,
    endlessPolicies,
    calls: [],
    requestIds: [],
  };
}

function answer(acct, signerUser, q) {
  const n = acct.requestIds.length + 1;
  const rid = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  acct.requestIds.push(rid);
  const ok = (ns, body) => [200, `<${q.Action}Response xmlns="${ns}"><${q.Action}Result>${body}</${q.Action}Result><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></${q.Action}Response>`];
  const fail = (status, code, message, ns = IAM_NS) => [status, `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>${rid}</RequestId></ErrorResponse>`];
  const arn = `arn:aws:iam::${ACCOUNT}:user/${signerUser}`;
  const quarantinedSigner = acct.attached[signerUser]?.some((p) => p.PolicyName.startsWith('AWSCompromisedKeyQuarantine'));
  if (quarantinedSigner && QUARANTINE_DENIES.includes(q.Action)) {
    return fail(403, 'AccessDenied', `User: ${arn} is not authorized to perform: iam:${q.Action} on resource: user ${q.UserName ?? signerUser} with an explicit deny in an identity-based policy`);
  }
  const members = (items) => items.map((i) => `<member>${Object.entries(i).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('')}</member>`).join('');
  switch (q.Action) {
    case 'GetCallerIdentity':
      return ok(STS_NS, `<Arn>${arn}</Arn><UserId>AIDA${signerUser.toUpperCase()}</UserId><Account>${ACCOUNT}</Account>`);
    case 'GetAccessKeyInfo':
      return ok(STS_NS, `<Account>${acct.keyAccount}</Account>`);
    case 'GetAccessKeyLastUsed': {
      const key = acct.keys.find((k) => k.AccessKeyId === q.AccessKeyId);
      if (!key) return fail(404, 'NoSuchEntity', `The Access Key with id ${q.AccessKeyId} cannot be found.`);
      return ok(IAM_NS, `<UserName>${key.UserName}</UserName><AccessKeyLastUsed><LastUsedDate>2026-12-07T22:10:00Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1</Region></AccessKeyLastUsed>`);
    }
    case 'ListAccessKeys':
      return ok(IAM_NS, `<AccessKeyMetadata>${members(acct.keys.filter((k) => k.UserName === (q.UserName ?? signerUser)))}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`);
    case 'ListAttachedUserPolicies':
      return ok(IAM_NS, `<AttachedPolicies>${members(acct.attached[q.UserName] ?? [])}</AttachedPolicies><IsTruncated>false</IsTruncated>`);
    case 'UpdateAccessKey': {
      const key = acct.keys.find((k) => k.AccessKeyId === q.AccessKeyId && k.UserName === q.UserName);
      if (!key) return fail(404, 'NoSuchEntity', 'no such key');
      key.Status = q.Status;
      return ok(IAM_NS, '').map((x, i) => (i === 1 ? `<UpdateAccessKeyResponse xmlns="${IAM_NS}"><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></UpdateAccessKeyResponse>` : x));
    }
    case 'ListUserPolicies': {
      if (acct.endlessPolicies) return ok(IAM_NS, `<PolicyNames><member>p${n}</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>m${n}</Marker>`);
      return ok(IAM_NS, `<PolicyNames>${Object.keys(acct.inline[q.UserName] ?? {}).map((p) => `<member>${p}</member>`).join('')}</PolicyNames><IsTruncated>false</IsTruncated>`);
    }
    case 'GetUserPolicy': {
      const doc = acct.inline[q.UserName]?.[q.PolicyName];
      if (doc === undefined) return fail(404, 'NoSuchEntity', `The user policy with name ${q.PolicyName} cannot be found.`);
      // IAM answers the document URL-encoded.
      return ok(IAM_NS, `<UserName>${q.UserName}</UserName><PolicyName>${q.PolicyName}</PolicyName><PolicyDocument>${esc(encodeURIComponent(doc))}</PolicyDocument>`);
    }
    case 'PutUserPolicy': {
      acct.inline[q.UserName][q.PolicyName] = q.PolicyDocument;
      return [200, `<PutUserPolicyResponse xmlns="${IAM_NS}"><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></PutUserPolicyResponse>`];
    }
    default:
      return fail(400, 'InvalidAction', `unknown ${q.Action}`);
  }
}

function fetchFor(acct) {
  return async (url, init) => {
    const q = Object.fromEntries(new URLSearchParams(init.body));
    const auth = new Headers(init.headers).get('authorization') ?? '';
    const keyId = /Credential=([A-Z0-9]+)\//.exec(auth)?.[1];
    const service = /Credential=[^/]+\/\d+\/[^/]+\/([a-z]+)\//.exec(auth)?.[1];
    acct.calls.push({ action: q.Action, service, keyId });
    const [status, body] = answer(acct, acct.signers[keyId], q);
    return new Response(body, { status, headers: { date: new Date().toUTCString(), 'content-type': 'text/xml' } });
  };
}

const clientFor = (acct, who) => createClient({ credentials: SECRETS[who], fetch: fetchFor(acct), endpoint: 'http://127.0.0.1:9', region: 'us-east-1', maxAttempts: 1 });
const yes = async () => true;
const actions = (acct) => acct.calls.map((c) => c.action);

function assertNoSecret(record, markdown) {
  const all = JSON.stringify(record) + markdown;
  for (const { secretAccessKey } of Object.values(SECRETS)) assert.ok(!all.includes(secretAccessKey), 'a secret in the record');
}

test('the defender\'s whole run: triage, whose key, owner and quarantine, deactivate, cut sessions, read back, record', async () => {
  const acct = account({ inline: { 'app-read': '{"Version": "2012-10-17", "Statement": []}' } });
  const incident = await createIncident({ accessKeyId: LEAKED, readBackMs: 0 });
  const asked = [];
  const outcome = await incident.run(clientFor(acct, 'admin'), { confirm: async (q) => { asked.push(q); return true; } });
  assert.equal(outcome.status, 'done', outcome.message);
  assert.deepEqual(actions(acct), ['GetCallerIdentity', 'GetAccessKeyInfo', 'GetAccessKeyLastUsed', 'ListAccessKeys', 'ListAttachedUserPolicies',
    'UpdateAccessKey', 'ListAccessKeys', 'ListUserPolicies', 'GetUserPolicy', 'PutUserPolicy', 'GetUserPolicy']);
  // STS calls are signed for sts, IAM calls for iam.
  assert.deepEqual(acct.calls.slice(0, 2).map((c) => c.service), ['sts', 'sts']);
  assert.equal(acct.calls[2].service, 'iam');
  assert.deepEqual(asked.map((q) => q.step), ['deactivate', 'cutSessions']);
  assert.match(asked[1].notCovered, /AssumeRole/);

  // The endpoint's state is what the record says.
  assert.equal(acct.keys.find((k) => k.AccessKeyId === LEAKED).Status, 'Inactive');
  const record = incident.record();
  const put = acct.inline.leaky['keyflip-revoke-older-sessions'];
  assert.equal(record.policy.document, put);
  assert.match(put, /^\{"Version":"2012-10-17","Statement":\{"Effect":"Deny","Action":"\*","Resource":"\*","Condition":\{"DateLessThan":\{"aws:TokenIssueTime":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}\}\}\}$/);
  assert.equal(record.policy.readBack, 'matches');
  assert.equal(record.policy.size.fits, true);
  assert.equal(record.keyAccount, ACCOUNT);
  assert.equal(record.ownership.ownership, 'ours');
  assert.equal(record.owner.userName, 'leaky');
  assert.equal(record.owner.status, 'Inactive');
  assert.deepEqual(record.owner.otherKeys.map((k) => k.accessKeyId), [SECRETS.leakyOther.accessKeyId]);
  assert.equal(record.quarantine[0].name, 'AWSCompromisedKeyQuarantineV2');
  assert.deepEqual(record.signers, [`arn:aws:iam::${ACCOUNT}:user/admin`]);
  // Every call's request id is in the record, in order, with UTC times and the signer.
  assert.deepEqual(record.steps.flatMap((s) => s.requestId.split(' ').filter(Boolean)), acct.requestIds);
  for (const s of record.steps) {
    assert.match(s.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(s.signerArn, `arn:aws:iam::${ACCOUNT}:user/admin`);
  }
  assert.equal(record.status, 'done');
  assert.ok(record.nextSteps.some((s) => s.startsWith(`Search CloudTrail for ${LEAKED} in every region`)));
  assert.ok(record.nextSteps.some((s) => s.includes('AWSCompromisedKeyQuarantine')));

  const markdown = incident.toMarkdown();
  assert.match(markdown, /^# Leaked key `AKIAIOSFODNN7EXAMPLE`: incident record/);
  assert.match(markdown, /\| Time \| Step \| Call \| Outcome \| Request id \| Signed by \| Detail \|/);
  assert.ok(markdown.includes(acct.requestIds.at(-2)), 'the PutUserPolicy request id is in the timeline');
  assert.ok(markdown.includes('```json\n' + put + '\n```'));
  assert.match(markdown, /## Not covered\n\n.*AssumeRole/);
  assert.deepEqual(JSON.parse(JSON.stringify(incident)), record);
  assertNoSecret(record, markdown);
});

test('signing as the quarantined user: an explicit deny, another principal must act; switching to an administrator resumes', async () => {
  const acct = account();
  const incident = await createIncident({ accessKeyId: LEAKED, readBackMs: 0 });
  const leaky = clientFor(acct, 'leakyOther');
  const first = await incident.run(leaky, { confirm: yes });
  assert.equal(first.status, 'stopped');
  assert.equal(first.stopReason, 'denied');
  assert.equal(first.resumable, true);
  assert.match(first.message, /You are signing as leaky, the user AWS quarantined with AWSCompromisedKeyQuarantineV2/);
  assert.match(first.message, /Another principal must act/);
  assert.equal(acct.keys.find((k) => k.AccessKeyId === LEAKED).Status, 'Active');
  const denied = incident.record().steps.at(-1);
  assert.equal(denied.outcome, 'denied');
  assert.equal(denied.action, 'iam:UpdateAccessKey');
  assert.equal(denied.error.code, 'AccessDenied');
  assert.equal(denied.requestId, acct.requestIds.at(-1));

  // The same signer (client) again: stops at once, nothing sent.
  const before = acct.calls.length;
  assert.equal((await incident.run(leaky, { confirm: yes })).stopReason, 'denied');
  assert.equal(acct.calls.length, before);

  const admin = clientFor(acct, 'admin');
  const again = await incident.run(admin, { confirm: yes });
  assert.equal(again.status, 'done', again.message);
  // Resumed: after identifying the new signer, straight to the deactivation (no second owner lookup).
  assert.deepEqual(actions(acct).slice(before), ['GetCallerIdentity', 'UpdateAccessKey', 'ListAccessKeys', 'ListUserPolicies', 'PutUserPolicy', 'GetUserPolicy']);
  const record = incident.record();
  assert.deepEqual(record.signers, [`arn:aws:iam::${ACCOUNT}:user/leaky`, `arn:aws:iam::${ACCOUNT}:user/admin`]);
  assert.equal(acct.keys.find((k) => k.AccessKeyId === LEAKED).Status, 'Inactive');
  assert.ok(acct.inline.leaky['keyflip-revoke-older-sessions']);
  assert.ok(record.steps.some((s) => s.outcome === 'denied') && record.steps.at(-1).outcome === 'ok');
});

test('explainDenial: the quarantined user\'s own error explained by the core', async () => {
  const acct = account();
  const client = clientFor(acct, 'leakyOther');
  const incident = await createIncident({ accessKeyId: LEAKED, readBackMs: 0 });
  await incident.run(client, { confirm: yes });
  const error = await client.updateAccessKey({ UserName: 'leaky', AccessKeyId: LEAKED, Status: 'Inactive' }).catch((e) => e);
  const verdict = incident.explainDenial(error, 'iam:UpdateAccessKey');
  assert.equal(verdict.kind, 'quarantinedUser');
  assert.equal(verdict.anotherPrincipalMustAct, true);
  assert.equal(verdict.policyType, 'identity-based policy');
});

test('a key of another account: said so, and nothing is changed', async () => {
  const acct = account({ keyAccount: '609629065308' });
  const incident = await createIncident({ accessKeyId: LEAKED });
  const outcome = await incident.run(clientFor(acct, 'admin'), { confirm: yes });
  assert.equal(outcome.stopReason, 'notOurs');
  assert.match(outcome.message, /^This key is of account 609629065308, not yours \(123456789012\)/);
  assert.deepEqual(actions(acct), ['GetCallerIdentity', 'GetAccessKeyInfo']);
  assert.match(outcome.nextSteps[0], /^Tell the owner of account 609629065308/);
});

test('a temporary key, an unknown key', async () => {
  const acct = account();
  const temporary = await createIncident({ accessKeyId: 'ASIAY34FZKBOKMUTVV7A' });
  assert.equal(temporary.triage.encodedAccount, '609629065308');
  assert.match(temporary.triage.encodedAccountLabel, /undocumented heuristic/);
  const t = await temporary.run(clientFor(acct, 'admin'), { confirm: yes });
  assert.equal(t.stopReason, 'temporaryKey');
  assert.ok(!actions(acct).includes('GetAccessKeyLastUsed'));

  const unknown = await createIncident({ accessKeyId: 'AKIAUNKNOWN000000000' });
  const u = await unknown.run(clientFor(account(), 'admin'), { confirm: yes });
  assert.equal(u.stopReason, 'unknownKey');
  assert.equal(unknown.record().steps.at(-1).error.code, 'NoSuchEntity');
});

test('the size quota: a deny that would not fit is not put', async () => {
  const big = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${'b'.repeat(1850)}"}]}`;
  const acct = account({ inline: { big } });
  const incident = await createIncident({ accessKeyId: LEAKED, readBackMs: 0 });
  const outcome = await incident.run(clientFor(acct, 'admin'), { confirm: yes });
  assert.equal(outcome.stopReason, 'tooLarge');
  assert.equal(outcome.resumable, true);
  assert.ok(!actions(acct).includes('PutUserPolicy'));
  const { size } = incident.record().policy;
  assert.equal(size.fits, false);
  assert.equal(size.overBy, size.totalChars - 2048);
  assert.match(size.message, /it does not fit, \d+ characters over/);
});

test('declined confirmations change nothing, and the next steps say what is left', async () => {
  const acct = account();
  const incident = await createIncident({ accessKeyId: LEAKED });
  const outcome = await incident.run(clientFor(acct, 'admin'), { confirm: async () => false });
  assert.equal(outcome.status, 'done', outcome.message);
  assert.ok(!actions(acct).includes('UpdateAccessKey'));
  assert.ok(!actions(acct).includes('PutUserPolicy'));
  assert.match(outcome.nextSteps[0], /^Deactivate AKIAIOSFODNN7EXAMPLE/);
  assert.match(outcome.nextSteps[1], /^Cut off the sessions made from AKIAIOSFODNN7EXAMPLE/);
  // Without a confirm function nothing is changed either.
  const quiet = await createIncident({ accessKeyId: LEAKED });
  const acct2 = account();
  await quiet.run(clientFor(acct2, 'admin'));
  assert.ok(!actions(acct2).includes('UpdateAccessKey'));
});

test('bad input is refused before anything is sent', async () => {
  let fetched = 0;
  const client = createClient({ credentials: SECRETS.admin, fetch: async () => { fetched += 1; throw new Error('no'); } });
  for (const id of ['', 'AKIA123', 'AIDAJQABLZS4A3QDU576Q', 'AKIA IOSFODNN7EXAMPLE']) {
    await assert.rejects(createIncident({ accessKeyId: id }), (e) => e instanceof ValidationError && e.issues[0].field === 'AccessKeyId', id);
  }
  await assert.rejects(createIncident({ accessKeyId: LEAKED, deactivate: 'yes' }), (e) => e instanceof ValidationError && e.issues[0].field === 'deactivate');
  await assert.rejects(createIncident({ accessKeyId: LEAKED, readBackMs: 61_000 }), (e) => e instanceof ValidationError && e.issues[0].field === 'readBackMs');
  const incident = await createIncident({ accessKeyId: LEAKED });
  await assert.rejects(incident.run(client, { confirm: 'yes' }), (e) => e instanceof ValidationError && e.issues[0].field === 'confirm');
  await assert.rejects(incident.run({}), (e) => e instanceof ValidationError && e.issues[0].field === 'client');
  assert.equal(fetched, 0);
  const user = await triageKeyId('AIDAJQABLZS4A3QDU576Q');
  assert.equal(user.kind, 'user');
  assert.match(user.issues[0].message, /unique ID of an IAM user/);
});

test('signing with the leaked key itself: asked as a lock-out, and once it is off the run stops for another signer', async () => {
  const acct = account({ quarantined: false });
  const kept = await createIncident({ accessKeyId: LEAKED });
  const asked = [];
  await kept.run(clientFor(acct, 'admin'), { confirm: async (q) => { asked.push(q); return false; }, signerAccessKeyId: LEAKED });
  assert.equal(asked[0].signsRequests, true);
  assert.match(asked[0].question, /signs these requests/);
  assert.ok(!actions(acct).includes('UpdateAccessKey'));

  const acct2 = account({ quarantined: false });
  const incident = await createIncident({ accessKeyId: LEAKED, readBackMs: 0 });
  const outcome = await incident.run(clientFor(acct2, 'admin'), { confirm: yes, signerAccessKeyId: LEAKED });
  assert.equal(outcome.stopReason, 'signingWithLeakedKey');
  assert.equal(outcome.resumable, true);
  assert.equal(acct2.keys.find((k) => k.AccessKeyId === LEAKED).Status, 'Inactive');
  assert.ok(!actions(acct2).includes('PutUserPolicy'));
  const resumed = await incident.run(clientFor(acct2, 'admin'), { confirm: yes, signerAccessKeyId: SECRETS.admin.accessKeyId });
  assert.equal(resumed.status, 'done', resumed.message);
  assert.ok(acct2.inline.leaky['keyflip-revoke-older-sessions']);
});

test('an endless list of inline policies is read at most 10 pages, then the step fails (a new run retries it)', async () => {
  const acct = account({ endlessPolicies: true });
  const incident = await createIncident({ accessKeyId: LEAKED, readBackMs: 0 });
  const outcome = await incident.run(clientFor(acct, 'admin'), { confirm: yes });
  assert.equal(outcome.stopReason, 'failed');
  assert.equal(outcome.resumable, true);
  assert.match(outcome.message, /more than 10 pages of PolicyNames/);
  assert.equal(actions(acct).filter((a) => a === 'ListUserPolicies').length, 10);
  assert.ok(!actions(acct).includes('PutUserPolicy'));
});

test('a signal stops a run', async () => {
  const acct = account();
  const incident = await createIncident({ accessKeyId: LEAKED });
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(incident.run(clientFor(acct, 'admin'), { confirm: yes, signal: controller.signal }), (e) => e.name === 'AbortError');
  assert.equal(acct.calls.length, 0);
});
