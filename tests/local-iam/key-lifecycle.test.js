// IAM CreateAccessKey and DeleteAccessKey as IAM answers them, and when a key
// may sign: a new one only after the propagation delay (--key-propagation-ms,
// the keyPropagationMs control), never once deleted or while Inactive.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, callSts, control, errorParts, listedKeys, startTestEndpoint, STS_XMLNS, xmlValue } from './iam-client.js';

const ACCOUNT = '210987654321';
const key = (accessKeyId, extra = {}) => ({ accessKeyId, secretAccessKey: `secret-of-${accessKeyId}`, ...extra });
const DATA = {
  accountId: ACCOUNT,
  users: [
    { userName: 'admin', path: '/admins/', accessKeys: [key('AKIAKEYSADMIN00001')] },
    { userName: 'one', accessKeys: [key('AKIAKEYSONE0000001')] },
    { userName: 'with-inactive', accessKeys: [key('AKIAKEYSWINACTIVE1'), key('AKIAKEYSWINACTIVE2', { status: 'Inactive' })] },
    { userName: 'full', accessKeys: [key('AKIAKEYSFULL000001'), key('AKIAKEYSFULL000002')] },
  ],
};
const ADMIN = { accessKeyId: 'AKIAKEYSADMIN00001', secretAccessKey: 'secret-of-AKIAKEYSADMIN00001' };
const ONE = { accessKeyId: 'AKIAKEYSONE0000001', secretAccessKey: 'secret-of-AKIAKEYSONE0000001' };
const INVALID_TOKEN = 'The security token included in the request is invalid.';
// Long enough for two refused calls on a loaded machine, short enough to wait out.
const PROPAGATION_MS = 3000;

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint({ data: DATA, keyPropagationMs: PROPAGATION_MS });
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const iam = (params, credentials = ADMIN) => callIam(endpoint.url, params, { credentials });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function assertError(res, status, code, message, xmlns) {
  const e = errorParts(res, xmlns);
  assert.deepEqual([e.status, e.code, e.message], [status, code, message], res.text);
  assert.ok(e.rootOk, res.text);
}

// { userName, accessKeyId, status, secretAccessKey, createDate } from a CreateAccessKey answer.
function createdKey(res) {
  assert.equal(res.status, 200, res.text);
  const block = /<AccessKey>\n([\s\S]*?)\n {4}<\/AccessKey>/.exec(res.text)[1];
  // IAM's AccessKey shape, in its order.
  assert.deepEqual([...block.matchAll(/<(\w+)>/g)].map((m) => m[1]), ['UserName', 'AccessKeyId', 'Status', 'SecretAccessKey', 'CreateDate']);
  return {
    userName: xmlValue(res.text, 'UserName'),
    accessKeyId: xmlValue(res.text, 'AccessKeyId'),
    status: xmlValue(res.text, 'Status'),
    secretAccessKey: xmlValue(res.text, 'SecretAccessKey'),
    createDate: xmlValue(res.text, 'CreateDate'),
  };
}

