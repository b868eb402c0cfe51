// The read calls against the local endpoint: listUsers and listAccessKeys
// (one page, and page by page with MaxItems 1 through the paginators),
// getAccessKeyLastUsed (the owner of a key from its ID alone, never-used
// keys, the signing key's own last use), getUser, IAM's errors for them,
// retries, and the AWS SDK's own credential providers (fromEnv, fromIni with
// temporary shared-credentials and config files) as `credentials`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromEnv, fromIni } from '@aws-sdk/credential-providers';
import { PaginationLimitError } from 'keyflip';
import { KEYS, REQUEST_ID, rejectsWithIam, useEndpoint } from './harness.js';

const e2e = useEndpoint();
const demo = JSON.parse(readFileSync(new URL('../../scripts/local-iam/demo-data.json', import.meta.url), 'utf8'));
const ACCOUNT = demo.accountId;

test('listUsers: every user of the demo account, with the model\'s members and Dates', async () => {
  const client = e2e.client();
  const result = await client.listUsers();
  assert.equal(result.IsTruncated, false);
  assert.ok(!('Marker' in result));
  assert.equal(result.attempts, 1);
  assert.equal(result.statusCode, 200);
  assert.equal(result.requestId, client.last().requestId);
  assert.match(result.requestId, REQUEST_ID);
  assert.deepEqual(result.Users.map((u) => u.UserName), demo.users.map((u) => u.userName));
  for (const [i, user] of result.Users.entries()) {
    const path = demo.users[i].path ?? '/';
    assert.equal(user.Path, path);
    assert.equal(user.Arn, `arn:aws:iam::${ACCOUNT}:user${path}${user.UserName}`);
    assert.equal(typeof user.UserId, 'string');
    assert.ok(user.CreateDate instanceof Date);
    assert.equal(user.CreateDate.getTime(), Date.parse(demo.users[i].createDate));
  }
  const admins = await client.listUsers({ PathPrefix: '/admins/' });
  assert.deepEqual(admins.Users.map((u) => u.UserName), ['grace', 'heidi', 'ivan']);
});

test('paginateListUsers with MaxItems 1: one user per page across every page, following IAM\'s opaque Marker', async () => {
  const client = e2e.client();
  const pages = [];
  for await (const page of client.paginateListUsers({ MaxItems: 1 })) pages.push(page);
  assert.equal(pages.length, demo.users.length);
  assert.deepEqual(pages.flatMap((p) => p.Users.map((u) => u.UserName)), demo.users.map((u) => u.userName));
  assert.ok(pages.slice(0, -1).every((p) => p.IsTruncated === true && typeof p.Marker === 'string'));
  assert.equal(pages.at(-1).IsTruncated, false);
  assert.equal(new Set(pages.map((p) => p.requestId)).size, pages.length, 'one IAM request per page');
  assert.equal((await e2e.state()).requests.byAction.ListUsers, demo.users.length);

  // ListAccessKeys of another user (an admin's view), page by page.
  const keys = [];
  for await (const page of client.paginateListAccessKeys({ UserName: 'ci-deploy', MaxItems: 1 })) keys.push(...page.AccessKeyMetadata);
  assert.deepEqual(keys.map((k) => [k.UserName, k.AccessKeyId, k.Status]),
    demo.users.find((u) => u.userName === 'ci-deploy').accessKeys.map((k) => ['ci-deploy', k.accessKeyId, k.status]));
  assert.ok(keys.every((k) => k.CreateDate instanceof Date));
});

