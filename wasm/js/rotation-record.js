// The record of one rotation (issue 17 item 3f): who, which keys, each step's
// UTC time, outcome and request id, the signer; never a secret. Every text
// that came from elsewhere (an error's message) goes through the redactor of
// the new key's secret first, so even an endpoint echoing it cannot put it here.

export const RECORD_KIND = 'keyflip-rotation';

export class RotationRecord {
  /** redact: the package's redactor (redact.js), holding the new secret once it exists. */
  constructor({ userName, oldKeyId, now = () => new Date() }) {
    this.now = now;
    this.redact = (text) => text;
    this.data = {
      kind: RECORD_KIND,
      version: 1,
      user: userName ?? null,
      oldKeyId,
      newKeyId: null,
      signer: null,
      startedAt: now().toISOString(),
      endedAt: null,
      outcome: null,
      message: null,
      steps: [],
    };
  }

  /** Appends one step { step, outcome, ...details } at the current UTC time; returns a copy. */
  add(step, outcome, details = {}) {
    const entry = { step, at: this.now().toISOString(), outcome };
    for (const [key, value] of Object.entries(details)) {
      if (value === undefined) continue;
      entry[key] = typeof value === 'string' ? this.redact(value) : value;
    }
    this.data.steps.push(entry);
    return { ...entry };
  }

  end(outcome, message) {
    this.data.outcome = outcome;
    this.data.message = this.redact(message ?? '');
    this.data.endedAt = this.now().toISOString();
  }

  /** A deep copy of plain values: safe to JSON.stringify and to hand out. */
  toJSON() {
    return JSON.parse(JSON.stringify(this.data));
  }
}

/** The record-safe description of an error: its class, IAM's code and request id, the message. */
export function errorDetails(error) {
  return {
    error: error?.constructor?.name ?? typeof error,
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message : String(error),
    requestId: typeof error?.requestId === 'string' && error.requestId ? error.requestId : undefined,
  };
}
