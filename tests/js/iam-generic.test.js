// The low-level generic IAM calls, synchronous after init():
// kf.validateIamParams, kf.buildIamRequest, kf.presignIamRequest and
// kf.parseIamResponse(status, body, action), for every action of the model;
// the parsed outputs compared with what the AWS SDK for JavaScript v3
// (@aws-sdk/client-iam) makes of the same answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { init, IamError, ValidationError } from 'keyflip';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const sdkIam = await import('@aws-sdk/client-iam');

const kf = await init();
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const DATE = new Date('2015-08-30T12:36:00Z');
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const ACTIONS = ['UpdateAccessKey', 'ListUsers', 'ListAccessKeys', 'GetAccessKeyLastUsed', 'GetUser'];
const META = '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>';
const ok = (action, result) => `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result>${META}</${action}Response>`;

const thrown = (fn) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return assert.fail('did not throw');
};
const issues = (fn) => {
  const error = thrown(fn);
  assert.ok(error instanceof ValidationError, `${error?.name}: ${error?.message}`);
  return error.issues.map((i) => [i.field, i.rule]);
};

test('buildIamRequest: the Query form body of each action, signed as a POST', () => {
  const cases = [
    ['ListUsers', undefined, 'Action=ListUsers&Version=2010-05-08'],
    ['ListUsers', { PathPrefix: '/ops/', MaxItems: 10, Marker: 'a b+c' }, 'Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fops%2F&Marker=a+b%2Bc&MaxItems=10'],
    ['ListAccessKeys', { UserName: 'alice' }, 'Action=ListAccessKeys&Version=2010-05-08&UserName=alice'],
    ['GetAccessKeyLastUsed', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, 'Action=GetAccessKeyLastUsed&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE'],
    ['GetUser', {}, 'Action=GetUser&Version=2010-05-08'],
    ['UpdateAccessKey', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active' }, 'Action=UpdateAccessKey&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Active'],
  ];
  for (const [action, params, body] of cases) {
    const built = kf.buildIamRequest(action, params, { credentials: CREDENTIALS, date: DATE });
    assert.equal(built.method, 'POST');
    assert.equal(built.url, 'https://iam.amazonaws.com/');
    assert.equal(built.body, body, action);
    assert.match(built.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/iam\/aws4_request/);
  }
  // The UpdateAccessKey names are the same call.
  const params = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
  assert.equal(kf.buildIamRequest('UpdateAccessKey', params, { credentials: CREDENTIALS, date: DATE }).signature,
    kf.buildUpdateAccessKey(params, { credentials: CREDENTIALS, date: DATE }).signature);
});

test('buildIamRequest signs what the AWS SDK v3 sends for the same read call', async () => {
  const sdkRequest = async (Command, params) => {
    let captured;
    const client = new sdkIam.IAMClient({
      region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1,
      requestHandler: { handle: async (request) => { captured = request; throw new Error('captured, not sent'); } },
    });
    await client.send(new Command(params)).catch(() => {});
    return captured;
  };
  const sorted = (body) => [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [action, params] of [['ListUsers', { PathPrefix: '/', MaxItems: 5, Marker: 'm/1=' }], ['ListAccessKeys', { UserName: 'alice', MaxItems: 1 }], ['GetAccessKeyLastUsed', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }], ['GetUser', { UserName: 'bob' }]]) {
    const sdk = await sdkRequest(sdkIam[`${action}Command`], params);
    const built = kf.buildIamRequest(action, params, { credentials: CREDENTIALS });
    assert.deepEqual(sorted(built.body), sorted(sdk.body), action);
    assert.equal(built.url, `https://${sdk.hostname}${sdk.path}`);
  }
});

