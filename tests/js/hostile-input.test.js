// Hostile input at the JS API: every value from the list below, in every
// argument position of every entry point, must end in a ValidationError or a
// TypeError whose message names the field (never a bare number, a wasm abort
// or the caller's own exception), or be a value the position legitimately
// accepts. After each call the instance must still produce the get-vanilla
// signature of the AWS SigV4 suite.
//
// Huge strings (10 MB) are accepted where any length is valid (a header
// value, a body, a region or method of valid characters): they sign, the
// wasm memory grows to fit and the result is checked independently below.
// parseIamResponse takes any string as an answer body: text that is not
// IAM's XML is an IamError (code UnknownError), by design.
//
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { init, createClient, ValidationError, IamError } from 'keyflip';
import { loadCore } from '../../wasm/js/core.js';

const kf = await init();
const core = await loadCore();

const VANILLA = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'; // get-vanilla
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const CRED = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET };
const DATE = new Date('2015-08-30T12:36:00Z');
const REQ = { method: 'GET', url: 'https://example.amazonaws.com/', headers: { Host: 'example.amazonaws.com' } };
const OPTS = { credentials: CRED, region: 'us-east-1', service: 'service', date: DATE };
const PARAMS = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const UAK_OPTS = { credentials: CRED, date: DATE };
const OK_XML = '<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>';
const MB10 = 10 * 1024 * 1024;

const revocable = Proxy.revocable({}, {});
revocable.revoke();
const trap = () => {
  throw new Error('caller trap');
};

// The list from the issue: wrong types, null, undefined, numbers, objects
// with toString, huge strings, lone surrogates, control characters, extra
// unknown fields (see the dedicated test), frozen and proxied objects.
const HOSTILE = {
  true: true,
  zero: 0,
  number: 42,
  negative: -1,
  fraction: 1.5,
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  bigint: 10n,
  symbol: Symbol('hostile'),
  function: () => 'https://example.amazonaws.com/',
  'empty array': [],
  'array of strings': ['a', 'b'],
  Date: new Date(0),
  RegExp: /x/,
  Uint8Array: new Uint8Array(4),
  null: null,
  undefined,
  'object with toString': { toString: () => 'AKIAIOSFODNN7EXAMPLE' },
  'object with Symbol.toPrimitive': { [Symbol.toPrimitive]: () => 'us-east-1' },
  'throwing toString': { toString: trap, valueOf: trap },
  'empty string': '',
  'huge string': 'A'.repeat(MB10),
  'lone high surrogate': 'abc\uD800',
  'lone low surrogate': '\uDC00abc',
  NUL: 'a\u0000b',
  'line break': 'a\r\nb',
  DEL: 'a\u007fb',
  'frozen empty object': Object.freeze({}),
  'throwing proxy': new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap }),
  'revoked proxy': revocable.proxy,
};

function vanillaStillSigns() {
  assert.equal(kf.signRequest(REQ, OPTS).signature, VANILLA, 'the instance no longer signs get-vanilla correctly');
}

/**
 * Checks how one call ended: allowed success, IamError where declared, or a
 * ValidationError / TypeError naming one of the fields; then get-vanilla.
 */
