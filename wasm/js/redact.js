// One redactor for the package and the page: takes secrets (the secret
// access key, the session token) out of text that came from elsewhere (IAM's
// answer, a proxy page, fetch's error, a signed request shown on the page).
//
// A secret is found raw, percent-encoded with upper- or lower-case hex
// (`%2F` or `%2f`), or any mix of the two (encoders differ on which
// characters they escape), and at the very end of the text as a cut-off
// prefix (the core cuts a non-XML body to its first 200 characters, possibly
// inside an echoed secret).
//
//   const redact = redactor([{ value: token, marker: '‹token›' }, secretKey]);
//   redact(text); redact.mentions(text); redact.mentionedIn(error)

export const REDACTED = '[redacted]';

// A few characters would match by chance (in a hex signature, say) and only
// garble the text; real secrets are 40 characters and tokens hundreds.
export const MIN_REDACTED_LENGTH = 8;

// The longest cut-off prefix looked for at the end of a text: the core's
// excerpt is 200 characters, so a cut secret is at most that long.
const MAX_TAIL_CHARS = 200;
const MIN_TAIL_CHARS = 4;

const encoder = new TextEncoder();
const escapeRegExp = (text) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const hexEither = (digit) => (/[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit);

/** A pattern for one character: itself, or its UTF-8 bytes percent-encoded in either case. */
function charPattern(ch) {
  const escaped = [...encoder.encode(ch)].map((b) => `%${[...b.toString(16).toUpperCase().padStart(2, '0')].map(hexEither).join('')}`).join('');
  return `(?:${escapeRegExp(ch)}|${escaped})`;
}

function compile(secret) {
  const chars = [...secret].map(charPattern);
  // The tail: a prefix of at least MIN_TAIL_CHARS characters, then the end.
  const tailChars = chars.slice(0, Math.min(chars.length - 1, MAX_TAIL_CHARS));
  let tail = '';
  for (let i = tailChars.length - 1; i >= MIN_TAIL_CHARS; i -= 1) tail = `(?:${tailChars[i]}${tail})?`;
  return {
    whole: new RegExp(chars.join(''), 'g'),
    tail: tailChars.length >= MIN_TAIL_CHARS ? new RegExp(`${tailChars.slice(0, MIN_TAIL_CHARS).join('')}${tail}$`) : null,
  };
}

/**
 * secrets: strings or { value, marker } (marker defaults to REDACTED);
 * values that are not strings of MIN_REDACTED_LENGTH or more are ignored.
 */
export function redactor(secrets) {
  const entries = [];
  for (const entry of secrets ?? []) {
    const { value, marker = REDACTED } = typeof entry === 'string' ? { value: entry } : entry ?? {};
    if (typeof value === 'string' && value.length >= MIN_REDACTED_LENGTH) entries.push({ marker, ...compile(value) });
  }
  // Longest patterns first is not needed: a token never contains the secret key.
  const redact = (text) => entries.reduce((out, { marker, whole, tail }) => {
    const replaced = out.replace(whole, marker);
    return tail ? replaced.replace(tail, marker) : replaced;
  }, String(text));
  const mentions = (text) => entries.some(({ whole }) => {
    whole.lastIndex = 0;
    return whole.test(String(text));
  });
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
  return redact;
}
