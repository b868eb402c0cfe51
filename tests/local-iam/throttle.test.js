// IAM-like throttling: per-action token buckets answering 400 Throttling
// "Rate exceeded" in IAM's <ErrorResponse>, with documented defaults, a spec
// for the flag, the option and the rateLimits control, and no state change
// for a throttled request. The buckets are checked with a test clock; the
// endpoint with rates so low (0.001/s) that no token comes back mid-test.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatThrottleSpec, parseThrottleSpec, RateLimiter, THROTTLE_DEFAULTS } from '../../scripts/local-iam/throttle.js';
import { callIam, control, errorParts, KEYS, keyStatus, startTestEndpoint } from './iam-client.js';

function testClock() {
  const clock = () => clock.ms;
  clock.ms = 1000;
  return clock;
}

// How many requests of `action` pass in a row before the first refusal.
function passesInARow(limiter, action, limit = 10_000) {
  let n = 0;
  while (n < limit && limiter.take(action)) n += 1;
  return n;
}

test('the documented defaults: reads (List*/Get*) 20/s burst 40, writes 10/s burst 20', () => {
  assert.deepEqual(THROTTLE_DEFAULTS, { reads: { rate: 20, burst: 40 }, writes: { rate: 10, burst: 20 } });
  assert.equal(formatThrottleSpec(parseThrottleSpec('on')), 'reads=20:40,writes=10:20');
  const limiter = new RateLimiter('on', testClock());
  assert.equal(passesInARow(limiter, 'ListUsers'), 40);
  assert.equal(passesInARow(limiter, 'GetAccessKeyLastUsed'), 40);
  assert.equal(passesInARow(limiter, 'UpdateAccessKey'), 20);
  assert.equal(passesInARow(limiter, 'GenerateCredentialReport'), 20);
});

test('a bucket refills at its rate up to its burst, and each action has its own', () => {
  const clock = testClock();
  const limiter = new RateLimiter('reads=20:40,writes=10:20', clock);
  assert.equal(passesInARow(limiter, 'ListAccessKeys'), 40);
  assert.equal(limiter.take('ListAccessKeys'), false, 'empty');
  assert.equal(passesInARow(limiter, 'ListUsers'), 40, 'ListUsers has a bucket of its own');
  clock.ms += 49;
  assert.equal(limiter.take('ListAccessKeys'), false, 'under one token after 49 ms at 20/s');
  clock.ms += 1;
  assert.equal(passesInARow(limiter, 'ListAccessKeys'), 1, 'one token after 50 ms');
  clock.ms += 1000;
  assert.equal(passesInARow(limiter, 'ListAccessKeys'), 20, '20 after a second');
  clock.ms += 60_000;
  assert.equal(passesInARow(limiter, 'ListAccessKeys'), 40, 'never more than the burst');
  clock.ms += 100;
  assert.equal(passesInARow(limiter, 'UpdateAccessKey'), 20, 'writes: its burst');
  clock.ms += 100;
  assert.equal(passesInARow(limiter, 'UpdateAccessKey'), 1, 'writes refill at 10/s');
  assert.deepEqual(limiter.snapshot(), {
    spec: 'reads=20:40,writes=10:20',
    throttled: { total: 9, byAction: { ListAccessKeys: 6, ListUsers: 1, UpdateAccessKey: 2 } },
  });
});