function checkOutcome(position, valueName, outcome) {
  const { threw, value, error } = outcome;
  try {
    if (!threw) {
      assert.ok(position.accepts?.includes(valueName), `${position.name} accepted ${valueName} (expected ValidationError or TypeError)`);
      return value;
    }
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `wasm abort: ${error?.message}`);
    assert.ok(error instanceof Error, `threw a non-Error: ${typeof error} ${String(error)}`);
    if (error instanceof IamError && position.iamErrorFor?.includes(valueName)) {
      assert.equal(error.code, 'UnknownError');
      return undefined;
    }
    assert.ok(error instanceof ValidationError || error instanceof TypeError,
      `${position.name} with ${valueName}: expected ValidationError or TypeError, got ${error.name}: ${error.message}`);
    assert.ok(typeof error.message === 'string' && error.message.length > 0 && Number.isNaN(Number(error.message)), 'message is empty or a number');
    assert.ok(error.message.length < 2000, `message is ${error.message.length} characters long`);
    assert.ok(!`${error.message}\n${error.stack}`.includes(SECRET), 'the error quotes the secret access key');
    if (error instanceof ValidationError) {
      assert.ok(error.issues.length > 0);
      for (const issue of error.issues) assert.ok(issue.message.startsWith(`${issue.field}: `), issue.message);
      assert.ok(error.issues.some((i) => position.fields.some((f) => i.field === f || i.field.startsWith(`${f}.`))),
        `${position.name} with ${valueName}: no issue names ${position.fields.join(' or ')}: ${error.message}`);
    } else {
      assert.ok(position.fields.some((f) => error.message.includes(f)),
        `${position.name} with ${valueName}: TypeError names none of ${position.fields.join(', ')}: ${error.message}`);
    }
    return undefined;
  } finally {
    vanillaStillSigns();
  }
}

function run(fn) {
  try {
    return { threw: false, value: fn() };
  } catch (error) {
    return { threw: true, error };
  }
}

async function runAsync(fn) {
  try {
    return { threw: false, value: await fn() };
  } catch (error) {
    return { threw: true, error };
  }
}

