// One redactor for the package and the page: takes secrets (the secret
// access key, the session token) out of text that came from elsewhere (IAM's
// answer, a proxy page, fetch's error, a signed request shown on the page,
// every string of a successful answer).
//
// A secret is found anywhere in a text, whole or cut, and slightly altered:
// - any piece of it of MIN_PIECE_CHARS (16) characters or more: a prefix, a
//   suffix or a middle part (an excerpt cut inside it, a server that dropped
//   a character);
// - a cut-off prefix of MIN_TAIL_CHARS or more at the very end of a text
//   (the core cuts a non-XML body to its first 200 characters);
// - with any of its characters escaped: percent-encoded with upper- or
//   lower-case hex (`%2F`, `%2f`), JSON-escaped (`\/`, `\u002f`), or as an
//   XML character reference (`&#47;`, `&#x2F;`);
// - with zero-width characters (U+200B..U+200D, U+2060, U+FEFF, raw or
//   escaped) inside it.
// The text is read once into its decoded characters (with each one's place in
// the original); every 9th place is looked up among the secret's 8-character
// grams (a run of 16 always holds one), a hit is grown to its whole run, and
// each run is replaced in the original text, escapes included.
//
//   const redact = redactor([{ value: token, marker: '‹token›' }, secretKey]);
//   redact(text); redact.mentions(text); redact.mentionedIn(error)

export const REDACTED = '[redacted]';

// A few characters would match by chance (in a hex signature, say) and only
// garble the text; real secrets are 40 characters and tokens hundreds.
export const MIN_REDACTED_LENGTH = 8;

// A piece of a secret this long anywhere in a text is the secret: 16 random
// base64 characters (96 bits) do not occur by chance.
export const MIN_PIECE_CHARS = 16;

// A shorter prefix counts only at the very end of a text (a cut excerpt).
const MIN_TAIL_CHARS = 4;

// Characters that may hide inside a secret without changing what a reader copies.
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
// A text without any of these reads as itself: no decoding needed.
const MAY_BE_ESCAPED = /[%\\&\u200B-\u200D\u2060\uFEFF]/;
const SKIP = -1;
// Decodes the collected code units in one go (a lone surrogate becomes U+FFFD, still one unit).
const utf16 = new TextDecoder('utf-16le');

