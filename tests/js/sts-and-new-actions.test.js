// STS as the second service of the one Query core, and the IAM actions the
// rotation, the credential report and the leak response need: where each
// call goes and what it is signed for (IAM's partition endpoint, STS's
// regional one), the refused endpoint combinations before any fetch, the
// results in the AWS SDK v3's shapes (a blob as a Uint8Array), and the
// low-level builders of each service refusing the other's actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, init, ValidationError } from 'keyflip';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const ok = (ns, action, result) =>
  `<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`;
const metadataOnly = (action) =>
  `<${action}Response xmlns="${IAM_NS}"><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`;

const ANSWERS = {
  GetCallerIdentity: ok(STS_NS, 'GetCallerIdentity', '<Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAALICE0000000001</UserId><Account>123456789012</Account>'),
  GetAccessKeyInfo: ok(STS_NS, 'GetAccessKeyInfo', '<Account>111122223333</Account>'),
  GetSessionToken: ok(STS_NS, 'GetSessionToken', '<Credentials><AccessKeyId>ASIAEXAMPLE000000001</AccessKeyId><SecretAccessKey>session-secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2026-12-08T16:00:00Z</Expiration></Credentials>'),
  CreateAccessKey: ok(IAM_NS, 'CreateAccessKey', '<AccessKey><UserName>alice</UserName><AccessKeyId>AKIANEWKEY0000000001</AccessKeyId><Status>Active</Status><SecretAccessKey>new-secret-0000000000000000000000000000</SecretAccessKey><CreateDate>2026-12-08T04:00:00Z</CreateDate></AccessKey>'),
  DeleteAccessKey: metadataOnly('DeleteAccessKey'),
  GenerateCredentialReport: ok(IAM_NS, 'GenerateCredentialReport', '<State>STARTED</State><Description>No report exists. Starting a new report generation task</Description>'),
  // "user,arn\n" in base64
  GetCredentialReport: ok(IAM_NS, 'GetCredentialReport', '<Content>dXNlcixhcm4K</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-12-08T03:00:00Z</GeneratedTime>'),
  PutUserPolicy: metadataOnly('PutUserPolicy'),
  GetUserPolicy: ok(IAM_NS, 'GetUserPolicy', '<UserName>alice</UserName><PolicyName>deny</PolicyName><PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</PolicyDocument>'),
  ListUserPolicies: ok(IAM_NS, 'ListUserPolicies', '<PolicyNames><member>deny</member></PolicyNames><IsTruncated>false</IsTruncated>'),
  DeleteUserPolicy: metadataOnly('DeleteUserPolicy'),
  ListAttachedUserPolicies: ok(IAM_NS, 'ListAttachedUserPolicies', '<AttachedPolicies><member><PolicyName>AWSCompromisedKeyQuarantineV2</PolicyName><PolicyArn>arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>'),
};