test('a paginator\'s bounds against real paging: maxPages and maxItems end with a PaginationLimitError, nothing past them is requested', async () => {
  const client = e2e.client();
  const pages = [];
  const error = await (async () => {
    for await (const page of client.paginateListUsers({ MaxItems: 1 }, { maxPages: 3 })) pages.push(page);
  })().catch((e) => e);
  assert.ok(error instanceof PaginationLimitError, `${error}`);
  assert.deepEqual([error.limit, error.value, error.pages, error.items], ['maxPages', 3, 3, 3]);
  assert.deepEqual(pages.flatMap((p) => p.Users.map((u) => u.UserName)), demo.users.slice(0, 3).map((u) => u.userName));
  assert.equal((await e2e.state()).requests.byAction.ListUsers, 3);

  const byItems = [];
  const itemsError = await (async () => {
    for await (const page of client.paginateListUsers({ MaxItems: 4 }, { maxItems: 6 })) byItems.push(page);
  })().catch((e) => e);
  assert.equal(itemsError?.limit, 'maxItems');
  assert.deepEqual([itemsError.pages, itemsError.items], [2, 8]);
  assert.equal(byItems.length, 1, 'the page that passed maxItems is not given');
  // Raised above the list's length, the whole list comes.
  const all = [];
  for await (const page of client.paginateListUsers({ MaxItems: 1 }, { maxPages: demo.users.length })) all.push(...page.Users);
  assert.equal(all.length, demo.users.length);
});

