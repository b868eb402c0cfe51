// Fault injection and clock control for --test-mode, driven through
// POST /__control. Clients under test (keyflip's retry, timeout and
// error-reporting paths, the page's bulk runs) need the failures real
// networks and IAM produce: 5xx, throttling and quota answers with or without
// retry hints, slow answers, dropped connections, cut-off bodies, HTML from a
// proxy, a key that cannot be changed, and a server clock that disagrees with
// theirs.

const FAIL_WITH = [500, 503, 'Throttling', 'LimitExceeded'];
const FAIL_KEY_WITH = ['AccessDenied', 'NoSuchEntity', 500];
const KNOWN = ['failNext', 'throttle', 'failKey', 'delayNextMs', 'resetNext', 'truncateNext', 'htmlNext', 'clockOffsetSeconds', 'reset'];
const FAIL_NEXT_FIELDS = ['count', 'with', 'retryAfter', 'amzRetryAfterMs'];
const THROTTLE_FIELDS = ['every', 'action'];
const FAIL_KEY_FIELDS = ['accessKeyId', 'with'];
const ACTION_NAME = /^[A-Za-z]{1,64}$/;
// What a Retry-After header may hold: visible ASCII and spaces (seconds or
// an HTTP date), nothing that could end the header line.
const HEADER_TEXT = /^[\x20-\x7e]{1,100}$/;

export class ControlError extends Error {}

const show = (value) => JSON.stringify(value) ?? String(value);
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function nonNegativeNumber(value, name) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ControlError(`${name} must be a non-negative number, got ${show(value)}`);
  }
  return value;
}

// An object with only the listed fields (or null when nullable).
function fieldsOf(value, name, fields) {
  if (!isPlainObject(value)) throw new ControlError(`${name} must be an object${name === 'failNext' ? '' : ' or null'}, got ${show(value)}`);
  const unknown = Object.keys(value).filter((k) => !fields.includes(k));
  if (unknown.length > 0) throw new ControlError(`${name}: unknown field(s) ${unknown.join(', ')}; known: ${fields.join(', ')}`);
  return value;
}

function parseFailNext(value) {
  const { count = 1, with: kind, retryAfter, amzRetryAfterMs } = fieldsOf(value, 'failNext', FAIL_NEXT_FIELDS);
  if (!Number.isInteger(count) || count < 0) throw new ControlError(`failNext.count must be a non-negative integer, got ${show(count)}`);
  if (!FAIL_WITH.includes(kind)) throw new ControlError(`failNext.with must be 500, 503, "Throttling" or "LimitExceeded", got ${show(kind)}`);
  if (retryAfter !== undefined && (typeof retryAfter !== 'string' || !HEADER_TEXT.test(retryAfter))) {
    throw new ControlError(`failNext.retryAfter must be a string of 1-100 printable ASCII characters (seconds or an HTTP date), got ${show(retryAfter)}`);
  }
  if (amzRetryAfterMs !== undefined && (!Number.isInteger(amzRetryAfterMs) || amzRetryAfterMs < 0)) {
    throw new ControlError(`failNext.amzRetryAfterMs must be a non-negative integer (milliseconds), got ${show(amzRetryAfterMs)}`);
  }
  if (count === 0) return null;
  return { remaining: count, with: kind, retryAfter, amzRetryAfterMs };
}

function parseThrottle(value) {
  if (value === null) return null;
  const { every, action } = fieldsOf(value, 'throttle', THROTTLE_FIELDS);
  if (!Number.isInteger(every) || every < 1) throw new ControlError(`throttle.every must be a positive integer, got ${show(every)}`);
  if (action !== undefined && (typeof action !== 'string' || !ACTION_NAME.test(action))) {
    throw new ControlError(`throttle.action must be an action name such as "UpdateAccessKey", got ${show(action)}`);
  }
  return { every, action: action ?? null, seen: 0 };
}

function parseFailKey(value) {
  if (value === null) return null;
  const { accessKeyId, with: kind } = fieldsOf(value, 'failKey', FAIL_KEY_FIELDS);
  if (typeof accessKeyId !== 'string' || accessKeyId.length === 0) {
    throw new ControlError(`failKey.accessKeyId must be a non-empty string, got ${show(accessKeyId)}`);
  }
  if (!FAIL_KEY_WITH.includes(kind)) throw new ControlError(`failKey.with must be "AccessDenied", "NoSuchEntity" or 500, got ${show(kind)}`);
  return { accessKeyId, with: kind };
}

// The response headers an injected failure carries as retry hints.
function hintHeaders({ retryAfter, amzRetryAfterMs }) {
  const headers = {};
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  if (amzRetryAfterMs !== undefined) headers['x-amz-retry-after'] = String(amzRetryAfterMs);
  return headers;
}

export class TestControls {
  // extensions: more controls (scale-controls.js), each { name, parse,
  // apply, reset, snapshot }; parsed with the rest before anything changes.
  constructor(extensions = []) {
    this.extensions = extensions;
    this.clockOffsetSeconds = 0;
    this.clearFaults();
  }

