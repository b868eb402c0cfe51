// A hostile or broken endpoint against the client (issue 16):
// - one answer dated `Fri, 31 Dec 9999 23:59:59 GMT` (a success or a skew
//   error) is reported as it came and never moves the clock offset, so later
//   calls still sign at the right time;
// - every string of a successful answer (RequestId, ARNs, names) passes the
//   redactor, and so does a parse error quoting a cut-off token;
// - NetworkError.message names the cause (refused, not found, reset, CORS or
//   offline), never a secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createClient, IamError, NetworkError } from 'keyflip';
import { LIMITS } from '../../wasm/js/generated-facts.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = `IQoJb3JpZ2luX2VjEBYaCXVzLWVhc3QtMSJHMEUCIQD/${'aB3+x9Zq/Lm2'.repeat(20)}==`;
const CREDENTIALS = { accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: SECRET, sessionToken: TOKEN };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const FAR_FUTURE = 'Fri, 31 Dec 9999 23:59:59 GMT';

const okUpdate = (requestId = 'req-ok') => `<UpdateAccessKeyResponse xmlns="${XMLNS}"><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`;
const errorXml = (code, message) => `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`;
const PARAMS = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const signedAt = (init) => {
  const s = init.headers['x-amz-date'];
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));
};

/** Every 16-character piece of the secret and the token: none may appear. */
const PIECES = [SECRET, TOKEN].flatMap((s) => Array.from({ length: s.length - 15 }, (_, i) => s.slice(i, i + 16)));
function assertNoSecret(text, what) {
  const leak = PIECES.find((piece) => text.includes(piece));
  assert.equal(leak, undefined, `${what} leaks "${leak}" in ${text.slice(0, 300)}`);
}

test('the clock bound comes from the core: 24 hours', () => {
  assert.equal(LIMITS.maxClockOffsetMs, 24 * 60 * 60 * 1000);
});

test('a success dated 9999 is returned as it came and never poisons later calls', async () => {
  const dates = [];
  const answers = [FAR_FUTURE, new Date().toUTCString(), new Date().toUTCString()];
  const fetch = async (_url, init) => {
    dates.push(signedAt(init));
    return new Response(okUpdate(), { status: 200, headers: { date: answers[dates.length - 1] } });
  };
  const client = createClient({ credentials: CREDENTIALS, fetch });
  assert.equal((await client.updateAccessKey(PARAMS)).requestId, 'req-ok');
  // Before the bound, this was a ValidationError on `date` before anything was sent.
  assert.equal((await client.updateAccessKey(PARAMS)).attempts, 1);
  assert.equal((await client.listUsers().catch((e) => e)) instanceof IamError, true, 'a later call is sent (its answer is the wrong shape here)');
  assert.equal(dates.length, 3);
  for (const at of dates) assert.ok(Math.abs(at - Date.now()) < 60_000, `signed at ${new Date(at).toISOString()}`);
});

test('a skew error dated beyond the bound is reported, not learnt: no skew retry, the next call signs at the right time', async () => {
  for (const far of [FAR_FUTURE, new Date(Date.now() + LIMITS.maxClockOffsetMs + 60_000).toUTCString(), new Date(Date.now() - LIMITS.maxClockOffsetMs - 60_000).toUTCString()]) {
    const dates = [];
    const fetch = async (_url, init) => {
      dates.push(signedAt(init));
      if (dates.length === 1) return new Response(errorXml('RequestExpired', 'Request has expired'), { status: 400, headers: { date: far } });
      return new Response(okUpdate(), { status: 200, headers: { date: new Date().toUTCString() } });
    };
    const client = createClient({ credentials: CREDENTIALS, fetch, maxAttempts: 3 });
    const error = await client.updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(error instanceof IamError, `${error}`);
    assert.equal(error.code, 'RequestExpired');
    assert.equal(error.attempts, 1, 'no skew retry');
    await client.updateAccessKey(PARAMS);
    assert.ok(Math.abs(dates[1] - Date.now()) < 60_000, far);
  }
  // Within the bound the offset is still learnt and the skew retried (the rule is a bound, not a switch).
  const dates = [];
  const ahead = 2 * 60 * 60 * 1000;
  const fetch = async (_url, init) => {
    dates.push(signedAt(init));
    const serverNow = Date.now() + ahead;
    const status = Math.abs(dates.at(-1) - serverNow) < 5 * 60_000 ? 200 : 400;
    return new Response(status === 200 ? okUpdate() : errorXml('RequestExpired', 'Request has expired'), { status, headers: { date: new Date(serverNow).toUTCString() } });
  };
  assert.equal((await createClient({ credentials: CREDENTIALS, fetch }).updateAccessKey(PARAMS)).attempts, 2);
});

