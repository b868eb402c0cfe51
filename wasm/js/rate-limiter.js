// The adaptive retry mode's client-side rate limiter, for createClient({
// retryMode: 'adaptive' }): one per client, shared by all its calls. The
// state is the core's (retry/adaptive_rate.h), held here between calls and
// never read but for the rate it reports; every decision (send now, or ask
// again after how long; how an answer moves the rate) is made in C++. This
// file only keeps the state, reads the clock, queues and waits.
import { callCore } from './core.js';

/**
 * @param {object} io the client's abortable wait and its abort error
 * @param {(ms: number, signal?: AbortSignal) => Promise<void>} io.sleep
 * @param {(signal: AbortSignal) => Error} io.abortError
 */
export function createRateLimiter({ sleep, abortError }) {
  let state = null;
  let rate = null; // sends a second in force; null while not limiting
  // Attempts wait their turn in order: only the first asks the core (after
  // each wait, so a rate cut meanwhile applies to it), the others wait for
  // it. First come, first served, and one core call per token, not one per
  // waiting attempt.
  let queue = Promise.resolve();

  function ensureStarted(core) {
    if (state === null) ({ state, rate } = callCore(core, 'adaptiveStart', { nowMs: Date.now() }));
  }

  async function untilGranted(core, signal) {
    if (signal?.aborted) throw abortError(signal); // gave up while queued: takes no token
    ensureStarted(core);
    for (;;) {
      const out = callCore(core, 'adaptiveAcquire', { state, nowMs: Date.now() });
      ({ state, rate } = out);
      if (out.granted) return;
      await sleep(out.waitMs, signal);
    }
  }

  return {
    /** Waits until this attempt may be sent; an abort rejects at once with the signal's reason. */
    take(core, signal) {
      const turn = queue.then(() => untilGranted(core, signal));
      queue = turn.catch(() => {});
      if (!signal) return turn;
      // Leave the queue at once on abort (the turn, when it comes, sees the
      // abort and takes nothing).
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(abortError(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
        if (signal.aborted) onAbort();
      });
    },
    /** An attempt ended; throttled: the core classified its answer as throttling. */
    record(core, throttled) {
      ensureStarted(core);
      ({ state, rate } = callCore(core, 'adaptiveRecord', { state, nowMs: Date.now(), throttled }));
    },
    /** The learnt rate in sends a second, or null while nothing was throttled (no limit). */
    rate: () => rate,
  };
}
