// web/shared/run-bounded.js and web/review/bulk.js on their own: never more than the limit in flight, an outcome for
// every item (failures and cancels included), the signing key last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BULK_CONCURRENCY, runBounded } from '../../web/shared/run-bounded.js';
import { signingKeyLast } from '../../web/review/bulk.js';

const tick = () => new Promise((resolve) => { setImmediate(resolve); });

test('runs at most `limit` at once and returns results in item order', async () => {
  let running = 0;
  let peak = 0;
  const items = Array.from({ length: 13 }, (_, i) => i);
  const settled = [];
  const results = await runBounded(items, {
    limit: 3,
    worker: async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      for (let i = 0; i < (n % 4) + 1; i += 1) await tick();
      running -= 1;
      if (n === 7) throw new Error('seven failed');
      return n * 10;
    },
    onSettled: (result, done) => settled.push(done),
  });
  assert.equal(peak, 3);
  assert.deepEqual(results.map((r) => r.item), items);
  assert.deepEqual(results.filter((r) => r.ok).map((r) => r.value), items.filter((n) => n !== 7).map((n) => n * 10));
  assert.equal(results[7].ok, false);
  assert.equal(results[7].error.message, 'seven failed');
  assert.deepEqual(settled, items.map((n) => n + 1), 'onSettled counts every item once');
});

test('the default limit is small and positive', async () => {
  assert.ok(BULK_CONCURRENCY >= 2 && BULK_CONCURRENCY <= 8);
  await assert.rejects(runBounded([1], { limit: 0, worker: async () => {} }), /limit must be a positive integer/);
});

test('after an abort, items not started end as skipped; those running finish', async () => {
  const controller = new AbortController();
  const results = await runBounded([1, 2, 3, 4, 5], {
    limit: 2,
    signal: controller.signal,
    worker: async (n) => { if (n === 2) controller.abort(); await tick(); return n; },
  });
  assert.deepEqual(results.map((r) => (r.ok ? 'done' : r.skipped ? 'skipped' : 'failed')), ['done', 'done', 'skipped', 'skipped', 'skipped']);
});

test('an empty list is done at once', async () => {
  assert.deepEqual(await runBounded([], { worker: async () => { throw new Error('never'); } }), []);
});

test('the signing key goes last, the others keep their order', () => {
  const rows = ['A', 'SIGNER', 'B', 'C'].map((accessKeyId) => ({ accessKeyId }));
  assert.deepEqual(signingKeyLast(rows, 'SIGNER').map((r) => r.accessKeyId), ['A', 'B', 'C', 'SIGNER']);
  assert.deepEqual(signingKeyLast(rows, undefined).map((r) => r.accessKeyId), ['A', 'SIGNER', 'B', 'C']);
});

test('a limit given as a function is asked before each start: lowered, the running ones finish first; raised, more start', async () => {
  let running = 0;
  const peaks = [];
  let allowed = 4;
  const items = Array.from({ length: 30 }, (_, i) => i);
  const results = await runBounded(items, {
    limit: () => allowed,
    worker: async (n) => {
      running += 1;
      peaks[n] = running;
      if (n === 5) allowed = 1;
      if (n === 15) allowed = 6;
      for (let i = 0; i < 3; i += 1) await tick();
      running -= 1;
      return n;
    },
  });
  assert.equal(results.filter((r) => r.ok).length, 30);
  assert.ok(Math.max(...peaks.slice(0, 6)) <= 4);
  assert.ok(peaks.slice(9, 15).every((p) => p === 1), `one at a time once lowered (after the 4 running end): ${peaks}`);
  assert.equal(Math.max(...peaks.slice(16)), 6, 'six at once once raised');
  await assert.rejects(runBounded([1, 2], { limit: () => 0, worker: async () => {} }), /limit must be a positive integer, got 0/);
});
