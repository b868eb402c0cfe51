// IAM's throttling, as AWS describes it: token buckets per API, a request
// that finds its bucket empty answered HTTP 400 Throttling "Rate exceeded"
// (the shared IAM facts, "Throttling"). AWS publishes no rates; the defaults
// below are the practitioners' figures (reads 15-40/s) and are written here
// only. A bucket holds at most `burst` tokens, refills at `rate` tokens a
// second and starts full; each request takes one.
//
// The configuration is a text spec, the same for the --throttle flag, the
// programmatic `throttle` option and the test-mode `rateLimits` control:
//   "on"                       the defaults
//   "off"                      no throttling
//   "reads=20:40,writes=10:20" rate:burst for the List*/Get* actions and the
//                              others; either may be left out (default kept)
//   "UpdateAccessKey=2:4"      one action's own rate:burst (any action name),
//                              combinable with the above
// Every action has its own bucket: ListUsers and ListAccessKeys do not share.

export const THROTTLE_DEFAULTS = Object.freeze({
  reads: Object.freeze({ rate: 20, burst: 40 }),
  writes: Object.freeze({ rate: 10, burst: 20 }),
});

// Action names from requests are untrusted: only plain names get a bucket of
// their own, and only this many distinct ones (the rest share one), so a
// stream of invented names cannot grow memory.
const ACTION_NAME = /^[A-Za-z]{1,64}$/;
const MAX_BUCKETS = 256;
const OTHER = '(other)';
const RATE_BURST = /^(\d+(?:\.\d+)?):(\d+)$/;
const MAX_BURST = 1_000_000;

export class ThrottleSpecError extends Error {}

// IAM's read calls: List* and Get*. Everything else (UpdateAccessKey,
// CreateAccessKey, GenerateCredentialReport, ...) counts as a write.
export function actionClass(action) {
  return /^(List|Get)/.test(action) ? 'reads' : 'writes';
}

function parseRateBurst(text, name) {
  const m = RATE_BURST.exec(text);
  if (!m) throw new ThrottleSpecError(`throttle: ${name} must be rate:burst (e.g. 20:40), got '${text}'`);
  const rate = Number(m[1]);
  const burst = Number(m[2]);
  if (!(rate > 0)) throw new ThrottleSpecError(`throttle: ${name}'s rate must be above 0 requests a second, got '${m[1]}'`);
  if (burst < 1 || burst > MAX_BURST) throw new ThrottleSpecError(`throttle: ${name}'s burst must be 1-${MAX_BURST}, got '${m[2]}'`);
  return { rate, burst };
}

/**
 * A spec (above) -> null (off) or { reads, writes, actions: Map<name, { rate, burst }> }.
 * Throws ThrottleSpecError naming the part and the rule.
 */
export function parseThrottleSpec(spec) {
  if (typeof spec !== 'string') throw new ThrottleSpecError(`throttle must be a string such as "on", "off" or "reads=20:40,writes=10:20", got ${JSON.stringify(spec)}`);
  const text = spec.trim();
  if (text === 'off') return null;
  const config = { reads: THROTTLE_DEFAULTS.reads, writes: THROTTLE_DEFAULTS.writes, actions: new Map() };
  if (text === 'on') return config;
  if (text === '') throw new ThrottleSpecError('throttle must not be empty: use "on", "off" or name=rate:burst,...');
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part.trim() : part.slice(0, eq).trim();
    if (eq < 0 || !ACTION_NAME.test(name)) {
      throw new ThrottleSpecError(`throttle: '${part.trim()}' must be name=rate:burst where name is reads, writes or an action name`);
    }
    const value = parseRateBurst(part.slice(eq + 1).trim(), name);
    if (name === 'reads' || name === 'writes') config[name] = value;
    else config.actions.set(name, value);
  }
  return config;
}

// The canonical spec of a parsed configuration (shown in the state and logs).
export function formatThrottleSpec(config) {
  if (config === null) return 'off';
  const parts = [`reads=${config.reads.rate}:${config.reads.burst}`, `writes=${config.writes.rate}:${config.writes.burst}`];
  for (const [name, { rate, burst }] of config.actions) parts.push(`${name}=${rate}:${burst}`);
  return parts.join(',');
}

/**
 * The endpoint's buckets. clock: milliseconds from a monotonic source
 * (performance.now by default; a test passes its own), never the test-mode
 * server clock, whose jumps would fill or drain buckets.
 */
export class RateLimiter {
  constructor(spec = 'off', clock = () => performance.now()) {
    this.clock = clock;
    this.initialSpec = spec;
    this.configure(spec);
  }

  // A new configuration; every bucket starts full again. Throws
  // ThrottleSpecError (changing nothing) on a bad spec.
  configure(spec) {
    const config = parseThrottleSpec(spec);
    this.config = config;
    this.buckets = new Map();
    this.throttled = { total: 0, byAction: new Map() };
  }

  // Back to the configuration the endpoint started with, buckets full, counts zero.
  reset() {
    this.configure(this.initialSpec);
  }

  limitFor(action) {
    return this.config.actions.get(action) ?? this.config[actionClass(action)];
  }

  bucketFor(action) {
    let key = ACTION_NAME.test(action) ? action : OTHER;
    if (!this.buckets.has(key) && this.buckets.size >= MAX_BUCKETS) key = OTHER;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const { rate, burst } = this.limitFor(key);
      bucket = { rate, burst, tokens: burst, at: this.clock() };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  // Takes a token for one request of this action: true when it may run,
  // false when it must be answered Throttling (and counted as such).
  take(action) {
    if (this.config === null) return true;
    const bucket = this.bucketFor(String(action));
    const now = this.clock();
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.at) / 1000) * bucket.rate);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    const name = ACTION_NAME.test(action) ? action : OTHER;
    this.throttled.total += 1;
    this.throttled.byAction.set(name, (this.throttled.byAction.get(name) ?? 0) + 1);
    return false;
  }

  snapshot() {
    return {
      spec: formatThrottleSpec(this.config),
      throttled: { total: this.throttled.total, byAction: Object.fromEntries(this.throttled.byAction) },
    };
  }
}
