// STS on the same address as IAM, told apart by the credential scope:
// GetCallerIdentity and GetAccessKeyInfo with STS's namespace, STS's
// <ErrorResponse>, the same CORS as IAM, and the last use recorded as sts.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, callSts, control, errorParts, IAM_XMLNS, startTestEndpoint, STS_XMLNS, xmlValue } from './iam-client.js';

const ACCOUNT = '210987654321';
const key = (accessKeyId, extra = {}) => ({ accessKeyId, secretAccessKey: `secret-of-${accessKeyId}`, ...extra });
const DATA = {
  accountId: ACCOUNT,
  users: [
    { userName: 'grace', path: '/admins/', userId: 'AIDAGRACE000000000001', accessKeys: [key('AKIASTSGRACE000001')] },
    { userName: 'bob', accessKeys: [key('AKIASTSBOB00000001', { status: 'Inactive' })] },
  ],
  sessions: [
    { accessKeyId: 'ASIASTSSESSION0001', secretAccessKey: 'session-secret', sessionToken: 'session-token', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ops-role/night-shift` },
  ],
};
const GRACE = { accessKeyId: 'AKIASTSGRACE000001', secretAccessKey: 'secret-of-AKIASTSGRACE000001' };
const SESSION = DATA.sessions[0];

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint({ data: DATA, keyPropagationMs: 0 });
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const sts = (params, credentials = GRACE, options = {}) => callSts(endpoint.url, params, { credentials, ...options });

function assertStsError(res, status, code, message) {
  const e = errorParts(res, STS_XMLNS);
  assert.deepEqual([e.status, e.code, e.type, e.message], [status, code, 'Sender', message], res.text);
  assert.ok(e.rootOk, res.text);
  assert.equal(e.requestId, e.headerRequestId);
}

test('GetCallerIdentity: the signing user\'s ARN, user ID and the data\'s account, laid out as STS does', async () => {
  const res = await sts({ Action: 'GetCallerIdentity' });
  assert.equal(res.status, 200, res.text);
  assert.match(
    res.text,
    new RegExp(
      '^<GetCallerIdentityResponse xmlns="https://sts\\.amazonaws\\.com/doc/2011-06-15/">\\n' +
        '  <GetCallerIdentityResult>\\n' +
        `    <Arn>arn:aws:iam::${ACCOUNT}:user/admins/grace</Arn>\\n` +
        '    <UserId>AIDAGRACE000000000001</UserId>\\n' +
        `    <Account>${ACCOUNT}</Account>\\n` +
        '  </GetCallerIdentityResult>\\n' +
        '  <ResponseMetadata>\\n    <RequestId>([0-9a-f-]{36})</RequestId>\\n  </ResponseMetadata>\\n' +
        '</GetCallerIdentityResponse>\\n$',
    ),
  );
  assert.equal(xmlValue(res.text, 'RequestId'), res.headers.get('x-amzn-requestid'));
  // A header-signed GET works as for IAM.
  assert.equal((await sts({ Action: 'GetCallerIdentity' }, GRACE, { method: 'GET' })).status, 200);
});

test('GetCallerIdentity with assumed-role temporary credentials: the session ARN and the role id with the session name', async () => {
  const res = await sts({ Action: 'GetCallerIdentity' }, SESSION);
  assert.equal(res.status, 200, res.text);
  assert.equal(xmlValue(res.text, 'Arn'), SESSION.arn);
  assert.match(xmlValue(res.text, 'UserId'), /^AROA[A-Z2-7]{17}:night-shift$/);
  assert.equal(xmlValue(res.text, 'Account'), ACCOUNT);
});

test('GetAccessKeyInfo: the data\'s account for a key it holds (any status); the encoded account for any AWS-format key', async () => {
  const account = async (AccessKeyId) => {
    const res = await sts({ Action: 'GetAccessKeyInfo', AccessKeyId });
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /^<GetAccessKeyInfoResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<GetAccessKeyInfoResult>\n {4}<Account>\d{12}<\/Account>\n {2}<\/GetAccessKeyInfoResult>\n/);
    return xmlValue(res.text, 'Account');
  };
  assert.equal(await account(GRACE.accessKeyId), ACCOUNT);
  assert.equal(await account('AKIASTSBOB00000001'), ACCOUNT, 'an Inactive key is still known');
  assert.equal(await account(SESSION.accessKeyId), ACCOUNT);
  // Keys of other accounts: the account their IDs encode (AWS's published example IDs).
  assert.equal(await account('AKIAIOSFODNN7EXAMPLE'), '581039954779');
  assert.equal(await account('ASIAY34FZKBOKMUTVV7A'), '609629065308');
  // A key this endpoint made encodes the data's account, so both ways agree.
  const made = await callIam(endpoint.url, { Action: 'CreateAccessKey', UserName: 'grace' }, { credentials: GRACE });
  const madeId = xmlValue(made.text, 'AccessKeyId');
  assert.equal(await account(madeId), ACCOUNT);
  await callIam(endpoint.url, { Action: 'DeleteAccessKey', UserName: 'grace', AccessKeyId: madeId }, { credentials: GRACE });
  assert.equal(await account(madeId), ACCOUNT, 'deleted: derived from the ID');
});

test('GetAccessKeyInfo: an ID outside AWS\'s format that it does not hold is InvalidParameterValue; a bad one a ValidationError', async () => {
  assertStsError(await sts({ Action: 'GetAccessKeyInfo', AccessKeyId: 'AKIANOTHELDHERE0001' }), 400, 'InvalidParameterValue', 'An invalid or out-of-range value was supplied for the input parameter.');
  assertStsError(
    await sts({ Action: 'GetAccessKeyInfo', AccessKeyId: 'short' }),
    400,
    'ValidationError',
    "1 validation error detected: Value 'short' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
  );
});

test('STS errors are STS\'s <ErrorResponse>: unknown action, IAM\'s actions, a wrong secret, an unknown or Inactive key', async () => {
  assertStsError(await sts({ Action: 'ListUsers' }), 400, 'InvalidAction', 'Could not find operation ListUsers for version 2011-06-15');
  assertStsError(await sts({ Action: 'AssumeRoot' }), 400, 'InvalidAction', 'Could not find operation AssumeRoot for version 2011-06-15');
  assertStsError(await sts({ Action: 'GetCallerIdentity', Version: '2010-05-08' }), 400, 'InvalidAction', 'Could not find operation GetCallerIdentity for version 2010-05-08');
  const wrong = await sts({ Action: 'GetCallerIdentity' }, { ...GRACE, secretAccessKey: 'wrong' });
  assert.equal(errorParts(wrong, STS_XMLNS).code, 'SignatureDoesNotMatch');
  assert.ok(errorParts(wrong, STS_XMLNS).rootOk, wrong.text);
  const invalid = 'The security token included in the request is invalid.';
  assertStsError(await sts({ Action: 'GetCallerIdentity' }, { accessKeyId: 'AKIASTSUNKNOWN0001', secretAccessKey: 'x' }), 403, 'InvalidClientTokenId', invalid);
  assertStsError(await sts({ Action: 'GetCallerIdentity' }, { accessKeyId: 'AKIASTSBOB00000001', secretAccessKey: 'secret-of-AKIASTSBOB00000001' }), 403, 'InvalidClientTokenId', invalid);
  // And STS's actions signed for IAM are IAM's unknown operations.
  const asIam = await callIam(endpoint.url, { Action: 'GetCallerIdentity' }, { credentials: GRACE });
  assert.deepEqual([asIam.status, errorParts(asIam).code, errorParts(asIam).rootOk], [400, 'InvalidAction', true], asIam.text);
  assert.ok(asIam.text.startsWith(`<ErrorResponse xmlns="${IAM_XMLNS}">`));
});

test('CORS for STS exactly as for IAM, success and error', async () => {
  for (const [params, credentials] of [[{ Action: 'GetCallerIdentity' }, GRACE], [{ Action: 'Nope' }, GRACE]]) {
    const res = await sts(params, credentials, { headers: { origin: 'https://console.example' } });
    const iamRes = await callIam(endpoint.url, { Action: 'GetUser' }, { credentials, headers: { origin: 'https://console.example' } });
    for (const name of ['access-control-allow-origin', 'access-control-expose-headers', 'vary']) {
      assert.equal(res.headers.get(name), iamRes.headers.get(name), name);
    }
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  }
});

test('a verified STS request is the key\'s last use, service sts', async () => {
  const before = (await control(endpoint.url)).json.users.find((u) => u.userName === 'grace').accessKeys[0].lastUsed;
  assert.equal(before, null);
  assert.equal((await sts({ Action: 'GetCallerIdentity' }, GRACE, { region: 'eu-west-1' })).status, 200);
  const lastUsed = (await control(endpoint.url)).json.users.find((u) => u.userName === 'grace').accessKeys[0].lastUsed;
  assert.deepEqual([lastUsed.service, lastUsed.region], ['sts', 'eu-west-1']);
  assert.ok(Math.abs(Date.parse(lastUsed.date) - Date.now()) < 5_000, lastUsed.date);
});