test('CreateAccessKey: a key shaped like AWS\'s, Active, listed after the others; its secret only in this answer', async () => {
  const res = await iam({ Action: 'CreateAccessKey', UserName: 'one' });
  const created = createdKey(res);
  assert.match(res.text, /^<CreateAccessKeyResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\n {2}<CreateAccessKeyResult>\n {4}<AccessKey>\n/);
  assert.equal(created.userName, 'one');
  assert.match(created.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(created.status, 'Active');
  assert.equal(created.secretAccessKey.length, 40);
  assert.match(created.secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
  assert.match(created.createDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(created.createDate) - Date.now()) < 5_000, created.createDate);

  const listed = listedKeys((await iam({ Action: 'ListAccessKeys', UserName: 'one' })).text);
  assert.deepEqual(listed.map((k) => [k.accessKeyId, k.status]), [[ONE.accessKeyId, 'Active'], [created.accessKeyId, 'Active']]);
  assert.equal(listed[1].createDate, created.createDate);
  // The state the control route shows holds no secret.
  const state = JSON.stringify((await control(endpoint.url)).json);
  assert.ok(state.includes(created.accessKeyId));
  assert.ok(!state.includes(created.secretAccessKey));

  const second = createdKey(await iam({ Action: 'CreateAccessKey', UserName: 'admin' }));
  assert.notEqual(second.accessKeyId, created.accessKeyId);
  assert.notEqual(second.secretAccessKey, created.secretAccessKey);
});

test('CreateAccessKey without UserName is for the signer\'s own user', async () => {
  const created = createdKey(await iam({ Action: 'CreateAccessKey' }, ONE));
  assert.equal(created.userName, 'one');
  assert.equal(listedKeys((await iam({ Action: 'ListAccessKeys', UserName: 'one' })).text).length, 2);
});

test('CreateAccessKey at two keys (an Inactive one counts) is IAM\'s 409 LimitExceeded; an unknown user NoSuchEntity', async () => {
  for (const UserName of ['with-inactive', 'full']) {
    assertError(await iam({ Action: 'CreateAccessKey', UserName }), 409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2');
    assert.equal(listedKeys((await iam({ Action: 'ListAccessKeys', UserName })).text).length, 2, 'nothing added');
  }
  assertError(await iam({ Action: 'CreateAccessKey', UserName: 'nobody' }), 404, 'NoSuchEntity', 'The user with name nobody cannot be found.');
  // One key deleted, one may be created.
  assert.equal((await iam({ Action: 'DeleteAccessKey', UserName: 'with-inactive', AccessKeyId: 'AKIAKEYSWINACTIVE2' })).status, 200);
  assert.equal(createdKey(await iam({ Action: 'CreateAccessKey', UserName: 'with-inactive' })).userName, 'with-inactive');
});

test('a new key is refused with InvalidClientTokenId until the propagation delay has passed, then accepted', async () => {
  const created = createdKey(await iam({ Action: 'CreateAccessKey', UserName: 'one' }));
  const credentials = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
  assertError(await callSts(endpoint.url, { Action: 'GetCallerIdentity' }, { credentials }), 403, 'InvalidClientTokenId', INVALID_TOKEN, STS_XMLNS);
  assertError(await iam({ Action: 'ListAccessKeys' }, credentials), 403, 'InvalidClientTokenId', INVALID_TOKEN);
  await sleep(PROPAGATION_MS + 100);
  const me = await callSts(endpoint.url, { Action: 'GetCallerIdentity' }, { credentials });
  assert.equal(me.status, 200, me.text);
  assert.equal(xmlValue(me.text, 'Arn'), `arn:aws:iam::${ACCOUNT}:user/one`);
  assert.equal((await iam({ Action: 'ListAccessKeys' }, credentials)).status, 200);
});

test('the keyPropagationMs control changes the delay at run time, for keys already made too; reset restores the start value', async () => {
  assert.equal((await control(endpoint.url)).json.keyPropagationMs, PROPAGATION_MS);
  assert.equal((await control(endpoint.url, { keyPropagationMs: 60_000 })).json.keyPropagationMs, 60_000);
  const created = createdKey(await iam({ Action: 'CreateAccessKey', UserName: 'one' }));
  const credentials = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
  await sleep(PROPAGATION_MS + 100);
  assertError(await iam({ Action: 'GetUser' }, credentials), 403, 'InvalidClientTokenId', INVALID_TOKEN);
  await control(endpoint.url, { keyPropagationMs: 0 });
  assert.equal((await iam({ Action: 'GetUser' }, credentials)).status, 200);

  for (const bad of [-1, 1.5, '10', null]) {
    const res = await control(endpoint.url, { keyPropagationMs: bad });
    assert.equal(res.status, 400);
    assert.match(res.json.error, /^keyPropagationMs must be a non-negative integer/);
  }
  assert.equal((await control(endpoint.url)).json.keyPropagationMs, 0, 'a bad body changes nothing');
  assert.equal((await control(endpoint.url, { reset: true })).json.keyPropagationMs, PROPAGATION_MS);
});

test('with --key-propagation-ms 0 (keyPropagationMs: 0) a new key signs at once', async () => {
  const instant = await startTestEndpoint({ data: DATA, keyPropagationMs: 0 });
  try {
    const res = await callIam(instant.url, { Action: 'CreateAccessKey', UserName: 'one' }, { credentials: ADMIN });
    const created = createdKey(res);
    const me = await callSts(instant.url, { Action: 'GetCallerIdentity' }, { credentials: { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey } });
    assert.equal(me.status, 200, me.text);
  } finally {
    await instant.close();
  }
  await assert.rejects(startTestEndpoint({ data: DATA, keyPropagationMs: -5 }), /keyPropagationMs must be a non-negative integer/);
});

test('DeleteAccessKey: gone from the listing and refused as a credential; a key the user does not hold is NoSuchEntity', async () => {
  const res = await iam({ Action: 'DeleteAccessKey', UserName: 'one', AccessKeyId: ONE.accessKeyId });
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /^<DeleteAccessKeyResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\n {2}<ResponseMetadata>\n {4}<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  assert.deepEqual(listedKeys((await iam({ Action: 'ListAccessKeys', UserName: 'one' })).text), []);
  assertError(await iam({ Action: 'GetUser' }, ONE), 403, 'InvalidClientTokenId', INVALID_TOKEN);
  assertError(await callSts(endpoint.url, { Action: 'GetCallerIdentity' }, { credentials: ONE }), 403, 'InvalidClientTokenId', INVALID_TOKEN, STS_XMLNS);

  const noSuch = (id) => `The Access Key with id ${id} cannot be found.`;
  assertError(await iam({ Action: 'DeleteAccessKey', UserName: 'one', AccessKeyId: ONE.accessKeyId }), 404, 'NoSuchEntity', noSuch(ONE.accessKeyId));
  // Another user's key named under the wrong user.
  assertError(await iam({ Action: 'DeleteAccessKey', UserName: 'one', AccessKeyId: 'AKIAKEYSFULL000001' }), 404, 'NoSuchEntity', noSuch('AKIAKEYSFULL000001'));
  assertError(await iam({ Action: 'DeleteAccessKey', UserName: 'nobody', AccessKeyId: 'AKIAKEYSFULL000001' }), 404, 'NoSuchEntity', 'The user with name nobody cannot be found.');
  assertError(
    await iam({ Action: 'DeleteAccessKey', UserName: 'one' }),
    400,
    'ValidationError',
    "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
  );
});

test('DeleteAccessKey without UserName is the signer\'s own user: another user\'s key is NoSuchEntity, its own key goes', async () => {
  assertError(
    await iam({ Action: 'DeleteAccessKey', AccessKeyId: 'AKIAKEYSFULL000001' }),
    404,
    'NoSuchEntity',
    'The Access Key with id AKIAKEYSFULL000001 cannot be found.',
  );
  const created = createdKey(await iam({ Action: 'CreateAccessKey' }));
  assert.equal((await iam({ Action: 'DeleteAccessKey', AccessKeyId: created.accessKeyId })).status, 200);
  assert.deepEqual(listedKeys((await iam({ Action: 'ListAccessKeys' })).text).map((k) => k.accessKeyId), [ADMIN.accessKeyId]);
});

test('an Inactive key is refused as IAM refuses it (InvalidClientTokenId), for IAM and STS alike', async () => {
  assert.equal((await iam({ Action: 'UpdateAccessKey', UserName: 'one', AccessKeyId: ONE.accessKeyId, Status: 'Inactive' })).status, 200);
  assertError(await iam({ Action: 'GetUser' }, ONE), 403, 'InvalidClientTokenId', INVALID_TOKEN);
  assertError(await callSts(endpoint.url, { Action: 'GetCallerIdentity' }, { credentials: ONE }), 403, 'InvalidClientTokenId', INVALID_TOKEN, STS_XMLNS);
});
