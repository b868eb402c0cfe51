// The wasm boundary: values are checked before they cross, a failure inside
// the module discards it (init() then loads a fresh one), the packed format
// is strict about field names, the facts come from the core, and caller
// objects that used to escape the package's error guarantees (hostile
// fetch answers, Date subclasses and proxies, throwing ownKeys traps, huge
// bodies) give the package's own errors. Regression tests for issue 10's
// hostile-test findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, createClient, IamError, NetworkError, ValidationError } from 'keyflip';
import { callCore, discardForTesting, loadCore } from '../../wasm/js/core.js';
import { LIMITS, IAM_ENDPOINTS } from '../../wasm/js/generated-facts.js';
import { renderFacts } from '../../wasm/bindings/write-facts.mjs';
import { readFileSync } from 'node:fs';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const PARAMS = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const DATE = new Date('2015-08-30T12:36:00Z');
const VANILLA = { method: 'GET', url: 'https://example.amazonaws.com/', headers: { 'X-Amz-Date': '20150830T123600Z' } };
const SIGN_OPTIONS = { credentials: CREDENTIALS, region: 'us-east-1', service: 'service' };
const GET_VANILLA = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

const issuesOf = (fn) => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `${error?.name}: ${error?.message}`);
    return error.issues.map((i) => [i.field, i.rule]);
  }
  assert.fail('no ValidationError');
};

