// Reads a caller's values into plain primitives before anything enters wasm.
// Getters, proxies and toString() run here, in JS, where a throw is harmless;
// wrong types become issues (field + rule) instead of reaching C++.
import { ValidationError } from './errors.js';

// IAM's params nest at most a few levels (Tags[0].Key); far below the packed format's limit.
const MAX_PARAMS_DEPTH = 8;
// An array-like proxy may claim any length; no IAM list parameter comes near this.
const MAX_PARAMS_ITEMS = 10000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class Snapshot {
  constructor() {
    this.issues = [];
    this.covered = []; // fields whose core issues would repeat one reported here
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
   * options.date (a valid Date; default now) -> milliseconds since the epoch
   * (read by timeOf: no caller code runs).
   */
  dateMs(options) {
    const date = this.read(options, 'date', 'date');
    if (date === undefined) return Date.now();
    return this.timeOf(date, 'date', 'a Date') ?? Date.now();
  }

  /**
   * A Date's time, read from its own slot (Date.prototype.getTime), so a
   * subclass's getTime override or a Proxy never runs caller code here;
   * undefined, with an issue, for a value without one or an invalid Date.
   */
  timeOf(date, field, expected) {
    let ms;
    try {
      ms = Date.prototype.getTime.call(date);
    } catch {
      this.issue(field, 'type', `must be ${expected}, got ${describe(date)}`);
      return undefined;
    }
    if (Number.isNaN(ms)) {
      this.issue(field, 'valid', 'is an invalid Date');
      return undefined;
    }
    return ms;
  }

  /**
   * An operation's params as plain values for the core, which checks them
   * against the operation's shape (unknown members, types, ranges, patterns).
   * Read here, once: strings (well-formed), numbers, booleans, Dates (read
   * from their own slot), arrays and plain objects; a member that is
   * undefined is left out (absent), as is one with a problem reported here.
   * undefined params are no params (null); anything else not an object is a
   * TypeError for the whole argument.
   */
  params(value, { optional = false, members = [] } = {}) {
    if (value === undefined && optional) return null;
    this.object(value, 'params');
    const plain = this.plain(value, '', 0);
    // params could not be read at all: the core's "is required" for each
    // member would only repeat that.
    if (plain === undefined) this.covered.push(...members);
    return plain ?? null;
  }

  /** One value of params (see params()); undefined when it is reported or absent. */
  plain(value, path, depth) {
    const field = path || 'params';
    if (value === undefined) return undefined;
    if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
    if (typeof value === 'string') return this.string(value, field, { fallback: undefined });
    if (typeof value !== 'object') {
      this.issue(field, 'type', `cannot be ${describe(value)} (params hold strings, numbers, booleans, Dates, arrays and plain objects)`);
      return undefined;
    }
    if (depth >= MAX_PARAMS_DEPTH) {
      this.issue(field, 'depth', `nests deeper than ${MAX_PARAMS_DEPTH} levels`);
      return undefined;
    }
    if (isInstance(value, Date)) {
      const ms = this.timeOf(value, field, 'a Date or a plain value');
      return ms === undefined ? undefined : new Date(ms); // our own Date: packing it runs no caller code
    }
    if (isArray(value)) {
      const length = this.read(value, 'length', field);
      if (!Number.isInteger(length) || length < 0 || length > MAX_PARAMS_ITEMS) {
        this.issue(field, 'maxLength', `must be an array of at most ${MAX_PARAMS_ITEMS} items`);
        return undefined;
      }
      const items = [];
      for (let i = 0; i < length; i += 1) {
        const item = this.plain(this.read(value, i, `${field}[${i}]`), `${field}[${i}]`, depth + 1);
        items.push(item === undefined ? null : item);
      }
      return items;
    }
    if (!isPlainObject(value)) {
      this.issue(field, 'type', `must be a plain object, got ${describe(value)} that is not one`);
      return undefined;
    }
    let keys;
    try {
      keys = Object.keys(value);
    } catch {
      this.issue(field, 'readable', 'its keys could not be listed (its proxy threw)');
      return undefined;
    }
    const out = {};
    for (const key of keys) {
      const name = path ? `${path}.${key}` : key;
      const given = this.read(value, key, name);
      const before = this.issues.length;
      const item = this.plain(given, name, depth + 1);
      if (this.issues.length > before) continue; // reported here: the core is not asked again
      // undefined crosses as null (absent to the core, but a misspelt key is
      // still reported); defineProperty keeps a key "__proto__" an own key.
      Object.defineProperty(out, key, { value: item ?? null, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /**
   * Merges the core's issues, skipping fields this snapshot already reported
   * (and their sub-fields: no "credentials.accessKeyId" after "credentials").
   */
  merge(coreIssues) {
    const seen = [...this.issues.map((i) => i.field), ...this.covered];
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

/** An object whose prototype is Object.prototype or null; false where a proxy's trap throws. */
function isPlainObject(value) {
  try {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
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
  if (value === undefined) return 'undefined';
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
