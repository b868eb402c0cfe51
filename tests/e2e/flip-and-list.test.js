// The main job: createClient().updateAccessKey turns a key off and on again,
// and ListAccessKeys (signed with kf.signRequest) reads the status back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, REQUEST_ID, useEndpoint } from './harness.js';

const e2e = useEndpoint();

test('deactivate and reactivate a key, read back with ListAccessKeys', async () => {
  const client = e2e.client({ credentials: KEYS.alice1 });
  assert.deepEqual(await e2e.listAccessKeys('alice'), [
    { userName: 'alice', accessKeyId: KEYS.alice1.accessKeyId, status: 'Active' },
    { userName: 'alice', accessKeyId: KEYS.alice2.accessKeyId, status: 'Active' },
  ]);

  const off = await client.updateAccessKey({ UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' });
  assert.deepEqual(off, { requestId: client.last().requestId, attempts: 1, statusCode: 200 });
  assert.match(off.requestId, REQUEST_ID);
  assert.deepEqual(await e2e.listAccessKeys('alice'), [
    { userName: 'alice', accessKeyId: KEYS.alice1.accessKeyId, status: 'Active' },
    { userName: 'alice', accessKeyId: KEYS.alice2.accessKeyId, status: 'Inactive' },
  ]);

  const on = await client.updateAccessKey({ UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Active' });
  assert.deepEqual(on, { requestId: client.last().requestId, attempts: 1, statusCode: 200 });
  assert.notEqual(on.requestId, off.requestId);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');

  // Another user's key, named by UserName; bob's listing shows the change.
  await client.updateAccessKey({ UserName: 'bob', AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' });
  assert.deepEqual(await e2e.listAccessKeys('bob'), [{ userName: 'bob', accessKeyId: KEYS.bob.accessKeyId, status: 'Inactive' }]);
  assert.equal((await e2e.state()).requests.byAction.UpdateAccessKey, 3);
});

test('without UserName the call acts on the signing key\'s own user', async () => {
  const client = e2e.client({ credentials: KEYS.alice1 });
  const result = await client.updateAccessKey({ AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' });
  assert.equal(result.attempts, 1);
  assert.equal(result.statusCode, 200);
  assert.equal(result.requestId, client.last().requestId);
  // ListAccessKeys without UserName also lists the signer's own keys.
  assert.deepEqual(await e2e.listAccessKeys(undefined, KEYS.alice1), [
    { userName: 'alice', accessKeyId: KEYS.alice1.accessKeyId, status: 'Active' },
    { userName: 'alice', accessKeyId: KEYS.alice2.accessKeyId, status: 'Inactive' },
  ]);
  // A user may switch off the very key it signs with; it stays listed, Inactive.
  const bob = e2e.client({ credentials: KEYS.bob });
  await bob.updateAccessKey({ AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' });
  assert.equal(await e2e.statusOf('bob', KEYS.bob.accessKeyId), 'Inactive');
});
