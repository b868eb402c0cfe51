// The low-level UpdateAccessKey API, synchronous after init():
// kf.buildUpdateAccessKey, kf.presignUpdateAccessKey and kf.parseIamResponse.
// Signatures are checked against @smithy/signature-v4 (the AWS SDK's signer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { init, IamError, ValidationError } from 'keyflip';

const kf = await init();
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEBYaDExampleSessionToken/+AbC==';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET };
const DATE = new Date('2015-08-30T12:36:00Z');
const PARAMS = { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const FORM = 'Action=UpdateAccessKey&Version=2010-05-08&UserName=alice&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive';
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

function smithy(credentials, region) {
  return new SignatureV4({ service: 'iam', region, credentials, sha256: Sha256, applyChecksum: false });
}

/** The SDK's signature for the request keyflip built (its headers minus what signing adds). */
async function sdkSignature(built, credentials, region) {
  const url = new URL(built.url);
  const headers = { host: url.host, 'content-type': built.headers['content-type'] };
  const signed = await smithy(credentials, region).sign({
    method: built.method, protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined,
    path: url.pathname, query: {}, headers, body: built.body,
  }, { signingDate: DATE });
  return signed.headers.authorization;
}

function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return assert.fail('did not throw');
}

function issues(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `${error}`);
    for (const issue of error.issues) assert.deepEqual(Object.keys(issue).sort(), ['field', 'message', 'rule']);
    assert.ok(!error.message.includes(SECRET) && !error.message.includes(TOKEN));
    return error.issues.map((i) => [i.field, i.rule]);
  }
  return assert.fail('did not throw');
}

test('buildUpdateAccessKey: the signed POST, exactly as the AWS SDK signs it', async () => {
  const built = kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: DATE });
  assert.deepEqual(Object.keys(built).sort(), ['body', 'canonicalRequest', 'headers', 'method', 'signature', 'stringToSign', 'url']);
  assert.equal(built.method, 'POST');
  assert.equal(built.url, 'https://iam.amazonaws.com/');
  assert.equal(built.body, FORM);
  assert.equal(built.headers['x-amz-date'], '20150830T123600Z');
  assert.equal(built.headers.host, undefined, 'fetch sends Host from the URL');
  assert.ok(built.canonicalRequest.startsWith('POST\n/\n\n'));
  assert.ok(built.stringToSign.startsWith('AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n'));
  assert.match(built.signature, /^[0-9a-f]{64}$/);
  assert.equal(built.headers.authorization, await sdkSignature(built, CREDENTIALS, 'us-east-1'));
  assert.ok(built.headers.authorization.endsWith(`Signature=${built.signature}`));
});

test('buildUpdateAccessKey: a session token is sent and signed', async () => {
  const credentials = { ...CREDENTIALS, sessionToken: TOKEN };
  const built = kf.buildUpdateAccessKey(PARAMS, { credentials, date: DATE });
  assert.equal(built.headers['x-amz-security-token'], TOKEN);
  assert.equal(built.headers.authorization, await sdkSignature(built, credentials, 'us-east-1'));
});

test('buildUpdateAccessKey: a custom endpoint (port, path prefix) is signed for its region', async () => {
  const built = kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: DATE, endpoint: 'http://127.0.0.1:4566/iam', region: 'eu-west-1' });
  assert.equal(built.url, 'http://127.0.0.1:4566/iam/');
  assert.equal(built.headers.authorization, await sdkSignature(built, CREDENTIALS, 'eu-west-1'));
});

test('buildUpdateAccessKey: partitions, fips and dualStack choose the endpoint and signing region', () => {
  const url = (options) => kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: DATE, ...options });
  assert.equal(url({ partition: 'aws' }).url, 'https://iam.amazonaws.com/');
  assert.equal(url({ fips: true }).url, 'https://iam-fips.amazonaws.com/');
  assert.equal(url({ dualStack: true }).url, 'https://iam.global.api.aws/');
  const cn = url({ partition: 'aws-cn' });
  assert.equal(cn.url, 'https://iam.cn-north-1.amazonaws.com.cn/');
  assert.match(cn.headers.authorization, /\/cn-north-1\/iam\/aws4_request/);
  // (every partition x fips x dualStack is compared with the AWS SDK in iam-sdk-parity.test.js)
});

