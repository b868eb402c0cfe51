// Inline user policies (Put/Get/List/DeleteUserPolicy) with IAM's limits,
// and managed policy attachments (ListAttachedUserPolicies, paged).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, errorParts, startTestEndpoint, xmlValue, xmlValues } from './iam-client.js';

const ACCOUNT = '210987654321';
const key = (accessKeyId) => ({ accessKeyId, secretAccessKey: `secret-of-${accessKeyId}` });
const QUARANTINE = 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2';
const DATA = {
  accountId: ACCOUNT,
  users: [
    { userName: 'admin', path: '/admins/', accessKeys: [key('AKIAPOLADMIN000001')] },
    {
      userName: 'quentin',
      attachedPolicies: [QUARANTINE, 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/IAMUserChangePassword'],
      inlinePolicies: [{ policyName: 'from-data', policyDocument: { Version: '2012-10-17', Statement: [] } }],
      accessKeys: [key('AKIAPOLQUENTIN0001')],
    },
    { userName: 'plain', accessKeys: [] },
  ],
};
const ADMIN = { accessKeyId: 'AKIAPOLADMIN000001', secretAccessKey: 'secret-of-AKIAPOLADMIN000001' };

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint({ data: DATA });
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const iam = (params) => callIam(endpoint.url, params, { credentials: ADMIN });
function assertError(res, status, code, message) {
  const e = errorParts(res);
  assert.deepEqual([e.status, e.code, e.message], [status, code, message], res.text);
  assert.ok(e.rootOk, res.text);
}

const DOCUMENT = JSON.stringify(
  { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-02T03:04:05Z' } } } },
  null,
  2,
);

test('PutUserPolicy stores the document as sent; GetUserPolicy returns it URL-encoded, as IAM does; re-putting replaces it', async () => {
  const put = await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'revoke-older-sessions', PolicyDocument: DOCUMENT });
  assert.equal(put.status, 200, put.text);
  assert.match(put.text, /^<PutUserPolicyResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\n {2}<ResponseMetadata>/);
  const got = await iam({ Action: 'GetUserPolicy', UserName: 'plain', PolicyName: 'revoke-older-sessions' });
  assert.equal(got.status, 200, got.text);
  assert.match(got.text, /<GetUserPolicyResult>\n {4}<UserName>plain<\/UserName>\n {4}<PolicyName>revoke-older-sessions<\/PolicyName>\n {4}<PolicyDocument>%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A%20%20%22Statement%22%3A%20%7B%0A/);
  assert.equal(decodeURIComponent(xmlValue(got.text, 'PolicyDocument')), DOCUMENT);

  const replaced = JSON.stringify({ Version: '2012-10-17', Statement: [] });
  assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'revoke-older-sessions', PolicyDocument: replaced })).status, 200);
  assert.equal(decodeURIComponent(xmlValue((await iam({ Action: 'GetUserPolicy', UserName: 'plain', PolicyName: 'revoke-older-sessions' })).text, 'PolicyDocument')), replaced);
  const state = (await control(endpoint.url)).json.users.find((u) => u.userName === 'plain');
  assert.deepEqual(state.inlinePolicies, ['revoke-older-sessions']);
});

test('ListUserPolicies pages the names (authenticated Markers); DeleteUserPolicy removes one', async () => {
  for (const name of ['b-second', 'c-third']) {
    assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'quentin', PolicyName: name, PolicyDocument: '{}' })).status, 200);
  }
  const first = await iam({ Action: 'ListUserPolicies', UserName: 'quentin', MaxItems: '2' });
  assert.equal(first.status, 200, first.text);
  assert.match(first.text, /<ListUserPoliciesResult>\n {4}<PolicyNames>\n {6}<member>from-data<\/member>\n {6}<member>b-second<\/member>\n {4}<\/PolicyNames>\n {4}<IsTruncated>true<\/IsTruncated>\n {4}<Marker>/);
  const rest = await iam({ Action: 'ListUserPolicies', UserName: 'quentin', MaxItems: '2', Marker: xmlValue(first.text, 'Marker') });
  assert.deepEqual(xmlValues(rest.text, 'member'), ['c-third']);
  assert.equal(xmlValue(rest.text, 'IsTruncated'), 'false');
  assertError(await iam({ Action: 'ListUserPolicies', UserName: 'plain', Marker: xmlValue(first.text, 'Marker') }), 400, 'ValidationError', 'Invalid Marker.');

  assert.equal((await iam({ Action: 'DeleteUserPolicy', UserName: 'quentin', PolicyName: 'b-second' })).status, 200);
  assert.deepEqual(xmlValues((await iam({ Action: 'ListUserPolicies', UserName: 'quentin' })).text, 'member'), ['from-data', 'c-third']);
  assertError(await iam({ Action: 'DeleteUserPolicy', UserName: 'quentin', PolicyName: 'b-second' }), 404, 'NoSuchEntity', 'The user policy with name b-second cannot be found.');
  assertError(await iam({ Action: 'GetUserPolicy', UserName: 'quentin', PolicyName: 'b-second' }), 404, 'NoSuchEntity', 'The user policy with name b-second cannot be found.');
});

