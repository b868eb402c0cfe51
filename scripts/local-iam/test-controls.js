// Fault injection and clock control for --test-mode, driven through
// POST /__control. Clients under test (keyflip's retry, timeout and
// error-reporting paths) need the failures real networks and IAM produce:
// 5xx and throttling answers, slow answers, dropped connections, cut-off
// bodies, HTML from a proxy, and a server clock that disagrees with theirs.

const FAIL_WITH = [500, 503, 'Throttling'];
const KNOWN = ['failNext', 'delayNextMs', 'resetNext', 'truncateNext', 'htmlNext', 'clockOffsetSeconds', 'reset'];

export class ControlError extends Error {}

function nonNegativeNumber(value, name) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ControlError(`${name} must be a non-negative number`);
  }
  return value;
}

export class TestControls {
  constructor() {
    this.clockOffsetSeconds = 0;
    this.clearFaults();
  }

  clearFaults() {
    this.failNext = null; // { remaining, with }
    this.delayNextMs = 0;
    this.resetNext = false;
    this.truncateNext = false;
    this.htmlNext = false;
  }

  // The server's clock: real time plus the test offset. Used for signature
  // time checks and the Date header.
  nowMs() {
    return Date.now() + this.clockOffsetSeconds * 1000;
  }

  // Applies one control body; onReset restores the initial data. Validates
  // everything before changing anything, so a bad body changes nothing.
  apply(body, onReset) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ControlError('expected a JSON object');
    const unknown = Object.keys(body).filter((k) => !KNOWN.includes(k));
    if (unknown.length > 0) throw new ControlError(`unknown control(s): ${unknown.join(', ')}; known: ${KNOWN.join(', ')}`);
    let failNext;
    if (body.failNext !== undefined) {
      const { count = 1, with: kind } = body.failNext ?? {};
      if (!Number.isInteger(count) || count < 0) throw new ControlError('failNext.count must be a non-negative integer');
      if (!FAIL_WITH.includes(kind)) throw new ControlError('failNext.with must be 500, 503 or "Throttling"');
      failNext = count > 0 ? { remaining: count, with: kind } : null;
    }
    if (body.delayNextMs !== undefined) nonNegativeNumber(body.delayNextMs, 'delayNextMs');
    if (body.clockOffsetSeconds !== undefined && (typeof body.clockOffsetSeconds !== 'number' || !Number.isFinite(body.clockOffsetSeconds))) {
      throw new ControlError('clockOffsetSeconds must be a number');
    }

    if (body.reset === true) {
      this.clearFaults();
      this.clockOffsetSeconds = 0;
      onReset();
    }
    if (failNext !== undefined) this.failNext = failNext;
    if (body.delayNextMs !== undefined) this.delayNextMs = body.delayNextMs;
    if (body.resetNext !== undefined) this.resetNext = body.resetNext === true;
    if (body.truncateNext !== undefined) this.truncateNext = body.truncateNext === true;
    if (body.htmlNext !== undefined) this.htmlNext = body.htmlNext === true;
    if (body.clockOffsetSeconds !== undefined) this.clockOffsetSeconds = body.clockOffsetSeconds;
  }

  // The faults for the request being handled, used up as they are taken. At
  // most one of reset / html / fail replaces the answer (in that order);
  // a pending delay applies as well. None of these run the action, since
  // the request never "reached" IAM.
  takeNext() {
    const delayMs = this.delayNextMs;
    this.delayNextMs = 0;
    let replace = null;
    if (this.resetNext) {
      this.resetNext = false;
      replace = 'reset';
    } else if (this.htmlNext) {
      this.htmlNext = false;
      replace = 'html';
    } else if (this.failNext) {
      replace = this.failNext.with;
      if (--this.failNext.remaining === 0) this.failNext = null;
    }
    return { delayMs, replace };
  }

  // Truncation applies to the next answer that IAM really produced (the action
  // ran; only the body was cut), so it is taken separately.
  takeTruncate() {
    const truncate = this.truncateNext;
    this.truncateNext = false;
    return truncate;
  }

  snapshot() {
    return {
      clockOffsetSeconds: this.clockOffsetSeconds,
      pending: {
        failNext: this.failNext ? { count: this.failNext.remaining, with: this.failNext.with } : null,
        delayNextMs: this.delayNextMs,
        resetNext: this.resetNext,
        truncateNext: this.truncateNext,
        htmlNext: this.htmlNext,
      },
    };
  }
}
