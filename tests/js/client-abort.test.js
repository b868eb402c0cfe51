// Per-attempt timeouts and the caller's AbortSignal, against an injected
// fetch: including one that ignores its signal and a body that never ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, TimeoutError, ValidationError } from 'keyflip';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const PARAMS = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const OK_XML = '<UpdateAccessKeyResponse><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></UpdateAccessKeyResponse>';

const ok = () => new Response(OK_XML, { status: 200, headers: { date: new Date().toUTCString() } });
// A fetch that waits on its signal, as the real one does.
const waitOnSignal = (_url, init) => new Promise((_, reject) => {
  init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true });
});
const ignoreSignal = () => new Promise(() => {});
const stalledBody = () => new Response(new ReadableStream({ start() {} }), { status: 200 });

function recorder(...steps) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(init);
    return steps[Math.min(calls.length - 1, steps.length - 1)](url, init);
  };
  return { fetch, calls };
}

const isAbortError = (error) => error instanceof Error && error.name === 'AbortError';
const later = (ms, fn) => setTimeout(fn, ms);

for (const [what, step] of [['waits on its signal', waitOnSignal], ['ignores its signal', ignoreSignal], ['sends a body that never ends', stalledBody]]) {
  test(`timeoutMs: 50 ends an attempt whose fetch ${what}`, async () => {
    const iam = recorder(step);
    const start = performance.now();
    const error = await createClient({ credentials: CREDENTIALS, fetch: iam.fetch, timeoutMs: 50, maxAttempts: 1 })
      .updateAccessKey(PARAMS).catch((e) => e);
    const elapsed = performance.now() - start;
    assert.ok(error instanceof TimeoutError, `${error}`);
    assert.equal(error.name, 'TimeoutError');
    assert.equal(error.attempts, 1);
    assert.match(error.message, /50 ms/);
    assert.ok(elapsed >= 49 && elapsed < 1000, `took ${elapsed} ms`);
    assert.equal(iam.calls[0].signal.aborted, true, 'the attempt\'s fetch is told to stop');
  });
}

test('a timed-out attempt is retried, and the retry can succeed', async () => {
  const iam = recorder(waitOnSignal, ok);
  const retries = [];
  const result = await createClient({ credentials: CREDENTIALS, fetch: iam.fetch, timeoutMs: 50, onRetry: (e) => retries.push(e) })
    .updateAccessKey(PARAMS);
  assert.equal(result.attempts, 2);
  assert.ok(retries[0].error instanceof TimeoutError);
  assert.equal(retries[0].error.attempts, 1);
});

test('the timeout is per attempt: each attempt gets the full timeoutMs', async () => {
  // Each attempt answers after 60 ms; a 100 ms deadline shared by the call would fail the second.
  const slowFail = () => new Promise((resolve) => later(60, () => resolve(new Response('', { status: 503 }))));
  const slowOk = () => new Promise((resolve) => later(60, () => resolve(ok())));
  const iam = recorder(slowFail, slowOk);
  const result = await createClient({ credentials: CREDENTIALS, fetch: iam.fetch, timeoutMs: 100 }).updateAccessKey(PARAMS);
  assert.equal(result.attempts, 2);
});

test('already aborted: AbortError, and neither credentials nor fetch are touched', async () => {
  const controller = new AbortController();
  controller.abort();
  let provided = 0;
  const iam = recorder(ok);
  const client = createClient({ credentials: async () => { provided += 1; return CREDENTIALS; }, fetch: iam.fetch });
  const error = await client.updateAccessKey(PARAMS, { signal: controller.signal }).catch((e) => e);
  assert.ok(isAbortError(error), `${error}`);
  assert.ok(error instanceof DOMException);
  assert.equal(provided, 0);
  assert.equal(iam.calls.length, 0);
});

for (const [what, step] of [['waits on its signal', waitOnSignal], ['ignores its signal', ignoreSignal]]) {
  test(`abort during a fetch that ${what}: AbortError at once, no retry`, async () => {
    const controller = new AbortController();
    const iam = recorder(step);
    const retries = [];
    const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: (e) => retries.push(e) });
    later(20, () => controller.abort());
    const start = performance.now();
    const error = await client.updateAccessKey(PARAMS, { signal: controller.signal }).catch((e) => e);
    assert.ok(isAbortError(error), `${error}`);
    assert.ok(performance.now() - start < 1000);
    assert.equal(iam.calls.length, 1);
    assert.equal(iam.calls[0].signal.aborted, true);
    assert.equal(retries.length, 0);
  });
}

test('abort during the backoff wait: AbortError without waiting it out', async () => {
  const controller = new AbortController();
  const iam = recorder(() => new Response('', { status: 429 }));
  const original = Math.random;
  Math.random = () => 0.999; // a 499 ms throttling delay
  try {
    const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, onRetry: () => later(20, () => controller.abort()) });
    const start = performance.now();
    const error = await client.updateAccessKey(PARAMS, { signal: controller.signal }).catch((e) => e);
    assert.ok(isAbortError(error), `${error}`);
    assert.ok(performance.now() - start < 300, 'returned before the 499 ms delay');
    assert.equal(iam.calls.length, 1);
  } finally {
    Math.random = original;
  }
});

test('abort while an async credentials provider runs: AbortError, nothing sent', async () => {
  const controller = new AbortController();
  const iam = recorder(ok);
  const credentials = async () => {
    controller.abort();
    return CREDENTIALS;
  };
  const error = await createClient({ credentials, fetch: iam.fetch }).updateAccessKey(PARAMS, { signal: controller.signal }).catch((e) => e);
  assert.ok(isAbortError(error), `${error}`);
  assert.equal(iam.calls.length, 0, 'the request must not be sent after the caller aborted');
});

test('an abort with a custom reason still rejects with an AbortError', async () => {
  const controller = new AbortController();
  const iam = recorder(waitOnSignal);
  later(10, () => controller.abort(new Error('user closed the dialog')));
  const error = await createClient({ credentials: CREDENTIALS, fetch: iam.fetch }).updateAccessKey(PARAMS, { signal: controller.signal }).catch((e) => e);
  assert.ok(isAbortError(error), `${error}`);
});

test('an abort after the call finished changes nothing', async () => {
  const controller = new AbortController();
  const iam = recorder(ok);
  const result = await createClient({ credentials: CREDENTIALS, fetch: iam.fetch }).updateAccessKey(PARAMS, { signal: controller.signal });
  controller.abort();
  assert.equal(result.requestId, 'req-ok');
});

test('options must be an object and signal an AbortSignal, checked before any I/O', async () => {
  const iam = recorder(ok);
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  await assert.rejects(client.updateAccessKey(PARAMS, null), TypeError);
  await assert.rejects(client.updateAccessKey(PARAMS, 'fast'), TypeError);
  for (const signal of [null, 'abort', {}, { aborted: false }]) {
    const error = await client.updateAccessKey(PARAMS, { signal }).catch((e) => e);
    assert.ok(error instanceof ValidationError, `${error}`);
    assert.deepEqual(error.issues.map((i) => [i.field, i.rule]), [['signal', 'type']]);
  }
  assert.equal(iam.calls.length, 0);
  assert.equal((await client.updateAccessKey(PARAMS, {})).attempts, 1);
  assert.equal((await client.updateAccessKey(PARAMS, { signal: undefined })).attempts, 1);
});
