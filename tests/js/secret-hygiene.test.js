// Secret hygiene of the wasm package:
//   * after every signing operation (and after a ValidationError) neither the
//     secret access key nor the session token is left anywhere in the wasm
//     memory, raw or percent-encoded (a presigned URL carries the token so);
//   * no error (message, stack, issues, inspect output) and no console or
//     stdout/stderr line ever contains them;
//   * the wasm memory does not grow over one million signatures.
// The scan reads the whole linear memory (heap, stack, static data), which
// is what a page's other scripts could read if they got hold of the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { init, createClient, ValidationError } from 'keyflip';
import { loadCore } from '../../wasm/js/core.js';

const kf = await init();
const core = await loadCore(); // the same instance init() uses

// Two credential sets: a realistic one (base64 '/', '+', '=': the encoded
// forms differ from the raw ones), and one of unreserved characters only
// (encoded == raw, so a leftover canonical query or URL would be found too).
// Short values test that small-string storage is wiped as well.
const SETS = [
  { name: 'base64', secret: 'kfSecretQ9zX/7Wm2+RvLp4TnB8YdHc3JsEuKa6Gf', token: `kfTokenIQoJb3JpZ2luX2VjEBYaCXVzLWVhc3QtMSJHMEUCIQD/${'aB3+x9Zq/Lm2'.repeat(24)}==` },
  { name: 'unreserved', secret: 'kfSecretPlain0123456789abcdefghijklmnopq', token: `kfTokenPlain-_.~${'Zz09'.repeat(60)}` },
  { name: 'short', secret: 'kfS3cr/+', token: 'kfT0k/+=' },
];
const DATE = new Date('2015-08-30T12:36:00Z');
const REQUEST = { method: 'GET', url: 'https://example.amazonaws.com/', headers: { Host: 'example.amazonaws.com' } };
const PARAMS = { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };

/** Every form a value could be stored in: raw UTF-8 and percent-encoded. */
function forms(value) {
  const encoded = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [...new Set([value, encoded])];
}

/** Where (byte offsets) any form of value, or any 16-byte piece of it, sits in wasm memory. */
function findInWasm(value) {
  const memory = Buffer.from(core.HEAPU8.buffer); // a view, not a copy; re-read: growth replaces it
  const hits = [];
  for (const form of forms(value)) {
    const pieces = form.length <= 16 ? [form] : [];
    for (let i = 0; i + 16 <= form.length; i += 8) pieces.push(form.slice(i, i + 16));
    for (const piece of pieces) {
      const at = memory.indexOf(Buffer.from(piece, 'utf8'));
      if (at >= 0) hits.push(`${JSON.stringify(piece)} at ${at}`);
    }
  }
  return hits;
}

function assertGone(set, when) {
  for (const [what, value] of [['secret', set.secret], ['session token', set.token]]) {
    const hits = findInWasm(value);
    assert.deepEqual(hits, [], `${set.name} ${what} still in wasm memory after ${when}: ${hits.slice(0, 3).join(', ')}`);
  }
}

/** Runs fn with console and stdout/stderr captured; returns [result or error, captured text]. */
async function captured(fn) {
  const lines = [];
  const saved = {};
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    saved[method] = console[method];
    console[method] = (...args) => lines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  }
  const writes = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = (chunk) => (lines.push(String(chunk)), true);
  let outcome;
  try {
    outcome = await fn();
  } catch (error) {
    outcome = error;
  } finally {
    Object.assign(console, saved);
    [process.stdout.write, process.stderr.write] = writes;
  }
  return [outcome, lines.join('\n')];
}

function assertNotMentioned(set, text, where) {
  for (const value of [set.secret, set.token]) {
    for (const form of forms(value)) assert.ok(!text.includes(form), `${where} contains a secret of set ${set.name}`);
  }
}

function errorText(error) {
  if (!(error instanceof Error)) return String(error);
  return [error.message, error.stack, String(error), inspect(error, { depth: 5 }), JSON.stringify(error.issues ?? [])].join('\n');
}

test('the scanner finds a secret that is in wasm memory (positive control)', () => {
  const bytes = new TextEncoder().encode(SETS[0].secret);
  const ptr = core._malloc(bytes.length);
  core.HEAPU8.set(bytes, ptr);
  try {
    assert.ok(findInWasm(SETS[0].secret).length > 0);
  } finally {
    core.HEAPU8.fill(0, ptr, ptr + bytes.length);
    core._free(ptr);
  }
  assert.deepEqual(findInWasm(SETS[0].secret), []);
});