test('buildUpdateAccessKey: UserName is optional; params are form-encoded', () => {
  const built = kf.buildUpdateAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active' }, { credentials: CREDENTIALS, date: DATE });
  assert.equal(built.body, 'Action=UpdateAccessKey&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Active');
  const odd = kf.buildUpdateAccessKey({ ...PARAMS, UserName: 'a+b=c,d.e@f_g-h' }, { credentials: CREDENTIALS, date: DATE });
  assert.ok(odd.body.includes('UserName=a%2Bb%3Dc%2Cd.e%40f_g-h&'), odd.body);
});

test('buildUpdateAccessKey: ValidationError lists every bad param and option at once', () => {
  assert.deepEqual(issues(() => kf.buildUpdateAccessKey({ AccessKeyId: 'AKIA-NOT-VALID!!', Status: 'active', UserName: 'x'.repeat(129), Foo: 1 }, {
    credentials: { accessKeyId: 'AKIDEXAMPLE' }, date: new Date(Number.NaN), partition: 'aws-mars',
  })).sort(), [
    ['AccessKeyId', 'pattern'], ['Foo', 'unknown'], ['Status', 'enum'], ['UserName', 'maxLength'],
    ['credentials.secretAccessKey', 'required'], ['date', 'valid'], ['partition', 'enum'],
  ]);
  assert.deepEqual(issues(() => kf.buildUpdateAccessKey(PARAMS, {}))[0], ['credentials', 'required']);
  assert.deepEqual(issues(() => kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, endpoint: 'https://iam.example.test' })), [['region', 'required']]);
  assert.deepEqual(issues(() => kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: '2015-08-30' })), [['date', 'type']]);
  assert.deepEqual(issues(() => kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, fips: 'yes' })), [['fips', 'type']]);
  assert.throws(() => kf.buildUpdateAccessKey(null, { credentials: CREDENTIALS }), TypeError);
  assert.throws(() => kf.buildUpdateAccessKey(PARAMS, null), TypeError);
  // the instance keeps working
  assert.equal(kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: DATE }).body, FORM);
});

test('validateUpdateAccessKey: nothing for good params, ValidationError for bad', () => {
  assert.equal(kf.validateUpdateAccessKey(PARAMS), undefined);
  assert.deepEqual(issues(() => kf.validateUpdateAccessKey({ Status: 'Inactive' })), [['AccessKeyId', 'required']]);
});

test('presignUpdateAccessKey: a GET URL with the parameters in the query, as the AWS SDK presigns it', async () => {
  const credentials = { ...CREDENTIALS, sessionToken: TOKEN };
  const presigned = kf.presignUpdateAccessKey(PARAMS, { credentials, date: DATE, expiresIn: 300 });
  assert.deepEqual(Object.keys(presigned).sort(), ['canonicalRequest', 'signature', 'stringToSign', 'url']);
  const url = new URL(presigned.url);
  assert.equal(`${url.origin}${url.pathname}`, 'https://iam.amazonaws.com/');
  assert.ok(presigned.canonicalRequest.startsWith('GET\n/\n'));
  const query = Object.fromEntries(url.searchParams);
  assert.equal(query.Action, 'UpdateAccessKey');
  assert.equal(query.Version, '2010-05-08');
  assert.equal(query.UserName, 'alice');
  assert.equal(query.AccessKeyId, 'AKIAIOSFODNN7EXAMPLE');
  assert.equal(query.Status, 'Inactive');
  assert.equal(query['X-Amz-Expires'], '300');
  assert.equal(query['X-Amz-Date'], '20150830T123600Z');
  assert.equal(query['X-Amz-Security-Token'], TOKEN);
  assert.equal(query['X-Amz-Signature'], presigned.signature);
  assert.ok(!presigned.url.includes(SECRET) && !presigned.url.includes(encodeURIComponent(SECRET)));

  const operation = Object.fromEntries(Object.entries(query).filter(([k]) => !k.startsWith('X-Amz-')));
  const sdk = await smithy(credentials, 'us-east-1').presign(
    { method: 'GET', protocol: 'https:', hostname: 'iam.amazonaws.com', path: '/', query: operation, headers: { host: 'iam.amazonaws.com' } },
    { signingDate: DATE, expiresIn: 300 },
  );
  assert.equal(presigned.signature, sdk.query['X-Amz-Signature']);
});

