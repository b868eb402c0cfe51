// The error classes of keyflip's public API. No message built here ever
// includes a secret access key or a session token: messages name the field
// and the rule, never the secret's value; redactor() takes them out of text
// that comes from elsewhere (IAM's answer, fetch's error).

/** Bad input, found before anything is signed or sent. */
export class ValidationError extends Error {
  constructor(issues) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'ValidationError';
    /** @type {{ field: string, rule: string, message: string }[]} */
    this.issues = issues;
  }
}

/** IAM answered with an error (or with something that is not IAM's XML). */
export class IamError extends Error {
  constructor({ code, type, message, requestId, statusCode, retryable, attempts }) {
    // IAM may send an error without a <Message>; an empty message would leave
    // a log line saying nothing but the code.
    super(message || `IAM answered HTTP ${statusCode} with ${code}`);
    this.name = code; // e.g. "NoSuchEntity": the IAM code is the error's name
    this.code = code;
    this.type = type;
    this.requestId = requestId;
    this.statusCode = statusCode;
    this.retryable = retryable;
    this.attempts = attempts;
  }
}

/** The request never got an HTTP answer (DNS, refused, reset, CORS, offline). */
export class NetworkError extends Error {
  constructor(message, { cause, attempts } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'NetworkError';
    this.attempts = attempts;
  }
}

/** An attempt took longer than timeoutMs. */
export class TimeoutError extends Error {
  constructor(message, { attempts } = {}) {
    super(message);
    this.name = 'TimeoutError';
    this.attempts = attempts;
  }
}

/**
 * Removes this attempt's secret and token (as sent, and percent-encoded as a
 * query or form would carry them) from text the server or fetch produced: a
 * proxy page or an error message may echo the request back.
 */
export function redactor(credentials) {
  const secrets = [];
  for (const value of [credentials?.secretAccessKey, credentials?.sessionToken]) {
    // Real secrets are 40 characters and tokens hundreds; redacting a short
    // test value like "x" would only mangle every message.
    if (typeof value === 'string' && value.length >= 8) secrets.push(value, encodeURIComponent(value));
  }
  const redact = (text) => secrets.reduce((out, secret) => {
    out = out.split(secret).join('[redacted]');
    // The core cuts a non-XML body to its first 200 characters, possibly
    // inside an echoed secret: a trailing piece of one goes too.
    for (let n = secret.length - 1; n >= 4; n -= 1) {
      if (out.endsWith(secret.slice(0, n))) return `${out.slice(0, -n)}[redacted]`;
    }
    return out;
  }, String(text));
  const mentions = (text) => secrets.some((secret) => String(text).includes(secret));
  redact.mentionedIn = (error, depth = 0) => {
    if (error === null || typeof error !== 'object') return mentions(error);
    if (depth > 4) return true; // a cause chain this deep is not worth the risk
    return mentions(error.message) || mentions(error.stack ?? '') || redact.mentionedIn(error.cause, depth + 1);
  };
  return redact;
}