const OPTIONAL = ['undefined', 'null'];
const STRINGS_OK = ['huge string']; // any length of valid characters signs
const POSITIONS = [
  // signRequest / presignRequest
  { name: 'signRequest(request)', fields: ['request', 'url'], call: (v) => kf.signRequest(v, OPTS) },
  { name: 'signRequest(_, options)', fields: ['options', 'credentials'], call: (v) => kf.signRequest(REQ, v) },
  { name: 'request.url', fields: ['url'], call: (v) => kf.signRequest({ ...REQ, url: v }, OPTS) },
  { name: 'request.method', fields: ['method'], accepts: [...OPTIONAL, ...STRINGS_OK], call: (v) => kf.signRequest({ ...REQ, method: v }, OPTS) },
  // An iterable is a list of [name, value] pairs (so [] and a frozen {} are no
  // headers; symbol keys are not header names).
  { name: 'request.headers', fields: ['headers'], accepts: [...OPTIONAL, 'empty array', 'frozen empty object', 'object with Symbol.toPrimitive'], call: (v) => kf.signRequest({ ...REQ, headers: v }, OPTS) },
  { name: 'request.headers value', fields: ['headers.x-hostile'], accepts: ['empty string', 'empty array', 'array of strings', ...STRINGS_OK], call: (v) => kf.signRequest({ ...REQ, headers: { ...REQ.headers, 'x-hostile': v } }, OPTS) },
  { name: 'request.headers name', fields: ['headers'], accepts: STRINGS_OK, call: (v) => kf.signRequest({ ...REQ, headers: [['Host', 'example.amazonaws.com'], [v, 'x']] }, OPTS) },
  // A body may hold any text, control characters included.
  { name: 'request.body', fields: ['body'], accepts: [...OPTIONAL, 'empty string', ...STRINGS_OK, 'NUL', 'line break', 'DEL'], call: (v) => kf.signRequest({ ...REQ, body: v }, OPTS) },
  { name: 'options.credentials', fields: ['credentials'], call: (v) => kf.signRequest(REQ, { ...OPTS, credentials: v }) },
  { name: 'credentials.accessKeyId', fields: ['credentials.accessKeyId'], accepts: STRINGS_OK, call: (v) => kf.signRequest(REQ, { ...OPTS, credentials: { ...CRED, accessKeyId: v } }) },
  { name: 'credentials.secretAccessKey', fields: ['credentials.secretAccessKey'], accepts: STRINGS_OK, call: (v) => kf.signRequest(REQ, { ...OPTS, credentials: { ...CRED, secretAccessKey: v } }) },
  { name: 'credentials.sessionToken', fields: ['credentials.sessionToken'], accepts: [...OPTIONAL, 'empty string', ...STRINGS_OK], call: (v) => kf.signRequest(REQ, { ...OPTS, credentials: { ...CRED, sessionToken: v } }) },
  { name: 'options.region', fields: ['region'], accepts: STRINGS_OK, call: (v) => kf.signRequest(REQ, { ...OPTS, region: v }) },
  { name: 'options.service', fields: ['service'], accepts: STRINGS_OK, call: (v) => kf.signRequest(REQ, { ...OPTS, service: v }) },
  { name: 'options.date', fields: ['date'], accepts: ['undefined', 'Date'], call: (v) => kf.signRequest(REQ, { ...OPTS, date: v }) },
  { name: 'options.normalizePath', fields: ['normalizePath'], accepts: ['undefined', 'true'], call: (v) => kf.signRequest(REQ, { ...OPTS, normalizePath: v }) },
  { name: 'options.signBody', fields: ['signBody'], accepts: ['undefined', 'true'], call: (v) => kf.signRequest(REQ, { ...OPTS, signBody: v }) },
  { name: 'options.omitSessionToken', fields: ['omitSessionToken'], accepts: ['undefined', 'true'], call: (v) => kf.signRequest(REQ, { ...OPTS, omitSessionToken: v }) },
  { name: 'presignRequest(request)', fields: ['request', 'url'], call: (v) => kf.presignRequest(v, OPTS) },
  { name: 'presignRequest(_, options)', fields: ['options', 'credentials'], call: (v) => kf.presignRequest(REQ, v) },
  { name: 'presignRequest expiresIn', fields: ['expiresIn'], accepts: ['undefined', 'number'], call: (v) => kf.presignRequest(REQ, { ...OPTS, expiresIn: v }) },
  // UpdateAccessKey
  { name: 'validateUpdateAccessKey(params)', fields: ['params', 'AccessKeyId'], call: (v) => kf.validateUpdateAccessKey(v) },
  { name: 'buildUpdateAccessKey(params)', fields: ['params', 'AccessKeyId'], call: (v) => kf.buildUpdateAccessKey(v, UAK_OPTS) },
  { name: 'buildUpdateAccessKey(_, options)', fields: ['options', 'credentials'], call: (v) => kf.buildUpdateAccessKey(PARAMS, v) },
  { name: 'params.AccessKeyId', fields: ['AccessKeyId'], call: (v) => kf.buildUpdateAccessKey({ ...PARAMS, AccessKeyId: v }, UAK_OPTS) },
  { name: 'params.Status', fields: ['Status'], call: (v) => kf.buildUpdateAccessKey({ ...PARAMS, Status: v }, UAK_OPTS) },
  { name: 'params.UserName', fields: ['UserName'], accepts: OPTIONAL, call: (v) => kf.validateUpdateAccessKey({ ...PARAMS, UserName: v }) },
  { name: 'options.partition', fields: ['partition'], accepts: [...OPTIONAL, 'empty string'], call: (v) => kf.buildUpdateAccessKey(PARAMS, { ...UAK_OPTS, partition: v }) },
  { name: 'options.fips', fields: ['fips'], accepts: ['undefined', 'true'], call: (v) => kf.buildUpdateAccessKey(PARAMS, { ...UAK_OPTS, fips: v }) },
  { name: 'options.dualStack', fields: ['dualStack'], accepts: ['undefined', 'true'], call: (v) => kf.presignUpdateAccessKey(PARAMS, { ...UAK_OPTS, dualStack: v }) },
  { name: 'options.endpoint', fields: ['endpoint'], accepts: [...OPTIONAL, 'empty string'], call: (v) => kf.buildUpdateAccessKey(PARAMS, { ...UAK_OPTS, endpoint: v, region: 'us-east-1' }) },
  { name: 'options.region, IAM', fields: ['region'], accepts: [...OPTIONAL, 'empty string', ...STRINGS_OK], call: (v) => kf.buildUpdateAccessKey(PARAMS, { ...UAK_OPTS, region: v }) },
  { name: 'presignUpdateAccessKey(params)', fields: ['params', 'AccessKeyId'], call: (v) => kf.presignUpdateAccessKey(v, UAK_OPTS) },
  { name: 'presignUpdateAccessKey(_, options)', fields: ['options', 'credentials'], call: (v) => kf.presignUpdateAccessKey(PARAMS, v) },
  { name: 'presignUpdateAccessKey expiresIn', fields: ['expiresIn'], accepts: ['undefined', 'number'], call: (v) => kf.presignUpdateAccessKey(PARAMS, { ...UAK_OPTS, expiresIn: v }) },
  { name: 'parseIamResponse(statusCode)', fields: ['statusCode'], call: (v) => kf.parseIamResponse(v, OK_XML) },
  { name: 'parseIamResponse(_, bodyText)', fields: ['bodyText'], iamErrorFor: ['empty string', 'huge string', 'lone high surrogate', 'lone low surrogate', 'NUL', 'line break', 'DEL'], call: (v) => kf.parseIamResponse(200, v) },
  // The generic IAM calls (every action of the model)
  { name: 'validateIamParams(action)', fields: ['action'], call: (v) => kf.validateIamParams(v, {}) },
  { name: 'buildIamRequest(action)', fields: ['action'], call: (v) => kf.buildIamRequest(v, {}, UAK_OPTS) },
  { name: 'presignIamRequest(action)', fields: ['action'], call: (v) => kf.presignIamRequest(v, {}, UAK_OPTS) },
  // ListUsers takes no required params: undefined is none, {} is none (so is
  // an object with only a symbol key); an array or a Date is not params; an
  // object with a toString method has a member "toString" that is a function.
  { name: 'buildIamRequest(_, params) ListUsers', fields: ['params', 'toString'], accepts: ['undefined', 'frozen empty object', 'object with Symbol.toPrimitive'], call: (v) => kf.buildIamRequest('ListUsers', v, UAK_OPTS) },
  { name: 'buildIamRequest(_, params) GetAccessKeyLastUsed', fields: ['params', 'AccessKeyId'], call: (v) => kf.buildIamRequest('GetAccessKeyLastUsed', v, UAK_OPTS) },
  { name: 'buildIamRequest(_, _, options)', fields: ['options', 'credentials'], call: (v) => kf.buildIamRequest('ListUsers', {}, v) },
  { name: 'params.MaxItems', fields: ['MaxItems'], accepts: [...OPTIONAL, 'number'], call: (v) => kf.buildIamRequest('ListUsers', { MaxItems: v }, UAK_OPTS) },
  // Marker: 1-320 characters U+0020 to U+00FF (DEL is one of them).
  { name: 'params.Marker', fields: ['Marker'], accepts: [...OPTIONAL, 'DEL'], call: (v) => kf.presignIamRequest('ListAccessKeys', { Marker: v }, UAK_OPTS) },
  { name: 'params.PathPrefix', fields: ['PathPrefix'], accepts: OPTIONAL, call: (v) => kf.validateIamParams('ListUsers', { PathPrefix: v }) },
  { name: 'params.AccessKeyId, GetAccessKeyLastUsed', fields: ['AccessKeyId'], call: (v) => kf.validateIamParams('GetAccessKeyLastUsed', { AccessKeyId: v }) },
  { name: 'params.UserName, GetUser', fields: ['UserName'], accepts: OPTIONAL, call: (v) => kf.buildIamRequest('GetUser', { UserName: v }, UAK_OPTS) },
  // Without an action (undefined, null or '') the answer is only classified, as before.
  { name: 'parseIamResponse(_, _, action)', fields: ['action'], accepts: [...OPTIONAL, 'empty string'], call: (v) => kf.parseIamResponse(200, OK_XML, v) },
  { name: 'createClient(config)', fields: ['config', 'credentials'], call: (v) => createClient(v) },
  { name: 'config.maxAttempts', fields: ['maxAttempts'], accepts: ['undefined'], call: (v) => createClient({ credentials: CRED, maxAttempts: v }) },
  { name: 'config.timeoutMs', fields: ['timeoutMs'], accepts: ['undefined', 'number', 'fraction'], call: (v) => createClient({ credentials: CRED, timeoutMs: v }) },
  { name: 'config.fetch', fields: ['fetch'], accepts: [...OPTIONAL, 'function'], call: (v) => createClient({ credentials: CRED, fetch: v }) },
];

