// The leaked-key incident as the endpoint plays it: a session minted from the
// leaked key outlives the key's deactivation; AWS's deny on
// aws:TokenIssueTime, put inline on the user, then refuses that session with
// IAM's explicit-deny wording while leaving the user's long-term key (and
// newer sessions) alone; the quarantine policy denies the quarantined user's
// own requests, never an admin acting on that user.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, callSts, control, errorParts, startTestEndpoint, STS_XMLNS, xmlValue } from './iam-client.js';

const ACCOUNT = '210987654321';
const key = (accessKeyId) => ({ accessKeyId, secretAccessKey: `secret-of-${accessKeyId}` });
const MFA = { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/dave`, tokenCode: '271828' };
const DATA = {
  accountId: ACCOUNT,
  users: [
    { userName: 'admin', path: '/admins/', accessKeys: [key('AKIAINCADMIN000001')] },
    { userName: 'dave', mfaDevice: MFA, accessKeys: [key('AKIAINCDAVE0000001')] },
    { userName: 'quentin', attachedPolicies: ['arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2'], accessKeys: [key('AKIAINCQUENTIN0001')] },
  ],
};
const ADMIN = key('AKIAINCADMIN000001');
const LEAKED = key('AKIAINCDAVE0000001');
const QUENTIN = key('AKIAINCQUENTIN0001');
const DAVE_ARN = `arn:aws:iam::${ACCOUNT}:user/dave`;
const QUENTIN_ARN = `arn:aws:iam::${ACCOUNT}:user/quentin`;

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint({ data: DATA, keyPropagationMs: 0 });
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const iam = (params, credentials = ADMIN) => callIam(endpoint.url, params, { credentials });
const sts = (params, credentials) => callSts(endpoint.url, params, { credentials });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const explicitDeny = (callerArn, serviceAction, resource) =>
  `User: ${callerArn} is not authorized to perform: ${serviceAction} on resource: ${resource} with an explicit deny in an identity-based policy`;

function assertError(res, status, code, message, xmlns) {
  const e = errorParts(res, xmlns);
  assert.deepEqual([e.status, e.code, e.message], [status, code, message], res.text);
  assert.ok(e.rootOk, res.text);
}

async function mintWithMfa(credentials) {
  const res = await sts({ Action: 'GetSessionToken', SerialNumber: MFA.serialNumber, TokenCode: MFA.tokenCode }, credentials);
  assert.equal(res.status, 200, res.text);
  return {
    accessKeyId: xmlValue(res.text, 'AccessKeyId'),
    secretAccessKey: xmlValue(res.text, 'SecretAccessKey'),
    sessionToken: xmlValue(res.text, 'SessionToken'),
  };
}

// AWS's documented policy to cut off older sessions, as the page puts it.
const revokeOlderSessions = (cutoffIso) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoffIso } } },
  });

test('a session minted from the leaked key survives its deactivation, then an aws:TokenIssueTime deny cuts it off', async () => {
  // The attacker mints an MFA session from the leaked key.
  const attacker = await mintWithMfa(LEAKED);
  assert.equal((await iam({ Action: 'ListAccessKeys' }, attacker)).status, 200);

  // The defender, another principal, deactivates the key: the key is refused, the session is not.
  assert.equal((await iam({ Action: 'UpdateAccessKey', UserName: 'dave', AccessKeyId: LEAKED.accessKeyId, Status: 'Inactive' })).status, 200);
  assertError(await iam({ Action: 'GetUser' }, LEAKED), 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  assert.equal((await iam({ Action: 'ListAccessKeys' }, attacker)).status, 200, 'as on AWS, the session outlives the key');

  // The defender cuts the sessions issued before now (a second ahead, so the
  // session just minted is certainly older).
  const cutoff = new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const put = await iam({ Action: 'PutUserPolicy', UserName: 'dave', PolicyName: 'revoke-older-sessions', PolicyDocument: revokeOlderSessions(cutoff) });
  assert.equal(put.status, 200, put.text);

  for (const [Action, extra, resource] of [
    ['ListAccessKeys', {}, DAVE_ARN],
    ['GetUser', { UserName: 'admin' }, `arn:aws:iam::${ACCOUNT}:user/admins/admin`],
    ['ListUsers', {}, `arn:aws:iam::${ACCOUNT}:user/`],
    ['CreateAccessKey', { UserName: 'dave' }, DAVE_ARN],
  ]) {
    assertError(await iam({ Action, ...extra }, attacker), 403, 'AccessDenied', explicitDeny(DAVE_ARN, `iam:${Action}`, resource));
  }
  // Nothing the attacker tried ran.
  const dave = (await control(endpoint.url)).json.users.find((u) => u.userName === 'dave');
  assert.equal(dave.accessKeys.length, 1);
  // GetCallerIdentity cannot be denied by any policy.
  assert.equal(xmlValue((await sts({ Action: 'GetCallerIdentity' }, attacker)).text, 'Arn'), DAVE_ARN);

  // The defender, acting on dave, is not affected.
  assert.equal((await iam({ Action: 'GetUserPolicy', UserName: 'dave', PolicyName: 'revoke-older-sessions' })).status, 200);
  // The long-term key is untouched by the deny (aws:TokenIssueTime exists
  // only for temporary credentials): once reactivated it works.
  assert.equal((await iam({ Action: 'UpdateAccessKey', UserName: 'dave', AccessKeyId: LEAKED.accessKeyId, Status: 'Active' })).status, 200);
  const own = await iam({ Action: 'ListAccessKeys' }, LEAKED);
  assert.equal(own.status, 200, own.text);
  // A session issued after the cutoff is not denied.
  await sleep(Math.max(0, Date.parse(cutoff) - Date.now()) + 50);
  const fresh = await mintWithMfa(LEAKED);
  assert.equal((await iam({ Action: 'GetUser' }, fresh)).status, 200);
  // And the old session stays refused.
  assertError(await iam({ Action: 'GetUser' }, attacker), 403, 'AccessDenied', explicitDeny(DAVE_ARN, 'iam:GetUser', DAVE_ARN));
  // Deleting the deny lets the old session back in: the endpoint reads the policies on every request.
  assert.equal((await iam({ Action: 'DeleteUserPolicy', UserName: 'dave', PolicyName: 'revoke-older-sessions' })).status, 200);
  assert.equal((await iam({ Action: 'GetUser' }, attacker)).status, 200);
});

test('only Deny + DateLessThan aws:TokenIssueTime is enforced; other statements are stored, not enforced', async () => {
  const session = await mintWithMfa(LEAKED);
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const notEnforced = [
    { Effect: 'Deny', Action: '*', Resource: '*' }, // no condition
    { Effect: 'Allow', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': future } } },
    { Effect: 'Deny', Action: 'iam:*', Resource: DAVE_ARN, Condition: { DateLessThan: { 'aws:TokenIssueTime': future } } },
    { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2000-01-01T00:00:00Z' } } },
    { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': future } } },
  ];
  for (const [i, Statement] of notEnforced.entries()) {
    const put = await iam({ Action: 'PutUserPolicy', UserName: 'dave', PolicyName: `stored-${i}`, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement }) });
    assert.equal(put.status, 200, put.text);
    assert.equal((await iam({ Action: 'GetUser' }, session)).status, 200, `statement ${i} is not enforced`);
  }
  // An action pattern that names the call, in a list of statements: enforced.
  const denyGetUser = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: ['s3:*', 'iam:Get*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:tokenissuetime': future } } }] };
  await iam({ Action: 'DeleteUserPolicy', UserName: 'dave', PolicyName: 'stored-0' });
  assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'dave', PolicyName: 'get-denied', PolicyDocument: JSON.stringify(denyGetUser) })).status, 200);
  assertError(await iam({ Action: 'GetUser' }, session), 403, 'AccessDenied', explicitDeny(DAVE_ARN, 'iam:GetUser', DAVE_ARN));
  assert.equal((await iam({ Action: 'ListAccessKeys' }, session)).status, 200, 'iam:Get* does not match ListAccessKeys');
});

test('the quarantine policy denies the quarantined user\'s own requests (explicit deny), never an admin acting on that user', async () => {
  const denied = [
    ['iam', 'ListUsers', {}, `arn:aws:iam::${ACCOUNT}:user/`],
    ['iam', 'CreateAccessKey', {}, QUENTIN_ARN],
    ['iam', 'UpdateAccessKey', { AccessKeyId: QUENTIN.accessKeyId, Status: 'Inactive' }, QUENTIN_ARN],
    ['iam', 'DeleteAccessKey', { AccessKeyId: QUENTIN.accessKeyId }, QUENTIN_ARN],
    ['iam', 'PutUserPolicy', { UserName: 'quentin', PolicyName: 'p', PolicyDocument: '{}' }, QUENTIN_ARN],
    ['sts', 'GetSessionToken', {}, QUENTIN_ARN],
  ];
  for (const [service, Action, extra, resource] of denied) {
    const call = service === 'iam' ? iam({ Action, ...extra }, QUENTIN) : sts({ Action, ...extra }, QUENTIN);
    assertError(await call, 403, 'AccessDenied', explicitDeny(QUENTIN_ARN, `${service}:${Action}`, resource), service === 'sts' ? STS_XMLNS : undefined);
  }
  // Not denied by the quarantine: reading its own user and keys, who it is.
  assert.equal((await iam({ Action: 'GetUser' }, QUENTIN)).status, 200);
  assert.equal((await iam({ Action: 'ListAccessKeys' }, QUENTIN)).status, 200);
  assert.equal((await sts({ Action: 'GetCallerIdentity' }, QUENTIN)).status, 200);
  const state = (await control(endpoint.url)).json.users.find((u) => u.userName === 'quentin');
  assert.deepEqual(state.accessKeys.map((k) => [k.accessKeyId, k.status]), [[QUENTIN.accessKeyId, 'Active']], 'nothing denied ran');

  // An admin acts on quentin freely.
  const created = await iam({ Action: 'CreateAccessKey', UserName: 'quentin' });
  assert.equal(created.status, 200, created.text);
  assert.equal((await iam({ Action: 'UpdateAccessKey', UserName: 'quentin', AccessKeyId: QUENTIN.accessKeyId, Status: 'Inactive' })).status, 200);
  assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'quentin', PolicyName: 'p', PolicyDocument: '{}' })).status, 200);
  assert.equal((await iam({ Action: 'DeleteAccessKey', UserName: 'quentin', AccessKeyId: xmlValue(created.text, 'AccessKeyId') })).status, 200);
  assert.equal((await iam({ Action: 'ListUsers' })).status, 200);
});

test('action patterns match case-insensitively with * and ?, and a pattern of many *s is matched at once, not backtracked', async () => {
  const session = await mintWithMfa(LEAKED);
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const denyWith = (Action) =>
    JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action, Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': future } } } });
  const put = (Action) => iam({ Action: 'PutUserPolicy', UserName: 'dave', PolicyName: 'patterns', PolicyDocument: denyWith(Action) });

  // 900 '*a' pairs then 'b': a backtracking matcher would not finish.
  assert.equal((await put(`${'*a'.repeat(900)}b`)).status, 200);
  const started = Date.now();
  assert.equal((await iam({ Action: 'GetUser' }, session)).status, 200);
  assert.ok(Date.now() - started < 2_000, `${Date.now() - started} ms`);

  for (const [pattern, deniesGetUser] of [['IAM:get?SER', true], ['iam:*User', true], ['sts:*', false], ['iam:GetUsers', false], ['iam:Get', false]]) {
    assert.equal((await put(pattern)).status, 200);
    const res = await iam({ Action: 'GetUser' }, session);
    assert.equal(res.status, deniesGetUser ? 403 : 200, `${pattern}: ${res.text}`);
  }
});
