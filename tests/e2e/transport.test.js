// What the network and the things in front of IAM do: slow answers, dropped
// connections, cut-off XML, a proxy's HTML page, and the caller giving up
// through an AbortSignal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError, NetworkError, TimeoutError } from 'keyflip';
import { KEYS, assertNoSecrets, rejectsWithIam, sleep, useEndpoint } from './harness.js';

const e2e = useEndpoint();
const FLIP = { AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' };
// Requests the server may still carry out after the client gave up on them
// change nothing: the key is Active already.
const HARMLESS = { AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Active' };

async function rejection(promise) {
  let error;
  await assert.rejects(promise, (e) => {
    error = e;
    return true;
  });
  assertNoSecrets(error);
  return error;
}

const updateCount = async () => (await e2e.state()).requests.byAction.UpdateAccessKey ?? 0;

test('an answer slower than timeoutMs gives a TimeoutError', async () => {
  await e2e.control({ delayNextMs: 1500 });
  const client = e2e.client({ timeoutMs: 250, maxAttempts: 1 });
  const started = Date.now();
  const error = await rejection(client.updateAccessKey(HARMLESS));
  assert.ok(error instanceof TimeoutError, `got ${error}`);
  assert.equal(error.name, 'TimeoutError');
  assert.equal(error.attempts, 1);
  assert.match(error.message, /250 ms/);
  assert.ok(Date.now() - started < 1200, 'gave up at the timeout, not when the server answered');
  assert.equal(client.responses.length, 0);
  assert.equal(await updateCount(), 1);
});

test('a connection reset gives a NetworkError', async () => {
  await e2e.control({ resetNext: true });
  const client = e2e.client({ maxAttempts: 1 });
  const error = await rejection(client.updateAccessKey(FLIP));
  assert.ok(error instanceof NetworkError, `got ${error}`);
  assert.equal(error.name, 'NetworkError');
  assert.equal(error.attempts, 1);
  assert.ok(error.cause, 'the fetch failure is kept as the cause');
  assert.match(error.message, /^the request to IAM failed before an answer arrived: connection reset \(/, 'the message names the cause');
  assert.equal(await updateCount(), 1);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});

test('a connection reset is retried to success with maxAttempts 2', async () => {
  await e2e.control({ resetNext: true });
  const events = [];
  const client = e2e.client({ maxAttempts: 2, onRetry: (event) => events.push(event) });
  const result = await client.updateAccessKey(FLIP);
  assert.equal(result.attempts, 2);
  assert.equal(result.statusCode, 200);
  assert.equal(result.requestId, client.last().requestId);
  assert.equal(events.length, 1);
  assert.equal(events[0].attempt, 1);
  assert.ok(events[0].error instanceof NetworkError);
  assert.equal(events[0].error.attempts, 1);
  assertNoSecrets(events[0].error);
  assert.equal(await updateCount(), 2);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Inactive');
});

test('truncated XML gives an IamError with the HTTP status and the body\'s start', async () => {
  await e2e.control({ truncateNext: true });
  const client = e2e.client({ maxAttempts: 1 });
  const error = await rejectsWithIam(client.updateAccessKey(FLIP), { statusCode: 200, type: '', retryable: false, attempts: 1 });
  assert.match(error.message, /HTTP 200/);
  assert.ok(error.message.includes('<UpdateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'), error.message);
  assert.equal(client.last().status, 200);
  // The XML's RequestId was cut off: the x-amzn-RequestId header still identifies the request.
  assert.ok(client.last().requestId);
  assert.equal(error.requestId, client.last().requestId);
  // The action ran; only its answer was cut.
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Inactive');
});

test('an HTML proxy page gives an IamError with the HTTP status and the body\'s start', async () => {
  await e2e.control({ htmlNext: true });
  const client = e2e.client({ maxAttempts: 1 });
  const error = await rejectsWithIam(client.updateAccessKey(FLIP), { statusCode: 502, type: '', retryable: true, attempts: 1 });
  assert.match(error.message, /HTTP 502/);
  assert.ok(error.message.includes('<html>'), error.message);
  assert.ok(error.message.includes('<head><title>502 Bad Gateway</title></head>'), error.message);
  assert.equal(error.requestId, client.last().requestId ?? '');
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});

test('an AbortSignal aborted mid-request rejects with an AbortError; no further attempts', async () => {
  await e2e.control({ delayNextMs: 1500 });
  const client = e2e.client({ maxAttempts: 3 });
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 200);
  const error = await rejection(client.updateAccessKey(HARMLESS, { signal: controller.signal }));
  assert.ok(error instanceof DOMException, `got ${error}`);
  assert.equal(error.name, 'AbortError');
  assert.ok(Date.now() - started < 1200, 'rejected at the abort, not when the server answered');
  await sleep(300); // longer than any first backoff: a retry would have been sent by now
  const state = await e2e.state();
  assert.equal(state.requests.total, 1);
  assert.equal(state.requests.byAction.UpdateAccessKey, 1);
  await e2e.settle(); // the delayed request finishes on the server
  assert.equal(await updateCount(), 1);

  // Aborted while waiting to retry: the wait ends at once, nothing more is sent.
  await e2e.control({ reset: true, failNext: { count: 3, with: 503 } });
  const waiting = new AbortController();
  const retrying = e2e.client({ maxAttempts: 3, onRetry: () => waiting.abort() });
  const duringBackoff = await rejection(retrying.updateAccessKey(FLIP, { signal: waiting.signal }));
  assert.ok(duringBackoff instanceof DOMException);
  assert.equal(duringBackoff.name, 'AbortError');
  await sleep(300);
  assert.equal(await updateCount(), 1);

  // Already aborted: nothing is sent at all.
  await e2e.control({ reset: true });
  const early = await rejection(client.updateAccessKey(FLIP, { signal: AbortSignal.abort() }));
  assert.equal(early.name, 'AbortError');
  assert.ok(!(early instanceof IamError));
  assert.equal(await updateCount(), 0);
});
