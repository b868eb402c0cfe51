// The client's retry loop against real answers: transient 5xx and throttling
// are retried up to maxAttempts with onRetry told about each failed attempt,
// and a 10-minute clock skew is corrected from the server's Date header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from 'keyflip';
import { KEYS, REQUEST_ID, assertNoSecrets, rejectsWithIam, useEndpoint } from './harness.js';

const e2e = useEndpoint();
const FLIP = { AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' };

function retryRecorder() {
  const events = [];
  return { events, onRetry: (event) => events.push(event) };
}

function assertRetryEvent(event, attempt, code, statusCode) {
  assert.equal(event.attempt, attempt);
  assert.ok(Number.isFinite(event.delayMs) && event.delayMs >= 0, `delayMs ${event.delayMs}`);
  assert.ok(event.error instanceof IamError, 'the failed attempt\'s IamError');
  assert.deepEqual([event.error.code, event.error.statusCode, event.error.attempts], [code, statusCode, attempt]);
  assertNoSecrets(event.error);
}

test('2 x 503, then success in 3 attempts; onRetry called for attempts 1 and 2', async () => {
  await e2e.control({ failNext: { count: 2, with: 503 } });
  const { events, onRetry } = retryRecorder();
  const client = e2e.client({ onRetry });
  const result = await client.updateAccessKey(FLIP);
  assert.equal(result.attempts, 3);
  assert.equal(result.statusCode, 200);
  assert.equal(result.requestId, client.last().requestId);
  assert.match(result.requestId, REQUEST_ID);
  assert.deepEqual(client.responses.map((r) => r.status), [503, 503, 200]);
  assert.equal(events.length, 2);
  assertRetryEvent(events[0], 1, 'ServiceUnavailable', 503);
  assertRetryEvent(events[1], 2, 'ServiceUnavailable', 503);
  assert.equal(events[0].error.requestId, client.responses[0].requestId);
  assert.equal((await e2e.state()).requests.byAction.UpdateAccessKey, 3);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Inactive');
});

test('3 x 503: an IamError after 3 attempts', async () => {
  await e2e.control({ failNext: { count: 3, with: 503 } });
  const { events, onRetry } = retryRecorder();
  const client = e2e.client({ onRetry });
  const error = await rejectsWithIam(client.updateAccessKey(FLIP), {
    name: 'ServiceUnavailable', code: 'ServiceUnavailable', statusCode: 503, type: 'Receiver',
    retryable: true, attempts: 3, message: 'The request has failed due to a temporary failure of the server.',
  });
  assert.equal(error.requestId, client.last().requestId);
  assert.deepEqual(events.map((e) => e.attempt), [1, 2]);
  assert.equal((await e2e.state()).requests.byAction.UpdateAccessKey, 3);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active', 'injected failures do not run the action');
});

test('Throttling is retried, then succeeds', async () => {
  await e2e.control({ failNext: { count: 2, with: 'Throttling' } });
  const { events, onRetry } = retryRecorder();
  const client = e2e.client({ onRetry });
  const result = await client.updateAccessKey(FLIP);
  assert.equal(result.attempts, 3);
  assert.deepEqual(client.responses.map((r) => r.status), [400, 400, 200]);
  assertRetryEvent(events[0], 1, 'Throttling', 400);
  assertRetryEvent(events[1], 2, 'Throttling', 400);
  assert.equal(events.length, 2);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Inactive');
});

test('a 10-minute clock skew is corrected automatically, and remembered by the client', async () => {
  await e2e.control({ clockOffsetSeconds: 600 });
  const { events, onRetry } = retryRecorder();
  const client = e2e.client({ onRetry });
  const first = await client.updateAccessKey(FLIP);
  assert.equal(first.attempts, 2);
  assert.deepEqual(client.responses.map((r) => r.status), [403, 200]);
  assert.equal(events.length, 1);
  assertRetryEvent(events[0], 1, 'SignatureDoesNotMatch', 403);
  assert.match(events[0].error.message, /^Signature expired: /);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Inactive');

  const second = await client.updateAccessKey({ ...FLIP, Status: 'Active' });
  assert.equal(second.attempts, 1, 'the learnt offset is used from the start');
  assert.equal(events.length, 1);
  assert.equal((await e2e.state()).requests.byAction.UpdateAccessKey, 3);
  assert.equal(await e2e.statusOf('alice', KEYS.alice2.accessKeyId), 'Active');
});