test('presignUpdateAccessKey: expiresIn defaults to 900 (from the core) and must be whole seconds', () => {
  const presign = (expiresIn) => kf.presignUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: DATE, expiresIn });
  assert.equal(kf.limits().iamPresignDefaultSeconds, 900);
  assert.equal(new URL(presign(undefined).url).searchParams.get('X-Amz-Expires'), '900');
  assert.equal(new URL(presign(900).url).searchParams.get('X-Amz-Expires'), '900');
  assert.equal(new URL(presign(1).url).searchParams.get('X-Amz-Expires'), '1');
  for (const bad of [0, -1, 1.5]) assert.deepEqual(issues(() => presign(bad)), [['expiresIn', 'range']], `${bad}`);
  assert.deepEqual(issues(() => presign('60')), [['expiresIn', 'type']]);
  assert.deepEqual(issues(() => kf.presignUpdateAccessKey({ Status: 'Active' }, { credentials: CREDENTIALS })), [['AccessKeyId', 'required']]);
});

// The core's 1..900 check (presign_request in operation.h; the JS side only
// checks that expiresIn is a number): outside S3 a query-signed request is
// accepted for about 15 minutes whatever X-Amz-Expires says, so a longer
// lifetime is refused, with the core's reason.
test('presignUpdateAccessKey: expiresIn above 900 is a ValidationError on expiresIn', () => {
  const presign = (expiresIn) => kf.presignUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: DATE, expiresIn });
  for (const bad of [901, 3600, 604800]) {
    const error = thrown(() => presign(bad));
    assert.deepEqual(error.issues.map((i) => [i.field, i.rule]), [['expiresIn', 'range']], `${bad}`);
    assert.match(error.message, /^expiresIn: must be 1 to 900 seconds: outside S3, AWS accepts a query-signed request for about 15 minutes/);
  }
});

test('presignRequest (generic, S3): expiresIn keeps 1..604800, default 3600 from the core', () => {
  const presign = (expiresIn) => kf.presignRequest({ url: 'https://examplebucket.s3.amazonaws.com/test.txt' },
    { credentials: CREDENTIALS, region: 'us-east-1', service: 's3', date: DATE, expiresIn });
  assert.equal(kf.limits().presignDefaultSeconds, 3600);
  assert.equal(new URL(presign(undefined).url).searchParams.get('X-Amz-Expires'), '3600');
  assert.equal(new URL(presign(604800).url).searchParams.get('X-Amz-Expires'), '604800');
  for (const bad of [0, 604801]) assert.deepEqual(issues(() => presign(bad)), [['expiresIn', 'range']], `${bad}`);
});

test('parseIamResponse: a success document gives { requestId }', () => {
  const body = `<UpdateAccessKeyResponse xmlns="${XMLNS}">\n  <ResponseMetadata>\n    <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>\n  </ResponseMetadata>\n</UpdateAccessKeyResponse>\n`;
  assert.deepEqual(kf.parseIamResponse(200, body), { requestId: '7a62c49f-347e-4fc4-9331-6e8eEXAMPLE' });
});

test('parseIamResponse: an IAM error document throws IamError', () => {
  const body = `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.</Message></Error><RequestId>r-404</RequestId></ErrorResponse>`;
  const error = thrown(() => kf.parseIamResponse(404, body));
  assert.ok(error instanceof IamError && error instanceof Error);
  assert.equal(error.name, 'NoSuchEntity');
  assert.equal(error.code, 'NoSuchEntity');
  assert.equal(error.type, 'Sender');
  assert.equal(error.message, 'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.');
  assert.equal(error.requestId, 'r-404');
  assert.equal(error.statusCode, 404);
  assert.equal(error.retryable, false);
  assert.equal(error.attempts, undefined);
});

test('parseIamResponse: throttling, 5xx and non-XML answers', () => {
  const parse = (status, body) => {
    const error = thrown(() => kf.parseIamResponse(status, body));
    assert.ok(error instanceof IamError, `${error}`);
    return error;
  };
  const throttled = parse(400, `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>`);
  assert.equal(throttled.retryable, true);
  const html = parse(503, '<html>Service Unavailable</html>');
  assert.equal(html.code, 'UnknownError');
  assert.equal(html.retryable, true);
  assert.match(html.message, /Service Unavailable/);
  assert.equal(parse(200, '').code, 'UnknownError');
  assert.equal(parse(200, '<UpdateAccessKeyResponse').code, 'UnknownError');
  assert.equal(parse(500, `<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`).code, 'UnknownError');
});

test('parseIamResponse: a bad status or body is a TypeError', () => {
  for (const status of [99, 600, 200.5, '200', Number.NaN]) assert.throws(() => kf.parseIamResponse(status, ''), TypeError, `${status}`);
  for (const body of [undefined, null, 42, new Uint8Array(2)]) assert.throws(() => kf.parseIamResponse(200, body), TypeError);
});