test('IAM\'s limits: unknown user, policy name pattern, non-JSON document, 2,048 characters per user (whitespace not counted)', async () => {
  assertError(await iam({ Action: 'PutUserPolicy', UserName: 'nobody', PolicyName: 'p', PolicyDocument: '{}' }), 404, 'NoSuchEntity', 'The user with name nobody cannot be found.');
  assertError(await iam({ Action: 'ListUserPolicies', UserName: 'nobody' }), 404, 'NoSuchEntity', 'The user with name nobody cannot be found.');
  assertError(
    await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'bad name', PolicyDocument: '{}' }),
    400,
    'ValidationError',
    "1 validation error detected: Value 'bad name' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
  );
  assertError(
    await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'p' }),
    400,
    'ValidationError',
    "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null",
  );
  for (const document of ['not json', '[1,2]', '"text"', '{"Version": ']) {
    assertError(await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'p', PolicyDocument: document }), 400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
  }

  // {"S":"xxx...x"}: 8 counted characters around the x's.
  const sized = (n, pad = '') => `{${pad}"S":${pad}"${'x'.repeat(n - 8)}"${pad}}`;
  assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'a', PolicyDocument: sized(1000) })).status, 200);
  // Whitespace is free: 1,048 counted characters, far more sent.
  assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'b', PolicyDocument: sized(1048, ' \n\t'.repeat(300)) })).status, 200);
  assertError(
    await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'c', PolicyDocument: '{}' }),
    409,
    'LimitExceeded',
    'Maximum policy size of 2048 bytes exceeded for user plain',
  );
  // Replacing b with a smaller one fits; replacing it with a larger one does not.
  assert.equal((await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'b', PolicyDocument: sized(1040) })).status, 200);
  assertError(await iam({ Action: 'PutUserPolicy', UserName: 'plain', PolicyName: 'b', PolicyDocument: sized(1049) }), 409, 'LimitExceeded', 'Maximum policy size of 2048 bytes exceeded for user plain');
  assert.deepEqual(xmlValues((await iam({ Action: 'ListUserPolicies', UserName: 'plain' })).text, 'member'), ['a', 'b']);
});

test('ListAttachedUserPolicies: name and ARN of each, paged, filtered by the policies\' path', async () => {
  const first = await iam({ Action: 'ListAttachedUserPolicies', UserName: 'quentin', MaxItems: '1' });
  assert.equal(first.status, 200, first.text);
  assert.match(
    first.text,
    /<ListAttachedUserPoliciesResult>\n {4}<AttachedPolicies>\n {6}<member>\n {8}<PolicyName>AWSCompromisedKeyQuarantineV2<\/PolicyName>\n {8}<PolicyArn>arn:aws:iam::aws:policy\/AWSCompromisedKeyQuarantineV2<\/PolicyArn>\n {6}<\/member>\n {4}<\/AttachedPolicies>\n {4}<IsTruncated>true<\/IsTruncated>\n {4}<Marker>/,
  );
  const names = ['AWSCompromisedKeyQuarantineV2'];
  let marker = xmlValue(first.text, 'Marker');
  for (let guard = 0; marker && guard < 5; guard++) {
    const page = await iam({ Action: 'ListAttachedUserPolicies', UserName: 'quentin', MaxItems: '1', Marker: marker });
    assert.equal(page.status, 200, page.text);
    names.push(...xmlValues(page.text, 'PolicyName'));
    marker = xmlValue(page.text, 'Marker');
  }
  assert.deepEqual(names, ['AWSCompromisedKeyQuarantineV2', 'ViewOnlyAccess', 'IAMUserChangePassword']);

  const jobFunctions = await iam({ Action: 'ListAttachedUserPolicies', UserName: 'quentin', PathPrefix: '/job-function/' });
  assert.deepEqual(xmlValues(jobFunctions.text, 'PolicyArn'), ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']);
  const none = await iam({ Action: 'ListAttachedUserPolicies', UserName: 'plain' });
  assert.match(none.text, /<AttachedPolicies>\n {4}<\/AttachedPolicies>\n {4}<IsTruncated>false<\/IsTruncated>/);
  assertError(await iam({ Action: 'ListAttachedUserPolicies', UserName: 'nobody' }), 404, 'NoSuchEntity', 'The user with name nobody cannot be found.');
  assertError(
    await iam({ Action: 'ListAttachedUserPolicies' }),
    400,
    'ValidationError',
    "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
  );
  assertError(
    await iam({ Action: 'ListAttachedUserPolicies', UserName: 'quentin', PathPrefix: 'job-function' }),
    400,
    'ValidationError',
    "1 validation error detected: Value 'job-function' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/",
  );
});

test('the data loader checks attached and inline policies and the MFA device', async () => {
  const { loadIamData } = await import('../../scripts/local-iam/iam-data.js');
  const user = (extra) => ({ users: [{ userName: 'u', ...extra }] });
  const cases = [
    [user({ attachedPolicies: ['ReadOnlyAccess'] }), /attachedPolicies\[0\] must be a policy ARN/],
    [user({ inlinePolicies: [{ policyName: 'p', policyDocument: 'nope' }] }), /inlinePolicies\[0\]: policyDocument must be a JSON object/],
    [user({ inlinePolicies: [{ policyName: 'p', policyDocument: { S: 'x'.repeat(2100) } }] }), /exceed IAM's 2048 characters/],
    [user({ mfaDevice: { serialNumber: 'arn:aws:iam::123456789012:mfa/u', tokenCode: '12345' } }), /mfaDevice\.tokenCode must be 6 digits/],
  ];
  for (const [data, message] of cases) assert.throws(() => loadIamData(data), message);
});
