// Hides secrets from anything the page displays, with the package's own
// redactor (wasm/js/redact.js), so the page and the package hide the same
// forms: raw, percent-encoded in either hex case or a mix, and a cut-off
// prefix at the end of a text. The package never returns the secret access
// key, but a session token is sent with the request, so it appears in the
// signed headers, the canonical request and a presigned URL's query, and a
// server may echo it back in an answer. The page marks what it hid with
// visible markers that say which secret it was.
import { redactor } from '../../wasm/js/redact.js';

export const TOKEN_MARKER = '‹session token hidden›';
export const SECRET_MARKER = '‹secret hidden›';

/** text with every form of the session token and the secret key replaced. */
export function redact(text, { sessionToken, secretAccessKey } = {}) {
  return redactor([
    { value: sessionToken, marker: TOKEN_MARKER },
    { value: secretAccessKey, marker: SECRET_MARKER },
  ])(text);
}
