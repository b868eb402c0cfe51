// Bad input to kf.signRequest / kf.presignRequest: a JS Error subclass with a
// clear message naming the field (never a bare number, never a wasm abort),
// and the instance keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, ValidationError } from 'keyflip';

const kf = await init();
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FQoGZXIvYXdzEXAMPLETOKEN/abc+def==';
const request = { method: 'GET', url: 'https://example.amazonaws.com/', headers: { Host: 'example.amazonaws.com' } };
const options = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
  region: 'us-east-1',
  service: 'service',
  date: new Date('2015-08-30T12:36:00Z'),
};
const VANILLA = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'; // get-vanilla

function rejects(fn, field, rule) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ValidationError, `expected ValidationError, got ${error}`);
  assert.ok(error instanceof Error);
  const issue = error.issues.find((i) => i.field === field);
  assert.ok(issue, `no issue for ${field} in ${JSON.stringify(error.issues)}`);
  if (rule) assert.equal(issue.rule, rule);
  assert.ok(issue.message.startsWith(`${field}: `), issue.message);
  assert.ok(!error.message.includes(SECRET) && !error.message.includes(TOKEN));
  // The instance keeps working: the next signature is still right.
  assert.equal(kf.signRequest(request, options).signature, VANILLA);
  return error;
}

test('valid input signs (get-vanilla)', () => {
  assert.equal(kf.signRequest(request, options).signature, VANILLA);
});

test('missing or empty credentials', () => {
  rejects(() => kf.signRequest(request, { ...options, credentials: undefined }), 'credentials', 'required');
  rejects(() => kf.signRequest(request, { ...options, credentials: { secretAccessKey: SECRET } }), 'credentials.accessKeyId', 'required');
  rejects(() => kf.signRequest(request, { ...options, credentials: { accessKeyId: 'AKID', secretAccessKey: '' } }), 'credentials.secretAccessKey', 'required');
  rejects(() => kf.signRequest(request, { ...options, credentials: { accessKeyId: '', secretAccessKey: SECRET } }), 'credentials.accessKeyId', 'required');
  rejects(() => kf.signRequest(request, { ...options, credentials: { accessKeyId: 'AKID', secretAccessKey: 42 } }), 'credentials.secretAccessKey', 'type');
});

test('an unparsable URL', () => {
  for (const url of ['not a url', 'ftp://example.com/', 'https://', 'https://user:pw@example.com/', 'https://h:70000/']) {
    rejects(() => kf.signRequest({ ...request, url }, options), 'url', 'url');
  }
  rejects(() => kf.signRequest({ ...request, url: undefined }, options), 'url', 'required');
});

test('a non-Date or invalid date', () => {
  rejects(() => kf.signRequest(request, { ...options, date: '2015-08-30' }), 'date', 'type');
  rejects(() => kf.signRequest(request, { ...options, date: 1440938160000 }), 'date', 'type');
  rejects(() => kf.signRequest(request, { ...options, date: new Date('nope') }), 'date', 'valid');
});

test('expiresIn outside 1..604800', () => {
  for (const expiresIn of [0, -5, 604801, 1.5]) {
    rejects(() => kf.presignRequest(request, { ...options, expiresIn }), 'expiresIn', 'range');
  }
  rejects(() => kf.presignRequest(request, { ...options, expiresIn: '60' }), 'expiresIn', 'type');
  rejects(() => kf.presignRequest(request, { ...options, expiresIn: Number.NaN }), 'expiresIn', 'type');
  assert.match(kf.presignRequest(request, { ...options, expiresIn: 604800 }).url, /X-Amz-Expires=604800/);
});

test('a header value that is not a string', () => {
  rejects(() => kf.signRequest({ ...request, headers: { 'X-Num': 5 } }, options), 'headers.X-Num', 'type');
  rejects(() => kf.signRequest({ ...request, headers: { 'X-Obj': { toString: () => 'x' } } }, options), 'headers.X-Obj', 'type');
  rejects(() => kf.signRequest({ ...request, headers: { 'X-Ctl': 'a\u0000b' } }, options), 'headers.X-Ctl', 'headerValue');
});

test('every problem is reported at once', () => {
  const error = rejects(() => kf.signRequest({ url: 'nope' }, { credentials: {}, date: 'x' }), 'url');
  const fields = error.issues.map((i) => i.field).sort();
  assert.deepEqual(fields, ['credentials.accessKeyId', 'credentials.secretAccessKey', 'date', 'region', 'service', 'url']);
});

test('non-object request or options is a TypeError', () => {
  assert.throws(() => kf.signRequest(null, options), TypeError);
  assert.throws(() => kf.signRequest(request, 'options'), TypeError);
  assert.equal(kf.signRequest(request, options).signature, VANILLA);
});

test('a session token is added as x-amz-security-token and presigned into the URL', () => {
  const withToken = { ...options, credentials: { ...options.credentials, sessionToken: TOKEN } };
  const signed = kf.signRequest(request, withToken);
  assert.equal(signed.headers['x-amz-security-token'], TOKEN);
  assert.match(signed.headers.authorization, /SignedHeaders=host;x-amz-date;x-amz-security-token,/);
  const presigned = kf.presignRequest(request, { ...withToken, expiresIn: 60 });
  assert.ok(presigned.url.includes(`X-Amz-Security-Token=${encodeURIComponent(TOKEN)}`));
  assert.ok(!presigned.url.includes(SECRET));
});

test('init() returns the same instance', async () => {
  assert.equal(await init(), kf);
});
