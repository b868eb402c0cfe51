// web/single-call/key-check.js with a stand-in client: after a lost answer, "Check with
// IAM" says exactly what one ListAccessKeys read shows (every page), that the
// key is not listed, or that the read itself failed; never a guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from '../../wasm/js/index.js';
import { checkKey, checkText } from '../../web/single-call/key-check.js';
import { fakeClient, networkError } from './fake-client.js';

const users = () => [
  { userName: 'alice', keys: [{ id: 'AKIAA1', status: 'Active' }, { id: 'AKIAA2', status: 'Active' }, { id: 'AKIAA3', status: 'Inactive' }] },
  { userName: 'bob', keys: [{ id: 'AKIAB1', status: 'Active' }] },
];
const describe = (error) => `described: ${error.message}`;

test('a key on a later page: its status, read from every page, and whether it is the one asked for', async () => {
  const client = fakeClient({ users: users(), pageSize: 2 });
  const params = { UserName: 'alice', AccessKeyId: 'AKIAA3', Status: 'Inactive' };
  const found = await checkKey(client, params);
  assert.deepEqual(found, { seenStatus: 'Inactive' });
  assert.deepEqual(client.calls, ['ListAccessKeys alice']);
  assert.equal(checkText(params, found, describe), 'IAM shows AKIAA3 as Inactive now: the status the lost request asked for.');
});

test('a status other than the one asked for is said as it is', async () => {
  const params = { UserName: 'alice', AccessKeyId: 'AKIAA1', Status: 'Inactive' };
  const found = await checkKey(fakeClient({ users: users() }), params);
  assert.equal(found.seenStatus, 'Active');
  assert.match(checkText(params, found, describe), /^IAM shows AKIAA1 as Active now: not the Inactive the lost request asked for/);
});

test('without a UserName the signing user\'s keys are read', async () => {
  const client = fakeClient({ users: users() });
  const params = { AccessKeyId: 'AKIAB1', Status: 'Inactive' };
  const found = await checkKey(client, params);
  assert.deepEqual(client.calls, ['ListAccessKeys (signer)']);
  assert.equal(found.seenStatus, undefined, 'the stand-in signer is alice: bob\'s key is not hers');
  assert.equal(checkText(params, found, describe), 'AKIAB1 is not among the access keys IAM lists for the signing user, so it shows no status for it.');
});

test('a read that fails is reported as a failed check, with its reason', async () => {
  const client = fakeClient({ users: users() });
  const refused = new IamError({ code: 'AccessDenied', message: 'not allowed to list keys', requestId: 'r-1', statusCode: 403, attempts: 1 });
  client.failNext('ListAccessKeys', refused);
  const params = { UserName: 'alice', AccessKeyId: 'AKIAA1', Status: 'Inactive' };
  const found = await checkKey(client, params);
  assert.equal(found.error, refused);
  assert.equal(checkText(params, found, describe),
    'The check itself failed, so IAM\'s current status of AKIAA1 is not known: described: not allowed to list keys');

  client.failNext('ListAccessKeys', networkError());
  const lost = await checkKey(client, params);
  assert.match(checkText(params, lost, describe), /^The check itself failed.*Failed to fetch$/);
});