test('20,000 answers whose text() is not a string: NetworkError each time, and the instance keeps working', async () => {
  const kf = await init();
  const bad = [42, undefined, null, { toString: () => 'x' }];
  let n = 0;
  const fetch = async () => ({
    status: 200,
    body: null,
    headers: { get: (name) => (name === 'date' ? 12345 : null) }, // a non-string Date header too
    text: async () => bad[n++ % bad.length],
  });
  const client = createClient({ credentials: CREDENTIALS, fetch, maxAttempts: 1 });
  for (let i = 0; i < 20_000; i += 1) {
    const error = await client.updateAccessKey(PARAMS).catch((e) => e);
    if (!(error instanceof NetworkError)) assert.fail(`call ${i}: ${error?.name}: ${error?.message}`);
  }
  const error = await client.updateAccessKey(PARAMS).catch((e) => e);
  assert.match(error.message, /^an answer came but could not be read: the answer's text\(\) gave/);
  assert.equal(kf.signRequest(VANILLA, SIGN_OPTIONS).signature, GET_VANILLA);
  assert.equal(await init(), kf, 'the same, sound instance');
});

test('a status that is not an HTTP status is refused before the core sees it', async () => {
  for (const status of [undefined, '200', 99, 600, 200.5]) {
    const fetch = async () => ({ status, headers: new Headers(), text: async () => '' });
    const error = await createClient({ credentials: CREDENTIALS, fetch, maxAttempts: 1 }).updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(error instanceof NetworkError, `${status}: ${error?.message}`);
  }
});

test('a module that failed inside a call is discarded: its instance throws, init() loads a fresh one', async () => {
  const kf = await init();
  const core = await loadCore();
  discardForTesting(core); // what a trap inside a call does
  assert.throws(() => kf.signRequest(VANILLA, SIGN_OPTIONS), { name: 'CoreFailedError', message: /init\(\) loads a fresh one/ });
  const fresh = await init();
  assert.notEqual(fresh, kf);
  assert.notEqual(await loadCore(), core);
  // The compiled WebAssembly.Module is reused (load-wasm.js), the instance and its memory are not.
  assert.notEqual((await loadCore()).HEAPU8.buffer, core.HEAPU8.buffer);
  assert.equal(fresh.signRequest(VANILLA, SIGN_OPTIONS).signature, GET_VANILLA);
  // The client takes the fresh instance for its next call.
  const iam = { fetch: async () => new Response('<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>', { status: 200 }) };
  assert.equal((await createClient({ credentials: CREDENTIALS, fetch: iam.fetch }).updateAccessKey(PARAMS)).requestId, 'r');
});

test('a real failure inside a call (a trap) discards the module', async () => {
  const core = await loadCore();
  const kf = await init();
  const original = core.signRequest;
  core.signRequest = () => { throw new WebAssembly.RuntimeError('memory access out of bounds'); };
  try {
    assert.throws(() => kf.signRequest(VANILLA, SIGN_OPTIONS), (e) => e.name === 'CoreFailedError' && e.cause instanceof WebAssembly.RuntimeError);
  } finally {
    core.signRequest = original;
  }
  assert.throws(() => kf.signRequest(VANILLA, SIGN_OPTIONS), { name: 'CoreFailedError' });
  assert.notEqual(await init(), kf);
});

test('the packed input is strict: a missing or misspelt field is an error, not a default', async () => {
  const core = await loadCore();
  const input = { service: 'iam', statusCode: 200, body: '', action: '' };
  assert.equal(callCore(core, 'parseResponse', input).ok, false);
  assert.throws(() => callCore(core, 'parseResponse', { service: 'iam', statusCode: 200, action: '' }), { message: "keyflip internal error: wire: field 'body' is missing" });
  assert.throws(() => callCore(core, 'parseResponse', { service: 'iam', statusCode: 200, body: '' }), { message: "keyflip internal error: wire: field 'action' is missing" });
  assert.throws(() => callCore(core, 'parseResponse', { ...input, bodyy: '' }), { message: "keyflip internal error: wire: unexpected field 'bodyy'" });
  assert.throws(() => callCore(core, 'parseResponse', { ...input, statusCode: '200' }), { message: "keyflip internal error: wire: field 'statusCode' is not a number" });
  assert.throws(() => callCore(core, 'parseResponse', { ...input, body: undefined }), TypeError); // refused before crossing
  assert.throws(() => callCore(core, 'validateParams', { service: 'iam', action: 'ListUsers' }), { message: "keyflip internal error: wire: field 'params' is missing" });
  assert.throws(() => callCore(core, 'validateParams', { action: 'ListUsers', params: null }), { message: "keyflip internal error: wire: field 'service' is missing" });
  // None of that hurt the module.
  assert.equal((await init()).signRequest(VANILLA, SIGN_OPTIONS).signature, GET_VANILLA);
});

test('the limits and endpoints come from the core; generated-facts.js matches the build', async () => {
  const kf = await init();
  const core = await loadCore();
  assert.deepEqual(kf.limits(), LIMITS);
  assert.deepEqual(kf.endpoints(), IAM_ENDPOINTS);
  assert.equal(readFileSync(new URL('../../wasm/js/generated-facts.js', import.meta.url), 'utf8'), await renderFacts(),
    'stale: run node wasm/bindings/write-facts.mjs');
  assert.equal(LIMITS.defaultMaxAttempts, 3);
  assert.equal(LIMITS.retryQuotaInitial, 500);
  const aws = kf.endpoints().find((e) => e.partition === 'aws' && !e.fips && !e.dualStack);
  assert.deepEqual(aws, { partition: 'aws', fips: false, dualStack: false, url: 'https://iam.amazonaws.com', signingRegion: 'us-east-1' });
  assert.ok(kf.endpoints().some((e) => e.partition === 'aws-cn'));
  kf.limits().defaultMaxAttempts = 99; // copies: the instance's facts stay
  assert.equal(kf.limits().defaultMaxAttempts, 3);
  assert.ok(Object.isFrozen(core.keyflipFacts));
});

test('a Date subclass whose getTime throws signs at its real time; the caller\'s error never escapes', async () => {
  const kf = await init();
  class Hostile extends Date {
    getTime() { throw new Error('caller code ran'); }
    valueOf() { throw new Error('caller code ran'); }
  }
  const signed = kf.signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: {} }, { ...SIGN_OPTIONS, date: new Hostile(DATE) });
  assert.equal(signed.headers['x-amz-date'], '20150830T123600Z');
});

