// How createClient reports failures (IamError, NetworkError, TimeoutError,
// ValidationError), and that no error, message, onRetry event or log line
// ever carries the secret access key or the session token, even when the
// server or fetch echoes them back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient, IamError, NetworkError, TimeoutError, ValidationError } from 'keyflip';

const SECRET = 'kfSecretQ9zX/7Wm2+RvLp4TnB8YdHc3JsEuKa6GfVo';
const TOKEN = 'kfTokenFwoGZXIvYXdzEBYaDH7xQpLmN2sRtUvWyZ/+AbCdEfGhIjKlMnOpQrStUvWxYz0123456789==';
const CREDENTIALS = { accessKeyId: 'ASIAKEYFLIPEXAMPLE01', secretAccessKey: SECRET, sessionToken: TOKEN };
const PARAMS = { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const errorXml = (code, message, type = 'Sender') =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code>${message === null ? '' : `<Message>${message}</Message>`}</Error><RequestId>4a5b6c7d-0000-1111-2222-333344445555</RequestId></ErrorResponse>`;

const once = (respond) => {
  const calls = [];
  return { calls, fetch: async (url, init) => { calls.push({ url, ...init }); return respond(url, init); } };
};
const run = (fetch, extra = {}) => createClient({ credentials: CREDENTIALS, fetch, maxAttempts: 1, ...extra }).updateAccessKey(PARAMS).catch((e) => e);

test('IamError carries IAM\'s code, type, message, requestId, statusCode, retryable and attempts; its name is the code', async () => {
  const error = await run(async () => new Response(errorXml('NoSuchEntity', 'The user with name alice cannot be found.'), { status: 404 }));
  assert.ok(error instanceof IamError && error instanceof Error);
  assert.equal(error.name, 'NoSuchEntity');
  assert.equal(error.code, 'NoSuchEntity');
  assert.equal(error.type, 'Sender');
  assert.equal(error.message, 'The user with name alice cannot be found.');
  assert.equal(error.requestId, '4a5b6c7d-0000-1111-2222-333344445555');
  assert.equal(error.statusCode, 404);
  assert.equal(error.retryable, false);
  assert.equal(error.attempts, 1);
  assert.match(String(error), /^NoSuchEntity: The user with name alice cannot be found\.$/);
  assert.match(error.stack, /NoSuchEntity/);
});

test('an IAM error without a Message still says what happened', async () => {
  const error = await run(async () => new Response(errorXml('ServiceUnavailable', null, 'Receiver'), { status: 503 }));
  assert.ok(error instanceof IamError);
  assert.equal(error.type, 'Receiver');
  assert.equal(error.retryable, true);
  assert.match(error.message, /503/);
  assert.match(error.message, /ServiceUnavailable/);
});

test('an answer that is not IAM\'s XML is an IamError "UnknownError" quoting the start of the body', async () => {
  const error = await run(async () => new Response('<html><h1>502 Bad Gateway</h1></html>', { status: 502 }));
  assert.ok(error instanceof IamError);
  assert.equal(error.code, 'UnknownError');
  assert.equal(error.type, '');
  assert.equal(error.statusCode, 502);
  assert.equal(error.retryable, true);
  assert.match(error.message, /HTTP 502/);
  assert.match(error.message, /502 Bad Gateway/);
});

test('NetworkError keeps fetch\'s error as its cause; TimeoutError names the limit', async () => {
  const down = new TypeError('fetch failed');
  const network = await run(async () => { throw down; });
  assert.ok(network instanceof NetworkError && network instanceof Error);
  assert.equal(network.name, 'NetworkError');
  assert.equal(network.cause, down);
  assert.equal(network.attempts, 1);
  assert.match(network.message, /fetch failed/);

  const timeout = await run((_url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason))), { timeoutMs: 50 });
  assert.ok(timeout instanceof TimeoutError && timeout instanceof Error);
  assert.equal(timeout.name, 'TimeoutError');
  assert.equal(timeout.attempts, 1);
});

// --- secrets never leak

/** Every 8-character piece of the secret and the token: none may appear in error text. */
const PIECES = [SECRET, TOKEN, encodeURIComponent(TOKEN)].flatMap((s) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8)));

function assertClean(value, what) {
  const texts = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) texts.push(String(value), value.message, value.stack ?? '');
  for (const text of texts) {
    const leak = PIECES.find((piece) => text.includes(piece));
    assert.equal(leak, undefined, `${what} leaks "${leak}" in: ${text.slice(0, 400)}`);
  }
}

// Echo of the request as some servers and proxies write it: the canonical
// request quotes x-amz-security-token (S3's SignatureDoesNotMatch does this).
const echoCanonical = (init) => Object.entries(init.headers).map(([k, v]) => `${k}:${v}`).join('\n');

const LEAKY = [
  ['an IAM error whose Message quotes the request headers',
    async (_url, init) => new Response(errorXml('SignatureDoesNotMatch', `The canonical string was ${echoCanonical(init)}`), { status: 403 })],
  ['an IAM error whose Code, Type and RequestId echo the token',
    async () => new Response(`<ErrorResponse><Error><Type>${TOKEN}</Type><Code>X${TOKEN}</Code><Message>m</Message></Error><RequestId>${TOKEN}</RequestId></ErrorResponse>`, { status: 400 })],
  ['a proxy page echoing the headers (cut off inside the token)',
    async (_url, init) => new Response(`<html><pre>${'.'.repeat(150)}${init.headers['x-amz-security-token']}</pre></html>`, { status: 403 })],
  ['a proxy page with the token percent-encoded',
    async () => new Response(`<html>?X-Amz-Security-Token=${encodeURIComponent(TOKEN)}</html>`, { status: 400 })],
  ['a fetch wrapper whose error quotes the token and the secret',
    async (_url, init) => { throw new Error(`refused: ${JSON.stringify(init.headers)} (secret ${SECRET})`); }],
  ['a fetch error whose cause quotes the token',
    async () => { throw new TypeError('fetch failed', { cause: new Error(`bad header x-amz-security-token: ${TOKEN}`) }); }],
  ['a timeout', (_url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)))],
  ['a skew error', async () => new Response(errorXml('RequestExpired', `Request has expired; token ${TOKEN}`), { status: 400, headers: { date: new Date(Date.now() + 600_000).toUTCString() } })],
];

test('no error, onRetry event or log line contains the secret or the token', async (t) => {
  const logged = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    t.mock.method(console, method, (...args) => logged.push(args));
  }
  for (const [what, respond] of LEAKY) {
    const events = [];
    const iam = once(respond);
    const error = await run(iam.fetch, { maxAttempts: 2, timeoutMs: 50, onRetry: (e) => events.push(e) });
    assert.ok(error instanceof Error, what);
    assertClean(error, what);
    for (const event of events) assertClean(event, `${what} (onRetry)`);
    assert.ok(iam.calls.some((c) => c.headers['x-amz-security-token'] === TOKEN), `${what}: the token was sent`);
  }
  assert.deepEqual(logged, []);
});

test('no ValidationError quotes the secret or the token, whatever is wrong with them', async () => {
  const bad = [
    { accessKeyId: '', secretAccessKey: SECRET, sessionToken: TOKEN },
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: `${SECRET}\uD800`, sessionToken: TOKEN },
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: `${TOKEN}\n` },
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: `${TOKEN}\u0000` },
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: `${TOKEN}\uDC00` },
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: [SECRET], sessionToken: { TOKEN } },
  ];
  for (const credentials of bad) {
    const error = await createClient({ credentials, fetch: async () => assert.fail('sent') }).updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(error instanceof ValidationError, `${error}`);
    assertClean(error, JSON.stringify(error.issues));
  }
});

test('the error classes are distinct and all Errors', () => {
  const classes = [ValidationError, IamError, NetworkError, TimeoutError];
  assert.equal(new Set(classes).size, 4);
  for (const C of classes) assert.ok(C.prototype instanceof Error);
  const v = new ValidationError([{ field: 'f', rule: 'r', message: 'f: bad' }]);
  assert.equal(v.name, 'ValidationError');
  assert.equal(v.message, 'f: bad');
});
