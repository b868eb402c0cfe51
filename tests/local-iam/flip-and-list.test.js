// The happy paths keyflip relies on: UpdateAccessKey flips a key and
// ListAccessKeys reads the new status back, with and without UserName, in
// IAM's exact XML with a fresh request id per answer.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, IAM_XMLNS, KEYS, listedKeys, startTestEndpoint, xmlValue } from './iam-client.js';

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const statusOf = async (userName, accessKeyId, credentials = KEYS.alice2) => {
  const res = await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: userName }, { credentials });
  assert.equal(res.status, 200, res.text);
  return listedKeys(res.text).find((k) => k.accessKeyId === accessKeyId)?.status;
};

test('UpdateAccessKey flips a key Inactive then Active, and ListAccessKeys reads it back', async () => {
  const flip = (Status) =>
    callIam(endpoint.url, { Action: 'UpdateAccessKey', UserName: 'alice', AccessKeyId: KEYS.alice1.accessKeyId, Status }, { credentials: KEYS.alice2 });

  const off = await flip('Inactive');
  assert.equal(off.status, 200, off.text);
  assert.equal(await statusOf('alice', KEYS.alice1.accessKeyId), 'Inactive');
  assert.equal(await statusOf('alice', KEYS.alice2.accessKeyId), 'Active');

  const on = await flip('Active');
  assert.equal(on.status, 200, on.text);
  assert.equal(await statusOf('alice', KEYS.alice1.accessKeyId), 'Active');
});

test('UpdateAccessKey answers IAM XML with the request id in body and header, plus Date', async () => {
  const res = await callIam(endpoint.url, {
    Action: 'UpdateAccessKey',
    UserName: 'alice',
    AccessKeyId: KEYS.alice1.accessKeyId,
    Status: 'Active',
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/xml');
  const requestId = res.headers.get('x-amzn-requestid');
  assert.match(requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(
    res.text,
    `<UpdateAccessKeyResponse xmlns="${IAM_XMLNS}">\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n` +
      '  </ResponseMetadata>\n</UpdateAccessKeyResponse>\n',
  );
  const date = Date.parse(res.headers.get('date'));
  assert.ok(Math.abs(date - Date.now()) < 5000, `Date header ${res.headers.get('date')}`);
});

test('ListAccessKeys has the IAM result shape', async () => {
  const res = await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'alice' });
  assert.equal(res.status, 200);
  assert.ok(res.text.startsWith(`<ListAccessKeysResponse xmlns="${IAM_XMLNS}">\n  <ListAccessKeysResult>\n    <AccessKeyMetadata>\n      <member>`));
  assert.match(res.text, /<\/AccessKeyMetadata>\n    <IsTruncated>false<\/IsTruncated>\n  <\/ListAccessKeysResult>\n  <ResponseMetadata>/);
  assert.equal(xmlValue(res.text, 'RequestId'), res.headers.get('x-amzn-requestid'));
  assert.deepEqual(listedKeys(res.text), [
    { userName: 'alice', accessKeyId: 'AKIADEMOALICE00001', status: 'Active', createDate: '2024-03-01T09:00:00Z' },
    { userName: 'alice', accessKeyId: 'AKIADEMOALICE00002', status: 'Active', createDate: '2024-06-15T14:30:00Z' },
  ]);
});

test('each answer gets a fresh request id', async () => {
  const ids = new Set();
  for (let i = 0; i < 3; i++) {
    const res = await callIam(endpoint.url, { Action: 'ListAccessKeys' });
    ids.add(xmlValue(res.text, 'RequestId'));
  }
  assert.equal(ids.size, 3);
});

test('without UserName, both actions apply to the user owning the signing key', async () => {
  const bobs = await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: KEYS.bob });
  assert.equal(bobs.status, 200, bobs.text);
  assert.deepEqual(listedKeys(bobs.text).map((k) => [k.userName, k.accessKeyId]), [['bob', KEYS.bob.accessKeyId]]);

  const own = await callIam(
    endpoint.url,
    { Action: 'UpdateAccessKey', AccessKeyId: KEYS.alice1.accessKeyId, Status: 'Inactive' },
    { credentials: KEYS.alice2 },
  );
  assert.equal(own.status, 200, own.text);
  assert.equal(await statusOf('alice', KEYS.alice1.accessKeyId, KEYS.bob), 'Inactive');

  // bob's key is not found under alice, the signer.
  const other = await callIam(
    endpoint.url,
    { Action: 'UpdateAccessKey', AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' },
    { credentials: KEYS.alice2 },
  );
  assert.equal(other.status, 404);
  assert.equal(xmlValue(other.text, 'Message'), `The Access Key with id ${KEYS.bob.accessKeyId} cannot be found.`);
});

test('a key may disable itself; its next request is refused', async () => {
  const self = await callIam(endpoint.url, {
    Action: 'UpdateAccessKey',
    AccessKeyId: KEYS.alice1.accessKeyId,
    Status: 'Inactive',
  });
  assert.equal(self.status, 200, self.text);
  const after = await callIam(endpoint.url, { Action: 'ListAccessKeys' });
  assert.equal(after.status, 403);
  assert.equal(xmlValue(after.text, 'Code'), 'InvalidClientTokenId');
});

test('header-signed GET with the parameters in the query string works too', async () => {
  const res = await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' }, { method: 'GET' });
  assert.equal(res.status, 200, res.text);
  assert.equal(listedKeys(res.text)[0].accessKeyId, KEYS.bob.accessKeyId);
});

test('temporary credentials with a signed session token work, and must name the user', async () => {
  const named = await callIam(endpoint.url, { Action: 'ListAccessKeys', UserName: 'bob' }, { credentials: KEYS.session });
  assert.equal(named.status, 200, named.text);

  const unnamed = await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: KEYS.session });
  assert.equal(unnamed.status, 400);
  assert.equal(xmlValue(unnamed.text, 'Code'), 'ValidationError');
  assert.equal(xmlValue(unnamed.text, 'Message'), 'Must specify userName when calling with non-User credentials');
});
