// Many requests at once, a bounded number in flight, every item ending with
// a result: the keys table's reads and the bulk runs. Throttling is left to
// the client's retries and retry quota (the package's); this only bounds how
// many run at a time. Pure: the work is injected (tests/web/bulk-runner.test.js).

/** How many requests run at once: enough to be quick, few enough not to provoke throttling. */
export const BULK_CONCURRENCY = 4;

/**
 * Runs worker(item, index) for each item with at most `limit` running at once.
 * Never rejects: resolves to one result per item, in item order:
 * { item, ok: true, value } | { item, ok: false, error } | { item, ok: false, skipped: true }
 * (skipped: never started, because signal aborted first). onSettled(result,
 * doneCount) is called as each one ends.
 */
export async function runBounded(items, { limit = BULK_CONCURRENCY, worker, onSettled = () => {}, signal } = {}) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const results = new Array(items.length);
  let next = 0;
  let done = 0;
  const settle = (index, result) => {
    results[index] = result;
    done += 1;
    onSettled(result, done);
  };
  async function lane() {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (signal?.aborted) {
        settle(index, { item, ok: false, skipped: true });
        continue;
      }
      try {
        settle(index, { item, ok: true, value: await worker(item, index) });
      } catch (error) {
        settle(index, { item, ok: false, error });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
