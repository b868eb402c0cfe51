// Every IAM error the endpoint produces: HTTP status, <Type>, <Code> and
// <Message> as IAM words them, inside <ErrorResponse> with the request id
// also in the x-amzn-RequestId header.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, errorParts, getUrl, KEYS, SIGNATURE_MISMATCH, startTestEndpoint } from './iam-client.js';

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

function assertError(res, status, code, message, type = 'Sender') {
  const e = errorParts(res);
  assert.equal(e.status, status, res.text);
  assert.equal(res.headers.get('content-type'), 'text/xml');
  assert.ok(e.rootOk, `not an IAM ErrorResponse: ${res.text}`);
  assert.equal(e.type, type);
  assert.equal(e.code, code);
  if (message instanceof RegExp) assert.match(e.message, message);
  else assert.equal(e.message, message);
  assert.match(e.requestId, /^[0-9a-f-]{36}$/);
  assert.equal(e.headerRequestId, e.requestId);
}

const update = (params, options) => callIam(endpoint.url, { Action: 'UpdateAccessKey', ...params }, options);

test('NoSuchEntity 404: unknown user', async () => {
  assertError(
    await update({ UserName: 'carol', AccessKeyId: KEYS.alice1.accessKeyId, Status: 'Inactive' }),
    404,
    'NoSuchEntity',
    'The user with name carol cannot be found.',
  );
  assertError(
    await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'carol' }),
    404,
    'NoSuchEntity',
    'The user with name carol cannot be found.',
  );
});

