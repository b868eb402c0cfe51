// Clock skew: the client learns the server's clock from Date headers, signs
// at now + offset, and retries a skew error once with the corrected time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, IamError } from 'keyflip';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const PARAMS = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const MINUTE = 60_000;
// Date headers have 1-second resolution and the fake answers within milliseconds.
const CLOSE_MS = 3_000;

const okXml = `<UpdateAccessKeyResponse xmlns="${XMLNS}"><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`;
const errorXml = (code, message) =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-skew</RequestId></ErrorResponse>`;

const amzDate = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const parseAmzDate = (s) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));

/**
 * An IAM whose clock is skewMs(callIndex) ahead of ours. Like IAM, it refuses
 * a request signed more than 5 minutes from its clock with
 * SignatureDoesNotMatch "Signature expired" (or `code` if given).
 */
function skewedIam(skewMs, { code, dateHeader = true } = {}) {
  const calls = [];
  const fetch = async (url, init) => {
    const serverNow = Date.now() + (typeof skewMs === 'function' ? skewMs(calls.length) : skewMs);
    const signedAt = parseAmzDate(init.headers['x-amz-date']);
    calls.push({ signedAt, localNow: Date.now(), serverNow });
    const headers = dateHeader ? { date: new Date(serverNow).toUTCString() } : {};
    if (Math.abs(signedAt - serverNow) <= 5 * MINUTE) return new Response(okXml, { status: 200, headers });
    const message = signedAt < serverNow
      ? `Signature expired: ${amzDate(signedAt)} is now earlier than ${amzDate(serverNow - 5 * MINUTE)} (${amzDate(serverNow)} - 5 min.)`
      : `Signature not yet current: ${amzDate(signedAt)} is still later than ${amzDate(serverNow + 5 * MINUTE)} (${amzDate(serverNow)} + 5 min.)`;
    return new Response(errorXml(code ?? 'SignatureDoesNotMatch', message), { status: 403, headers });
  };
  return { fetch, calls };
}

function near(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= CLOSE_MS, `${what}: off by ${(actual - expected) / 1000} s`);
}

test('server 10 minutes ahead: "Signature expired", retried once at the corrected time; the next call is right from the start', async () => {
  const iam = skewedIam(10 * MINUTE);
  const retries = [];
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e) });

  const result = await client.updateAccessKey(PARAMS);
  assert.deepEqual(result, { requestId: 'req-ok', attempts: 2, statusCode: 200 });
  assert.equal(iam.calls.length, 2);
  near(iam.calls[0].signedAt, iam.calls[0].localNow, 'first attempt signed with the local clock');
  near(iam.calls[1].signedAt, iam.calls[1].serverNow, 'second attempt signed with the server clock');
  assert.equal(retries.length, 1);
  assert.equal(retries[0].attempt, 1);
  assert.equal(retries[0].delayMs, 0, 'a clock correction is retried at once');
  assert.ok(retries[0].error instanceof IamError);
  assert.equal(retries[0].error.code, 'SignatureDoesNotMatch');

  const again = await client.updateAccessKey(PARAMS);
  assert.equal(again.attempts, 1);
  assert.equal(iam.calls.length, 3);
  near(iam.calls[2].signedAt, iam.calls[2].serverNow, 'a later call signed with the learnt offset');
});

test('server 10 minutes behind: "Signature not yet current" is corrected too', async () => {
  const iam = skewedIam(-10 * MINUTE);
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  assert.equal((await client.updateAccessKey(PARAMS)).attempts, 2);
  near(iam.calls[1].signedAt, iam.calls[1].serverNow, 'second attempt');
});

for (const code of ['RequestTimeTooSkewed', 'RequestExpired', 'InvalidSignatureException']) {
  test(`${code} with a Date 10 minutes ahead is retried once with the corrected time`, async () => {
    const iam = skewedIam(10 * MINUTE, { code });
    const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
    assert.equal((await client.updateAccessKey(PARAMS)).attempts, 2);
    near(iam.calls[1].signedAt, iam.calls[1].serverNow, 'second attempt');
  });
}

test('a plain SignatureDoesNotMatch (wrong secret) is not retried, even with a skewed Date', async () => {
  const calls = [];
  const fetch = async () => {
    calls.push(1);
    return new Response(errorXml('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'),
      { status: 403, headers: { date: new Date(Date.now() + 10 * MINUTE).toUTCString() } });
  };
  const error = await createClient({ credentials: CREDENTIALS, fetch }).updateAccessKey(PARAMS).catch((e) => e);
  assert.ok(error instanceof IamError);
  assert.equal(error.attempts, 1);
  assert.equal(calls.length, 1);
});

test('a skew error is not retried when the Date header moves the clock by less than 4 minutes, or is missing', async () => {
  // A new signing time would not help, so the error stands.
  for (const [date, what] of [[new Date(Date.now() + 3 * MINUTE).toUTCString(), '3 minutes ahead'], [undefined, 'no Date header']]) {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return new Response(errorXml('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'),
        { status: 403, headers: date ? { date } : {} });
    };
    const error = await createClient({ credentials: CREDENTIALS, fetch }).updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(error instanceof IamError, what);
    assert.equal(error.code, 'RequestTimeTooSkewed');
    assert.equal(error.attempts, 1, what);
    assert.equal(calls, 1, what);
  }
});

test('the clock is corrected at most once per call', async () => {
  // The server's clock runs away: 10 minutes ahead, then 20.
  const iam = skewedIam((i) => (i + 1) * 10 * MINUTE);
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  const error = await client.updateAccessKey(PARAMS).catch((e) => e);
  assert.ok(error instanceof IamError);
  assert.equal(error.code, 'SignatureDoesNotMatch');
  assert.equal(error.attempts, 2);
  assert.equal(iam.calls.length, 2);
});

test('correctClockSkew: false signs with the local clock and does not retry a skew error', async () => {
  const iam = skewedIam(10 * MINUTE);
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, correctClockSkew: false });
  for (let call = 0; call < 2; call += 1) {
    const error = await client.updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(error instanceof IamError);
    assert.equal(error.attempts, 1);
    near(iam.calls[call].signedAt, iam.calls[call].localNow, `call ${call + 1}`);
  }
});

test('the offset is learnt from successful answers too, but only when it moves by 4 minutes or more', async () => {
  let skew = 4.5 * MINUTE; // accepted by the server (within 5 min) but worth correcting
  const dates = [];
  const fetch = async (url, init) => {
    dates.push({ signedAt: parseAmzDate(init.headers['x-amz-date']), serverNow: Date.now() + skew, localNow: Date.now() });
    return new Response(okXml, { status: 200, headers: { date: new Date(Date.now() + skew).toUTCString() } });
  };
  const client = createClient({ credentials: CREDENTIALS, fetch });
  await client.updateAccessKey(PARAMS);
  near(dates[0].signedAt, dates[0].localNow, 'first call');
  skew += 1 * MINUTE; // a 1-minute drift is noise: the offset stays
  await client.updateAccessKey(PARAMS);
  near(dates[1].signedAt, dates[1].localNow + 4.5 * MINUTE, 'second call, signed with the learnt offset');
  await client.updateAccessKey(PARAMS);
  near(dates[2].signedAt, dates[2].localNow + 4.5 * MINUTE, 'third call, offset unchanged by a small drift');
});

test('each client keeps its own offset', async () => {
  const skewed = skewedIam(10 * MINUTE);
  await createClient({ credentials: CREDENTIALS, fetch: skewed.fetch }).updateAccessKey(PARAMS);
  const plain = skewedIam(0);
  await createClient({ credentials: CREDENTIALS, fetch: plain.fetch }).updateAccessKey(PARAMS);
  near(plain.calls[0].signedAt, plain.calls[0].localNow, 'a new client starts from the local clock');
});
