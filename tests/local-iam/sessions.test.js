// STS GetSessionToken as the local endpoint mints it: ASIA... credentials
// from a user's long-term key only, 900 s to 36 h, MFA with the user's demo
// device; without MFA IAM refuses the session as real IAM does
// (InvalidClientTokenId), and a session may call no STS action but
// GetCallerIdentity. Sessions outlive their key and expire on time.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, callSts, control, errorParts, startTestEndpoint, STS_XMLNS, xmlValue } from './iam-client.js';

const ACCOUNT = '210987654321';
const key = (accessKeyId, extra = {}) => ({ accessKeyId, secretAccessKey: `secret-of-${accessKeyId}`, ...extra });
const MFA = { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/dave`, tokenCode: '314159' };
const DATA = {
  accountId: ACCOUNT,
  users: [
    { userName: 'admin', path: '/admins/', accessKeys: [key('AKIASESSADMIN00001')] },
    { userName: 'dave', mfaDevice: MFA, accessKeys: [key('AKIASESSDAVE000001')] },
  ],
  sessions: [{ accessKeyId: 'ASIASESSROLE000001', secretAccessKey: 'role-secret', sessionToken: 'role-token' }],
};
const ADMIN = { accessKeyId: 'AKIASESSADMIN00001', secretAccessKey: 'secret-of-AKIASESSADMIN00001' };
const DAVE = { accessKeyId: 'AKIASESSDAVE000001', secretAccessKey: 'secret-of-AKIASESSDAVE000001' };
const ROLE = DATA.sessions[0];
const DAVE_ARN = `arn:aws:iam::${ACCOUNT}:user/dave`;
const INVALID_TOKEN = 'The security token included in the request is invalid.';

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint({ data: DATA, keyPropagationMs: 0 });
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const sts = (params, credentials = DAVE, options = {}) => callSts(endpoint.url, params, { credentials, ...options });
const iam = (params, credentials = ADMIN, options = {}) => callIam(endpoint.url, params, { credentials, ...options });

function assertError(res, status, code, message, xmlns) {
  const e = errorParts(res, xmlns);
  assert.deepEqual([e.status, e.code, e.message], [status, code, message], res.text);
  assert.ok(e.rootOk, res.text);
}

// { accessKeyId, secretAccessKey, sessionToken, expiration } from a GetSessionToken answer.
async function mint(params = {}, credentials = DAVE) {
  const res = await sts({ Action: 'GetSessionToken', ...params }, credentials);
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /^<GetSessionTokenResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<GetSessionTokenResult>\n {4}<Credentials>\n {6}<SessionToken>/);
  return {
    accessKeyId: xmlValue(res.text, 'AccessKeyId'),
    secretAccessKey: xmlValue(res.text, 'SecretAccessKey'),
    sessionToken: xmlValue(res.text, 'SessionToken'),
    expiration: xmlValue(res.text, 'Expiration'),
  };
}
const withMfa = { SerialNumber: MFA.serialNumber, TokenCode: MFA.tokenCode };

test('GetSessionToken: ASIA... credentials for 12 h by default, 900 s to 36 h when asked; the state shows no secret', async () => {
  const session = await mint();
  assert.match(session.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.equal(session.secretAccessKey.length, 40);
  assert.ok(session.sessionToken.length >= 100);
  assert.ok(Math.abs(Date.parse(session.expiration) - (Date.now() + 43_200_000)) < 5_000, session.expiration);
  for (const seconds of [900, 129_600]) {
    const s = await mint({ DurationSeconds: String(seconds) });
    assert.ok(Math.abs(Date.parse(s.expiration) - (Date.now() + seconds * 1000)) < 5_000, s.expiration);
  }
  for (const [seconds, rule] of [['899', 'greater than or equal to 900'], ['129601', 'less than or equal to 129600']]) {
    assertError(
      await sts({ Action: 'GetSessionToken', DurationSeconds: seconds }),
      400,
      'ValidationError',
      `1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${rule}`,
      STS_XMLNS,
    );
  }
  const state = (await control(endpoint.url)).json;
  const listed = state.sessions.find((s) => s.accessKeyId === session.accessKeyId);
  assert.deepEqual({ ...listed, expiration: undefined }, { accessKeyId: session.accessKeyId, userName: 'dave', mfa: false, expiration: undefined });
  const text = JSON.stringify(state);
  assert.ok(!text.includes(session.secretAccessKey) && !text.includes(session.sessionToken), 'no secret in the state');
  assert.ok(!text.includes(MFA.tokenCode), 'no MFA code in the state');
});

test('GetSessionToken only from a long-term key: session credentials are refused as STS refuses them', async () => {
  const session = await mint(withMfa);
  const message = 'Cannot call GetSessionToken with session credentials';
  assertError(await sts({ Action: 'GetSessionToken' }, session), 403, 'AccessDenied', message, STS_XMLNS);
  assertError(await sts({ Action: 'GetSessionToken' }, ROLE), 403, 'AccessDenied', message, STS_XMLNS);
});

test('MFA: a device that is not the user\'s, a missing or wrong code are AccessDenied; a malformed code a ValidationError', async () => {
  const unverifiable =
    'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.';
  assertError(await sts({ Action: 'GetSessionToken', SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/admin`, TokenCode: MFA.tokenCode }), 403, 'AccessDenied', unverifiable, STS_XMLNS);
  assertError(await sts({ Action: 'GetSessionToken', SerialNumber: MFA.serialNumber }), 403, 'AccessDenied', unverifiable, STS_XMLNS);
  // admin has no device at all.
  assertError(await sts({ Action: 'GetSessionToken', ...withMfa }, ADMIN), 403, 'AccessDenied', unverifiable, STS_XMLNS);
  assertError(
    await sts({ Action: 'GetSessionToken', SerialNumber: MFA.serialNumber, TokenCode: '000000' }),
    403,
    'AccessDenied',
    'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    STS_XMLNS,
  );
  assertError(
    await sts({ Action: 'GetSessionToken', SerialNumber: MFA.serialNumber, TokenCode: '12ab56' }),
    400,
    'ValidationError',
    "1 validation error detected: Value '12ab56' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*",
    STS_XMLNS,
  );
});