for (const position of POSITIONS) {
  test(`hostile values at ${position.name}`, async (t) => {
    for (const [valueName, value] of Object.entries(HOSTILE)) {
      await t.test(valueName, () => {
        checkOutcome(position, valueName, run(() => position.call(value)));
      });
    }
  });
}

test('hostile values at createClient(...).updateAccessKey(params, options)', async (t) => {
  const client = createClient({ credentials: CRED, maxAttempts: 1, fetch: async () => new Response(OK_XML) });
  const positions = [
    { name: 'updateAccessKey(params)', fields: ['params', 'AccessKeyId'], call: (v) => client.updateAccessKey(v) },
    // The read calls share the loop; their answers here are UpdateAccessKey's,
    // so valid params end in IamError UnknownError (another action's answer).
    { name: 'listUsers(params)', fields: ['params', 'toString'], iamErrorFor: ['undefined', 'frozen empty object', 'object with Symbol.toPrimitive'], call: (v) => client.listUsers(v) },
    { name: 'getAccessKeyLastUsed(params)', fields: ['params', 'AccessKeyId'], call: (v) => client.getAccessKeyLastUsed(v) },
    { name: 'getUser(params)', fields: ['params', 'toString'], iamErrorFor: ['undefined', 'frozen empty object', 'object with Symbol.toPrimitive'], call: (v) => client.getUser(v) },
    { name: 'listAccessKeys params.MaxItems', fields: ['MaxItems'], iamErrorFor: [...OPTIONAL, 'number'], call: (v) => client.listAccessKeys({ MaxItems: v }) },
    { name: 'paginateListUsers(params)', fields: ['params', 'toString'], iamErrorFor: ['undefined', 'frozen empty object', 'object with Symbol.toPrimitive'], call: (v) => client.paginateListUsers(v).next() },
    { name: 'listUsers(_, options)', fields: ['options', 'signal'], iamErrorFor: ['undefined', 'empty array', 'array of strings', 'Date', 'RegExp', 'Uint8Array', 'object with toString', 'object with Symbol.toPrimitive', 'throwing toString', 'frozen empty object'], call: (v) => client.listUsers({}, v) },
    // Any object is call options; one without a signal is just no signal.
    { name: 'updateAccessKey(_, options)', fields: ['options', 'signal'], accepts: ['undefined', 'empty array', 'array of strings', 'Date', 'RegExp', 'Uint8Array', 'object with toString', 'object with Symbol.toPrimitive', 'throwing toString', 'frozen empty object'], call: (v) => client.updateAccessKey(PARAMS, v) },
    { name: 'updateAccessKey config.credentials', fields: ['credentials'], call: (v) => createClient({ credentials: v, maxAttempts: 1, fetch: async () => new Response(OK_XML) }).updateAccessKey(PARAMS) },
    { name: 'updateAccessKey signal', fields: ['signal'], accepts: ['undefined'], call: (v) => client.updateAccessKey(PARAMS, { signal: v }) },
    { name: 'updateAccessKey credentials', fields: ['credentials'], call: (v) => createClient({ credentials: { ...CRED, secretAccessKey: v }, maxAttempts: 1, fetch: async () => new Response(OK_XML) }).updateAccessKey(PARAMS) },
    // A synchronous provider: what it returns is read by keyflip (an async
    // provider that cannot resolve rejects with its own error, by design).
    { name: 'updateAccessKey credentials provider', fields: ['credentials'], call: (v) => createClient({ credentials: () => v, maxAttempts: 1, fetch: async () => new Response(OK_XML) }).updateAccessKey(PARAMS) },
  ];
  for (const position of positions) {
    for (const [valueName, value] of Object.entries(HOSTILE)) {
      if (valueName === 'huge string') continue; // covered synchronously above; saves time here
      await t.test(`${position.name} with ${valueName}`, async () => {
        const outcome = await runAsync(() => position.call(value));
        if (!outcome.threw) assert.equal(outcome.value.requestId, 'r-1');
        checkOutcome(position, valueName, outcome);
      });
    }
  }
});

