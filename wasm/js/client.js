// createClient(config): one method per action of the models, IAM's and
// STS's (updateAccessKey, listUsers, getCallerIdentity, ...: the action's
// name with a small first letter, as the AWS SDK v3 names its commands) and
// a paginator per action that pages with Marker, all on one I/O loop. IAM
// calls go to the partition's IAM endpoint, STS calls to STS's regional one
// (the client's region; us-east-1 by default), both to `endpoint` when given.
// Every decision (validate, sign, read the answer, retry or not and how long
// to wait, the clock offset) is made by the C++ core; this file only fetches,
// times out, waits and aborts.
import { IamError, NetworkError, PaginationLimitError, TimeoutError, ValidationError, redactor } from './errors.js';
import { callCore, loadCore } from './core.js';
import { LIMITS, OPERATIONS } from './generated-facts.js';
import { checkedParams, oversizedMessage } from './iam.js';
import { createRateLimiter } from './rate-limiter.js';
import { init } from './instance.js';
import { Snapshot, describe } from './snapshot.js';

export function abortError(signal) {
  const reason = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The operation was aborted.', 'AbortError');
}

export function sleep(ms, signal) {
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

const CONFIG_KEYS = ['credentials', 'partition', 'fips', 'dualStack', 'endpoint', 'region', 'maxAttempts', 'timeoutMs', 'correctClockSkew', 'onRetry', 'fetch', 'retryMode'];

/** Checks the config once, when the client is made. */
function readConfig(config) {
  if (config === null || typeof config !== 'object') {
    throw new TypeError(`config must be an object, got ${describe(config)}`);
  }
  const snap = new Snapshot();
  const bad = (field, rule, detail) => snap.issue(field, rule, detail);
  snap.unknownKeys(config, CONFIG_KEYS, 'an option of createClient', 'config');
  // Each key is read once; a throwing getter or proxy becomes an issue.
  const read = (key, fallback) => {
    const value = snap.read(config, key, key);
    return value === undefined ? fallback : value;
  };
  const credentials = read('credentials');
  const partition = read('partition', LIMITS.defaultPartition);
  const fips = read('fips', false);
  const dualStack = read('dualStack', false);
  const endpoint = read('endpoint');
  const region = read('region');
  const maxAttempts = read('maxAttempts', LIMITS.defaultMaxAttempts);
  const timeoutMs = read('timeoutMs', LIMITS.defaultTimeoutMs);
  const correctClockSkew = read('correctClockSkew', true);
  const onRetry = read('onRetry');
  const fetchImpl = read('fetch', null) ?? globalThis.fetch;
  const retryMode = read('retryMode', LIMITS.defaultRetryMode);
  if (credentials === null || (typeof credentials !== 'object' && typeof credentials !== 'function')) {
    bad('credentials', 'required', 'must be an object { accessKeyId, secretAccessKey, sessionToken? } or an async function returning one');
  }
  const { minMaxAttempts, maxMaxAttempts, maxTimeoutMs } = LIMITS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < minMaxAttempts || maxAttempts > maxMaxAttempts) bad('maxAttempts', 'range', `must be an integer from ${minMaxAttempts} to ${maxMaxAttempts}`);
  // setTimeout fires at once for delays above 2^31 - 1 ms, which would time out every attempt.
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= maxTimeoutMs)) bad('timeoutMs', 'range', `must be a number of milliseconds above 0 and at most ${maxTimeoutMs}`);
  if (typeof fetchImpl !== 'function') bad('fetch', 'type', 'must be a function (no global fetch here)');
  if (onRetry !== undefined && typeof onRetry !== 'function') bad('onRetry', 'type', 'must be a function');
  if (!LIMITS.retryModes.includes(retryMode)) bad('retryMode', 'enum', `must be one of ${LIMITS.retryModes.map((m) => `'${m}'`).join(', ')}, got ${describe(retryMode)}`);
  for (const [field, value] of [['fips', fips], ['dualStack', dualStack], ['correctClockSkew', correctClockSkew]]) {
    if (typeof value !== 'boolean') bad(field, 'type', `must be true or false, got ${describe(value)}`);
  }
  snap.throwIfAny();
  return {
    credentials, target: { partition, fips, dualStack, endpoint, region },
    maxAttempts, timeoutMs, correctClockSkew, onRetry, fetch: fetchImpl, retryMode,
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

/** An answer whose status, headers or body are not what fetch gives (a bad injected fetch). */
class UnreadableAnswer extends TypeError {}

/** response.headers.get(name) as a string; '' when absent or not a string. */
function header(response, name) {
  try {
    const value = response.headers.get(name);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

/**
 * Reads at most maxBodyBytes + 1 bytes of the body from its stream (a body
 * larger than the core parses is not worth holding), or calls text() for a
 * response without a stream. Every value is checked here, before it goes
 * near the wasm module.
 */
async function readAnswer(response, maxBodyBytes) {
  const statusCode = response?.status;
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new UnreadableAnswer(`the answer's status is ${describe(statusCode)}, not an HTTP status`);
  }
  let body;
  let oversized = false;
  const stream = response.body;
  if (stream && typeof stream.getReader === 'function') {
    ({ body, oversized } = await readCapped(stream, maxBodyBytes));
  } else {
    body = await response.text();
    if (typeof body !== 'string') throw new UnreadableAnswer(`the answer's text() gave ${describe(body)}, not a string`);
    oversized = body.length > maxBodyBytes;
    if (oversized) body = body.slice(0, maxBodyBytes + 1);
  }
  return {
    kind: 'response', statusCode, body, oversized,
    date: header(response, 'date'),
    retryAfter: header(response, 'retry-after'),
    amzRetryAfter: header(response, 'x-amz-retry-after'),
    // IAM's request id also comes as a header: the only id left when a
    // proxy or a cut-off body hides the XML one.
    requestIdHeader: header(response, 'x-amzn-requestid'),
  };
}

async function readCapped(stream, maxBodyBytes) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new UnreadableAnswer(`the answer's body stream gave ${describe(value)}, not bytes`);
    chunks.push(value);
    total += value.length;
    if (total > maxBodyBytes) {
      reader.cancel().catch(() => {});
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(total, maxBodyBytes + 1));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
    if (at === bytes.length) break;
  }
  return { body: new TextDecoder().decode(bytes), oversized: total > maxBodyBytes };
}