test("NoSuchEntity 404: access key that is not the named user's", async () => {
  assertError(
    await update({ UserName: 'alice', AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' }),
    404,
    'NoSuchEntity',
    `The Access Key with id ${KEYS.bob.accessKeyId} cannot be found.`,
  );
  assertError(
    await update({ UserName: 'alice', AccessKeyId: 'AKIANOSUCHKEY00000', Status: 'Inactive' }),
    404,
    'NoSuchEntity',
    'The Access Key with id AKIANOSUCHKEY00000 cannot be found.',
  );
});

test('ValidationError 400: one bad parameter', async () => {
  assertError(
    await update({ UserName: 'alice', AccessKeyId: 'x', Status: 'Inactive' }),
    400,
    'ValidationError',
    "1 validation error detected: Value 'x' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
  );
  assertError(
    await update({ AccessKeyId: KEYS.alice1.accessKeyId }),
    400,
    'ValidationError',
    "1 validation error detected: Value null at 'status' failed to satisfy constraint: Member must not be null",
  );
  assertError(
    await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: '' }),
    400,
    'ValidationError',
    "1 validation error detected: Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
});

test('ValidationError 400: every failed constraint is listed', async () => {
  assertError(
    await update({ UserName: 'alice', AccessKeyId: 'bad!', Status: 'Off' }),
    400,
    'ValidationError',
    '3 validation errors detected: ' +
      "Value 'bad!' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16; " +
      "Value 'bad!' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+; " +
      "Value 'Off' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
  );
});

test('MissingAuthenticationToken 403: unsigned request', async () => {
  const res = await getUrl(`${endpoint.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=ListAccessKeys&Version=2010-05-08',
  });
  assertError(res, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  assertError(await getUrl(`${endpoint.url}/?Action=ListAccessKeys&Version=2010-05-08`), 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
});

test('InvalidClientTokenId 403: unknown signing key', async () => {
  const stranger = { accessKeyId: 'AKIAUNKNOWNKEY0001', secretAccessKey: KEYS.alice1.secretAccessKey };
  assertError(
    await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: stranger }),
    403,
    'InvalidClientTokenId',
    'The security token included in the request is invalid.',
  );
});

test('InvalidClientTokenId 403: session token wrong or missing', async () => {
  const wrong = { ...KEYS.session, sessionToken: 'not-the-token' };
  const missing = { accessKeyId: KEYS.session.accessKeyId, secretAccessKey: KEYS.session.secretAccessKey };
  const unexpected = { ...KEYS.bob, sessionToken: 'a-token-for-a-long-term-key' };
  for (const credentials of [wrong, missing, unexpected]) {
    assertError(
      await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' }, { credentials }),
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    );
  }
});

test('SignatureDoesNotMatch 403: wrong secret', async () => {
  const wrongSecret = { accessKeyId: KEYS.alice1.accessKeyId, secretAccessKey: KEYS.bob.secretAccessKey };
  assertError(await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: wrongSecret }), 403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
});

test('SignatureDoesNotMatch 403: body changed after signing', async () => {
  const res = await update(
    { UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Active' },
    { sendBody: `Action=UpdateAccessKey&Version=2010-05-08&UserName=alice&AccessKeyId=${KEYS.alice2.accessKeyId}&Status=Inactive` },
  );
  assertError(res, 403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
  const state = await control(endpoint.url);
  assert.equal(state.json.users[0].accessKeys[1].status, 'Active', 'the tampered request must not run');
});

test('SignatureDoesNotMatch 403: a signed x-amz-content-sha256 that is not the body hash', async () => {
  const res = await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { headers: { 'x-amz-content-sha256': '0'.repeat(64) } });
  assertError(res, 403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
});

test('SignatureDoesNotMatch 403: credential scoped to another service', async () => {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { Sha256 } = await import('@aws-crypto/sha256-js');
  const target = new URL(endpoint.url);
  const body = 'Action=ListAccessKeys&Version=2010-05-08';
  // (sts is served too, on the same address: s3 is a service it does not serve.)
  const signed = await new SignatureV4({ service: 's3', region: 'us-east-1', credentials: KEYS.alice1, sha256: Sha256 }).sign({
    method: 'POST',
    protocol: 'http:',
    hostname: target.hostname,
    path: '/',
    headers: { host: target.host, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  delete signed.headers.host;
  const res = await getUrl(`${endpoint.url}/`, { method: 'POST', headers: signed.headers, body });
  assertError(res, 403, 'SignatureDoesNotMatch', "Credential should be scoped to correct service: 'iam'.");
});

// As IAM answers it: an Inactive key is not a valid credential at all.
test('InvalidClientTokenId 403: the signing key is Inactive, and again once it is Active', async () => {
  const off = await update({ UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' });
  assert.equal(off.status, 200, off.text);
  assertError(
    await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: KEYS.alice2 }),
    403,
    'InvalidClientTokenId',
    'The security token included in the request is invalid.',
  );
  assert.equal((await update({ UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Active' })).status, 200);
  assert.equal((await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: KEYS.alice2 })).status, 200);
});

test('InvalidAction 400: unknown or missing action', async () => {
  assertError(
    await callIam(endpoint.url, { Action: 'DeleteUser', UserName: 'alice' }),
    400,
    'InvalidAction',
    'Could not find operation DeleteUser for version 2010-05-08',
  );
  assertError(
    await callIam(endpoint.url, {}),
    400,
    'InvalidAction',
    'The action or operation requested is invalid. Verify that the action is typed correctly.',
  );
});

test('IncompleteSignature 400: Authorization header without Signature', async () => {
  const res = await getUrl(`${endpoint.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-amz-date': '20240101T000000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${KEYS.alice1.accessKeyId}/20240101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date`,
    },
    body: 'Action=ListAccessKeys&Version=2010-05-08',
  });
  assertError(res, 400, 'IncompleteSignature', "Authorization header requires 'Signature' parameter.");
});

test('error messages are XML-escaped', async () => {
  const res = await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'a<b>&' });
  assert.match(res.text, /Value 'a&lt;b&gt;&amp;' at 'userName'/);
  assertError(res, 400, 'ValidationError', /^1 validation error detected: Value 'a<b>&' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
});

test('unknown paths are a plain 404', async () => {
  const res = await getUrl(`${endpoint.url}/nope`);
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
});