test('frozen and transparently proxied valid input signs exactly like the plain input', () => {
  const deepFreeze = (o) => {
    for (const v of Object.values(o)) if (v && typeof v === 'object' && !(v instanceof Date)) deepFreeze(v);
    return Object.freeze(o);
  };
  const frozenReq = deepFreeze(structuredClone(REQ));
  const frozenOpts = deepFreeze({ ...OPTS, credentials: { ...CRED } });
  assert.equal(kf.signRequest(frozenReq, frozenOpts).signature, VANILLA);
  assert.equal(kf.signRequest(new Proxy(REQ, {}), new Proxy({ ...OPTS, credentials: new Proxy(CRED, {}) }, {})).signature, VANILLA);
  const plain = kf.buildUpdateAccessKey(PARAMS, UAK_OPTS);
  assert.equal(kf.buildUpdateAccessKey(deepFreeze({ ...PARAMS }), deepFreeze({ ...UAK_OPTS, credentials: { ...CRED } })).signature, plain.signature);
  assert.equal(kf.buildUpdateAccessKey(new Proxy(PARAMS, {}), new Proxy(UAK_OPTS, {})).signature, plain.signature);
  assert.doesNotThrow(() => kf.validateUpdateAccessKey(Object.freeze({ ...PARAMS })));
});