test('presignIamRequest: a GET with the action in the query, 1..900 s (default 900) as for UpdateAccessKey', () => {
  const presigned = kf.presignIamRequest('GetAccessKeyLastUsed', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, { credentials: CREDENTIALS, date: DATE, expiresIn: 60 });
  const url = new URL(presigned.url);
  assert.equal(url.searchParams.get('Action'), 'GetAccessKeyLastUsed');
  assert.equal(url.searchParams.get('AccessKeyId'), 'AKIAIOSFODNN7EXAMPLE');
  assert.equal(url.searchParams.get('X-Amz-Expires'), '60');
  assert.ok(!presigned.url.includes(CREDENTIALS.secretAccessKey) && !presigned.url.includes(encodeURIComponent(CREDENTIALS.secretAccessKey)));
  assert.equal(new URL(kf.presignIamRequest('ListUsers', undefined, { credentials: CREDENTIALS, date: DATE }).url).searchParams.get('X-Amz-Expires'), '900');
  assert.deepEqual(issues(() => kf.presignIamRequest('ListUsers', {}, { credentials: CREDENTIALS, expiresIn: 901 })), [['expiresIn', 'range']]);
  assert.deepEqual(issues(() => kf.presignIamRequest('ListUsers', {}, { credentials: CREDENTIALS, expires: 60 })), [['expires', 'unknown']]);
});

test('validateIamParams: every problem by the action\'s input shape', () => {
  assert.equal(kf.validateIamParams('ListUsers'), undefined);
  assert.equal(kf.validateIamParams('ListUsers', { MaxItems: 1000 }), undefined);
  assert.deepEqual(issues(() => kf.validateIamParams('ListUsers', { MaxItems: 0, PathPrefix: 'x', Marker: '\u0001' })),
    [['PathPrefix', 'pattern'], ['Marker', 'pattern'], ['MaxItems', 'min']]);
  assert.deepEqual(issues(() => kf.validateIamParams('GetAccessKeyLastUsed', {})), [['AccessKeyId', 'required']]);
  // params may be left out only where no member is required.
  assert.throws(() => kf.validateIamParams('GetAccessKeyLastUsed'), { name: 'TypeError', message: 'params must be an object, got undefined' });
  assert.deepEqual(issues(() => kf.validateIamParams('GetUser', { UserName: 'x'.repeat(129) })), [['UserName', 'maxLength']]);
  assert.deepEqual(issues(() => kf.validateIamParams('ListAccessKeys', { MaxItems: true })), [['MaxItems', 'type']]);
  assert.throws(() => kf.validateIamParams('ListUsers', null), TypeError);
});

test('an unknown action is a ValidationError on action listing the known ones, in every call', () => {
  const known = `known: ${ACTIONS.join(', ')}`;
  for (const call of [
    () => kf.validateIamParams('DeleteUser', {}),
    () => kf.buildIamRequest('DeleteUser', {}, { credentials: CREDENTIALS }),
    () => kf.presignIamRequest('listUsers', {}, { credentials: CREDENTIALS }),
    () => kf.parseIamResponse(200, ok('ListUsers', ''), 'constructor'),
    () => kf.buildIamRequest('', {}, { credentials: CREDENTIALS }),
  ]) {
    const error = thrown(call);
    assert.ok(error instanceof ValidationError, `${error}`);
    assert.deepEqual(error.issues.map((i) => [i.field, i.rule]), [['action', 'enum']], `${call}`);
    assert.ok(error.message.includes(known), error.message);
  }
  assert.deepEqual(issues(() => kf.buildIamRequest(42, {}, { credentials: CREDENTIALS })), [['action', 'type']]);
  assert.deepEqual(issues(() => kf.parseIamResponse(200, '', {})), [['action', 'type']]);
  // With an unknown action and bad options, both are reported.
  assert.deepEqual(issues(() => kf.buildIamRequest('Nope', {}, {})).map(([f]) => f).sort(), ['action', 'credentials']);
});

