// Several keys at once: a bounded number of requests in flight, every item
// ending with an outcome. Throttling is left to the client's retries and
// retry quota (the package's); this only bounds how many run at a time.
// Pure: the work is injected (tests/web/bulk.test.js).

/** How many keys are changed at once: enough to be quick, few enough not to provoke throttling. */
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

/**
 * The order to change keys in: the key signing the page's own requests last,
 * so turning it off cannot stop the others from being sent.
 */
export function signingKeyLast(rows, signingKeyId) {
  return [...rows.filter((row) => row.accessKeyId !== signingKeyId), ...rows.filter((row) => row.accessKeyId === signingKeyId)];
}
