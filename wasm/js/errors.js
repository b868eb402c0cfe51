// The error classes of keyflip's public API. No message built here ever
// includes a secret access key or a session token: messages name the field
// and the rule, never the secret's value; redactor() takes them out of text
// that comes from elsewhere (IAM's answer, fetch's error).
import { redactor as makeRedactor } from './redact.js';

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
 * A paginator reached its bound (maxPages or maxItems) with more to come:
 * the list is not complete, and says so, rather than ending short. Raise the
 * bound in the paginate call's options to read further.
 */
export class PaginationLimitError extends Error {
  constructor(limit, value, { pages, items }) {
    super(`paging stopped at ${limit} ${value} (${pages} pages, ${items} items read) with more to come; the list is incomplete: pass a larger ${limit} to read further`);
    this.name = 'PaginationLimitError';
    this.limit = limit; // 'maxPages' | 'maxItems'
    this.value = value;
    this.pages = pages;
    this.items = items;
  }
}

/**
 * The redactor for one call's credentials (redact.js): the secret key and
 * the session token, however a server or fetch echoed them, become
 * "[redacted]" in text the package puts into its errors.
 */
export function redactor(credentials) {
  return makeRedactor([credentials?.secretAccessKey, credentials?.sessionToken]);
}
