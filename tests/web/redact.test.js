// web/shared/redact.js, on its own (no browser): every form in which a page may meet
// the session token or the secret key is hidden, and nothing else is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, SECRET_MARKER, TOKEN_MARKER } from '../../web/shared/redact.js';

// Real session tokens are base64: '/', '+' and '=' are the characters that get escaped.
const sessionToken = 'FwoGZXIvYXdzEJr//////////wEaDH+abc/def+ghi==';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const secrets = { sessionToken, secretAccessKey };
const lowerEscapes = (text) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

test('hides the token raw, percent-encoded in upper case, and SigV4-encoded', () => {
  for (const form of [sessionToken, encodeURIComponent(sessionToken)]) {
    assert.equal(redact(`x-amz-security-token: ${form}`, secrets), `x-amz-security-token: ${TOKEN_MARKER}`);
  }
});

test('hides the token percent-encoded with lower-case hex (%2f, %2b, %3d), as a server may echo it', () => {
  const lower = lowerEscapes(sessionToken);
  assert.match(lower, /%2f/);
  assert.match(lower, /%2b/);
  assert.match(lower, /%3d/);
  const echoed = `<Message>bad token X-Amz-Security-Token=${lower}&X-Amz-Date=1</Message>`;
  assert.equal(redact(echoed, secrets), `<Message>bad token X-Amz-Security-Token=${TOKEN_MARKER}&X-Amz-Date=1</Message>`);
});

test('hides a token with escapes of mixed case, or only some characters escaped', () => {
  const mixed = sessionToken.replace(/\//g, '%2f').replace(/\+/g, '%2B').replace(/=/g, '%3d');
  assert.equal(redact(`[${mixed}]`, secrets), `[${TOKEN_MARKER}]`);
  const partly = sessionToken.replace('/', '%2F');
  assert.equal(redact(partly, secrets), TOKEN_MARKER);
});

test('hides the secret key in every form too, and a non-ASCII secret escaped as UTF-8', () => {
  const lower = lowerEscapes(secretAccessKey);
  assert.equal(redact(`${secretAccessKey} ${lower}`, secrets), `${SECRET_MARKER} ${SECRET_MARKER}`);
  const accented = 'sécret-value-1234';
  assert.equal(redact(lowerEscapes(accented), { secretAccessKey: accented }), SECRET_MARKER);
});

test('leaves other text alone, and does not redact values too short to be secrets', () => {
  const text = 'Signature=5fa00fa3 X-Amz-Date=20150830T123600Z %2f%2F';
  assert.equal(redact(text, secrets), text);
  assert.equal(redact('abc abc', { sessionToken: 'abc' }), 'abc abc');
  assert.equal(redact('nothing to hide'), 'nothing to hide');
});