/** An injected fetch answering every action; records where each request went and how it was signed. */
function recordingFetch() {
  const sent = [];
  const fetch = async (url, init) => {
    const query = Object.fromEntries(new URLSearchParams(init.body));
    const auth = Object.entries(init.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
    sent.push({ url, action: query.Action, version: query.Version, scope: /Credential=[^/]+\/\d+\/([^,]+)\/aws4_request/.exec(auth)?.[1], query });
    return new Response(ANSWERS[query.Action], { status: 200 });
  };
  return { fetch, sent };
}

test('STS calls go to STS\'s regional endpoint, signed for sts; IAM calls stay on IAM\'s', async () => {
  const { fetch, sent } = recordingFetch();
  const client = createClient({ credentials: CREDENTIALS, fetch });
  await client.getCallerIdentity();
  await client.listUserPolicies({ UserName: 'alice' });
  assert.deepEqual(sent.map(({ url, scope, version }) => [url, scope, version]), [
    ['https://sts.us-east-1.amazonaws.com/', 'us-east-1/sts', '2011-06-15'],
    ['https://iam.amazonaws.com/', 'us-east-1/iam', '2010-05-08'],
  ]);
  const regional = recordingFetch();
  await createClient({ credentials: CREDENTIALS, fetch: regional.fetch, region: 'eu-west-1' }).getCallerIdentity();
  await createClient({ credentials: CREDENTIALS, fetch: regional.fetch, region: 'eu-west-1', fips: true, dualStack: true }).getCallerIdentity();
  await createClient({ credentials: CREDENTIALS, fetch: regional.fetch, partition: 'aws-cn', region: 'cn-north-1' }).getCallerIdentity();
  await createClient({ credentials: CREDENTIALS, fetch: regional.fetch, partition: 'aws-us-gov', region: 'us-gov-west-1', fips: true }).getCallerIdentity();
  assert.deepEqual(regional.sent.map(({ url, scope }) => [url, scope]), [
    ['https://sts.eu-west-1.amazonaws.com/', 'eu-west-1/sts'],
    ['https://sts-fips.eu-west-1.api.aws/', 'eu-west-1/sts'],
    ['https://sts.cn-north-1.amazonaws.com.cn/', 'cn-north-1/sts'],
    // AWS's rules send FIPS in GovCloud to the standard host.
    ['https://sts.us-gov-west-1.amazonaws.com/', 'us-gov-west-1/sts'],
  ]);
});

test('a custom endpoint takes both services on one address, told apart by the credential scope', async () => {
  const { fetch, sent } = recordingFetch();
  const client = createClient({ credentials: CREDENTIALS, fetch, endpoint: 'http://127.0.0.1:9090', region: 'us-east-1' });
  await client.getAccessKeyInfo({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
  await client.deleteAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
  assert.deepEqual(sent.map(({ url, scope }) => [url, scope]), [
    ['http://127.0.0.1:9090/', 'us-east-1/sts'],
    ['http://127.0.0.1:9090/', 'us-east-1/iam'],
  ]);
});

test('STS endpoint combinations AWS has no endpoint for are ValidationErrors naming the field, before any fetch', async () => {
  const cases = [
    [{ partition: 'aws-iso', region: 'us-iso-east-1', dualStack: true }, 'dualStack', 'unsupported'],
    [{ partition: 'aws-iso-b', region: 'us-isob-east-1', fips: true, dualStack: true }, 'dualStack', 'unsupported'],
    [{ region: 'cn-north-1' }, 'region', 'partition'],             // a region of another partition
    [{ partition: 'aws-cn' }, 'region', 'required'],               // regional: no default outside aws
    [{ region: 'us_east_1' }, 'region', 'pattern'],                // not a host label
    [{ region: 'aws-global' }, 'region', 'pattern'],               // a pseudo-region
    [{ partition: 'aws-eusc', region: 'eusc-de-east-1' }, 'partition', 'unsupported'], // not in Debian botocore's STS rules
  ];
  for (const [config, field, rule] of cases) {
    const { fetch, sent } = recordingFetch();
    const client = createClient({ credentials: CREDENTIALS, fetch, ...config });
    await assert.rejects(client.getCallerIdentity(), (error) => {
      assert.ok(error instanceof ValidationError, JSON.stringify(config));
      assert.ok(error.issues.some((i) => i.field === field && i.rule === rule), `${JSON.stringify(config)}: ${error.message}`);
      return true;
    });
    assert.equal(sent.length, 0, 'nothing was sent');
  }
  // The same IAM call in those partitions still works: IAM is global.
  const { fetch, sent } = recordingFetch();
  await createClient({ credentials: CREDENTIALS, fetch, partition: 'aws-iso', dualStack: false }).listUserPolicies({ UserName: 'a' });
  assert.equal(sent[0].url, 'https://iam.us-iso-east-1.c2s.ic.gov/');
});

test('the new actions return the AWS SDK v3 shapes plus requestId, attempts and statusCode', async () => {
  const { fetch, sent } = recordingFetch();
  const client = createClient({ credentials: CREDENTIALS, fetch });
  const identity = await client.getCallerIdentity();
  assert.deepEqual(identity, { Arn: 'arn:aws:iam::123456789012:user/alice', UserId: 'AIDAALICE0000000001', Account: '123456789012', requestId: 'req-GetCallerIdentity', attempts: 1, statusCode: 200 });
  assert.equal((await client.getAccessKeyInfo({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })).Account, '111122223333');
  const created = await client.createAccessKey({ UserName: 'alice' });
  assert.equal(created.AccessKey.Status, 'Active');
  assert.ok(created.AccessKey.CreateDate instanceof Date);
  assert.equal(created.AccessKey.SecretAccessKey, 'new-secret-0000000000000000000000000000');
  assert.deepEqual(await client.deleteAccessKey({ UserName: 'alice', AccessKeyId: 'AKIANEWKEY0000000001' }), { requestId: 'req-DeleteAccessKey', attempts: 1, statusCode: 200 });
  assert.equal((await client.generateCredentialReport()).State, 'STARTED');
  const report = await client.getCredentialReport();
  assert.ok(report.Content instanceof Uint8Array, 'Content is bytes, as the SDK v3 gives a blob');
  assert.equal(new TextDecoder().decode(report.Content), 'user,arn\n');
  assert.equal(report.GeneratedTime.toISOString(), '2026-12-08T03:00:00.000Z');
  const session = await client.getSessionToken({ DurationSeconds: 900 });
  assert.ok(session.Credentials.Expiration instanceof Date);
  assert.deepEqual((await client.listUserPolicies({ UserName: 'alice' })).PolicyNames, ['deny']);
  assert.equal((await client.getUserPolicy({ UserName: 'alice', PolicyName: 'deny' })).PolicyDocument, '%7B%22Version%22%3A%222012-10-17%22%7D');
  const attached = await client.listAttachedUserPolicies({ UserName: 'alice', PathPrefix: '/' });
  assert.equal(attached.AttachedPolicies[0].PolicyArn, 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2');
  await client.putUserPolicy({ UserName: 'alice', PolicyName: 'deny', PolicyDocument: '{"Version":"2012-10-17"}' });
  await client.deleteUserPolicy({ UserName: 'alice', PolicyName: 'deny' });
  assert.deepEqual(sent.find((s) => s.action === 'PutUserPolicy').query,
    { Action: 'PutUserPolicy', Version: '2010-05-08', UserName: 'alice', PolicyName: 'deny', PolicyDocument: '{"Version":"2012-10-17"}' });
});

test('the new actions validate by the model before any fetch (patterns with groups, ranges, required)', async () => {
  const { fetch, sent } = recordingFetch();
  const client = createClient({ credentials: CREDENTIALS, fetch });
  const fields = async (promise) => {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof ValidationError, error.message);
      return error.issues.map((i) => `${i.field}:${i.rule}`);
    }
    return [];
  };
  assert.deepEqual(await fields(client.listAttachedUserPolicies({ UserName: 'alice', PathPrefix: 'a/' })), ['PathPrefix:pattern']);
  assert.deepEqual(await fields(client.listAttachedUserPolicies({ UserName: 'alice', PathPrefix: '/a/b/' })), []);
  assert.deepEqual(await fields(client.getSessionToken({ DurationSeconds: 899 })), ['DurationSeconds:min']);
  assert.deepEqual(await fields(client.getAccessKeyInfo({})), ['AccessKeyId:required']);
  assert.deepEqual(await fields(client.putUserPolicy({ UserName: 'alice', PolicyName: 'bad name', PolicyDocument: '{}' })), ['PolicyName:pattern']);
  assert.equal(sent.filter((s) => s.action !== 'ListAttachedUserPolicies').length, 0);
});

test('each service\'s low-level builders take its own actions and name the other service\'s', async () => {
  const kf = await init();
  const options = { credentials: CREDENTIALS, date: new Date('2026-12-08T04:00:00Z') };
  const sts = kf.buildStsRequest('GetCallerIdentity', undefined, options);
  assert.equal(sts.url, 'https://sts.us-east-1.amazonaws.com/');
  assert.equal(sts.body, 'Action=GetCallerIdentity&Version=2011-06-15');
  assert.match(sts.headers.authorization, /\/20261208\/us-east-1\/sts\/aws4_request/);
  assert.match(kf.presignStsRequest('GetCallerIdentity', undefined, { ...options, region: 'eu-west-1', expiresIn: 60 }).url,
    /^https:\/\/sts\.eu-west-1\.amazonaws\.com\/\?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=/);
  const refused = (fn) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof ValidationError);
      return error.issues.find((i) => i.field === 'action')?.message;
    }
    return undefined;
  };
  assert.match(refused(() => kf.buildIamRequest('GetCallerIdentity', undefined, options)), /is an STS action, not IAM's/);
  assert.match(refused(() => kf.buildStsRequest('ListUsers', undefined, options)), /is an IAM action, not STS's/);
  assert.match(refused(() => kf.buildStsRequest('AssumeRole', undefined, options)), /not an STS action keyflip performs \(known: GetCallerIdentity, GetAccessKeyInfo, GetSessionToken\)/);
  assert.deepEqual(kf.parseStsResponse(200, ANSWERS.GetAccessKeyInfo, 'GetAccessKeyInfo'), { Account: '111122223333', requestId: 'req-GetAccessKeyInfo' });
  assert.ok(kf.stsEndpoints().some((e) => e.partition === 'aws' && !e.fips && !e.dualStack && e.url === 'https://sts.{region}.amazonaws.com'));
  assert.ok(!kf.stsEndpoints().some((e) => e.partition === 'aws-iso' && e.dualStack), 'refused combinations are not listed');
});

test('a failure without an answer names the service that was asked', async () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
  const client = createClient({ credentials: CREDENTIALS, maxAttempts: 1, fetch: async () => { throw refused; } });
  await assert.rejects(client.getCallerIdentity(), /the request to STS failed before an answer arrived: connection refused/);
  await assert.rejects(client.listUsers(), /the request to IAM failed before an answer arrived: connection refused/);
  const silent = createClient({ credentials: CREDENTIALS, maxAttempts: 1, timeoutMs: 20, fetch: () => new Promise(() => {}) });
  await assert.rejects(silent.getAccessKeyInfo({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }), /^TimeoutError: STS did not answer within 20 ms$/);
});