test('each field is read once: a getter that changes its answer cannot split what is checked from what is signed', () => {
  let reads = 0;
  const request = {
    get url() {
      reads += 1;
      return reads === 1 ? 'https://example.amazonaws.com/' : 'https://elsewhere.example/';
    },
    headers: REQ.headers,
  };
  const signed = kf.signRequest(request, OPTS);
  assert.equal(reads, 1);
  assert.equal(signed.url, 'https://example.amazonaws.com/');
  assert.equal(signed.signature, VANILLA);
});

test('extra unknown fields', async (t) => {
  // UpdateAccessKey parameters: an unknown one is an error naming it (as botocore's validation).
  for (const call of [
    () => kf.validateUpdateAccessKey({ ...PARAMS, Bogus: 1 }),
    () => kf.buildUpdateAccessKey({ ...PARAMS, userName: 'alice' }, UAK_OPTS),
    () => kf.presignUpdateAccessKey({ ...PARAMS, Bogus: undefined }, UAK_OPTS),
  ]) {
    const { error } = run(call);
    assert.ok(error instanceof ValidationError, String(error));
    assert.ok(error.issues.some((i) => i.rule === 'unknown' && /Bogus|userName/.test(i.field)), error.message);
    vanillaStillSigns();
  }
  // Credentials from SDK providers carry more (expiration, accountId, ...): accepted.
  assert.equal(kf.signRequest(REQ, { ...OPTS, credentials: { ...CRED, expiration: new Date(), accountId: '123456789012' } }).signature, VANILLA);

  // A misspelt option (sessionToken at the top level, expires for expiresIn)
  // must not be silently ignored: it would sign something else than meant.
  const cases = {
    'signRequest options': () => kf.signRequest(REQ, { ...OPTS, sessionToken: 'tok' }),
    'signRequest request': () => kf.signRequest({ ...REQ, query: { a: 1 } }, OPTS),
    'presignRequest options': () => kf.presignRequest(REQ, { ...OPTS, expires: 60 }),
    'buildUpdateAccessKey options': () => kf.buildUpdateAccessKey(PARAMS, { ...UAK_OPTS, dualstack: true }),
    'presignUpdateAccessKey options': () => kf.presignUpdateAccessKey(PARAMS, { ...UAK_OPTS, expires: 60 }),
    'createClient config': () => createClient({ credentials: CRED, retries: 5 }),
  };
  for (const [name, call] of Object.entries(cases)) {
    await t.test(name, () => {
      const { threw, error } = run(call);
      vanillaStillSigns();
      assert.ok(threw && error instanceof ValidationError && error.issues.some((i) => i.rule === 'unknown'), `${name}: an unknown field was ignored`);
    });
  }
});

