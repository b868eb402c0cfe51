// The one redactor (wasm/js/redact.js), shared by the package and the page:
// a secret or token is found raw, percent-encoded in upper or lower case or
// a mix, and cut off at the end of a text; and IamError.message never shows
// a session token echoed with lowercase escapes (a hostile-test finding).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, IamError } from 'keyflip';
import { REDACTED, redactor } from '../../wasm/js/redact.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = `IQoJb3JpZ2luX2VjEBYaCXVzLWVhc3QtMSJHMEUCIQD/${'aB3+x9Zq/Lm2'.repeat(10)}==`;
const lower = (text) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

test('every form of a secret is replaced', () => {
  const redact = redactor([SECRET, { value: TOKEN, marker: '‹token›' }]);
  for (const form of [TOKEN, encodeURIComponent(TOKEN), lower(TOKEN), TOKEN.replace('/', '%2f').replace('+', '%2B')]) {
    assert.equal(redact(`a ${form} b`), 'a ‹token› b', form.slice(0, 60));
  }
  for (const form of [SECRET, encodeURIComponent(SECRET), lower(SECRET)]) assert.equal(redact(`[${form}]`), `[${REDACTED}]`);
  assert.ok(redact.mentions(`x${lower(TOKEN)}`));
  assert.ok(!redact.mentions('nothing here'));
  // A cut-off prefix at the end (an excerpt cut inside it), raw or encoded.
  assert.equal(redact(`echo: ${TOKEN.slice(0, 120)}`), 'echo: ‹token›');
  assert.equal(redact(`echo: ${lower(SECRET).slice(0, 20)}`), `echo: ${REDACTED}`);
  assert.equal(redact('ends with wJa'), 'ends with wJa', 'three characters are no evidence');
  // Short values are ignored rather than mangling every text.
  assert.equal(redactor(['x', 'abc'])('x abc'), 'x abc');
  assert.ok(redact.mentionedIn(new Error('outer', { cause: new Error(`inner ${lower(TOKEN)}`) })));
});

test('IamError.message hides a session token echoed with lowercase percent-escapes', async () => {
  const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN };
  const body = `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>token ${lower(TOKEN)} and ${lower(SECRET)} are invalid</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
  const fetch = async () => new Response(body, { status: 403 });
  const error = await createClient({ credentials, fetch, maxAttempts: 1 }).updateAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active' }).catch((e) => e);
  assert.ok(error instanceof IamError);
  assert.equal(error.message, `token ${REDACTED} and ${REDACTED} are invalid`);
  assert.ok(!error.message.includes(lower(TOKEN).slice(0, 30)));
});
