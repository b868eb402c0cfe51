// createClient(config).updateAccessKey(params, { signal }): the I/O loop.
// Every decision (validate, sign, classify IAM's answer, retry or not and how
// long to wait, the clock offset) is made by the C++ core; this file only
// fetches, times out, waits and aborts.
import { IamError, NetworkError, TimeoutError, ValidationError, redactor } from './errors.js';
import { loadCore } from './core.js';
import { init } from './instance.js';
import { Snapshot, describe } from './snapshot.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

function abortError(signal) {
  const reason = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The operation was aborted.', 'AbortError');
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(abortError(signal));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const CONFIG_KEYS = ['credentials', 'partition', 'fips', 'dualStack', 'endpoint', 'region', 'maxAttempts', 'timeoutMs', 'correctClockSkew', 'onRetry', 'fetch'];

/** Checks the config once, when the client is made. */
function readConfig(config) {
  if (config === null || typeof config !== 'object') {
    throw new TypeError(`config must be an object, got ${describe(config)}`);
  }
  const snap = new Snapshot();
  const bad = (field, rule, detail) => snap.issue(field, rule, detail);
  if (!snap.unknownKeys(config, CONFIG_KEYS, 'an option of createClient')) {
    bad('config', 'readable', 'could not be read (its proxy threw)');
  }
  // Each key is read once; a throwing getter or proxy becomes an issue.
  const read = (key, fallback) => {
    const value = snap.read(config, key, key);
    return value === undefined ? fallback : value;
  };
  const credentials = read('credentials');
  const partition = read('partition', 'aws');
  const fips = read('fips', false);
  const dualStack = read('dualStack', false);
  const endpoint = read('endpoint');
  const region = read('region');
  const maxAttempts = read('maxAttempts', 3);
  const timeoutMs = read('timeoutMs', DEFAULT_TIMEOUT_MS);
  const correctClockSkew = read('correctClockSkew', true);
  const onRetry = read('onRetry');
  const fetchImpl = read('fetch', null) ?? globalThis.fetch;
  if (credentials === null || (typeof credentials !== 'object' && typeof credentials !== 'function')) {
    bad('credentials', 'required', 'must be an object { accessKeyId, secretAccessKey, sessionToken? } or an async function returning one');
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) bad('maxAttempts', 'range', 'must be an integer from 1 to 10');
  // setTimeout fires at once for delays above 2^31 - 1 ms, which would time out every attempt.
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) bad('timeoutMs', 'range', `must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}`);
  if (typeof fetchImpl !== 'function') bad('fetch', 'type', 'must be a function (no global fetch here)');
  if (onRetry !== undefined && typeof onRetry !== 'function') bad('onRetry', 'type', 'must be a function');
  for (const [field, value] of [['fips', fips], ['dualStack', dualStack], ['correctClockSkew', correctClockSkew]]) {
    if (typeof value !== 'boolean') bad(field, 'type', `must be true or false, got ${describe(value)}`);
  }
  snap.throwIfAny();
  return {
    credentials, target: { partition, fips, dualStack, endpoint, region },
    maxAttempts, timeoutMs, correctClockSkew, onRetry, fetch: fetchImpl,
  };
}

async function resolveCredentials(source) {
  let value = source;
  if (typeof source === 'function') {
    value = source(); // the provider's own throw or rejection is the call's error, by design
    let thenable = false;
    try {
      thenable = value !== null && typeof value === 'object' && typeof value.then === 'function';
    } catch {
      throw new ValidationError([{ field: 'credentials', rule: 'readable', message: 'credentials: what the provider returned could not be read (its getter or proxy threw)' }]);
    }
    if (thenable) value = await value;
  }
  if (value === null || typeof value !== 'object') {
    throw new ValidationError([{ field: 'credentials', rule: 'required', message: `credentials: the provider returned ${describe(value)}, not { accessKeyId, secretAccessKey }` }]);
  }
  // Wrapped: an async function resolving to the object itself would read its
  // `then`, running a proxy's trap outside any try/catch.
  return { value };
}

/**
 * One HTTP exchange with a per-attempt timeout; never throws but for the
 * caller's abort. The exchange is raced against our own abort, so the timeout
 * and the caller's abort hold even when an injected fetch ignores its signal
 * or a response body stalls.
 */