test('without MFA: IAM refuses the session (InvalidClientTokenId); STS answers only GetCallerIdentity, as the user', async () => {
  const session = await mint();
  for (const Action of ['GetUser', 'ListAccessKeys', 'ListUsers']) {
    assertError(await iam({ Action }, session), 403, 'InvalidClientTokenId', INVALID_TOKEN);
  }
  const me = await sts({ Action: 'GetCallerIdentity' }, session);
  assert.equal(me.status, 200, me.text);
  assert.equal(xmlValue(me.text, 'Arn'), DAVE_ARN);
  assertError(await sts({ Action: 'GetAccessKeyInfo', AccessKeyId: DAVE.accessKeyId }, session), 403, 'AccessDenied', 'Cannot call GetAccessKeyInfo with session credentials', STS_XMLNS);
});

test('with MFA: the session calls IAM as the user (no UserName needed), and must carry its session token', async () => {
  const session = await mint(withMfa);
  const me = await iam({ Action: 'GetUser' }, session);
  assert.equal(me.status, 200, me.text);
  assert.equal(xmlValue(me.text, 'Arn'), DAVE_ARN);
  assert.equal((await iam({ Action: 'ListAccessKeys' }, session)).status, 200);
  assert.equal((await control(endpoint.url)).json.sessions.find((s) => s.accessKeyId === session.accessKeyId).mfa, true);
  const { sessionToken, ...withoutToken } = session;
  assertError(await iam({ Action: 'GetUser' }, withoutToken), 403, 'InvalidClientTokenId', INVALID_TOKEN);
  assertError(await iam({ Action: 'GetUser' }, { ...session, sessionToken: `${sessionToken.slice(0, -4)}AAAA` }), 403, 'InvalidClientTokenId', INVALID_TOKEN);
});

test('a session outlives its key (deactivated, even deleted) and ends at its Expiration (ExpiredToken)', async () => {
  const session = await mint({ ...withMfa, DurationSeconds: '900' });
  assert.equal((await iam({ Action: 'UpdateAccessKey', UserName: 'dave', AccessKeyId: DAVE.accessKeyId, Status: 'Inactive' })).status, 200);
  assertError(await iam({ Action: 'GetUser' }, DAVE), 403, 'InvalidClientTokenId', INVALID_TOKEN);
  assert.equal((await iam({ Action: 'GetUser' }, session)).status, 200, 'the key is off, its session is not');
  assert.equal((await iam({ Action: 'DeleteAccessKey', UserName: 'dave', AccessKeyId: DAVE.accessKeyId })).status, 200);
  assert.equal((await iam({ Action: 'ListAccessKeys' }, session)).status, 200, 'the key is gone, its session is not');

  // 901 s later on the server's clock (the request signed at that time too).
  await control(endpoint.url, { clockOffsetSeconds: 901 });
  const later = new Date(Date.now() + 901_000);
  assertError(await iam({ Action: 'GetUser' }, session, { signingDate: later }), 403, 'ExpiredToken', 'The security token included in the request is expired');
  assertError(await sts({ Action: 'GetCallerIdentity' }, session, { signingDate: later }), 403, 'ExpiredToken', 'The security token included in the request is expired', STS_XMLNS);
});
