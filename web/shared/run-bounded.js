// Many requests at once, a bounded number in flight, every item ending with
// a result: the keys table's reads and the bulk runs. Throttling is left to
// the client (its adaptive rate, retries and retry quota: the package's);
// this only bounds how many run at a time, a fixed number or what the
// learnt rate allows at each start (pace.js). Pure: the work is injected (tests/web/bulk-runner.test.js).

/** How many requests run at once when the caller gives no limit: enough to be quick, few enough not to provoke throttling. */
export const BULK_CONCURRENCY = 4;

/**
 * Runs worker(item, index) for each item with at most `limit` running at once.
 * limit: a whole number, or a function asked before each start (what a
 * learnt rate allows now, see pace.js); a lower answer lets the running ones
 * finish, a higher one starts more at once.
 * Never rejects: resolves to one result per item, in item order:
 * { item, ok: true, value } | { item, ok: false, error } | { item, ok: false, skipped: true }
 * (skipped: never started, because signal aborted first). onSettled(result,
 * doneCount) is called as each one ends.
 */
export function runBounded(items, { limit = BULK_CONCURRENCY, worker, onSettled = () => {}, signal } = {}) {
  const checked = (value) => {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`limit must be a positive integer, got ${value}`);
    return value;
  };
  const limitNow = typeof limit === 'function' ? () => checked(limit()) : () => limit;
  try {
    if (typeof limit !== 'function') checked(limit);
  } catch (error) {
    return Promise.reject(error);
  }
  const results = new Array(items.length);
  let next = 0;
  let done = 0;
  let running = 0;
  return new Promise((resolve, reject) => {
    const settle = (index, result) => {
      results[index] = result;
      done += 1;
      onSettled(result, done);
    };
    const pump = () => {
      try {
        while (next < items.length && (signal?.aborted || running < limitNow())) {
          const index = next++;
          const item = items[index];
          if (signal?.aborted) {
            settle(index, { item, ok: false, skipped: true });
            continue;
          }
          running += 1;
          Promise.resolve()
            .then(() => worker(item, index))
            .then((value) => settle(index, { item, ok: true, value }), (error) => settle(index, { item, ok: false, error }))
            .finally(() => { running -= 1; pump(); });
        }
        if (done === items.length) resolve(results);
      } catch (error) {
        reject(error);
      }
    };
    pump();
  });
}
