// Debian's AWS CLI against the endpoint for STS and the key lifecycle: the
// same address answers `aws sts ...` and `aws iam ...` (told apart by the
// credential scope botocore signs with), CreateAccessKey's 409 at the
// two-key limit, a new key refused while it propagates and accepted after,
// DeleteAccessKey, and a deleted key refused.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { control, KEYS, startTestEndpoint } from './iam-client.js';
import { jsonOf as json, runAws } from './awscli-run.js';

const ACCOUNT = '123456789012';
let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const aws = (args, credentials = KEYS.alice1) => runAws(endpoint.url, args, credentials);


test('aws sts get-caller-identity: the signer\'s ARN, user id and the data\'s account', async () => {
  const me = json(await aws(['sts', 'get-caller-identity'], KEYS.erin));
  assert.equal(me.Arn, `arn:aws:iam::${ACCOUNT}:user/rotation/erin`);
  assert.equal(me.Account, ACCOUNT);
  const erin = endpoint.state.snapshot().users.find((u) => u.userName === 'erin');
  assert.equal(me.UserId, erin.userId);
});

test('aws sts get-access-key-info: a key it holds, and a key of another account by its ID', async () => {
  assert.deepEqual(json(await aws(['sts', 'get-access-key-info', '--access-key-id', KEYS.bob.accessKeyId])), { Account: ACCOUNT });
  assert.deepEqual(json(await aws(['sts', 'get-access-key-info', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE'])), { Account: '581039954779' });
});

test('aws iam create-access-key: a new key for a user with one; at the limit (Inactive or two Active) the 409', async () => {
  const { AccessKey } = json(await aws(['iam', 'create-access-key', '--user-name', 'erin']));
  assert.equal(AccessKey.UserName, 'erin');
  assert.match(AccessKey.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(AccessKey.Status, 'Active');
  assert.equal(AccessKey.SecretAccessKey.length, 40);
  assert.ok(Math.abs(Date.parse(AccessKey.CreateDate) - Date.now()) < 60_000, AccessKey.CreateDate);
  const listed = json(await aws(['iam', 'list-access-keys', '--user-name', 'erin'])).AccessKeyMetadata;
  assert.deepEqual(listed.map((k) => k.AccessKeyId), [KEYS.erin.accessKeyId, AccessKey.AccessKeyId]);

  for (const user of ['frank', 'nina', 'erin']) {
    const full = await aws(['iam', 'create-access-key', '--user-name', user]);
    assert.notEqual(full.code, 0, full.stdout);
    assert.match(full.stderr, /An error occurred \(LimitExceeded\) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2/);
  }
});

test('aws: a new key is refused (InvalidClientTokenId) while it propagates, accepted once the delay has passed', async () => {
  // 20 s of propagation; the server's clock is then moved past it instead
  // of waiting, so the CLI's own start-up time cannot blur the result.
  await control(endpoint.url, { keyPropagationMs: 20_000 });
  const { AccessKey } = json(await aws(['iam', 'create-access-key'], KEYS.erin));
  const fresh = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  const refused = await aws(['sts', 'get-caller-identity'], fresh);
  assert.notEqual(refused.code, 0, refused.stdout);
  assert.match(refused.stderr, /\(InvalidClientTokenId\) when calling the GetCallerIdentity operation: The security token included in the request is invalid/);
  const refusedIam = await aws(['iam', 'list-access-keys'], fresh);
  assert.match(refusedIam.stderr, /\(InvalidClientTokenId\) when calling the ListAccessKeys operation/);

  await control(endpoint.url, { clockOffsetSeconds: 21 });
  assert.equal(json(await aws(['sts', 'get-caller-identity'], fresh)).Arn, `arn:aws:iam::${ACCOUNT}:user/rotation/erin`);
  assert.equal(json(await aws(['iam', 'list-access-keys'], fresh)).AccessKeyMetadata.length, 2);
});

test('aws iam delete-access-key: deleted (then refused as a credential); again, or an unknown key, NoSuchEntity', async () => {
  await control(endpoint.url, { keyPropagationMs: 0 });
  const { AccessKey } = json(await aws(['iam', 'create-access-key', '--user-name', 'erin']));
  const made = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  assert.equal(json(await aws(['sts', 'get-caller-identity'], made)).Arn, `arn:aws:iam::${ACCOUNT}:user/rotation/erin`);

  // Signed by the new key itself, without --user-name: its own user (as aws-vault rotates).
  const deleted = await aws(['iam', 'delete-access-key', '--access-key-id', KEYS.erin.accessKeyId], made);
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(deleted.stdout, '');
  const gone = await aws(['sts', 'get-caller-identity'], KEYS.erin);
  assert.match(gone.stderr, /\(InvalidClientTokenId\) when calling the GetCallerIdentity operation/);

  for (const id of [KEYS.erin.accessKeyId, 'AKIADEMONOSUCHKEY1']) {
    const again = await aws(['iam', 'delete-access-key', '--user-name', 'erin', '--access-key-id', id]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, new RegExp(`\\(NoSuchEntity\\) when calling the DeleteAccessKey operation: The Access Key with id ${id} cannot be found\\.`));
  }
  assert.deepEqual(json(await aws(['iam', 'list-access-keys', '--user-name', 'erin'])).AccessKeyMetadata.map((k) => k.AccessKeyId), [made.accessKeyId]);
});