test('parseIamResponse with an action: its output with requestId; without: { requestId } as before', () => {
  const body = ok('GetAccessKeyLastUsed', '<UserName>alice</UserName><AccessKeyLastUsed><LastUsedDate>2024-07-08T09:10:00Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1</Region></AccessKeyLastUsed>');
  const parsed = kf.parseIamResponse(200, body, 'GetAccessKeyLastUsed');
  assert.deepEqual(parsed, { UserName: 'alice', AccessKeyLastUsed: { LastUsedDate: new Date('2024-07-08T09:10:00Z'), ServiceName: 's3', Region: 'eu-west-1' }, requestId: 'req-1' });
  assert.ok(parsed.AccessKeyLastUsed.LastUsedDate instanceof Date);
  assert.deepEqual(kf.parseIamResponse(200, body), { requestId: 'req-1' });
  const update = `<UpdateAccessKeyResponse xmlns="${XMLNS}">${META}</UpdateAccessKeyResponse>`;
  assert.deepEqual(kf.parseIamResponse(200, update, 'UpdateAccessKey'), { requestId: 'req-1' });
  // Only the action's own answer is its success.
  const error = thrown(() => kf.parseIamResponse(200, body, 'GetUser'));
  assert.ok(error instanceof IamError);
  assert.equal(error.code, 'UnknownError');
  // IAM's errors are IamErrors whatever the action.
  const denied = `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>r-403</RequestId></ErrorResponse>`;
  const e403 = thrown(() => kf.parseIamResponse(403, denied, 'ListUsers'));
  assert.ok(e403 instanceof IamError);
  assert.equal(e403.code, 'AccessDenied');
  assert.equal(e403.requestId, 'r-403');
});

test('parseIamResponse: a member that cannot be read by its shape is an IamError naming it', () => {
  const body = ok('ListUsers', '<Users><member><UserName>a</UserName><CreateDate>yesterday</CreateDate></member></Users><IsTruncated>false</IsTruncated>');
  const error = thrown(() => kf.parseIamResponse(200, body, 'ListUsers'));
  assert.ok(error instanceof IamError, `${error}`);
  assert.equal(error.code, 'UnknownError');
  assert.equal(error.requestId, 'req-1');
  assert.match(error.message, /Users\[0\]\.CreateDate: is not an ISO 8601 timestamp: "yesterday"/);
});

// What the AWS SDK v3 makes of an answer: a request handler that answers
// with the body instead of sending anything.
async function sdkOutput(action, params, body) {
  const client = new sdkIam.IAMClient({
    region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1,
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(body)]) } }) },
  });
  const { $metadata, ...output } = await client.send(new sdkIam[`${action}Command`](params));
  return output;
}

test('parsed outputs are what the AWS SDK v3 gives for the same answers (names, nesting, Dates, booleans, [] and absent members)', async () => {
  const user = '<Path>/</Path><UserName>alice</UserName><UserId>AIDAEXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn><CreateDate>2020-01-02T03:04:05Z</CreateDate>';
  const cases = [
    ['ListUsers', {}, ok('ListUsers', `<Users><member>${user}<PasswordLastUsed>2024-05-06T07:08:09.123Z</PasswordLastUsed></member><member>${user}</member></Users><IsTruncated>true</IsTruncated><Marker>bWFya2Vy</Marker>`)],
    ['ListUsers', {}, ok('ListUsers', '<Users/><IsTruncated>false</IsTruncated>')],
    ['ListUsers', {}, ok('ListUsers', '<IsTruncated>false</IsTruncated>')],
    ['ListAccessKeys', {}, ok('ListAccessKeys', '<AccessKeyMetadata><member><UserName>alice</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status><CreateDate>2020-01-02T03:04:05Z</CreateDate></member></AccessKeyMetadata><IsTruncated>false</IsTruncated>')],
    ['GetAccessKeyLastUsed', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, ok('GetAccessKeyLastUsed', '<UserName>alice</UserName><AccessKeyLastUsed><ServiceName>N/A</ServiceName><Region>N/A</Region></AccessKeyLastUsed>')],
    ['GetAccessKeyLastUsed', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, ok('GetAccessKeyLastUsed', '<UserName>alice</UserName><AccessKeyLastUsed><LastUsedDate>2024-07-08T09:10:00Z</LastUsedDate><ServiceName>iam</ServiceName><Region>us-east-1</Region></AccessKeyLastUsed>')],
    ['GetUser', {}, ok('GetUser', `<User>${user}<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::aws:policy/ReadOnlyAccess</PermissionsBoundaryArn></PermissionsBoundary><Tags><member><Key>team</Key><Value>ops &amp; security</Value></member></Tags></User>`)],
    ['GetUser', {}, ok('GetUser', `<User>${user}<Tags/></User>`)],
  ];
  for (const [action, params, body] of cases) {
    const { requestId, ...output } = kf.parseIamResponse(200, body, action);
    assert.equal(requestId, 'req-1');
    assert.deepEqual(output, await sdkOutput(action, params, body), `${action}: ${body}`);
  }
});