  clearFaults() {
    this.failNext = null; // { remaining, with, retryAfter?, amzRetryAfterMs? }
    this.throttle = null; // { every, action | null, seen }
    this.failKey = null; // { accessKeyId, with }
    this.delayNextMs = 0;
    this.resetNext = false;
    this.truncateNext = false;
    this.htmlNext = false;
  }

  // The server's clock: real time plus the test offset. Used for signature
  // time checks, last-used dates and the Date header.
  nowMs() {
    return Date.now() + this.clockOffsetSeconds * 1000;
  }

  // Applies one control body; onReset restores the initial data. Validates
  // everything before changing anything, so a bad body changes nothing.
  apply(body, onReset) {
    if (!isPlainObject(body)) throw new ControlError('expected a JSON object');
    const known = [...KNOWN, ...this.extensions.map((e) => e.name)];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length > 0) throw new ControlError(`unknown control(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
    const has = (name) => Object.hasOwn(body, name);
    const extended = this.extensions.filter((e) => has(e.name)).map((e) => [e, e.parse(body[e.name])]);
    const failNext = has('failNext') ? parseFailNext(body.failNext) : undefined;
    const throttle = has('throttle') ? parseThrottle(body.throttle) : undefined;
    const failKey = has('failKey') ? parseFailKey(body.failKey) : undefined;
    if (has('delayNextMs')) nonNegativeNumber(body.delayNextMs, 'delayNextMs');
    if (has('clockOffsetSeconds') && (typeof body.clockOffsetSeconds !== 'number' || !Number.isFinite(body.clockOffsetSeconds))) {
      throw new ControlError(`clockOffsetSeconds must be a number, got ${show(body.clockOffsetSeconds)}`);
    }

    if (body.reset === true) {
      this.clearFaults();
      this.clockOffsetSeconds = 0;
      for (const extension of this.extensions) extension.reset();
      onReset();
    }
    if (failNext !== undefined) this.failNext = failNext;
    if (throttle !== undefined) this.throttle = throttle;
    if (failKey !== undefined) this.failKey = failKey;
    if (has('delayNextMs')) this.delayNextMs = body.delayNextMs;
    if (has('resetNext')) this.resetNext = body.resetNext === true;
    if (has('truncateNext')) this.truncateNext = body.truncateNext === true;
    if (has('htmlNext')) this.htmlNext = body.htmlNext === true;
    if (has('clockOffsetSeconds')) this.clockOffsetSeconds = body.clockOffsetSeconds;
    for (const [extension, parsed] of extended) extension.apply(parsed);
  }

  // The faults for the request being handled (action: its Action parameter),
  // used up as they are taken. At most one of reset / html / fail replaces
  // the answer, in the order: resetNext, htmlNext, failNext, throttle; a
  // pending delay applies as well. The throttle counts only the matching
  // requests that reach it (not those an earlier fault replaced). None of
  // these run the action, since the request never "reached" IAM.
  // fail: { with: one of FAIL_WITH, headers } or null.
  takeNext(action) {
    const delayMs = this.delayNextMs;
    this.delayNextMs = 0;
    let replace = null;
    let fail = null;
    if (this.resetNext) {
      this.resetNext = false;
      replace = 'reset';
    } else if (this.htmlNext) {
      this.htmlNext = false;
      replace = 'html';
    } else if (this.failNext) {
      fail = { with: this.failNext.with, headers: hintHeaders(this.failNext) };
      if (--this.failNext.remaining === 0) this.failNext = null;
    } else if (this.throttle && (this.throttle.action === null || this.throttle.action === action)) {
      this.throttle.seen += 1;
      if (this.throttle.seen % this.throttle.every === 0) fail = { with: 'Throttling', headers: {} };
    }
    return { delayMs, replace, fail };
  }

  // How an UpdateAccessKey on this key must fail ('AccessDenied',
  // 'NoSuchEntity' or 500), or null: checked once the request is
  // authenticated and valid, in place of the change.
  keyFault(accessKeyId) {
    return this.failKey && this.failKey.accessKeyId === accessKeyId ? this.failKey.with : null;
  }

  // Truncation applies to the next answer that IAM really produced (the action
  // ran; only the body was cut), so it is taken separately.
  takeTruncate() {
    const truncate = this.truncateNext;
    this.truncateNext = false;
    return truncate;
  }

  snapshot() {
    const failNext = this.failNext && { count: this.failNext.remaining, with: this.failNext.with };
    if (failNext && this.failNext.retryAfter !== undefined) failNext.retryAfter = this.failNext.retryAfter;
    if (failNext && this.failNext.amzRetryAfterMs !== undefined) failNext.amzRetryAfterMs = this.failNext.amzRetryAfterMs;
    return {
      ...Object.fromEntries(this.extensions.map((e) => [e.name, e.snapshot()])),
      clockOffsetSeconds: this.clockOffsetSeconds,
      pending: {
        failNext,
        throttle: this.throttle && { ...this.throttle },
        failKey: this.failKey && { ...this.failKey },
        delayNextMs: this.delayNextMs,
        resetNext: this.resetNext,
        truncateNext: this.truncateNext,
        htmlNext: this.htmlNext,
      },
    };
  }
}
