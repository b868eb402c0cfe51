// How many requests a run keeps in flight, and how its progress reads, from
// the rate the client has learnt (the package's adaptive retry mode:
// client.sendingRate(), sends a second, null until IAM first throttled).
// The client's limiter does the pacing; the number in flight only needs to
// keep it busy without queueing the whole run behind it. Pure: the rate and
// the times are passed in (tests/web/pace.test.js).

/** In flight before IAM has throttled anything: the limiter then limits nothing. */
export const UNTHROTTLED_IN_FLIGHT = 16;
/** Never more in flight than this, whatever the rate. */
export const MAX_IN_FLIGHT = 32;

/**
 * Items to keep in flight: enough to send `rate` a second when an item takes
 * `secondsPerItem` (Little's law), plus one so the next is ready; at least 1.
 * rate null (nothing learnt yet): UNTHROTTLED_IN_FLIGHT.
 */
export function inFlightFor(rate, secondsPerItem) {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return UNTHROTTLED_IN_FLIGHT;
  const seconds = Number.isFinite(secondsPerItem) && secondsPerItem > 0 ? secondsPerItem : 1;
  return Math.min(MAX_IN_FLIGHT, Math.max(1, Math.ceil(rate * seconds) + 1));
}

/** "1 h 5 min", "2 min 10 s", "8 s". */
export function durationText(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * "120 of 200 keys done; IAM's pace: 9.6 requests/s (learnt); about 8 s left."
 * rate: the learnt rate or null; the estimate is from this run's own pace so
 * far (done / elapsed), none before the first item ends.
 */
export function progressText({ done, total, rate, inFlight, startedMs, nowMs }) {
  const parts = [`${done} of ${total} keys done`];
  parts.push(rate === null || rate === undefined
    ? `${inFlight} in flight, IAM has not throttled (no rate learnt yet)`
    : `IAM's pace: ${rate.toFixed(1)} requests/s (learnt from its throttling), ${inFlight} in flight`);
  const elapsed = nowMs - startedMs;
  if (done > 0 && done < total && elapsed > 0) parts.push(`about ${durationText(((total - done) * elapsed) / done)} left`);
  return `${parts.join('; ')}.`;
}

/**
 * A pace for one run with one client: limit() for runBounded (as many in
 * flight as the client's learnt rate allows, from the mean time an item took
 * so far) and timed(worker), the worker wrapped to measure that time.
 * inFlight: the last limit given, for progress lines.
 */
export function createPace(client, now = () => Date.now()) {
  let count = 0;
  let totalMs = 0;
  const pace = {
    inFlight: UNTHROTTLED_IN_FLIGHT,
    rate: () => client.sendingRate(),
    limit: () => {
      pace.inFlight = inFlightFor(client.sendingRate(), count ? totalMs / count / 1000 : undefined);
      return pace.inFlight;
    },
    timed: (worker) => async (...args) => {
      const startedMs = now();
      try {
        return await worker(...args);
      } finally {
        count += 1;
        totalMs += now() - startedMs;
      }
    },
  };
  return pace;
}
