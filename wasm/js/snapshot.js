// Reads a caller's values into plain primitives before anything enters wasm.
// Getters, proxies and toString() run here, in JS, where a throw is harmless;
// wrong types become issues (field + rule) instead of reaching C++.
import { ValidationError } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class Snapshot {
  constructor() {
    this.issues = [];
  }

  issue(field, rule, detail) {
    this.issues.push({ field, rule, message: `${field}: ${detail}` });
  }

  /** A plain object to read from, or a TypeError for the whole argument. */
  object(value, name) {
    if (value === null || typeof value !== 'object') {
      throw new TypeError(`${name} must be an object, got ${describe(value)}`);
    }
    return value;
  }

  /** Reads value[key] once, turning a throwing getter or proxy into an issue. */
  read(source, key, field) {
    try {
      return source[key];
    } catch {
      this.issue(field, 'readable', 'could not be read (its getter or proxy threw)');
      return undefined;
    }
  }

  string(value, field, { required = true, fallback = '' } = {}) {
    if (value === undefined || value === null) {
      if (required) this.issue(field, 'required', 'is required');
      return fallback;
    }
    if (typeof value !== 'string') {
      this.issue(field, 'type', `must be a string, got ${describe(value)}`);
      return fallback;
    }
    if (LONE_SURROGATE.test(value)) {
      this.issue(field, 'wellFormed', 'contains a lone surrogate (not valid Unicode)');
      return fallback;
    }
    return value;
  }

  boolean(value, field, fallback) {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.issue(field, 'type', `must be true or false, got ${describe(value)}`);
      return fallback;
    }
    return value;
  }

  number(value, field, fallback) {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.issue(field, 'type', `must be a finite number, got ${describe(value)}`);
      return Number.NaN;
    }
    return value;
  }

  /** options.credentials -> { accessKeyId, secretAccessKey, sessionToken }, all strings. */
  credentials(options) {
    const credentials = this.read(options, 'credentials', 'credentials');
    if (credentials === null || typeof credentials !== 'object') {
      this.issue('credentials', 'required', 'must be an object with accessKeyId and secretAccessKey');
      return { accessKeyId: '', secretAccessKey: '', sessionToken: '' };
    }
    const field = (key, required) =>
      this.string(this.read(credentials, key, `credentials.${key}`), `credentials.${key}`, { required });
    return {
      accessKeyId: field('accessKeyId', true),
      secretAccessKey: field('secretAccessKey', true),
      sessionToken: field('sessionToken', false),
    };
  }

  /**
   * Reports own keys of source that are not in known (a misspelt option
   * signs something else), e.g. "is not an option of signRequest (known: ...)".
   * Keys that cannot be listed (a proxy whose ownKeys trap throws) are an
   * issue on `field` too: an unknown key must never be ignored silently.
   */
  unknownKeys(source, known, what, field) {
    let keys;
    try {
      keys = Object.keys(source);
    } catch {
      this.issue(field, 'readable', 'its keys could not be listed (its proxy threw)');
      return;
    }
    for (const key of keys) {
      if (!known.includes(key)) this.issue(key, 'unknown', `is not ${what} (known: ${known.join(', ')})`);
    }
  }

  /**
   * options.date (a valid Date; default now) -> milliseconds since the epoch.
   * The time is read from the Date's own slot (Date.prototype.getTime), so a
   * subclass's getTime override or a Proxy never runs caller code here.
   */
  dateMs(options) {
    const date = this.read(options, 'date', 'date');
    if (date === undefined) return Date.now();
    let ms;
    try {
      ms = Date.prototype.getTime.call(date);
    } catch {
      this.issue('date', 'type', `must be a Date, got ${describe(date)}`);
      return Date.now();
    }
    if (Number.isNaN(ms)) {
      this.issue('date', 'valid', 'is an invalid Date');
      return Date.now();
    }
    return ms;
  }

  /**
   * Merges the core's issues, skipping fields this snapshot already reported
   * (and their sub-fields: no "credentials.accessKeyId" after "credentials").
   */
  merge(coreIssues) {
    const seen = this.issues.map((i) => i.field);
    const covered = (field) => seen.some((f) => field === f || field.startsWith(`${f}.`));
    for (const issue of coreIssues) {
      if (!covered(issue.field)) this.issues.push({ ...issue });
    }
  }

  throwIfAny() {
    if (this.issues.length) throw new ValidationError(this.issues);
  }
}

/** Array.isArray(value), false where it throws (a revoked proxy). */
export function isArray(value) {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** `value instanceof Class`, false where a proxy's trap throws or it is revoked. */
export function isInstance(value, Class) {
  try {
    return value instanceof Class;
  } catch {
    return false;
  }
}

/** What a value is, without ever printing the value itself (it may be a secret). */
export function describe(value) {
  if (value === null) return 'null';
  const type = typeof value;
  if (type !== 'object') return `a ${type}`;
  // Array.isArray and instanceof throw on a revoked or trapping proxy.
  try {
    if (Array.isArray(value)) return 'an array';
    if (value instanceof Date) return isRealDate(value) ? 'a Date' : 'an object posing as a Date (a Proxy or a fake)';
  } catch {
    return 'an unreadable object (a revoked or throwing proxy)';
  }
  return 'an object';
}

function isRealDate(value) {
  try {
    Date.prototype.getTime.call(value);
    return true;
  } catch {
    return false;
  }
}