test('a Proxy of a Date is a ValidationError on date, not "this is not a Date object"', async () => {
  const kf = await init();
  const request = { method: 'GET', url: 'https://example.amazonaws.com/' };
  assert.deepEqual(issuesOf(() => kf.signRequest(request, { ...SIGN_OPTIONS, date: new Proxy(new Date(), {}) })), [['date', 'type']]);
  assert.deepEqual(issuesOf(() => kf.buildUpdateAccessKey(PARAMS, { credentials: CREDENTIALS, date: new Proxy(new Date(), {}) })), [['date', 'type']]);
});

test('options, request or params whose ownKeys trap throws: an issue, never a silently ignored key', async () => {
  const kf = await init();
  const throwingKeys = (target) => new Proxy(target, { ownKeys() { throw new Error('trap'); } });
  const request = { method: 'GET', url: 'https://example.amazonaws.com/' };
  assert.deepEqual(issuesOf(() => kf.signRequest(request, throwingKeys({ ...SIGN_OPTIONS, date: DATE }))), [['options', 'readable']]);
  assert.deepEqual(issuesOf(() => kf.presignRequest(throwingKeys(request), { ...SIGN_OPTIONS, date: DATE })), [['request', 'readable']]);
  assert.deepEqual(issuesOf(() => kf.buildUpdateAccessKey(PARAMS, throwingKeys({ credentials: CREDENTIALS }))), [['options', 'readable']]);
  assert.deepEqual(issuesOf(() => kf.validateUpdateAccessKey(throwingKeys(PARAMS))), [['params', 'readable']]);
  assert.deepEqual(issuesOf(() => createClient(throwingKeys({ credentials: CREDENTIALS }))), [['config', 'readable']]);
});

test('parseIamResponse with a 256 MiB body: IamError saying it was not read past the cap; the instance lives', async () => {
  const kf = await init();
  const body = `<UpdateAccessKeyResponse>${'a'.repeat(256 * 1024 * 1024)}`;
  const error = (() => { try { kf.parseIamResponse(200, body); } catch (e) { return e; } })();
  assert.ok(error instanceof IamError, `${error?.name}: ${error?.message}`);
  assert.equal(error.message, `IAM's answer is larger than ${LIMITS.maxBodyBytes} bytes; keyflip did not read it past that`);
  assert.equal(kf.signRequest(VANILLA, SIGN_OPTIONS).signature, GET_VANILLA);
  assert.equal(await init(), kf);
});

test('the client reads at most the cap + 1 bytes of a body from its stream', async () => {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const fetch = async () => new Response(new ReadableStream({
    pull(controller) {
      pulled += chunk.length;
      controller.enqueue(chunk);
      if (pulled >= 64 * 1024 * 1024) controller.close();
    },
  }), { status: 200 });
  const error = await createClient({ credentials: CREDENTIALS, fetch, maxAttempts: 1 }).updateAccessKey(PARAMS).catch((e) => e);
  assert.ok(error instanceof IamError, `${error?.name}: ${error?.message}`);
  assert.equal(error.message, `IAM's answer is larger than ${LIMITS.maxBodyBytes} bytes; keyflip did not read it past that`);
  assert.ok(pulled <= LIMITS.maxBodyBytes + 3 * chunk.length, `read ${pulled} bytes`);
});

test('packed input strings: short ASCII (copied by a loop), non-ASCII and lone surrogates (encodeInto) and long strings give the same UTF-8 bytes', async () => {
  const { writeInput } = await import('../../wasm/js/wire.js');
  const core = await loadCore();
  const cases = ['', 'a', 'AKIDEXAMPLE', 'x'.repeat(32), 'x'.repeat(33), 'abcé', 'é', '€uro', 'ab\uD800', '\uDC00z', `${'y'.repeat(31)}é`, 'ж'.repeat(40)];
  for (const text of cases) {
    const [ptr, length] = writeInput(core, text);
    try {
      const utf8 = new TextEncoder().encode(text);
      const expected = [4, ...new Uint8Array(new Uint32Array([utf8.length]).buffer), ...utf8]; // tag string, u32 LE length, bytes
      assert.deepEqual([...core.HEAPU8.subarray(ptr, ptr + length)], expected, JSON.stringify(text));
    } finally {
      core._free(ptr);
    }
  }
});