for (const set of SETS) {
  const credentials = { accessKeyId: 'ASIAKEYFLIPEXAMPLE01', secretAccessKey: set.secret, sessionToken: set.token };
  const signing = { credentials, region: 'us-east-1', service: 'service', date: DATE };
  const operations = {
    signRequest: () => kf.signRequest(REQUEST, signing),
    'signRequest (signBody, omitSessionToken)': () => kf.signRequest({ ...REQUEST, method: 'POST', body: 'a=b' }, { ...signing, signBody: true, omitSessionToken: true }),
    presignRequest: () => kf.presignRequest(REQUEST, { ...signing, expiresIn: 300 }),
    buildUpdateAccessKey: () => kf.buildUpdateAccessKey(PARAMS, { credentials, date: DATE }),
    'buildUpdateAccessKey (aws-cn, FIPS)': () => kf.buildUpdateAccessKey(PARAMS, { credentials, date: DATE, partition: 'aws-cn', fips: true }),
    presignUpdateAccessKey: () => kf.presignUpdateAccessKey(PARAMS, { credentials, date: DATE, expiresIn: 900 }),
  };
  // Each a ValidationError, caused by another field or by the secret itself.
  const invalid = {
    'another field (AccessKeyId too short)': () => kf.buildUpdateAccessKey({ ...PARAMS, AccessKeyId: 'short' }, { credentials, date: DATE }),
    'an unknown partition': () => kf.presignUpdateAccessKey(PARAMS, { credentials, date: DATE, partition: 'aws-mars' }),
    'an invalid URL': () => kf.signRequest({ url: 'ftp://example.com/' }, signing),
    'a missing region': () => kf.presignRequest(REQUEST, { ...signing, region: undefined }),
    'a secret with a space': () => kf.signRequest(REQUEST, { ...signing, credentials: { ...credentials, secretAccessKey: `${set.secret} x` } }),
    'a token with a control character': () => kf.buildUpdateAccessKey(PARAMS, { credentials: { ...credentials, sessionToken: `${set.token}\u0001` }, date: DATE }),
    'a token with a lone surrogate': () => kf.signRequest(REQUEST, { ...signing, credentials: { ...credentials, sessionToken: `${set.token}\uD800` } }),
    'a secret of the wrong type (object with toString)': () => kf.signRequest(REQUEST, { ...signing, credentials: { ...credentials, secretAccessKey: { toString: () => set.secret } } }),
    'an expiry out of range': () => kf.presignRequest(REQUEST, { ...signing, expiresIn: 604801 }),
  };

  test(`${set.name}: nothing of the secret or token is left in wasm memory after signing`, async () => {
    assertGone(set, 'start');
    for (const [name, run] of Object.entries(operations)) {
      const [out, text] = await captured(run);
      assert.ok(!(out instanceof Error), `${name} threw ${out?.message}`);
      assertGone(set, name);
      assertNotMentioned(set, text, `output of ${name}`);
    }
  });

  test(`${set.name}: after a ValidationError nothing is left, and the error never quotes the secrets`, async () => {
    for (const [name, run] of Object.entries(invalid)) {
      const [error, text] = await captured(run);
      assert.ok(error instanceof ValidationError, `${name}: expected ValidationError, got ${error}`);
      assertGone(set, `a ValidationError for ${name}`);
      assertNotMentioned(set, errorText(error), `the error for ${name}`);
      assertNotMentioned(set, text, `output of ${name}`);
    }
  });

  test(`${set.name}: createClient().updateAccessKey leaves nothing behind, on success and on an IAM error`, async () => {
    const answers = [
      new Response('<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>', { status: 200 }),
      // An answer that echoes the request back must not bring the secrets in either.
      new Response(`<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>bad ${set.secret} ${set.token}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`, { status: 403 }),
    ];
    for (const answer of answers) {
      const client = createClient({ credentials, maxAttempts: 1, fetch: async () => answer });
      const [outcome, text] = await captured(() => client.updateAccessKey(PARAMS));
      assertNotMentioned(set, errorText(outcome), 'the client outcome');
      assertNotMentioned(set, text, 'output of updateAccessKey');
      // The echoed answer body went through the core (parse_iam_response) as a
      // plain string; what the core freed is wiped.
      assertGone(set, `updateAccessKey answered HTTP ${answer.status}`);
    }
  });
}

test('the wasm memory does not grow over one million signatures', () => {
  const { secret, token } = SETS[0];
  const options = { credentials: { accessKeyId: 'ASIAKEYFLIPEXAMPLE01', secretAccessKey: secret, sessionToken: token }, region: 'us-east-1', service: 'service', date: DATE };
  // Every 100th signature is for another day, so the signing key cache keeps
  // deriving and evicting keys too.
  const otherDays = Array.from({ length: 10 }, (_, i) => ({ ...options, date: new Date(Date.UTC(2016, 0, 1 + i)) }));
  for (let i = 0; i < 1000; i += 1) kf.signRequest(REQUEST, options); // warm-up: first allocations
  const before = core.HEAPU8.buffer.byteLength;
  const started = performance.now();
  let signature;
  for (let i = 0; i < 1_000_000; i += 1) {
    signature = kf.signRequest(REQUEST, i % 100 === 99 ? otherDays[(i / 100) % 10 | 0] : options).signature;
  }
  const seconds = (performance.now() - started) / 1000;
  assert.equal(signature.length, 64);
  assert.equal(core.HEAPU8.buffer.byteLength, before, `wasm memory grew from ${before} to ${core.HEAPU8.buffer.byteLength} bytes`);
  assertGone(SETS[0], 'one million signatures');
  console.log(`# 1,000,000 signatures in ${seconds.toFixed(1)} s; wasm memory stayed at ${before} bytes`);
});