async function send(fetchImpl, signed, timeoutMs, signal) {
  // The caller may have aborted while credentials were being fetched: an
  // abort listener added now would never fire, so check first.
  if (signal?.aborted) throw abortError(signal);
  const controller = new AbortController();
  let timedOut = false;
  const abandoned = new Promise((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const exchange = (async () => {
    const response = await fetchImpl(signed.url, {
      method: signed.method,
      headers: signed.headers,
      body: signed.method === 'GET' ? undefined : signed.body,
      signal: controller.signal,
    });
    const body = await response.text();
    return {
      kind: 'response', statusCode: response.status, body,
      date: response.headers.get('date') ?? '',
      // IAM's request id also comes as a header: the only id left when a
      // proxy or a cut-off body hides the XML one.
      requestIdHeader: response.headers.get('x-amzn-requestid') ?? '',
    };
  })();
  exchange.catch(() => {}); // once abandoned, a late failure has no one to report to
  try {
    return await Promise.race([exchange, abandoned]);
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (timedOut) return { kind: 'timeout' };
    return { kind: 'network', error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function failure(outcome, answer, attempts, timeoutMs, redact) {
  // answer: { code, type, message, requestId, statusCode, retryable } from the core
  if (outcome.kind === 'timeout') return new TimeoutError(`IAM did not answer within ${timeoutMs} ms`, { attempts });
  if (outcome.kind === 'network') {
    const cause = outcome.error;
    const detail = cause?.message ?? cause;
    // A cause that quotes a secret (in its message, stack or own causes) is
    // dropped rather than carried into logs.
    const safeCause = redact.mentionedIn(cause) ? undefined : cause;
    return new NetworkError(`the request to IAM failed before an answer arrived: ${redact(detail)}`, { cause: safeCause, attempts });
  }
  const { code, type, message } = answer;
  const requestId = answer.requestId || outcome.requestIdHeader || '';
  return new IamError({
    ...answer, code: redact(code), type: redact(type), message: redact(message), requestId: redact(requestId), attempts,
  });
}

/** The per-call options: undefined or { signal }, checked before any I/O. */
function readCallOptions(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object { signal? }, got ${describe(options)}`);
  }
  const invalid = (detail) => new ValidationError([{ field: 'signal', rule: 'type', message: `signal: ${detail}` }]);
  let signal;
  try {
    ({ signal } = options);
  } catch {
    throw invalid('could not be read (its getter or proxy threw)');
  }
  // Duck-typed, so an AbortSignal from another realm or a polyfill works.
  let looksLikeSignal = false;
  try {
    looksLikeSignal = signal !== null && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function';
  } catch { /* a throwing proxy is not a signal */ }
  if (signal !== undefined && !looksLikeSignal) throw invalid(`must be an AbortSignal, got ${describe(signal)}`);
  return { signal };
}

export function createClient(config) {
  const settings = readConfig(config);
  let clockOffsetMs = 0; // server time - local time, learnt from Date headers

  async function updateAccessKey(params, options) {
    const { signal } = readCallOptions(options);
    const [kf, core] = await Promise.all([init(), loadCore()]);
    kf.validateUpdateAccessKey(params); // throws ValidationError before any I/O
    let skewRetryDone = false;
    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) throw abortError(signal);
      const { value: credentials } = await resolveCredentials(settings.credentials);
      const signedAtOffset = clockOffsetMs;
      const signed = kf.buildUpdateAccessKey(params, {
        ...settings.target, credentials, date: new Date(Date.now() + signedAtOffset),
      });
      const outcome = await send(settings.fetch, signed, settings.timeoutMs, signal);
      const { answer, ...decision } = core.handleAttempt({
        attempt, maxAttempts: settings.maxAttempts, outcome: outcome.kind,
        statusCode: outcome.statusCode ?? 0, body: outcome.body ?? '', dateHeader: outcome.date ?? '',
        localNowMs: Date.now(), offsetMs: signedAtOffset, skewRetryDone, random: Math.random(),
      });
      if (settings.correctClockSkew) clockOffsetMs = decision.offsetMs;
      if (answer?.ok) return { requestId: answer.requestId, attempts: attempt, statusCode: answer.statusCode };
      const error = failure(outcome, answer, attempt, settings.timeoutMs, redactor(credentials));
      const skewRetry = decision.skewRetry && settings.correctClockSkew;
      if (!decision.retry || (decision.skewRetry && !settings.correctClockSkew)) throw error;
      if (skewRetry) skewRetryDone = true;
      settings.onRetry?.({ attempt, delayMs: decision.delayMs, error });
      await sleep(decision.delayMs, signal);
    }
  }

  return Object.freeze({ updateAccessKey });
}
