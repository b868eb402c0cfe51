// The AWS CLI, unchanged, against the endpoint: the strongest check that the
// signature verification, the Query parsing and the XML match real IAM,
// since botocore signs and parses independently of everything here.
// Fails (never skips) when `aws` is missing (awscli-run.js).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { control, KEYS, startTestEndpoint } from './iam-client.js';
import { runAws } from './awscli-run.js';

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());

function aws(args, credentials = KEYS.alice2) {
  return runAws(endpoint.url, args, credentials);
}

test('aws iam update-access-key, then list-access-keys shows the new status', async () => {
  const version = await aws(['--version']);
  assert.equal(version.code, 0, version.stderr);

  const update = await aws(['iam', 'update-access-key', '--user-name', 'alice', '--access-key-id', KEYS.alice1.accessKeyId, '--status', 'Inactive']);
  assert.equal(update.code, 0, update.stderr);

  const list = await aws(['iam', 'list-access-keys', '--user-name', 'alice']);
  assert.equal(list.code, 0, list.stderr);
  const keys = JSON.parse(list.stdout).AccessKeyMetadata;
  assert.deepEqual(
    keys.map((k) => [k.UserName, k.AccessKeyId, k.Status]),
    [
      ['alice', KEYS.alice1.accessKeyId, 'Inactive'],
      ['alice', KEYS.alice2.accessKeyId, 'Active'],
    ],
  );
  assert.ok(keys.every((k) => !Number.isNaN(Date.parse(k.CreateDate))), list.stdout);
});

// How many requests of an action the endpoint answered, from its state.
const requestsOf = async (action) => (await control(endpoint.url)).json.requests.byAction[action] ?? 0;

test('aws iam list-users --page-size 1 follows every Marker to the whole list', async () => {
  await control(endpoint.url, { reset: true });
  const all = endpoint.state.snapshot().users;
  const res = await aws(['iam', 'list-users', '--page-size', '1']);
  assert.equal(res.code, 0, res.stderr);
  const users = JSON.parse(res.stdout).Users;
  assert.deepEqual(users.map((u) => u.UserName), all.map((u) => u.userName));
  assert.equal(await requestsOf('ListUsers'), all.length, 'one page per user');
  const grace = users.find((u) => u.UserName === 'grace');
  assert.equal(grace.Path, '/admins/');
  assert.equal(grace.Arn, 'arn:aws:iam::123456789012:user/admins/grace');
  assert.match(grace.UserId, /^AIDA[A-Z0-9]{17}$/);
  assert.ok(!Number.isNaN(Date.parse(grace.CreateDate)), res.stdout);

  const admins = await aws(['iam', 'list-users', '--path-prefix', '/admins/', '--page-size', '1']);
  assert.equal(admins.code, 0, admins.stderr);
  assert.ok(JSON.parse(admins.stdout).Users.every((u) => u.Path.startsWith('/admins/')));
});

test('aws iam list-access-keys --page-size 1 pages across both keys', async () => {
  await control(endpoint.url, { reset: true });
  const res = await aws(['iam', 'list-access-keys', '--user-name', 'alice', '--page-size', '1']);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(JSON.parse(res.stdout).AccessKeyMetadata.map((k) => k.AccessKeyId), [KEYS.alice1.accessKeyId, KEYS.alice2.accessKeyId]);
  assert.equal(await requestsOf('ListAccessKeys'), 2);
});

test('aws iam get-access-key-last-used: the owner, and the use this very call made', async () => {
  const own = await aws(['iam', 'get-access-key-last-used', '--access-key-id', KEYS.bob.accessKeyId], KEYS.bob);
  assert.equal(own.code, 0, own.stderr);
  const answer = JSON.parse(own.stdout);
  assert.equal(answer.UserName, 'bob');
  assert.deepEqual([answer.AccessKeyLastUsed.ServiceName, answer.AccessKeyLastUsed.Region], ['iam', 'us-east-1']);
  assert.ok(Math.abs(Date.parse(answer.AccessKeyLastUsed.LastUsedDate) - Date.now()) < 10_000, own.stdout);

  const neverUsed = endpoint.state.snapshot().users.flatMap((u) => u.accessKeys).find((k) => k.lastUsed === null);
  const never = await aws(['iam', 'get-access-key-last-used', '--access-key-id', neverUsed.accessKeyId]);
  assert.equal(never.code, 0, never.stderr);
  const used = JSON.parse(never.stdout).AccessKeyLastUsed;
  assert.deepEqual([used.LastUsedDate, used.ServiceName, used.Region], [undefined, 'N/A', 'N/A']);
});

test('aws iam get-user: the signer without --user-name, a named user with it', async () => {
  const me = await aws(['iam', 'get-user'], KEYS.bob);
  assert.equal(me.code, 0, me.stderr);
  assert.deepEqual(
    (({ UserName, Path, Arn }) => ({ UserName, Path, Arn }))(JSON.parse(me.stdout).User),
    { UserName: 'bob', Path: '/', Arn: 'arn:aws:iam::123456789012:user/bob' },
  );
  const named = await aws(['iam', 'get-user', '--user-name', 'grace'], KEYS.bob);
  assert.equal(named.code, 0, named.stderr);
  assert.equal(JSON.parse(named.stdout).User.Arn, 'arn:aws:iam::123456789012:user/admins/grace');
});

test('aws reports NoSuchEntity and exits non-zero', async () => {
  const res = await aws(['iam', 'list-access-keys', '--user-name', 'nobody']);
  assert.notEqual(res.code, 0);
  assert.match(res.stderr, /NoSuchEntity/);
  assert.match(res.stderr, /The user with name nobody cannot be found\./);
});

test('aws with a wrong secret gets SignatureDoesNotMatch', async () => {
  const res = await aws(['iam', 'list-access-keys'], { accessKeyId: KEYS.bob.accessKeyId, secretAccessKey: 'wrong-secret' });
  assert.notEqual(res.code, 0);
  assert.match(res.stderr, /SignatureDoesNotMatch/);
});
