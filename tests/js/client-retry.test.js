// createClient's retries in the AWS standard mode, against an injected fetch:
// what is retried, how often, and how long the client waits in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, IamError, NetworkError, TimeoutError } from 'keyflip';
import { withRandom } from './with-random.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const PARAMS = { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const OK_XML = `<UpdateAccessKeyResponse xmlns="${XMLNS}"><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`;
const errorXml = (code, message = 'no', type = 'Sender') =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`;

// One step per attempt (the last repeats): a Response factory, or a function that throws.
const answer = (status, body) => () => new Response(body, { status, headers: { date: new Date().toUTCString() } });
const ok = answer(200, OK_XML);
const networkDown = () => { throw new TypeError('fetch failed'); };
const hang = (_url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));

function fakeIam(...steps) {
  const calls = [];
  const fetch = async (url, init) => {
    const step = steps[Math.min(calls.length, steps.length - 1)];
    calls.push({ url, ...init, at: performance.now() });
    return step(url, init);
  };
  return { fetch, calls };
}

function client(iam, extra = {}) {
  const retries = [];
  const c = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e), ...extra });
  return { c, retries };
}

const ceiling = (attempt, throttling) => Math.min(20000, (throttling ? 500 : 100) * 2 ** (attempt - 1));

test('success on the first attempt: { requestId, attempts, statusCode }', async () => {
  const iam = fakeIam(ok);
  const { c, retries } = client(iam);
  assert.deepEqual(await c.updateAccessKey(PARAMS), { requestId: 'req-ok', attempts: 1, statusCode: 200 });
  assert.equal(iam.calls.length, 1);
  assert.equal(iam.calls[0].method, 'POST');
  assert.equal(iam.calls[0].url, 'https://iam.amazonaws.com/');
  assert.equal(retries.length, 0);
});

const RETRYABLE = [
  ...[500, 502, 503, 504].map((status) => [`HTTP ${status} IAM error`, answer(status, errorXml('ServiceUnavailable', 'try later', 'Receiver')), IamError, false]),
  ...[429, 500, 502, 503, 504].map((status) => [`HTTP ${status} non-XML page`, answer(status, '<html><body>Bad gateway</body></html>'), IamError, status === 429]),
  ...['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException'].map((code) => [`${code} (HTTP 400)`, answer(400, errorXml(code, 'Rate exceeded')), IamError, true]),
  ['a network error', networkDown, NetworkError, false],
  ['a timeout', hang, TimeoutError, false],
];

for (const [name, failing, ErrorClass, throttling] of RETRYABLE) {
  test(`retried: ${name}, with ${throttling ? 'throttling' : 'the base'} backoff`, async () => {
    const iam = fakeIam(failing, ok);
    const { c, retries } = client(iam, { timeoutMs: 50 });
    const result = await withRandom([0.02], () => c.updateAccessKey(PARAMS));
    assert.deepEqual(result, { requestId: 'req-ok', attempts: 2, statusCode: 200 });
    assert.equal(iam.calls.length, 2);
    assert.equal(retries.length, 1);
    const [{ attempt, delayMs, error }] = retries;
    assert.equal(attempt, 1);
    assert.ok(error instanceof ErrorClass, `${error?.name} is not a ${ErrorClass.name}`);
    assert.equal(error.attempts, 1);
    if (error instanceof IamError) assert.equal(error.retryable, true);
    // full jitter: floor(random * base), base 500 ms when throttled, else 100 ms
    assert.equal(delayMs, Math.floor(0.02 * ceiling(1, throttling)));
  });
}

const NOT_RETRYABLE = [
  [404, 'NoSuchEntity', 'The user with name alice cannot be found.'],
  [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'],
  [403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'],
  [403, 'AccessDenied', 'User is not authorized to perform: iam:UpdateAccessKey'],
  [400, 'ValidationError', '1 validation error detected'],
  [409, 'LimitExceeded', 'Cannot exceed quota'], // an IAM quota, not throttling
  [403, 'UnknownError', null], // a non-XML 403 page
  [200, 'UnknownError', ''], // 200 with an empty body is not a success
];

for (const [status, code, message] of NOT_RETRYABLE) {
  test(`not retried: HTTP ${status} ${code}`, async () => {
    const body = message === null ? '<html>Forbidden</html>' : message === '' ? '' : errorXml(code, message);
    const iam = fakeIam(answer(status, body), ok);
    const { c, retries } = client(iam);
    const error = await c.updateAccessKey(PARAMS).then(() => assert.fail('resolved'), (e) => e);
    assert.ok(error instanceof IamError);
    assert.equal(error.code, code);
    assert.equal(error.name, code);
    assert.equal(error.statusCode, status);
    assert.equal(error.retryable, false);
    assert.equal(error.attempts, 1);
    assert.equal(iam.calls.length, 1);
    assert.equal(retries.length, 0);
  });
}

test('at most maxAttempts, then the last error (default 3)', async () => {
  for (const maxAttempts of [undefined, 1, 2, 5]) {
    const iam = fakeIam(answer(503, errorXml('ServiceUnavailable', 'down', 'Receiver')));
    const { c, retries } = client(iam, maxAttempts === undefined ? {} : { maxAttempts });
    const error = await withRandom([0], () => c.updateAccessKey(PARAMS)).catch((e) => e);
    const expected = maxAttempts ?? 3;
    assert.ok(error instanceof IamError);
    assert.equal(error.code, 'ServiceUnavailable');
    assert.equal(error.retryable, true, 'retryable, but out of attempts');
    assert.equal(error.attempts, expected);
    assert.equal(iam.calls.length, expected);
    assert.deepEqual(retries.map((r) => r.attempt), Array.from({ length: expected - 1 }, (_, i) => i + 1));
  }
});

test('network errors and timeouts give up after maxAttempts too', async () => {
  for (const [step, ErrorClass] of [[networkDown, NetworkError], [hang, TimeoutError]]) {
    const iam = fakeIam(step);
    const { c, retries } = client(iam, { maxAttempts: 2, timeoutMs: 50 });
    const error = await withRandom([0], () => c.updateAccessKey(PARAMS)).catch((e) => e);
    assert.ok(error instanceof ErrorClass);
    assert.equal(error.attempts, 2);
    assert.equal(iam.calls.length, 2);
    assert.equal(retries.length, 1);
  }
});

test('backoff with real randomness: 0 <= delayMs < cap, and the client waits that long', async () => {
  const iam = fakeIam(answer(500, errorXml('InternalFailure', 'oops', 'Receiver')));
  const { c, retries } = client(iam, { maxAttempts: 3 });
  await assert.rejects(c.updateAccessKey(PARAMS), IamError);
  assert.equal(retries.length, 2);
  for (const { attempt, delayMs } of retries) {
    assert.ok(Number.isInteger(delayMs) && delayMs >= 0 && delayMs < ceiling(attempt, false), `${attempt}: ${delayMs}`);
    const waited = iam.calls[attempt].at - iam.calls[attempt - 1].at;
    assert.ok(waited >= delayMs - 1, `attempt ${attempt}: waited ${waited} ms, delay ${delayMs} ms`);
  }
});

// The exact delay of attempt k, without waiting for the ones before it:
// random is 0 until attempt k, then nearly 1; onRetry aborts the call there.
for (const throttling of [false, true]) {
  test(`backoff doubles per attempt up to the 20 s cap (${throttling ? 'throttling, base 500 ms' : 'base 100 ms'})`, async () => {
    const failing = throttling ? answer(400, errorXml('Throttling', 'Rate exceeded')) : answer(503, '');
    for (let k = 1; k <= 9; k += 1) {
      const controller = new AbortController();
      const seen = [];
      const iam = fakeIam(failing);
      const c = createClient({
        credentials: CREDENTIALS, fetch: iam.fetch, maxAttempts: 10,
        onRetry: (event) => {
          seen.push(event.delayMs);
          if (event.attempt === k) controller.abort();
        },
      });
      const random = [...Array(k - 1).fill(0), 0.999999];
      const error = await withRandom(random, () => c.updateAccessKey(PARAMS, { signal: controller.signal })).catch((e) => e);
      assert.equal(error.name, 'AbortError');
      assert.deepEqual(seen, [...Array(k - 1).fill(0), Math.floor(0.999999 * ceiling(k, throttling))]);
    }
  });
}

test('onRetry receives { attempt, delayMs, error } for every retry, in order', async () => {
  const iam = fakeIam(networkDown, answer(429, ''), ok);
  const { c, retries } = client(iam);
  const result = await withRandom([0.01], () => c.updateAccessKey(PARAMS));
  assert.equal(result.attempts, 3);
  assert.deepEqual(retries.map((r) => [r.attempt, r.delayMs, r.error.name]), [[1, 1, 'NetworkError'], [2, 10, 'UnknownError']]);
  assert.ok(retries[0].error.cause instanceof TypeError);
  assert.deepEqual(Object.keys(retries[0]).sort(), ['attempt', 'delayMs', 'error']);
});

test('what fetch receives: the signed POST with its form body and an abort signal', async () => {
  const iam = fakeIam(ok);
  const { c } = client(iam);
  await c.updateAccessKey(PARAMS);
  const [{ method, headers, body, signal }] = iam.calls;
  assert.equal(method, 'POST');
  assert.equal(body, 'Action=UpdateAccessKey&Version=2010-05-08&UserName=alice&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive');
  assert.match(headers['content-type'], /^application\/x-www-form-urlencoded/);
  assert.match(headers['x-amz-date'], /^\d{8}T\d{6}Z$/);
  assert.match(headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/iam\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/);
  assert.ok(signal instanceof AbortSignal);
});
