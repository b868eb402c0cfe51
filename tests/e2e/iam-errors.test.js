// Each IAM error the endpoint answers with surfaces as the right IamError:
// name = code, statusCode, type, message, and requestId equal to the
// x-amzn-RequestId header of the answer. Errors keyflip's client cannot
// provoke (no signature, an unknown action) are sent by hand and read with
// kf.parseIamResponse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from 'keyflip';
import { FORM_CONTENT_TYPE, KEYS, REQUEST_ID, WRONG_SECRET, assertNoSecrets, rejectsWithIam, useEndpoint } from './harness.js';

const e2e = useEndpoint();

/** Checks the client sent exactly one request and the error carries its request id. */
function assertOneAttempt(client, error, status) {
  assert.equal(error.attempts, 1, 'not retried');
  assert.equal(client.responses.length, 1);
  assert.equal(client.last().status, status);
  assert.match(client.last().requestId, REQUEST_ID);
  assert.equal(error.requestId, client.last().requestId);
}

/** kf.parseIamResponse on a hand-sent answer: must throw an IamError. */
function parseFails(answer) {
  let error;
  assert.throws(() => e2e.kf.parseIamResponse(answer.status, answer.text), (e) => {
    error = e;
    return e instanceof IamError;
  });
  assert.equal(error.name, error.code);
  assert.equal(error.statusCode, answer.status);
  assert.match(answer.requestId, REQUEST_ID);
  assert.equal(error.requestId, answer.requestId);
  assertNoSecrets(error);
  return error;
}

test('NoSuchEntity 404: no such user', async () => {
  const client = e2e.client();
  const error = await rejectsWithIam(client.updateAccessKey({ UserName: 'carol', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' }), {
    name: 'NoSuchEntity', code: 'NoSuchEntity', statusCode: 404, type: 'Sender', retryable: false,
    message: 'The user with name carol cannot be found.',
  });
  assertOneAttempt(client, error, 404);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});

test('NoSuchEntity 404: the key is not the user\'s', async () => {
  const client = e2e.client();
  const error = await rejectsWithIam(client.updateAccessKey({ UserName: 'alice', AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' }), {
    code: 'NoSuchEntity', statusCode: 404, type: 'Sender',
    message: `The Access Key with id ${KEYS.bob.accessKeyId} cannot be found.`,
  });
  assertOneAttempt(client, error, 404);
  // Without UserName the signer's own user is meant: bob's key is not alice's either.
  await rejectsWithIam(client.updateAccessKey({ AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' }), { code: 'NoSuchEntity', statusCode: 404 });
  assert.equal(await e2e.statusOf('bob', KEYS.bob.accessKeyId), 'Active');
});

test('ValidationError 400: valid for keyflip, rejected by IAM (temporary credentials without UserName)', async () => {
  // keyflip only checks the parameters' shapes; that temporary credentials
  // must name the user is IAM's rule, so this request is sent and refused.
  const client = e2e.client({ credentials: KEYS.session });
  const error = await rejectsWithIam(client.updateAccessKey({ AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' }), {
    name: 'ValidationError', code: 'ValidationError', statusCode: 400, type: 'Sender', retryable: false,
    message: 'Must specify userName when calling with non-User credentials',
  });
  assertOneAttempt(client, error, 400);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});

test('ValidationError 400: a hand-built request with a bad Status, read with kf.parseIamResponse', async () => {
  const answer = await e2e.signedPost({ Action: 'UpdateAccessKey', Version: '2010-05-08', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Disabled' });
  assert.equal(answer.status, 400);
  const error = parseFails(answer);
  assert.equal(error.code, 'ValidationError');
  assert.equal(error.type, 'Sender');
  assert.equal(error.message,
    "1 validation error detected: Value 'Disabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
});

test('MissingAuthenticationToken 403: an unsigned request', async () => {
  const response = await fetch(`${e2e.url}/`, {
    method: 'POST',
    headers: { 'content-type': FORM_CONTENT_TYPE },
    body: new URLSearchParams({ Action: 'UpdateAccessKey', Version: '2010-05-08', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' }).toString(),
  });
  const answer = { status: response.status, requestId: response.headers.get('x-amzn-requestid'), text: await response.text() };
  assert.equal(answer.status, 403);
  const error = parseFails(answer);
  assert.deepEqual([error.code, error.type, error.message], ['MissingAuthenticationToken', 'Sender', 'Request is missing Authentication Token']);
  assert.equal(error.retryable, false);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});

test('InvalidClientTokenId 403: an unknown access key id', async () => {
  const client = e2e.client({ credentials: { accessKeyId: 'AKIAE2EUNKNOWNKEY01', secretAccessKey: WRONG_SECRET } });
  const error = await rejectsWithIam(client.updateAccessKey({ AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' }), {
    name: 'InvalidClientTokenId', code: 'InvalidClientTokenId', statusCode: 403, type: 'Sender', retryable: false,
    message: 'The security token included in the request is invalid.',
  });
  assertOneAttempt(client, error, 403);
});

test('SignatureDoesNotMatch 403: the wrong secret, not retried', async () => {
  const client = e2e.client({ credentials: { accessKeyId: KEYS.alice1.accessKeyId, secretAccessKey: WRONG_SECRET } });
  const error = await rejectsWithIam(client.updateAccessKey({ AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' }), {
    name: 'SignatureDoesNotMatch', code: 'SignatureDoesNotMatch', statusCode: 403, type: 'Sender', retryable: false,
    message: /^The request signature we calculated does not match the signature you provided\./,
  });
  assertOneAttempt(client, error, 403);
  assert.equal((await e2e.state()).requests.byAction.UpdateAccessKey, 1);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});

test('InvalidClientTokenId 403: the signing key is Inactive (as IAM answers it)', async () => {
  // alice switches bob's key off; bob then signs with it.
  await e2e.client({ credentials: KEYS.alice1 }).updateAccessKey({ UserName: 'bob', AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' });
  const bob = e2e.client({ credentials: KEYS.bob });
  const error = await rejectsWithIam(bob.updateAccessKey({ AccessKeyId: KEYS.bob.accessKeyId, Status: 'Active' }), {
    name: 'InvalidClientTokenId', code: 'InvalidClientTokenId', statusCode: 403, type: 'Sender', retryable: false,
    message: 'The security token included in the request is invalid.',
  });
  assertOneAttempt(bob, error, 403);
  assert.equal(await e2e.statusOf('bob', KEYS.bob.accessKeyId), 'Inactive');
});

test('Throttling 400: injected, surfaces as a retryable IamError', async () => {
  await e2e.control({ failNext: { count: 1, with: 'Throttling' } });
  const client = e2e.client({ maxAttempts: 1 });
  const error = await rejectsWithIam(client.updateAccessKey({ AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' }), {
    name: 'Throttling', code: 'Throttling', statusCode: 400, type: 'Sender', retryable: true, message: 'Rate exceeded',
  });
  assertOneAttempt(client, error, 400);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});

test('InvalidAction 400: a hand-built request for an action IAM does not have', async () => {
  const answer = await e2e.signedPost({ Action: 'FlipAllTheKeys', Version: '2010-05-08' });
  assert.equal(answer.status, 400);
  const error = parseFails(answer);
  assert.deepEqual([error.code, error.type, error.message], ['InvalidAction', 'Sender', 'Could not find operation FlipAllTheKeys for version 2010-05-08']);
  assert.equal(error.retryable, false);
});
