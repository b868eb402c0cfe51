// createClient({ retryMode: 'adaptive' }): the AWS SDKs' client-side rate
// limiter on top of the standard retries, on a mocked clock with an injected
// fetch that throttles like IAM (a token bucket, HTTP 400 Throttling "Rate
// exceeded"): off until throttled, the rate drops on throttling and recovers,
// and sends never run ahead of the learnt rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, init, ValidationError } from 'keyflip';
import { loadCore } from '../../wasm/js/core.js';
import { mockClock } from './mock-clock.js';
import { withRandom } from './with-random.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const OK_XML = `<GetUserResponse xmlns="${XMLNS}"><GetUserResult><User><Path>/</Path><UserName>alice</UserName><UserId>AIDAALICE0000000001</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn><CreateDate>2020-01-02T03:04:05Z</CreateDate></User></GetUserResult><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></GetUserResponse>`;
const THROTTLED_XML = `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-throttled</RequestId></ErrorResponse>`;

/** IAM's throttle: a token bucket, `rate` a second, `burst` deep; answers after latencyMs. */
function throttlingIam({ rate, burst = rate, latencyMs = 0 }) {
  let tokens = burst;
  let last = Date.now();
  const sends = []; // { at, throttled, rate: the client's rate in force when it sent }
  const iam = { sends, rateOf: () => null };
  iam.fetch = async () => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
    last = now;
    const throttled = tokens < 1;
    if (!throttled) tokens -= 1;
    sends.push({ at: now, throttled, rate: iam.rateOf() });
    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return new Response(throttled ? THROTTLED_XML : OK_XML, { status: throttled ? 400 : 200, headers: { date: new Date().toUTCString() } });
  };
  return iam;
}

/**
 * Sends that ran ahead of the limit: a window of windowMs from each send
 * (after `from`) holding more sends than a full bucket plus the window's
 * refill allow at the highest rate in force in it (capacity = the rate).
 */
function aheadOfTheRate(sends, from, windowMs = 1000) {
  const after = sends.filter((s) => s.at >= from);
  const over = [];
  for (let i = 0; i < after.length; i += 1) {
    let j = i;
    let rate = 0;
    while (j < after.length && after[j].at - after[i].at < windowMs) rate = Math.max(rate, after[j++].rate ?? Infinity);
    const allowed = rate + (rate * windowMs) / 1000;
    if (j - i > allowed + 1e-9) over.push({ at: after[i].at, sends: j - i, allowed });
  }
  return over;
}

test('retryMode: "standard" (default) or "adaptive"; anything else is a ValidationError', async () => {
  const fetch = async () => { throw new Error('not called'); };
  assert.equal(createClient({ credentials: CREDENTIALS, fetch }).sendingRate(), null);
  assert.equal(createClient({ credentials: CREDENTIALS, fetch, retryMode: 'adaptive' }).sendingRate(), null);
  for (const retryMode of ['legacy', 'Adaptive', 1, null]) {
    assert.throws(() => createClient({ credentials: CREDENTIALS, fetch, retryMode }), (error) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(error.issues.map((i) => [i.field, i.rule]), [['retryMode', 'enum']]);
      assert.match(error.issues[0].message, /^retryMode: must be one of 'standard', 'adaptive', got /);
      return true;
    });
  }
});

test('off until the first throttle: nothing is held back', async (t) => {
  await init();
  const clock = mockClock(t, T0);
  const iam = throttlingIam({ rate: 1000 });
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, retryMode: 'adaptive' });
  await clock.run(Promise.all(Array.from({ length: 50 }, () => client.getUser())));
  assert.equal(iam.sends.length, 50);
  assert.ok(iam.sends.every((s) => s.at === T0)); // all at once: no wait
  assert.equal(client.sendingRate(), null);
});

