// The adaptive retry mode's client-side rate limiter, for createClient({
// retryMode: 'adaptive' }): one per client, shared by all its calls. The
// state is the core's (retry/adaptive_rate.h), held here between calls and
// never read but for the rate it reports; every decision (send now, or ask
// again after how long; how an answer moves the rate) is made in C++. This
// file only keeps the state, reads the clock and waits.
import { callCore } from './core.js';

/**
 * @param {(ms: number, signal?: AbortSignal) => Promise<void>} sleep the client's abortable wait
 */
export function createRateLimiter(sleep) {
  let state = null;
  let rate = null; // sends a second in force; null while not limiting

  function ensureStarted(core) {
    if (state === null) ({ state, rate } = callCore(core, 'adaptiveStart', { nowMs: Date.now() }));
  }

  return {
    /**
     * Waits until the limiter grants this attempt a token. Asks again after
     * each wait, so a rate cut meanwhile applies to callers already waiting;
     * an abort rejects with the signal's reason.
     */
    async take(core, signal) {
      ensureStarted(core);
      for (;;) {
        const out = callCore(core, 'adaptiveAcquire', { state, nowMs: Date.now() });
        ({ state, rate } = out);
        if (out.granted) return;
        await sleep(out.waitMs, signal);
      }
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
