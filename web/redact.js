// Hides secrets from anything the page displays. The package never returns
// the secret access key, but a session token is sent with the request, so it
// appears in the signed headers, the canonical request and a presigned URL's
// query, and a server may echo it back in an answer: raw or percent-encoded,
// with its hex digits in either case (%2F or %2f), whole or in part encoded.
// Every such form is replaced by a visible marker.
// (The package is getting its own redactor; the page should use that one once
// it can import it, so both hide the same forms.)

export const TOKEN_MARKER = '‹session token hidden›';
export const SECRET_MARKER = '‹secret hidden›';

// A few characters would match by chance (in a hex signature, say) and only
// garble the view; real secrets are far longer.
const MIN_REDACTED_LENGTH = 8;

const utf8 = new TextEncoder();
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hexDigit = (digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit);

/** One character: as itself, or as its UTF-8 bytes percent-encoded in any hex case. */
function characterPattern(character) {
  const escaped = [...utf8.encode(character)]
    .map((byte) => `%${[...byte.toString(16).padStart(2, '0')].map(hexDigit).join('')}`)
    .join('');
  return `(?:${escapeRegExp(character)}|${escaped})`;
}

function secretPattern(secret) {
  return new RegExp([...secret].map(characterPattern).join(''), 'g');
}

/** text with every form of the session token and the secret key replaced. */
export function redact(text, { sessionToken, secretAccessKey } = {}) {
  let out = String(text);
  for (const [secret, marker] of [[sessionToken, TOKEN_MARKER], [secretAccessKey, SECRET_MARKER]]) {
    if (!secret || secret.length < MIN_REDACTED_LENGTH) continue;
    out = out.replace(secretPattern(secret), () => marker);
  }
  return out;
}
