// Time rules: a header-signed request must be within 5 minutes of the
// server's clock (moved here with clockOffsetSeconds instead of waiting), and
// a presigned GET URL works until X-Amz-Date + X-Amz-Expires, and never more
// than 15 minutes after X-Amz-Date.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, errorParts, getUrl, KEYS, listedKeys, presignIam, SIGNATURE_MISMATCH, startTestEndpoint } from './iam-client.js';

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const AMZ = /(\d{8}T\d{6}Z)/.source;
const amzMs = (s) => Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
const list = () => callIam(endpoint.url, { Action: 'ListAccessKeys' });

test('within 5 minutes of the server clock either way is accepted', async () => {
  for (const clockOffsetSeconds of [240, -240]) {
    await control(endpoint.url, { clockOffsetSeconds });
    const res = await list();
    assert.equal(res.status, 200, `offset ${clockOffsetSeconds}: ${res.text}`);
  }
});

test('a request more than 5 minutes behind the server is "now earlier than"', async () => {
  await control(endpoint.url, { clockOffsetSeconds: 400 });
  const e = errorParts(await list());
  assert.equal(e.status, 403);
  assert.equal(e.code, 'SignatureDoesNotMatch');
  const m = new RegExp(`^Signature expired: ${AMZ} is now earlier than ${AMZ} \\(${AMZ} - 5 min\\.\\)$`).exec(e.message);
  assert.ok(m, e.message);
  const [, sent, limit, server] = m;
  assert.equal(amzMs(server) - amzMs(limit), 300_000);
  assert.ok(Math.abs(amzMs(server) - amzMs(sent) - 400_000) <= 2000, e.message);
});

test('a request more than 5 minutes ahead of the server is "now later than"', async () => {
  await control(endpoint.url, { clockOffsetSeconds: -400 });
  const e = errorParts(await list());
  assert.equal(e.status, 403);
  assert.equal(e.code, 'SignatureDoesNotMatch');
  const m = new RegExp(`^Signature expired: ${AMZ} is now later than ${AMZ} \\(${AMZ} \\+ 5 min\\.\\)$`).exec(e.message);
  assert.ok(m, e.message);
  assert.equal(amzMs(m[2]) - amzMs(m[3]), 300_000);
});

test("the Date header follows the server's (offset) clock", async () => {
  await control(endpoint.url, { clockOffsetSeconds: 3600 });
  const res = await getUrl(`${endpoint.url}/`);
  const offset = Date.parse(res.headers.get('date')) - Date.now();
  assert.ok(Math.abs(offset - 3_600_000) < 5000, `offset ${offset}`);
});

test('a presigned GET works, then fails once expired', async () => {
  const url = await presignIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' }, { expiresIn: 60 });
  assert.match(url, /X-Amz-Expires=60/);
  const ok = await getUrl(url);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(listedKeys(ok.text)[0].accessKeyId, KEYS.bob.accessKeyId);

  // Still inside 60 s.
  await control(endpoint.url, { clockOffsetSeconds: 30 });
  assert.equal((await getUrl(url)).status, 200);

  await control(endpoint.url, { clockOffsetSeconds: 90 });
  const expired = errorParts(await getUrl(url));
  assert.equal(expired.status, 403);
  assert.ok(expired.rootOk);
  assert.equal(expired.code, 'AccessDenied');
  assert.equal(expired.message, 'Request has expired.');
});

test('a presigned URL can flip a key', async () => {
  const url = await presignIam(endpoint.url, {
    Action: 'UpdateAccessKey',
    UserName: 'alice',
    AccessKeyId: KEYS.alice2.accessKeyId,
    Status: 'Inactive',
  });
  const res = await getUrl(url);
  assert.equal(res.status, 200, res.text);
  const state = await control(endpoint.url);
  assert.equal(state.json.users[0].accessKeys[1].status, 'Inactive');
});

test('a presigned URL with a changed parameter fails its signature', async () => {
  const url = await presignIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' });
  const e = errorParts(await getUrl(url.replace('UserName=bob', 'UserName=alice')));
  assert.equal(e.status, 403);
  assert.equal(e.code, 'SignatureDoesNotMatch');
  assert.equal(e.message, SIGNATURE_MISMATCH);
});

test('a presigned URL dated more than 5 minutes ahead is not yet current', async () => {
  const url = await presignIam(endpoint.url, { Action: 'ListAccessKeys' }, { signingDate: new Date(Date.now() + 600_000) });
  const e = errorParts(await getUrl(url));
  assert.equal(e.status, 403);
  assert.equal(e.code, 'SignatureDoesNotMatch');
  assert.match(e.message, new RegExp(`^Signature not yet current: ${AMZ} is still later than ${AMZ} \\(${AMZ} \\+ 5 min\\.\\)$`));
});

test('a presigned URL with temporary credentials carries and checks the token', async () => {
  const url = await presignIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' }, { credentials: KEYS.session });
  assert.match(url, /X-Amz-Security-Token=/);
  assert.equal((await getUrl(url)).status, 200);
  const forged = url.replace(/X-Amz-Security-Token=[^&]*/, 'X-Amz-Security-Token=forged');
  assert.equal(errorParts(await getUrl(forged)).code, 'InvalidClientTokenId');
});

test('a presigned URL is refused more than 15 minutes after X-Amz-Date, whatever X-Amz-Expires says', async () => {
  for (const expiresIn of [3600, 604800]) {
    const url = await presignIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' }, { expiresIn });
    assert.match(url, new RegExp(`X-Amz-Expires=${expiresIn}`));
    await control(endpoint.url, { clockOffsetSeconds: 14 * 60 });
    assert.equal((await getUrl(url)).status, 200, `expires ${expiresIn}: still good at 14 minutes`);
    await control(endpoint.url, { clockOffsetSeconds: 16 * 60 });
    const expired = errorParts(await getUrl(url));
    assert.deepEqual([expired.status, expired.code, expired.message], [403, 'AccessDenied', 'Request has expired.'], `expires ${expiresIn}`);
  }
});

test('a shorter X-Amz-Expires still ends it sooner than 15 minutes', async () => {
  const url = await presignIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' }, { expiresIn: 300 });
  await control(endpoint.url, { clockOffsetSeconds: 290 });
  assert.equal((await getUrl(url)).status, 200);
  await control(endpoint.url, { clockOffsetSeconds: 310 });
  assert.equal(errorParts(await getUrl(url)).code, 'AccessDenied');
});
