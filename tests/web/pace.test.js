// web/shared/pace.js on its own: requests in flight follow the learnt rate,
// and the progress line says done / total, the rate and the time left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_IN_FLIGHT, UNTHROTTLED_IN_FLIGHT, createPace, durationText, inFlightFor, progressText } from '../../web/shared/pace.js';

test('in flight: the unthrottled number until a rate is learnt, then rate × seconds per item + 1, within [1, MAX]', () => {
  assert.equal(inFlightFor(null, 0.2), UNTHROTTLED_IN_FLIGHT);
  assert.equal(inFlightFor(10, 0.25), 4); // ceil(2.5) + 1
  assert.equal(inFlightFor(2, 0.25), 2);
  assert.equal(inFlightFor(0.5, 0.1), 2);
  assert.equal(inFlightFor(1000, 5), MAX_IN_FLIGHT);
  assert.equal(inFlightFor(5, Number.NaN), 6, 'an unknown time per item counts as 1 s');
  assert.ok(inFlightFor(7, 0.5) < inFlightFor(14, 0.5), 'a faster learnt rate keeps more in flight');
});

test('progress: done / total, the rate, and the time left from the pace so far', () => {
  assert.equal(progressText({ done: 0, total: 200, rate: null, inFlight: 16, startedMs: 0, nowMs: 500 }),
    '0 of 200 keys done; 16 in flight, IAM has not throttled (no rate learnt yet).');
  assert.equal(progressText({ done: 50, total: 200, rate: 9.64, inFlight: 4, startedMs: 0, nowMs: 10_000 }),
    '50 of 200 keys done; IAM\'s pace: 9.6 requests/s (learnt from its throttling), 4 in flight; about 30 s left.');
  assert.doesNotMatch(progressText({ done: 200, total: 200, rate: 9, inFlight: 4, startedMs: 0, nowMs: 9000 }), /left/);
  assert.equal(durationText(130_000), '2 min 10 s');
  assert.equal(durationText(3_900_000), '1 h 5 min');
});

test('a pace follows its client\'s learnt rate and the measured time per item', async () => {
  let rate = null;
  let clock = 0;
  const pace = createPace({ sendingRate: () => rate }, () => clock);
  assert.equal(pace.limit(), UNTHROTTLED_IN_FLIGHT);
  const work = pace.timed(async (ms) => { clock += ms; return ms; });
  assert.equal(await work(500), 500);
  await work(500);
  rate = 8;
  assert.equal(pace.limit(), 5); // ceil(8 × 0.5) + 1
  assert.equal(pace.inFlight, 5);
  rate = 2;
  assert.equal(pace.limit(), 2);
  await assert.rejects(pace.timed(async () => { clock += 1500; throw new Error('refused'); })(), /refused/);
  assert.equal(pace.limit(), 3, 'a failed item is timed too: mean 0.833 s, ceil(2 × 0.833) + 1');
});