test('every string of a successful answer is redacted: RequestId, ARNs, names, echoes cut or escaped', async () => {
  const user = (name, arn) => `<member><Path>/</Path><UserName>${name}</UserName><UserId>AIDAEXAMPLE</UserId><Arn>${arn}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>`;
  const body = `<ListUsersResponse xmlns="${XMLNS}"><ListUsersResult><Users>${
    user('alice', `arn:aws:iam::123456789012:user/${TOKEN.slice(1, 90)}`)
  }${user(`bob-${SECRET.slice(0, 20)}`, 'arn:aws:iam::123456789012:user/bob')}${
    user('carol', `arn:aws:iam::123456789012:user/${TOKEN.slice(0, 40).replaceAll('/', '\\/')}\u200B${TOKEN.slice(40, 70)}`)
  }</Users><IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>${TOKEN.slice(0, 64)}</RequestId></ResponseMetadata></ListUsersResponse>`;
  const client = createClient({ credentials: CREDENTIALS, fetch: async () => new Response(body, { status: 200 }) });
  const result = await client.listUsers();
  assertNoSecret(JSON.stringify(result), 'listUsers');
  assert.equal(result.requestId, '[redacted]');
  assert.equal(result.Users[0].Arn, 'arn:aws:iam::123456789012:user/[redacted]');
  assert.equal(result.Users[1].UserName, 'bob-[redacted]');
  assert.equal(result.Users[2].Arn, 'arn:aws:iam::123456789012:user/[redacted]');
  assert.ok(result.Users[0].CreateDate instanceof Date, 'Dates are kept');
  assert.equal(result.Users[0].UserName, 'alice', 'other strings are untouched');
  assert.equal(result.statusCode, 200);

  const update = await createClient({ credentials: CREDENTIALS, fetch: async () => new Response(okUpdate(`req-${TOKEN.slice(30, 50)}`)) }).updateAccessKey(PARAMS);
  assert.equal(update.requestId, 'req-[redacted]');
});

test('a parse error quoting the first 64 characters of the token is redacted (not only a prefix at the very end)', async () => {
  const body = `<ListUsersResponse xmlns="${XMLNS}"><ListUsersResult><Users><member><Path>/</Path><UserName>a</UserName><UserId>AIDAEXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/a</Arn><CreateDate>${TOKEN}</CreateDate></member></Users><IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>`;
  const error = await createClient({ credentials: CREDENTIALS, fetch: async () => new Response(body) }).listUsers().catch((e) => e);
  assert.ok(error instanceof IamError, `${error}`);
  assert.match(error.message, /not an ISO 8601 timestamp/);
  assert.match(error.message, /\[redacted\]/);
  assertNoSecret(`${error.message}\n${error.stack}`, 'the parse error');
});

/** A fetch error shaped as Node's (undici) makes it: TypeError('fetch failed') with the system error as its cause. */
const nodeFetchError = (code, message) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code, syscall: 'connect' }) });

async function networkMessage(fetch) {
  const error = await createClient({ credentials: CREDENTIALS, fetch, maxAttempts: 1 }).updateAccessKey(PARAMS).catch((e) => e);
  assert.ok(error instanceof NetworkError, `${error}`);
  assertNoSecret(`${error.message}\n${error.stack}`, 'NetworkError');
  return error.message;
}

test('NetworkError.message names the cause: refused, not found, reset, CORS or offline', async () => {
  const expectations = [
    [nodeFetchError('ENOTFOUND', 'getaddrinfo ENOTFOUND iam.example.invalid'), /failed before an answer arrived: host name not found \(getaddrinfo ENOTFOUND iam\.example\.invalid\)$/],
    [nodeFetchError('ECONNRESET', 'read ECONNRESET'), /: connection reset \(read ECONNRESET\)$/],
    [new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), /: connection reset \(UND_ERR_SOCKET: other side closed\)$/],
    // Node 20 tries every address of a host: an AggregateError carrying the code.
    [new TypeError('fetch failed', { cause: Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' })], ''), { code: 'ECONNREFUSED' }) }), /: connection refused \(ECONNREFUSED\)$/],
    [new TypeError('Failed to fetch'), /: blocked by CORS or offline \(the browser says only "Failed to fetch"\)$/],
    [new TypeError('NetworkError when attempting to fetch resource.'), /: blocked by CORS or offline/],
    [new TypeError('Load failed'), /: blocked by CORS or offline/],
    [new Error('something else'), /: something else$/],
    // A cause quoting the token: named, and redacted.
    [nodeFetchError('ECONNRESET', `reset while sending x-amz-security-token: ${TOKEN}`), /: connection reset \(ECONNRESET: reset while sending x-amz-security-token: \[redacted\]\)$/],
  ];
  for (const [thrown, expected] of expectations) {
    assert.match(await networkMessage(async () => { throw thrown; }), expected);
  }
});

test('NetworkError.message from Node\'s own fetch: a refused connection and a reset one', async () => {
  // A port that was just free: nothing listens there.
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address();
  await new Promise((resolve) => closed.close(resolve));
  const refused = await createClient({ credentials: CREDENTIALS, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', maxAttempts: 1 }).updateAccessKey(PARAMS).catch((e) => e);
  assert.ok(refused instanceof NetworkError, `${refused}`);
  assert.match(refused.message, new RegExp(`: connection refused \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`));

  // A server that drops the connection without answering.
  const rude = http.createServer((request) => request.socket.destroy());
  await new Promise((resolve) => rude.listen(0, '127.0.0.1', resolve));
  try {
    const reset = await createClient({ credentials: CREDENTIALS, endpoint: `http://127.0.0.1:${rude.address().port}`, region: 'us-east-1', maxAttempts: 1 }).updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(reset instanceof NetworkError, `${reset}`);
    assert.match(reset.message, /: connection reset \(/);
    assertNoSecret(reset.message, 'reset');
  } finally {
    rude.close();
  }
});