const hexValue = (code) => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/** The value of `digits` hex digits at text[at..], or -1. */
function hexAt(text, at, digits) {
  if (at + digits > text.length) return -1;
  let value = 0;
  for (let i = 0; i < digits; i += 1) {
    const digit = hexValue(text.charCodeAt(at + i));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** The character percent-encoded as UTF-8 at text[at..] (%C3%A9, %E2%80%8B, ...) as [code point, length], or null. */
function percentUtf8At(text, at) {
  const first = hexAt(text, at + 1, 2);
  const count = first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
  if (!count) return null;
  let point = first & (0xff >> (count + 1));
  for (let i = 1; i < count; i += 1) {
    const next = at + 3 * i;
    const byte = text[next] === '%' ? hexAt(text, next + 1, 2) : -1;
    if (byte < 0x80 || byte > 0xbf) return null;
    point = (point << 6) | (byte & 0x3f);
  }
  return [point, 3 * count];
}

/**
 * The escape starting at text[at] as [code point or SKIP, its length], or null
 * when text[at] is not an escape this redactor reads.
 */
function escapeAt(text, at) {
  const ch = text.charCodeAt(at);
  if (ch === 0x25) { // %XX (an ASCII byte), or a character's UTF-8 bytes
    const byte = hexAt(text, at + 1, 2);
    if (byte >= 0 && byte < 0x80) return [byte, 3];
    const decoded = percentUtf8At(text, at);
    return decoded && ZERO_WIDTH.has(decoded[0]) ? [SKIP, decoded[1]] : decoded;
  }
  if (ch === 0x5c) { // \/ \\ \" or \uXXXX
    const next = text[at + 1];
    if (next === '/' || next === '\\' || next === '"') return [next.charCodeAt(0), 2];
    if (next === 'u') {
      const unit = hexAt(text, at + 2, 4);
      if (unit >= 0) return [ZERO_WIDTH.has(unit) ? SKIP : unit, 6];
    }
    return null;
  }
  if (ch === 0x26 && text[at + 1] === '#') { // &#47; or &#x2F;
    const hex = text[at + 2] === 'x' || text[at + 2] === 'X';
    let end = at + (hex ? 3 : 2);
    let value = 0;
    const digitsStart = end;
    while (end < text.length && end - digitsStart < 7) {
      const digit = hex ? hexValue(text.charCodeAt(end)) : text.charCodeAt(end) - 0x30;
      if (digit < 0 || digit > (hex ? 15 : 9)) break;
      value = value * (hex ? 16 : 10) + digit;
      end += 1;
    }
    if (end === digitsStart || text[end] !== ';' || value > 0xffff) return null;
    return [ZERO_WIDTH.has(value) ? SKIP : value, end + 1 - at];
  }
  return null;
}

/**
 * The text as the characters a reader would copy: { plain, starts, ends }
 * where plain[i] came from text[starts[i]..ends[i]). Without escapes or
 * zero-width characters, plain is the text itself (starts/ends null).
 */
function decode(text) {
  if (!MAY_BE_ESCAPED.test(text)) return { plain: text, starts: null, ends: null };
  const units = new Uint16Array(text.length);
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let n = 0;
  for (let at = 0; at < text.length;) {
    const code = text.charCodeAt(at);
    let unit = code;
    let length = 1;
    if (code === 0x25 || code === 0x5c || code === 0x26) {
      const escape = escapeAt(text, at);
      if (escape) [unit, length] = escape;
    } else if (code >= 0x200b && ZERO_WIDTH.has(code)) unit = SKIP;
    if (unit > 0xffff) { // a surrogate pair, both halves from the same escape
      units[n] = 0xd800 + ((unit - 0x10000) >> 10);
      units[n + 1] = 0xdc00 + ((unit - 0x10000) & 0x3ff);
      starts[n] = at;
      starts[n + 1] = at;
      ends[n] = at + length;
      ends[n + 1] = at + length;
      n += 2;
    } else if (unit !== SKIP) {
      units[n] = unit;
      starts[n] = at;
      ends[n] = at + length;
      n += 1;
    }
    at += length;
  }
  return { plain: utf16.decode(units.subarray(0, n)), starts, ends };
}

function compile(secret, marker) {
  // The shortest run that counts, and a sampling that cannot miss one: every
  // run of minRun characters holds a whole gram starting at a sampled place.
  const minRun = Math.min(MIN_PIECE_CHARS, secret.length);
  const gram = Math.floor(minRun / 2);
  const step = minRun - gram + 1;
  const grams = new Map(); // gram -> where it starts in the secret
  for (let i = 0; i + gram <= secret.length; i += 1) {
    const piece = secret.slice(i, i + gram);
    if (grams.has(piece)) grams.get(piece).push(i);
    else grams.set(piece, [i]);
  }
  const tails = [];
  for (let k = Math.min(minRun - 1, secret.length - 1); k >= MIN_TAIL_CHARS; k -= 1) tails.push(secret.slice(0, k));
  return { secret, marker, minRun, gram, step, grams, tails };
}

/** The longest run of plain around plain[at..at+gram) that is a piece of the secret: [start, end] or null. */
function runAt(plain, at, { secret, minRun, gram, grams }) {
  const places = grams.get(plain.slice(at, at + gram));
  if (!places) return null;
  let best = null;
  for (const place of places) {
    let left = 0;
    while (left < place && left < at && plain.charCodeAt(at - left - 1) === secret.charCodeAt(place - left - 1)) left += 1;
    let right = 0;
    const after = place + gram;
    while (after + right < secret.length && at + gram + right < plain.length && plain.charCodeAt(at + gram + right) === secret.charCodeAt(after + right)) right += 1;
    if (left + gram + right >= minRun && (!best || left + gram + right > best[1] - best[0])) best = [at - left, at + gram + right];
  }
  return best;
}

/** [start, end, marker] ranges of plain covered by pieces of one secret, in order. */
function findRanges(plain, entry) {
  const ranges = [];
  let end = 0;
  for (let i = 0; i + entry.gram <= plain.length; i += entry.step) {
    if (i < end) continue; // inside a run already found
    const run = runAt(plain, i, entry);
    if (!run) continue;
    const last = ranges[ranges.length - 1];
    if (last && run[0] <= last[1]) last[1] = Math.max(last[1], run[1]);
    else ranges.push([run[0], run[1], entry.marker]);
    end = run[1];
  }
  const tail = entry.tails.find((prefix) => plain.endsWith(prefix));
  if (tail) {
    const from = plain.length - tail.length;
    const last = ranges[ranges.length - 1];
    if (last && last[1] >= from) last[1] = plain.length;
    else ranges.push([from, plain.length, entry.marker]);
  }
  return ranges;
}

/** text with every range of every entry replaced by its marker (text decoded once). */
function redactAll(text, entries) {
  const { plain, starts, ends } = decode(text);
  const ranges = entries.flatMap((entry) => findRanges(plain, entry)).sort((a, b) => a[0] - b[0]);
  if (!ranges.length) return text;
  let out = '';
  let at = 0; // in text
  let covered = 0; // in plain
  for (const [from, to, marker] of ranges) {
    if (to <= covered) continue; // inside a range already replaced
    const start = Math.max(from, covered);
    out += text.slice(at, starts ? starts[start] : start) + marker;
    at = ends ? ends[to - 1] : to;
    covered = to;
  }
  return out + text.slice(at);
}

/**
 * secrets: strings or { value, marker } (marker defaults to REDACTED);
 * values that are not strings of MIN_REDACTED_LENGTH or more are ignored.
 */
export function redactor(secrets) {
  const entries = [];
  for (const entry of secrets ?? []) {
    const { value, marker = REDACTED } = typeof entry === 'string' ? { value: entry } : entry ?? {};
    if (typeof value === 'string' && value.length >= MIN_REDACTED_LENGTH) entries.push(compile(value, marker));
  }
  const redact = (text) => (entries.length ? redactAll(String(text), entries) : String(text));
  const mentions = (text) => {
    if (!entries.length) return false;
    const { plain } = decode(String(text));
    return entries.some((entry) => findRanges(plain, entry).length > 0);
  };
  redact.mentions = mentions;
  /** Whether an error's message, stack or cause chain holds a secret. */
  redact.mentionedIn = (error, depth = 0) => {
    if (error === null || typeof error !== 'object') return mentions(error);
    if (depth > 4) return true; // a cause chain this deep is not worth the risk
    let message;
    let stack;
    let cause;
    try {
      ({ message, stack, cause } = error);
    } catch {
      return true; // unreadable: assume the worst
    }
    return mentions(message) || mentions(stack ?? '') || redact.mentionedIn(cause, depth + 1);
  };
  /**
   * A copy of a call's output with every string redacted, at any depth
   * (arrays and plain objects walked; Dates, numbers, byte arrays kept).
   */
  redact.deep = (value) => {
    if (!entries.length) return value;
    if (typeof value === 'string') return redact(value);
    if (Array.isArray(value)) return value.map(redact.deep);
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out = {};
      for (const key of Object.keys(value)) out[key] = redact.deep(value[key]);
      return out;
    }
    return value;
  };
  return redact;
}
