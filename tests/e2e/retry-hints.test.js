// The rest of the standard retry mode against the local endpoint: its
// retry-after / x-amz-retry-after hints set the wait (capped at 20 s),
// LimitExceeded (HTTP 409) is never retried, and the client's retry quota
// drains over many failing calls and is refilled by successes.
// Needs the endpoint's failNext { with: "LimitExceeded", retryAfter, amzRetryAfterMs }.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from 'keyflip';
import { KEYS, assertNoSecrets, useEndpoint } from './harness.js';
import { withRandom } from '../js/with-random.js';

const e2e = useEndpoint();
const FLIP = { AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' };

function recorded(config = {}) {
  const events = [];
  const client = e2e.client({ onRetry: (event) => events.push(event), ...config });
  return { client, events };
}

test('Retry-After in seconds: the client waits the hint and onRetry says so', async () => {
  await e2e.control({ failNext: { count: 1, with: 'Throttling', retryAfter: '1' } });
  const { client, events } = recorded();
  const started = performance.now();
  const result = await withRandom(0, () => client.updateAccessKey(FLIP));
  assert.equal(result.attempts, 2);
  assert.equal(events[0].delayMs, 1000);
  assert.ok(performance.now() - started >= 990);
  assert.deepEqual(client.responses.map((r) => r.status), [400, 200]);
});

test('Retry-After as an HTTP date', async () => {
  // Two seconds after the server's own clock (its Date header is the reference).
  const at = new Date(Date.now() + e2e.clockOffsetSeconds * 1000 + 2500).toUTCString();
  await e2e.control({ failNext: { count: 1, with: 503, retryAfter: at } });
  const { client, events } = recorded();
  await withRandom(0, () => client.updateAccessKey(FLIP));
  assert.ok(events[0].delayMs >= 1000 && events[0].delayMs <= 3000, `delayMs ${events[0].delayMs}`);
});

test('x-amz-retry-after in milliseconds, and a hint above 20 s is capped', async () => {
  await e2e.control({ failNext: { count: 1, with: 500, amzRetryAfterMs: 300 } });
  let { client, events } = recorded();
  await withRandom(0, () => client.updateAccessKey(FLIP));
  assert.equal(events[0].delayMs, 300);

  await e2e.control({ failNext: { count: 1, with: 503, amzRetryAfterMs: 600000 } });
  const controller = new AbortController();
  ({ client, events } = recorded({ onRetry: (event) => { events.push(event); controller.abort(); } }));
  const error = await client.updateAccessKey(FLIP, { signal: controller.signal }).catch((e) => e);
  assert.equal(error.name, 'AbortError');
  assert.equal(events[0].delayMs, 20000);
});

test('LimitExceeded (HTTP 409) is not retried, even with a hint', async () => {
  await e2e.control({ failNext: { count: 1, with: 'LimitExceeded', retryAfter: '0' } });
  const { client, events } = recorded();
  const error = await client.updateAccessKey(FLIP).catch((e) => e);
  assert.ok(error instanceof IamError);
  assert.deepEqual([error.code, error.statusCode, error.attempts], ['LimitExceeded', 409, 1]);
  assert.equal(events.length, 0);
  assertNoSecrets(error);
  assert.equal((await e2e.state()).requests.byAction.UpdateAccessKey, 1);
});

test('the retry quota drains over many failing calls, and successes refill it', async () => {
  const { client, events } = recorded();
  await e2e.control({ failNext: { count: 151, with: 503 } });
  await withRandom(0, async () => {
    for (let call = 0; call < 50; call += 1) assert.equal((await client.updateAccessKey(FLIP).catch((e) => e)).attempts, 3, `call ${call}`);
    const drained = await client.updateAccessKey(FLIP).catch((e) => e);
    assert.equal(drained.attempts, 1, 'the quota cannot pay: no retry');
    assert.equal(drained.code, 'ServiceUnavailable');
    assert.equal(events.length, 100);
    await e2e.control({ failNext: { count: 0, with: 503 } });
    for (let call = 0; call < 5; call += 1) assert.equal((await client.updateAccessKey(FLIP)).attempts, 1);
    await e2e.control({ failNext: { count: 1, with: 503 } });
    assert.equal((await client.updateAccessKey(FLIP)).attempts, 2, '5 tokens back: one retry again');
  });
});