test('the spec: per-class and per-action rates, off, and errors naming the part and the rule', () => {
  const clock = testClock();
  const custom = new RateLimiter('writes=1:3,UpdateAccessKey=0.5:2', clock);
  assert.equal(formatThrottleSpec(custom.config), 'reads=20:40,writes=1:3,UpdateAccessKey=0.5:2');
  assert.equal(passesInARow(custom, 'UpdateAccessKey'), 2);
  assert.equal(passesInARow(custom, 'CreateAccessKey'), 3);
  assert.equal(passesInARow(custom, 'ListUsers'), 40, 'reads keep the default');
  clock.ms += 2000;
  assert.equal(passesInARow(custom, 'UpdateAccessKey'), 1, '0.5/s: one token in 2 s');

  const off = new RateLimiter('off', clock);
  assert.equal(passesInARow(off, 'ListUsers', 5000), 5000);
  assert.equal(off.snapshot().spec, 'off');

  const bad = [
    ['', /must not be empty/],
    ['reads', /'reads' must be name=rate:burst/],
    ['reads=20', /reads must be rate:burst \(e\.g\. 20:40\), got '20'/],
    ['reads=0:40', /reads's rate must be above 0/],
    ['writes=10:0', /writes's burst must be 1-1000000, got '0'/],
    ['List Users=1:1', /must be name=rate:burst where name is reads, writes or an action name/],
    ['__proto__=1:1', /must be name=rate:burst/],
  ];
  for (const [spec, message] of bad) assert.throws(() => parseThrottleSpec(spec), message, spec);
  assert.throws(() => parseThrottleSpec(5), /throttle must be a string/);
});

test('invented action names cannot grow the buckets without bound', () => {
  const limiter = new RateLimiter('reads=1:1,writes=1:1', testClock());
  for (let i = 0; i < 5000; i++) limiter.take(`Made${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26) % 26)}${String.fromCharCode(65 + Math.floor(i / 676) % 26)}`);
  assert.ok(limiter.buckets.size <= 257, `${limiter.buckets.size} buckets`);
});

describe('an endpoint started with reads=0.001:3,writes=0.001:1', () => {
  let endpoint;
  before(async () => {
    endpoint = await startTestEndpoint({ throttle: 'reads=0.001:3,writes=0.001:1' });
  });
  after(() => endpoint.close());
  beforeEach(() => control(endpoint.url, { reset: true }));

  const disableAlice2 = () =>
    callIam(endpoint.url, { Action: 'UpdateAccessKey', UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' });
  const enableAlice2 = () =>
    callIam(endpoint.url, { Action: 'UpdateAccessKey', UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Active' });

  test('a request over the burst: 400 Throttling "Rate exceeded" in IAM\'s ErrorResponse, per action', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await callIam(endpoint.url, { Action: 'ListAccessKeys' })).status, 200, `request ${i + 1}`);
    const res = await callIam(endpoint.url, { Action: 'ListAccessKeys' });
    const e = errorParts(res);
    assert.deepEqual([e.status, e.rootOk, e.type, e.code, e.message], [400, true, 'Sender', 'Throttling', 'Rate exceeded']);
    assert.equal(e.headerRequestId, e.requestId);
    assert.equal((await callIam(endpoint.url, { Action: 'ListUsers' })).status, 200, 'another action, another bucket');
    const state = (await control(endpoint.url)).json;
    assert.deepEqual(state.rateLimits, { spec: 'reads=0.001:3,writes=0.001:1', throttled: { total: 1, byAction: { ListAccessKeys: 1 } } });
    assert.equal(state.requests.byAction.ListAccessKeys, 4, 'a throttled request is still a request received');
  });

  test('a throttled request changes nothing: no status change, no last use', async () => {
    assert.equal((await disableAlice2()).status, 200);
    const before = (await control(endpoint.url)).json;
    const lastUse = (s) => s.users.find((u) => u.userName === 'alice').accessKeys.find((k) => k.accessKeyId === KEYS.alice1.accessKeyId).lastUsed;
    const e = errorParts(await enableAlice2());
    assert.equal(e.code, 'Throttling');
    const afterThrottle = (await control(endpoint.url)).json;
    assert.equal(keyStatus(afterThrottle, KEYS.alice2.accessKeyId), 'Inactive', 'the update did not run');
    assert.deepEqual(lastUse(afterThrottle), lastUse(before), 'the signing key\'s last use did not move');
  });

  test('rateLimits changes the buckets at run time; reset restores the start configuration', async () => {
    assert.equal((await disableAlice2()).status, 200);
    assert.equal(errorParts(await enableAlice2()).code, 'Throttling');
    const off = await control(endpoint.url, { rateLimits: 'off' });
    assert.equal(off.status, 200);
    assert.equal(off.json.rateLimits.spec, 'off');
    assert.equal(off.json.rateLimits.throttled.total, 1, 'counts survive a change of rates');
    for (let i = 0; i < 10; i++) assert.equal((await callIam(endpoint.url, { Action: 'ListUsers' })).status, 200);
    assert.equal((await enableAlice2()).status, 200);

    const on = await control(endpoint.url, { rateLimits: 'on' });
    assert.equal(on.json.rateLimits.spec, 'reads=20:40,writes=10:20');
    const custom = await control(endpoint.url, { rateLimits: 'UpdateAccessKey=0.001:1' });
    assert.equal(custom.json.rateLimits.spec, 'reads=20:40,writes=10:20,UpdateAccessKey=0.001:1');
    assert.equal((await disableAlice2()).status, 200);
    assert.equal(errorParts(await enableAlice2()).code, 'Throttling');

    const reset = await control(endpoint.url, { reset: true });
    assert.deepEqual(reset.json.rateLimits, { spec: 'reads=0.001:3,writes=0.001:1', throttled: { total: 0, byAction: {} } });
  });

  test('a bad rateLimits control is refused, naming the rule, and changes nothing', async () => {
    for (const [value, message] of [
      ['reads=1', /rateLimits: throttle: reads must be rate:burst/],
      [7, /rateLimits: throttle must be a string/],
      ['fast', /'fast' must be name=rate:burst/],
    ]) {
      const res = await control(endpoint.url, { rateLimits: value });
      assert.equal(res.status, 400, JSON.stringify(value));
      assert.match(res.json.error, message);
    }
    assert.equal((await control(endpoint.url)).json.rateLimits.spec, 'reads=0.001:3,writes=0.001:1');
  });
});

test('in-process endpoints are not throttled unless asked', async (t) => {
  const endpoint = await startTestEndpoint();
  t.after(() => endpoint.close());
  assert.equal((await control(endpoint.url)).json.rateLimits.spec, 'off');
  const answers = await Promise.all(Array.from({ length: 60 }, () => callIam(endpoint.url, { Action: 'ListUsers' })));
  assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
});