/**
 * One HTTP exchange with a per-attempt timeout; never throws but for the
 * caller's abort. The exchange is raced against our own abort, so the timeout
 * and the caller's abort hold even when an injected fetch ignores its signal
 * or a response body stalls.
 */
async function send(fetchImpl, signed, timeoutMs, maxBodyBytes, signal) {
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
    return readAnswer(response, maxBodyBytes);
  })();
  exchange.catch(() => {}); // once abandoned, a late failure has no one to report to
  try {
    return await Promise.race([exchange, abandoned]);
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (timedOut) return { kind: 'timeout' };
    if (error instanceof UnreadableAnswer) return { kind: 'network', error, unreadable: true };
    return { kind: 'network', error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

// What a failed fetch's error code means, for NetworkError.message (Node's
// fetch puts the code one or two `.cause` levels down).
const NETWORK_CAUSES = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name not found (DNS did not answer)',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};
// The only words a browser's fetch gives for any failure (Chromium, Firefox, Safari).
const BROWSER_FETCH_FAILED = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;

/** The innermost error of a fetch failure that carries a code, and that code. */
function networkCode(error) {
  let at = error;
  for (let depth = 0; depth < 5 && at !== null && typeof at === 'object'; depth += 1) {
    let code;
    let cause;
    let errors;
    try {
      ({ code, cause, errors } = at);
    } catch {
      return null;
    }
    if (typeof code === 'string' && code !== '') return { code, message: typeof at.message === 'string' ? at.message : '' };
    at = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return null;
}

/** "connection refused (connect ECONNREFUSED 127.0.0.1:9090)", "blocked by CORS or offline", or fetch's own words. */
function describeNetworkFailure(error, redact) {
  const found = networkCode(error);
  const detail = redact(error?.message ?? error);
  if (found) {
    const meaning = NETWORK_CAUSES[found.code] ?? (/CERT|SSL|TLS/.test(found.code) ? 'TLS certificate not accepted' : 'network error');
    const words = redact(found.message);
    return `${meaning} (${words.includes(found.code) ? words : `${found.code}${words ? `: ${words}` : ''}`})`;
  }
  if (BROWSER_FETCH_FAILED.test(detail)) return `blocked by CORS or offline (the browser says only "${detail}")`;
  return detail;
}

// service: "iam" | "sts", named in the messages of failures without an answer.
function failure(service, outcome, answer, attempts, timeoutMs, redact, maxBodyBytes) {
  // answer: { code, type, message, requestId, statusCode, retryable } from the core
  const label = service.toUpperCase();
  if (outcome.kind === 'timeout') return new TimeoutError(`${label} did not answer within ${timeoutMs} ms`, { attempts });
  if (outcome.kind === 'network') {
    const cause = outcome.error;
    // A cause that quotes a secret (in its message, stack or own causes) is
    // dropped rather than carried into logs.
    const safeCause = redact.mentionedIn(cause) ? undefined : cause;
    if (outcome.unreadable) return new NetworkError(`an answer came but could not be read: ${redact(cause?.message ?? cause)}`, { cause: safeCause, attempts });
    return new NetworkError(`the request to ${label} failed before an answer arrived: ${describeNetworkFailure(cause, redact)}`, { cause: safeCause, attempts });
  }
  const { code, type } = answer;
  const message = outcome.oversized ? oversizedMessage(maxBodyBytes) : answer.message;
  const requestId = answer.requestId || outcome.requestIdHeader || '';
  return new IamError({
    ...answer, code: redact(code), type: redact(type), message: redact(message), requestId: redact(requestId), attempts,
  });
}

/** The per-call options: undefined or { signal }, checked before any I/O. */
export function readCallOptions(options) {
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

/** "ListUsers" -> "listUsers": the client's method for an action. */
export const methodName = (action) => action[0].toLowerCase() + action.slice(1);

// IAM pages a list with Marker in and IsTruncated + Marker out; the model's
// member names say which actions do.
const pagesWithMarker = ({ input, output }) => input.includes('Marker') && output.includes('IsTruncated') && output.includes('Marker');

/** The paginated list's error when IAM's paging cannot be followed (never a silently short list). */
function pagingError(page, detail) {
  return new IamError({
    code: 'UnknownError', type: '', message: `IAM's paging cannot be followed: ${detail}`,
    requestId: page.requestId, statusCode: page.statusCode, retryable: false, attempts: page.attempts,
  });
}

// How many recent Markers a paginator remembers to catch a loop; memory stays
// bounded whatever maxPages is.
const REMEMBERED_MARKERS = 1000;

/** The items of a page: the lengths of its list members (Users, AccessKeyMetadata, ...). */
const countItems = (page) => Object.values(page).reduce((n, value) => n + (Array.isArray(value) ? value.length : 0), 0);

/** A paginate call's options: undefined or { signal?, maxPages?, maxItems? }, checked before any I/O. */
function readPaginateOptions(options) {
  if (options === undefined) return { maxPages: LIMITS.defaultMaxPages, maxItems: LIMITS.defaultMaxItems };
  const { signal } = readCallOptions(options); // the same checks as a call's
  const issues = [];
  const bound = (field, fallback) => {
    let value;
    try {
      value = options[field];
    } catch {
      issues.push({ field, rule: 'readable', message: `${field}: could not be read (its getter or proxy threw)` });
      return fallback;
    }
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || value < 1) {
      issues.push({ field, rule: 'range', message: `${field}: must be a whole number of at least 1 (default ${fallback}), got ${describe(value)}` });
    }
    return value;
  };
  const maxPages = bound('maxPages', LIMITS.defaultMaxPages);
  const maxItems = bound('maxItems', LIMITS.defaultMaxItems);
  for (const key of Object.keys(options)) {
    if (!['signal', 'maxPages', 'maxItems'].includes(key)) issues.push({ field: key, rule: 'unknown', message: `${key}: not an option of a paginator (signal, maxPages, maxItems)` });
  }
  if (issues.length) throw new ValidationError(issues);
  return { signal, maxPages, maxItems };
}

export function createClient(config) {
  const settings = readConfig(config);
  // The client's state, which the C++ decision reads and returns each attempt,
  // shared by every method of this client:
  let clockOffsetMs = 0; // server time - local time, learnt from Date headers
  let retryQuota = LIMITS.retryQuotaInitial; // the standard mode's retry tokens
  // retryMode 'adaptive': the client-side rate limiter every attempt waits on.
  const limiter = settings.retryMode === 'adaptive' ? createRateLimiter({ sleep, abortError }) : null;

  /** One call with retries: { ...output, requestId, attempts, statusCode }. */
  async function call(service, action, params, options) {
    const { signal } = readCallOptions(options);
    const [kf, core] = await Promise.all([init(), loadCore()]);
    // Throws ValidationError before any I/O; later attempts sign this copy.
    const plainParams = checkedParams(core, action, params, service);
    const build = service === 'sts' ? kf.buildStsRequest : kf.buildIamRequest;
    // The core reads at most this much of this action's answer (more for a blob's).
    const { maxBodyBytes } = core.keyflipFacts.operations.find((row) => row.action === action);
    let skewRetryDone = false;
    let lastRetryCost = 0;
    if (signal?.aborted) throw abortError(signal);
    // Once per call: every attempt is signed by the same identity, so a
    // check made before the call (am I turning off my own key?) holds for
    // its retries too, even if the provider's answer changes during a wait.
    const { value: credentials } = await resolveCredentials(settings.credentials);
    let redact; // made once the first signing has checked the credentials (a hostile getter is a ValidationError there)
    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) throw abortError(signal);
      // retryMode 'adaptive': wait for the limiter's token before signing (a wait must not age the signature).
      if (limiter) await limiter.take(core, signal);
      const signedAtOffset = clockOffsetMs;
      const signed = build(action, plainParams ?? undefined, {
        ...settings.target, credentials, date: new Date(Date.now() + signedAtOffset),
      });
      redact ??= redactor(credentials);
      const outcome = await send(settings.fetch, signed, settings.timeoutMs, maxBodyBytes, signal);
      const { answer, output, ...decision } = callCore(core, 'handleAttempt', {
        action, attempt, maxAttempts: settings.maxAttempts, outcome: outcome.kind,
        statusCode: outcome.statusCode ?? 0, body: outcome.body ?? '', dateHeader: outcome.date ?? '',
        retryAfter: outcome.retryAfter ?? '', amzRetryAfter: outcome.amzRetryAfter ?? '',
        localNowMs: Date.now(), offsetMs: signedAtOffset, correctClockSkew: settings.correctClockSkew,
        skewRetryDone, retryQuota, lastRetryCost, random: Math.random(),
      });
      clockOffsetMs = decision.offsetMs;
      retryQuota = decision.retryQuota;
      limiter?.record(core, answer?.throttling === true);
      // An answer is untrusted: any string of it may echo the secret or the token.
      if (answer?.ok) return { ...redact.deep({ ...output, requestId: answer.requestId }), attempts: attempt, statusCode: answer.statusCode };
      const error = failure(service, outcome, answer, attempt, settings.timeoutMs, redact, maxBodyBytes);
      if (!decision.retry) throw error;
      if (decision.skewRetry) skewRetryDone = true;
      lastRetryCost = decision.retryCost;
      settings.onRetry?.({ attempt, delayMs: decision.delayMs, error });
      await sleep(decision.delayMs, signal);
    }
  }

  /**
   * The pages of a list, each a call's result, following Marker while
   * IsTruncated is true (IAM may return fewer items than MaxItems with more
   * to come). Stops after the last page; an abort rejects the pending next()
   * at once, the page being read included (its fetch is aborted). At most
   * maxPages pages and maxItems items (summed over each page's lists): more
   * to come beyond either ends with a PaginationLimitError, before the page
   * that would pass maxItems is yielded.
   */
  async function* paginate(service, action, params, options) {
    const { signal, maxPages, maxItems } = readPaginateOptions(options);
    const core = await loadCore();
    let pageParams = checkedParams(core, action, params, service) ?? {};
    // Markers followed lately, to end a loop early; bounded, as a longer
    // cycle ends at maxPages anyway.
    const seen = new Set();
    let items = 0;
    for (let pages = 1; ; pages += 1) {
      const page = await call(service, action, pageParams, { signal });
      items += countItems(page);
      if (items > maxItems) throw new PaginationLimitError('maxItems', maxItems, { pages, items });
      yield page;
      if (page.IsTruncated !== true) return;
      if (typeof page.Marker !== 'string' || page.Marker === '') throw pagingError(page, 'IsTruncated is true but no Marker came to continue from');
      if (seen.has(page.Marker)) throw pagingError(page, 'a Marker came back that was already followed (the list would never end)');
      if (pages >= maxPages) throw new PaginationLimitError('maxPages', maxPages, { pages, items });
      if (seen.size >= REMEMBERED_MARKERS) seen.delete(seen.values().next().value);
      seen.add(page.Marker);
      const next = { ...pageParams, Marker: page.Marker };
      try {
        checkedParams(core, action, next);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // The Marker came from the answer, not the caller: a broken answer.
        throw pagingError(page, `the Marker IAM sent is not one IAM accepts (${error.issues.map((issue) => issue.message).join('; ')})`);
      }
      pageParams = next;
    }
  }

  const methods = {};
  for (const operation of OPERATIONS) {
    const { action, service } = operation;
    methods[methodName(action)] = (params, options) => call(service, action, params, options);
    if (pagesWithMarker(operation)) methods[`paginate${action}`] = (params, options) => paginate(service, action, params, options);
  }
  /** The adaptive mode's learnt rate (sends a second), or null while it limits nothing. */
  methods.sendingRate = () => limiter?.rate() ?? null;
  return Object.freeze(methods);
}
