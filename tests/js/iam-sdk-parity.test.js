// keyflip's UpdateAccessKey against the official AWS SDK for JavaScript v3
// (@aws-sdk/client-iam): the same endpoint and signing region for every
// partition x fips x dualStack, the same parameters, and keyflip's signer
// reproduces the SDK's signature on the SDK's own request. The SDK's request
// is captured by a request handler that never sends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'keyflip';

// The SDK warns about Node 20 once per process; the warning is not ours.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { IAMClient, UpdateAccessKeyCommand } = await import('@aws-sdk/client-iam');

const kf = await init();
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEXAMPLE/+token==' };
const PARAMS = { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };

// Each partition with the region IAM's global endpoint signs for.
const PARTITIONS = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-iso': 'us-iso-east-1',
  'aws-iso-b': 'us-isob-east-1',
  'aws-iso-e': 'eu-isoe-west-1',
  'aws-iso-f': 'us-isof-south-1',
  'aws-eusc': 'eusc-de-east-1',
};

async function sdkRequest(region, { fips = false, dualStack = false } = {}) {
  let captured;
  const client = new IAMClient({
    region, credentials: CREDENTIALS, useFipsEndpoint: fips, useDualstackEndpoint: dualStack, maxAttempts: 1,
    requestHandler: {
      handle: async (request) => {
        captured = request;
        throw new Error('captured, not sent');
      },
    },
  });
  await client.send(new UpdateAccessKeyCommand(PARAMS)).catch(() => {});
  assert.ok(captured, 'the SDK built a request');
  return captured;
}

const scopeRegion = (authorization) => authorization.match(/Credential=[^/]+\/\d{8}\/([^/]+)\/iam\/aws4_request/)[1];
const sortedForm = (body) => [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : 1));

test('the same endpoint and signing region as the AWS SDK, for every partition, fips and dualStack', async () => {
  for (const [partition, region] of Object.entries(PARTITIONS)) {
    for (const fips of [false, true]) {
      for (const dualStack of [false, true]) {
        const what = `${partition} fips=${fips} dualStack=${dualStack}`;
        const sdk = await sdkRequest(region, { fips, dualStack });
        const built = kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, partition, fips, dualStack });
        assert.equal(built.url, `${sdk.protocol}//${sdk.hostname}${sdk.port ? `:${sdk.port}` : ''}${sdk.path}`, what);
        assert.equal(scopeRegion(built.headers.authorization), scopeRegion(sdk.headers.authorization), what);
      }
    }
  }
});

test('the same form parameters and method as the AWS SDK', async () => {
  const sdk = await sdkRequest('us-east-1');
  const built = kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS });
  assert.equal(built.method, sdk.method);
  assert.deepEqual(sortedForm(built.body), sortedForm(sdk.body));
  assert.equal(built.headers['x-amz-security-token'], sdk.headers['x-amz-security-token']);
});

test('kf.signRequest reproduces the SDK\'s signature on the SDK\'s request', async () => {
  const sdk = await sdkRequest('us-east-1');
  const { authorization, ...headers } = sdk.headers;
  const xAmzDate = headers['x-amz-date'];
  const date = new Date(`${xAmzDate.slice(0, 4)}-${xAmzDate.slice(4, 6)}-${xAmzDate.slice(6, 8)}T${xAmzDate.slice(9, 11)}:${xAmzDate.slice(11, 13)}:${xAmzDate.slice(13, 15)}Z`);
  const signed = kf.signRequest(
    { method: sdk.method, url: `https://${sdk.hostname}${sdk.path}`, headers, body: sdk.body },
    { credentials: CREDENTIALS, region: 'us-east-1', service: 'iam', date },
  );
  assert.equal(signed.headers.authorization, authorization);
});
