// The rest of the AWS standard retry mode through createClient, with an
// injected fetch: the per-client retry quota (drains over many failing
// calls, refilled by successes), retry-after / x-amz-retry-after hints
// (capped at 20 s; onRetry reports the wait used), LimitExceeded never
// retried, and correctClockSkew decided by the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, IamError } from 'keyflip';
import { withRandom } from './with-random.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const PARAMS = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const OK_XML = `<UpdateAccessKeyResponse xmlns="${XMLNS}"><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`;
const errorXml = (code, message = 'no') =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`;

/** A fetch whose answer is chosen per request by next(n), n counting from 0. */
function fakeIam(next) {
  const iam = { count: 0 };
  iam.fetch = async () => {
    const [status, body, headers = {}] = next(iam.count++);
    return new Response(body, { status, headers: { date: new Date().toUTCString(), ...headers } });
  };
  return iam;
}

const unavailable = [503, errorXml('ServiceUnavailable')];

test('the retry quota drains over many failing calls: then the first failure ends a call, onRetry not called', async () => {
  const iam = fakeIam(() => unavailable);
  const retries = [];
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e) });
  await withRandom(0, async () => {
    // 500 tokens / (2 retries x 5) = 50 calls of 3 attempts each.
    for (let call = 0; call < 50; call += 1) {
      const error = await client.updateAccessKey(PARAMS).catch((e) => e);
      assert.ok(error instanceof IamError);
      assert.equal(error.attempts, 3, `call ${call}`);
    }
    assert.equal(retries.length, 100);
    const error = await client.updateAccessKey(PARAMS).catch((e) => e);
    assert.equal(error.code, 'ServiceUnavailable', 'the last attempt\'s error');
    assert.equal(error.attempts, 1);
    assert.equal(retries.length, 100, 'no onRetry once the quota is empty');
  });
  assert.equal(iam.count, 151);
  // The quota is per client: a new client starts full.
  const fresh = fakeIam((n) => (n === 0 ? unavailable : [200, OK_XML]));
  const result = await withRandom(0, () => createClient({ credentials: CREDENTIALS, fetch: fresh.fetch }).updateAccessKey(PARAMS));
  assert.equal(result.attempts, 2);
});

test('a success refills the quota: 1 token without retries, the retry\'s cost after one', async () => {
  let mode = 'fail';
  const iam = fakeIam(() => (mode === 'fail' ? unavailable : [200, OK_XML]));
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  await withRandom(0, async () => {
    for (let call = 0; call < 50; call += 1) await client.updateAccessKey(PARAMS).catch(() => {});
    mode = 'ok';
    for (let call = 0; call < 5; call += 1) assert.equal((await client.updateAccessKey(PARAMS)).attempts, 1);
    // 5 tokens: one retry, then none.
    mode = 'fail';
    assert.equal((await client.updateAccessKey(PARAMS).catch((e) => e)).attempts, 2);
    assert.equal((await client.updateAccessKey(PARAMS).catch((e) => e)).attempts, 1);
    // A success after a retry returns its 5: fail once, then succeed.
    for (let call = 0; call < 5; call += 1) {
      mode = 'ok';
      await client.updateAccessKey(PARAMS);
    }
    let n = 0;
    const flaky = fakeIam(() => (n++ % 2 === 0 ? unavailable : [200, OK_XML]));
    const c2 = createClient({ credentials: CREDENTIALS, fetch: flaky.fetch });
    for (let call = 0; call < 200; call += 1) assert.equal((await c2.updateAccessKey(PARAMS)).attempts, 2, `call ${call}: refilled each time`);
  });
});

test('retry-after in seconds: the wait is at least the hint, and onRetry reports it', async () => {
  const iam = fakeIam((n) => (n === 0 ? [400, errorXml('Throttling', 'Rate exceeded'), { 'retry-after': '1' }] : [200, OK_XML]));
  const retries = [];
  const started = performance.now();
  const result = await withRandom(0, () => createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e) }).updateAccessKey(PARAMS));
  assert.equal(result.attempts, 2);
  assert.equal(retries[0].delayMs, 1000);
  assert.ok(performance.now() - started >= 990, 'the client really waited');
});

test('retry-after as an HTTP date, against the answer\'s Date header', async () => {
  const now = Math.floor(Date.now() / 1000) * 1000;
  const headers = { date: new Date(now).toUTCString(), 'retry-after': new Date(now + 2000).toUTCString() };
  const iam = fakeIam((n) => (n === 0 ? [503, errorXml('ServiceUnavailable'), headers] : [200, OK_XML]));
  const retries = [];
  await withRandom(0, () => createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e) }).updateAccessKey(PARAMS));
  assert.equal(retries[0].delayMs, 2000);
});

test('x-amz-retry-after in milliseconds; a hint below the backoff leaves the backoff', async () => {
  for (const [hint, random, expected] of [['300', 0, 300], ['10', 0.5, 250]]) {
    const iam = fakeIam((n) => (n === 0 ? [400, errorXml('Throttling'), { 'x-amz-retry-after': hint }] : [200, OK_XML]));
    const retries = [];
    await withRandom(random, () => createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e) }).updateAccessKey(PARAMS));
    assert.equal(retries[0].delayMs, expected, `hint ${hint}`);
  }
});

test('hints are capped at 20 s', async () => {
  for (const headers of [{ 'retry-after': '3600' }, { 'x-amz-retry-after': '600000' }]) {
    const iam = fakeIam(() => [503, errorXml('ServiceUnavailable'), headers]);
    const controller = new AbortController();
    const retries = [];
    const error = await createClient({
      credentials: CREDENTIALS, fetch: iam.fetch,
      onRetry: (e) => { retries.push(e); controller.abort(); }, // no need to sit out the wait
    }).updateAccessKey(PARAMS, { signal: controller.signal }).catch((e) => e);
    assert.equal(error.name, 'AbortError');
    assert.equal(retries[0].delayMs, 20000, JSON.stringify(headers));
  }
});

test('LimitExceeded (HTTP 409) is never retried, even with a retry-after hint', async () => {
  const iam = fakeIam(() => [409, errorXml('LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2'), { 'retry-after': '0' }]);
  const retries = [];
  const error = await createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e) }).updateAccessKey(PARAMS).catch((e) => e);
  assert.ok(error instanceof IamError);
  assert.equal(error.code, 'LimitExceeded');
  assert.equal(error.statusCode, 409);
  assert.equal(error.attempts, 1);
  assert.equal(iam.count, 1);
  assert.equal(retries.length, 0);
});

test('correctClockSkew: false: the core neither retries a skew error nor learns the offset', async () => {
  const serverDate = new Date(Date.now() + 600_000).toUTCString();
  const expired = 'Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)';
  const dates = [];
  const iam = {
    count: 0,
    fetch: async (_url, init) => {
      iam.count += 1;
      dates.push(new Headers(init.headers).get('x-amz-date'));
      return new Response(errorXml('SignatureDoesNotMatch', expired), { status: 403, headers: { date: serverDate } });
    },
  };
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, correctClockSkew: false });
  const error = await client.updateAccessKey(PARAMS).catch((e) => e);
  assert.equal(error.code, 'SignatureDoesNotMatch');
  assert.equal(error.attempts, 1);
  await client.updateAccessKey(PARAMS).catch(() => {});
  const skew = (amzDate) => Date.parse(amzDate.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6Z')) - Date.now();
  assert.ok(Math.abs(skew(dates[1])) < 60_000, 'the second call still signs with the local clock');
  // With it on (the default), the same answers are retried once with the server's time.
  const on = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  assert.equal((await on.updateAccessKey(PARAMS).catch((e) => e)).attempts, 2);
});