// Independent check of a signature with node:crypto, from the strings keyflip
// shows: the payload hash, the string to sign and the HMAC chain.
function assertSignedCorrectly(signed, body, { region = 'us-east-1', service = 'service' } = {}) {
  const payloadHash = createHash('sha256').update(body, 'utf8').digest('hex');
  assert.ok(signed.canonicalRequest.endsWith(`\n${payloadHash}`), 'payload hash');
  const lines = signed.stringToSign.split('\n');
  assert.equal(lines[3], createHash('sha256').update(signed.canonicalRequest, 'utf8').digest('hex'));
  const hmac = (key, data) => createHmac('sha256', key).update(data, 'utf8').digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, lines[1].slice(0, 8)), region), service), 'aws4_request');
  assert.equal(signed.signature, createHmac('sha256', key).update(signed.stringToSign, 'utf8').digest('hex'));
}

test('huge input signs correctly (10 MB body, 10 MB header value) and memory stays sane', () => {
  const body = 'x'.repeat(MB10 - 3) + '\u00e9\u2603'; // multi-byte at the end
  const signedBody = kf.signRequest({ ...REQ, method: 'POST', body }, OPTS);
  assert.equal(signedBody.body, body);
  assertSignedCorrectly(signedBody, body);

  const value = 'v '.repeat(MB10 / 2);
  const signedHeader = kf.signRequest({ ...REQ, headers: { ...REQ.headers, 'x-big': value } }, OPTS);
  assert.equal(signedHeader.headers['x-big'], value);
  assert.ok(signedHeader.canonicalRequest.includes(`\nx-big:${value.trim()}\n`), 'the value is trimmed, runs of spaces kept single');
  assertSignedCorrectly(signedHeader, '');

  // The memory grew to hold the copies, and stays far from wasm's 2 GB limit
  // after repeating the same work (nothing kept per call).
  const grown = core.HEAPU8.buffer.byteLength;
  for (let i = 0; i < 3; i += 1) kf.signRequest({ ...REQ, method: 'POST', body }, OPTS);
  assert.equal(core.HEAPU8.buffer.byteLength, grown, 'memory grew again for the same work');
  assert.ok(grown < 512 * 1024 * 1024, `wasm memory is ${grown} bytes`);
  vanillaStillSigns();
});

test('a huge answer body is refused as unparsable, not parsed', () => {
  const { error } = run(() => kf.parseIamResponse(200, `<UpdateAccessKeyResponse>${' '.repeat(MB10)}</UpdateAccessKeyResponse>`));
  assert.ok(error instanceof IamError);
  assert.match(error.message, /larger than 1048576 bytes; keyflip did not read it past that/);
  vanillaStillSigns();
});
