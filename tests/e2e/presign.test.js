// kf.presignUpdateAccessKey for a custom endpoint: the URL works with a plain
// fetch GET until it expires (the server clock is moved forward rather than
// waiting), then IAM's error is read with kf.parseIamResponse. Temporary
// credentials put their session token in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from 'keyflip';
import { KEYS, REGION, REQUEST_ID, assertNoSecrets, useEndpoint } from './harness.js';

const e2e = useEndpoint();

async function get(url) {
  const response = await fetch(url);
  return { status: response.status, requestId: response.headers.get('x-amzn-requestid'), text: await response.text() };
}

function parseFails(answer) {
  let error;
  assert.throws(() => e2e.kf.parseIamResponse(answer.status, answer.text), (e) => {
    error = e;
    return e instanceof IamError;
  });
  assert.equal(error.requestId, answer.requestId);
  assertNoSecrets(error);
  return error;
}

test('a presigned URL works with plain fetch until it expires, then fails with IAM\'s error', async () => {
  const presigned = e2e.kf.presignUpdateAccessKey(
    { UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' },
    { endpoint: e2e.url, region: REGION, credentials: KEYS.alice1, expiresIn: 60 },
  );
  const url = new URL(presigned.url);
  assert.equal(url.origin, e2e.url);
  assert.equal(url.searchParams.get('Action'), 'UpdateAccessKey');
  assert.equal(url.searchParams.get('X-Amz-Expires'), '60');
  assert.equal(url.searchParams.get('X-Amz-Signature'), presigned.signature);
  assert.equal(url.searchParams.get('X-Amz-Security-Token'), null);
  assert.ok(!presigned.url.includes(KEYS.alice1.secretAccessKey));

  const ok = await get(presigned.url);
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.requestId, REQUEST_ID);
  assert.deepEqual(e2e.kf.parseIamResponse(ok.status, ok.text), { requestId: ok.requestId });
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Inactive');

  // Still good 50 s later (by the server's clock): whoever holds it can use it again.
  await e2e.control({ clockOffsetSeconds: 50 });
  assert.equal((await get(presigned.url)).status, 200);

  // 2 minutes later it has expired.
  await e2e.control({ clockOffsetSeconds: 120 });
  const expired = await get(presigned.url);
  assert.equal(expired.status, 403);
  const error = parseFails(expired);
  assert.deepEqual(
    [error.name, error.code, error.statusCode, error.type, error.message, error.retryable],
    ['AccessDenied', 'AccessDenied', 403, 'Sender', 'Request has expired.', false],
  );
  assert.equal((await e2e.state()).requests.byAction.UpdateAccessKey, 3);
});

test('presigning with temporary credentials carries X-Amz-Security-Token', async () => {
  const presigned = e2e.kf.presignUpdateAccessKey(
    { UserName: 'bob', AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' },
    { endpoint: e2e.url, region: REGION, credentials: KEYS.session, expiresIn: 30 },
  );
  const url = new URL(presigned.url);
  assert.equal(url.searchParams.get('X-Amz-Security-Token'), KEYS.session.sessionToken);
  assert.match(url.searchParams.get('X-Amz-Credential'), new RegExp(`^${KEYS.session.accessKeyId}/\\d{8}/${REGION}/iam/aws4_request$`));
  assert.ok(!presigned.url.includes(KEYS.session.secretAccessKey));

  // Without the token the server does not accept the session's key.
  url.searchParams.delete('X-Amz-Security-Token');
  const withoutToken = await get(url.href);
  assert.equal(parseFails(withoutToken).code, 'InvalidClientTokenId');
  assert.equal(await e2e.statusOf('bob', KEYS.bob.accessKeyId), 'Active');

  const ok = await get(presigned.url);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(e2e.kf.parseIamResponse(ok.status, ok.text).requestId, ok.requestId);
  assert.equal(await e2e.statusOf('bob', KEYS.bob.accessKeyId), 'Inactive');
});
