// Hides secrets from anything the page displays. The package never returns
// the secret access key, but a session token is sent with the request, so it
// appears in the signed headers, the canonical request and a presigned URL's
// query, raw or percent-encoded. Every form is replaced by a visible marker.

export const TOKEN_MARKER = '‹session token hidden›';
export const SECRET_MARKER = '‹secret hidden›';

// SigV4's URI encoding: encodeURIComponent plus the characters it leaves alone.
const sigv4Encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function forms(secret) {
  return [...new Set([secret, encodeURIComponent(secret), sigv4Encode(secret)])].sort((a, b) => b.length - a.length);
}

// A few characters would match by chance (in a hex signature, say) and only
// garble the view; real secrets are far longer.
const MIN_REDACTED_LENGTH = 8;

/** text with every form of the session token and the secret key replaced. */
export function redact(text, { sessionToken, secretAccessKey } = {}) {
  let out = String(text);
  for (const [secret, marker] of [[sessionToken, TOKEN_MARKER], [secretAccessKey, SECRET_MARKER]]) {
    if (!secret || secret.length < MIN_REDACTED_LENGTH) continue;
    for (const form of forms(secret)) out = out.split(form).join(marker);
  }
  return out;
}
