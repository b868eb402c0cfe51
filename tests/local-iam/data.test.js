// The data loader: IAM's rules for users and keys (at most two keys a user,
// IAM paths, one last use per key), and the shipped demo data, which must
// show every case the page deals with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIamData } from '../../scripts/local-iam/iam-data.js';
import { KEYS } from './iam-client.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const key = (accessKeyId, extra = {}) => ({ accessKeyId, secretAccessKey: 'hush-secret', ...extra });
const oneUser = (user) => ({ users: [{ userName: 'u', ...user }] });

test('a user with more than two access keys is refused, naming the user and the limit', () => {
  assert.throws(
    () => loadIamData(oneUser({ accessKeys: [key('AKIADATATEST00001'), key('AKIADATATEST00002'), key('AKIADATATEST00003')] })),
    (err) => err.message === 'local-iam data: user u has 3 access keys; IAM allows at most 2 per user' && !err.message.includes('hush'),
  );
  assert.equal(loadIamData(oneUser({ accessKeys: [key('AKIADATATEST00001'), key('AKIADATATEST00002')] })).users[0].accessKeys.length, 2);
});

test('paths, user ids, account ids and last uses are checked', () => {
  const refused = [
    [oneUser({ path: 'admins/' }), /users\[0\]\.path must be "\/" or start and end with "\/"/],
    [oneUser({ path: '/admins' }), /users\[0\]\.path/],
    [oneUser({ userId: 'AKIA00000000000000000' }), /users\[0\]\.userId must be AIDA/],
    [{ accountId: '12345', users: [] }, /accountId must be 12 digits/],
    [oneUser({ accessKeys: [key('AKIADATATEST00001', { lastUsed: { service: 's3', region: 'us-east-1' } })] }), /needs exactly one of date and daysAgo/],
    [oneUser({ accessKeys: [key('AKIADATATEST00001', { lastUsed: { date: 'soon', service: 's3', region: 'us-east-1' } })] }), /lastUsed\.date is not a date/],
    [oneUser({ accessKeys: [key('AKIADATATEST00001', { lastUsed: { daysAgo: 1, region: 'us-east-1' } })] }), /lastUsed\.service must be a non-empty string/],
  ];
  for (const [data, message] of refused) assert.throws(() => loadIamData(data), message, JSON.stringify(data));
});

test('daysAgo is resolved against the clock at load; defaults are IAM\'s', () => {
  const before = Date.now();
  const data = loadIamData(oneUser({ accessKeys: [key('AKIADATATEST00001', { lastUsed: { daysAgo: 2, service: 'iam', region: 'eu-west-1' } })] }));
  const [user] = data.users;
  const used = Date.parse(user.accessKeys[0].lastUsed.date);
  assert.ok(Math.abs(before - 2 * DAY_MS - used) < 5000);
  assert.match(user.accessKeys[0].lastUsed.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.deepEqual([user.path, user.arn, data.accountId], ['/', 'arn:aws:iam::123456789012:user/u', '123456789012']);
  assert.match(user.userId, /^AIDA[A-Z0-9]{17}$/);
});

test('the demo data shows what the page must handle', () => {
  const demo = loadIamData();
  const now = Date.now();
  const users = demo.users;
  const keys = users.flatMap((u) => u.accessKeys.map((k) => ({ ...k, user: u })));
  const age = (k) => (now - Date.parse(k.lastUsed.date)) / DAY_MS;
  assert.ok(users.length >= 12, `${users.length} users`);
  assert.ok(users.filter((u) => u.path === '/admins/').length >= 2, 'a few admins under /admins/');
  assert.ok(users.some((u) => u.accessKeys.length === 2), 'a user at the two-key limit');
  assert.ok(users.some((u) => u.accessKeys.length === 0), 'a user without keys');
  assert.ok(keys.some((k) => k.lastUsed === null), 'a key never used');
  assert.ok(keys.some((k) => k.lastUsed && age(k) < 7), 'a key used recently');
  assert.ok(keys.some((k) => k.lastUsed && age(k) > 365), 'a key used long ago');
  assert.ok(keys.some((k) => k.status === 'Inactive'), 'an inactive key');
  const stale = keys.filter((k) => k.status === 'Active' && (k.lastUsed === null || age(k) > 90));
  assert.ok(stale.length >= 3, 'keys a person would turn off: active, not used for 90 days');
  const years = new Set(users.map((u) => u.createDate.slice(0, 4)));
  assert.ok(years.size >= 5, `created over years: ${[...years]}`);
  // The demo keys the tests and the page depend on keep their ids and secrets.
  for (const { accessKeyId, secretAccessKey } of [KEYS.alice1, KEYS.alice2, KEYS.bob]) {
    assert.equal(keys.find((k) => k.accessKeyId === accessKeyId)?.secretAccessKey, secretAccessKey);
  }
  assert.deepEqual(
    [KEYS.alice1.accessKeyId, KEYS.alice2.accessKeyId, KEYS.bob.accessKeyId, KEYS.session.accessKeyId],
    ['AKIADEMOALICE00001', 'AKIADEMOALICE00002', 'AKIADEMOBOB000001', 'ASIADEMOSESSION001'],
  );
});

test('the demo data has users to rotate under /rotation/: one key, at the limit with an Inactive key, at the limit with two Active', () => {
  const rotation = loadIamData().users.filter((u) => u.path === '/rotation/');
  const shape = (u) => u.accessKeys.map((k) => k.status).join('+');
  assert.deepEqual(
    rotation.map((u) => [u.userName, shape(u)]),
    [['erin', 'Active'], ['frank', 'Active+Inactive'], ['nina', 'Active+Active']],
  );
  assert.deepEqual([KEYS.erin.accessKeyId, KEYS.frank1.accessKeyId, KEYS.nina1.accessKeyId], ['AKIADEMOERIN000001', 'AKIADEMOFRANK00001', 'AKIADEMONINA000001']);
});

test('the demo data plays the incident: dave\'s leaked key and MFA device, quentin quarantined', () => {
  const users = loadIamData().users;
  const dave = users.find((u) => u.userName === 'dave');
  assert.deepEqual(dave.mfaDevice, { serialNumber: 'arn:aws:iam::123456789012:mfa/dave', tokenCode: '123456' });
  assert.deepEqual(dave.accessKeys.map((k) => [k.accessKeyId, k.status]), [['AKIADEMODAVE000001', 'Active']]);
  const quentin = users.find((u) => u.userName === 'quentin');
  assert.equal(quentin.attachedPolicies[0].policyArn, 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2');
  assert.equal(quentin.accessKeys[0].accessKeyId, KEYS.quentin.accessKeyId);
  // Nobody else has a device or a quarantine: the demo names them unambiguously.
  assert.deepEqual(users.filter((u) => u.mfaDevice).map((u) => u.userName), ['dave']);
  assert.deepEqual(users.filter((u) => u.attachedPolicies.length > 0).map((u) => u.userName), ['quentin']);
});

test('a user with an MFA device has MFA active (the credential report\'s mfa_active) unless the data says otherwise', () => {
  const device = { serialNumber: 'arn:aws:iam::123456789012:mfa/u', tokenCode: '123456' };
  const [withDevice, told, without] = loadIamData({
    users: [{ userName: 'a', mfaDevice: device }, { userName: 'b', mfaDevice: device, mfaActive: false }, { userName: 'c' }],
  }).users;
  assert.deepEqual([withDevice.mfaActive, told.mfaActive, without.mfaActive], [true, false, false]);
  assert.equal(loadIamData().users.find((u) => u.userName === 'dave').mfaActive, true);
});