test('a throttle turns it on and cuts the rate; answers without throttling bring it back up', async (t) => {
  await init();
  const clock = mockClock(t, T0);
  // 20 a second for 3 s (all fine), then one Throttling, then fine again.
  let throttleNext = false;
  const sends = [];
  const fetch = async () => {
    const throttled = throttleNext;
    throttleNext = false;
    sends.push(Date.now());
    return new Response(throttled ? THROTTLED_XML : OK_XML, { status: throttled ? 400 : 200, headers: { date: new Date().toUTCString() } });
  };
  const client = createClient({ credentials: CREDENTIALS, fetch, retryMode: 'adaptive' });
  const paced = async (count, everyMs) => {
    for (let i = 0; i < count; i += 1) {
      await client.getUser();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };
  await clock.run(paced(60, 50));
  assert.equal(client.sendingRate(), null);
  throttleNext = true;
  await clock.run(withRandom(0, () => client.getUser())); // throttled, retried at once (random 0), fine
  const cut = client.sendingRate();
  assert.equal(typeof cut, 'number');
  assert.ok(cut > 10 && cut < 16, `cut to ${cut}/s: 0.7 x about 20/s`);
  // Keep asking: the rate climbs back along the cubic curve, past where it was cut.
  const rates = [];
  for (let s = 0; s < 6; s += 1) {
    await clock.run(paced(20, 0), { stepMs: 5 });
    rates.push(client.sendingRate());
  }
  assert.ok(rates.every((r, i) => i === 0 || r >= rates[i - 1]), `not climbing: ${rates}`);
  assert.ok(rates.at(-1) > cut, `${rates.at(-1)} not above ${cut}`);
});

test('against a throttling IAM: learns its pace, few throttles, never runs ahead of the learnt rate', async (t) => {
  await init();
  const clock = mockClock(t, T0);
  const iam = throttlingIam({ rate: 10, burst: 10, latencyMs: 40 });
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, retryMode: 'adaptive', maxAttempts: 10 });
  iam.rateOf = () => client.sendingRate();
  let done = 0;
  let failed = 0;
  const total = 400;
  const worker = async () => {
    while (done + failed < total) {
      done += 1;
      try {
        await client.getUser();
      } catch {
        done -= 1;
        failed += 1;
      }
    }
  };
  await clock.run(withRandom(0.5, () => Promise.all(Array.from({ length: 16 }, worker))), { stepMs: 5, maxMs: 600_000 });
  assert.equal(failed, 0);
  const firstThrottle = iam.sends.find((s) => s.throttled).at;
  const late = iam.sends.filter((s) => s.at >= T0 + 10_000);
  const lateSeconds = (iam.sends.at(-1).at - (T0 + 10_000)) / 1000;
  const lateRate = late.filter((s) => !s.throttled).length / lateSeconds;
  const throttledShare = late.filter((s) => s.throttled).length / late.length;
  assert.ok(lateRate > 0.75 * 10 && lateRate <= 10.5, `${lateRate.toFixed(2)}/s done against 10/s`);
  assert.ok(throttledShare < 0.1, `${(throttledShare * 100).toFixed(1)} % throttled`);
  // Once limiting, no second holds more sends than the rates in force allow.
  assert.equal(iam.sends.filter((s) => s.at > firstThrottle && s.rate === null).length, 0);
  assert.deepEqual(aheadOfTheRate(iam.sends, firstThrottle + 1), []);
  // and it finishes near the ideal: 400 at 10/s is 40 s.
  assert.ok(iam.sends.at(-1).at - T0 < 40_000 / 0.85, `${iam.sends.at(-1).at - T0} ms`);
});

test('a caller waiting for a token is stoppable: the signal\'s reason, and nothing sent', async (t) => {
  await init();
  const clock = mockClock(t, T0);
  const iam = throttlingIam({ rate: 0.001, burst: 1 }); // one answer fine, then Throttling
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch, retryMode: 'adaptive', maxAttempts: 1 });
  await clock.run(client.getUser());
  await assert.rejects(clock.run(client.getUser()), { code: 'Throttling' });
  assert.ok(client.sendingRate() <= 0.5 + 1e-9, `rate ${client.sendingRate()}`); // the minimum: 0.5/s
  // Empty the bucket, then wait on it and abort.
  const sent = iam.sends.length;
  const controller = new AbortController();
  const pending = Promise.allSettled([client.getUser({}, { signal: controller.signal }), client.getUser({}, { signal: controller.signal })]);
  await clock.settle();
  controller.abort();
  const results = await clock.run(pending);
  const aborted = results.filter((r) => r.status === 'rejected' && r.reason?.name === 'AbortError');
  assert.ok(aborted.length >= 1, JSON.stringify(results.map((r) => r.status)));
  assert.equal(iam.sends.length - sent, results.length - aborted.length);
});

test('waiting attempts go first come, first served, with one core call per token, not per waiter', async (t) => {
  await init();
  const core = await loadCore();
  const acquire = core.adaptiveAcquire;
  let asked = 0;
  t.after(() => { core.adaptiveAcquire = acquire; });
  core.adaptiveAcquire = (...args) => { asked += 1; return acquire.apply(core, args); };
  const clock = mockClock(t, T0);
  let throttleNext = true;
  const order = [];
  const fetch = async (_url, init) => {
    const throttled = throttleNext;
    throttleNext = false;
    order.push(new URLSearchParams(init.body).get('UserName'));
    return new Response(throttled ? THROTTLED_XML : OK_XML, { status: throttled ? 400 : 200, headers: { date: new Date().toUTCString() } });
  };
  const client = createClient({ credentials: CREDENTIALS, fetch, retryMode: 'adaptive', maxAttempts: 1 });
  await assert.rejects(clock.run(client.getUser({ UserName: 'first' })), { code: 'Throttling' });
  const rate = client.sendingRate();
  assert.ok(rate <= 1, `rate ${rate}`); // nothing measured yet: the minimum, 0.5 a second
  order.length = 0;
  asked = 0;
  const names = Array.from({ length: 40 }, (_, i) => `u${i}`);
  await clock.run(Promise.all(names.map((UserName) => client.getUser({ UserName }))), { stepMs: 50 });
  assert.deepEqual(order, names);
  // Each token: the head asks, waits, asks again (and the next head asks once
  // at the same instant); 40 waiters asking at each token would be about 800.
  assert.ok(asked <= 3 * names.length, `${asked} core calls for ${names.length} sends`);
});