test('listAccessKeys: the signer\'s own keys without UserName, an empty list for a user without keys', async () => {
  const client = e2e.client({ credentials: KEYS.bob });
  const own = await client.listAccessKeys();
  assert.deepEqual(own.AccessKeyMetadata.map((k) => k.AccessKeyId), [KEYS.bob.accessKeyId]);
  const none = await client.listAccessKeys({ UserName: 'oscar' });
  assert.deepEqual(none.AccessKeyMetadata ?? [], []);
  assert.equal(none.IsTruncated, false);
  // A flip shows in the next listing (read by alice: bob's only key is now off).
  await client.updateAccessKey({ AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' });
  assert.equal((await e2e.client({ credentials: KEYS.alice1 }).listAccessKeys({ UserName: 'bob' })).AccessKeyMetadata[0].Status, 'Inactive');
});

test('getAccessKeyLastUsed finds a key\'s owner from its ID alone; never used keys have no date and N/A', async () => {
  const client = e2e.client({ credentials: KEYS.alice1 });
  const heidi = demo.users.find((u) => u.userName === 'heidi').accessKeys[1];
  const never = await client.getAccessKeyLastUsed({ AccessKeyId: heidi.accessKeyId });
  assert.equal(never.UserName, 'heidi');
  assert.deepEqual(never.AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' });

  const judy = demo.users.find((u) => u.userName === 'judy').accessKeys[0];
  const old = await client.getAccessKeyLastUsed({ AccessKeyId: judy.accessKeyId });
  assert.equal(old.UserName, 'judy');
  assert.deepEqual(old.AccessKeyLastUsed, { LastUsedDate: new Date(judy.lastUsed.date), ServiceName: judy.lastUsed.service, Region: judy.lastUsed.region });

  // The signing key's own last use is this very request.
  const before = Date.now();
  const self = await client.getAccessKeyLastUsed({ AccessKeyId: KEYS.alice1.accessKeyId });
  assert.equal(self.UserName, 'alice');
  assert.equal(self.AccessKeyLastUsed.ServiceName, 'iam');
  assert.equal(self.AccessKeyLastUsed.Region, 'us-east-1');
  assert.ok(Math.abs(self.AccessKeyLastUsed.LastUsedDate.getTime() - before) < 5_000, `${self.AccessKeyLastUsed.LastUsedDate.toISOString()}`);

  await rejectsWithIam(client.getAccessKeyLastUsed({ AccessKeyId: 'AKIANOSUCHKEY0000001' }), { code: 'NoSuchEntity', attempts: 1 });
});

test('getUser: the signing user, or the one named; temporary credentials must name one', async () => {
  const client = e2e.client({ credentials: KEYS.alice1 });
  const me = await client.getUser();
  assert.equal(me.User.UserName, 'alice');
  assert.equal(me.User.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
  assert.ok(me.User.CreateDate instanceof Date);
  const grace = await client.getUser({ UserName: 'grace' });
  assert.equal(grace.User.Path, '/admins/');
  await rejectsWithIam(client.getUser({ UserName: 'nobody' }), { code: 'NoSuchEntity', statusCode: 404 });
  const session = e2e.client({ credentials: KEYS.session });
  await rejectsWithIam(session.getUser(), { code: 'ValidationError', message: /Must specify userName/ });
  assert.equal((await session.getUser({ UserName: 'bob' })).User.UserName, 'bob');
});

test('IAM\'s errors and retries for the read calls: a bad Marker, a 503 retried, bad params never sent', async () => {
  const client = e2e.client();
  await rejectsWithIam(client.listUsers({ Marker: 'not-a-marker-of-this-listing' }), { code: 'ValidationError', message: 'Invalid Marker.' });
  await e2e.control({ failNext: { count: 1, with: 503 } });
  const retried = await client.listAccessKeys({ UserName: 'alice' });
  assert.equal(retried.attempts, 2);
  assert.equal(retried.AccessKeyMetadata.length, 2);
  const sent = (await e2e.state()).requests.total;
  await assert.rejects(client.listUsers({ MaxItems: 0 }), { name: 'ValidationError' });
  assert.equal((await e2e.state()).requests.total, sent, 'nothing was sent');
});

test('presignIamRequest: a GET URL for a read call that the endpoint answers', async () => {
  const presigned = e2e.kf.presignIamRequest('GetUser', { UserName: 'bob' }, { credentials: KEYS.alice1, endpoint: e2e.url, region: 'us-east-1', expiresIn: 60 });
  const response = await fetch(presigned.url);
  const text = await response.text();
  assert.equal(response.status, 200, text);
  assert.equal(e2e.kf.parseIamResponse(response.status, text, 'GetUser').User.UserName, 'bob');
});

/** Runs fn with process.env changed (restored afterwards). */
async function withEnv(vars, fn) {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('the AWS SDK\'s credential providers work as credentials: fromEnv', async () => {
  await withEnv({ AWS_ACCESS_KEY_ID: KEYS.bob.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.bob.secretAccessKey }, async () => {
    const client = e2e.client({ credentials: fromEnv() });
    assert.equal((await client.getUser()).User.UserName, 'bob');
    assert.equal((await client.getAccessKeyLastUsed({ AccessKeyId: KEYS.bob.accessKeyId })).AccessKeyLastUsed.ServiceName, 'iam');
  });
  // Temporary credentials from the environment carry their session token.
  await withEnv({ AWS_ACCESS_KEY_ID: KEYS.session.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.session.secretAccessKey, AWS_SESSION_TOKEN: KEYS.session.sessionToken }, async () => {
    const client = e2e.client({ credentials: fromEnv() });
    assert.deepEqual((await client.listAccessKeys({ UserName: 'bob' })).AccessKeyMetadata.map((k) => k.AccessKeyId), [KEYS.bob.accessKeyId]);
  });
});

test('the AWS SDK\'s credential providers work as credentials: fromIni with temporary shared files, never the user\'s', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyflip-e2e-ini-'));
  try {
    const credentialsFile = join(dir, 'credentials');
    const configFile = join(dir, 'config');
    writeFileSync(credentialsFile, [
      '[keyflip-e2e-alice]', `aws_access_key_id = ${KEYS.alice1.accessKeyId}`, `aws_secret_access_key = ${KEYS.alice1.secretAccessKey}`, '',
      '[keyflip-e2e-session]', `aws_access_key_id = ${KEYS.session.accessKeyId}`, `aws_secret_access_key = ${KEYS.session.secretAccessKey}`, `aws_session_token = ${KEYS.session.sessionToken}`, '',
    ].join('\n'), { mode: 0o600 });
    writeFileSync(configFile, '[profile keyflip-e2e-alice]\nregion = us-east-1\n', { mode: 0o600 });
    await withEnv({ AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile }, async () => {
      const alice = e2e.client({ credentials: fromIni({ profile: 'keyflip-e2e-alice', ignoreCache: true }) });
      assert.equal((await alice.getUser()).User.UserName, 'alice');
      const pages = [];
      for await (const page of alice.paginateListUsers({ MaxItems: 5 })) pages.push(page);
      assert.equal(pages.flatMap((p) => p.Users).length, demo.users.length);
      const off = await alice.updateAccessKey({ AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' });
      assert.equal(off.statusCode, 200);
      assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Inactive');

      const session = e2e.client({ credentials: fromIni({ profile: 'keyflip-e2e-session', ignoreCache: true }) });
      assert.equal((await session.getUser({ UserName: 'alice' })).User.UserName, 'alice');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
