// CORS as IAM answers it, compared header by header with the recorded answer
// of iam.amazonaws.com to a browser preflight (the shared IAM facts): any
// origin with '*' (Origin null included), on preflights and on every answer,
// errors too. allowOrigins narrows it; [] turns it off.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { callIam, errorParts, startTestEndpoint, xmlValue } from './iam-client.js';

// The recorded exchange (Feb 2021): OPTIONS https://iam.amazonaws.com/ with
// these request headers, and every Access-Control-* header of the answer.
const RECORDED = {
  request: {
    origin: 'https://foo.example',
    'access-control-request-method': 'POST',
    'access-control-request-headers':
      'content-type,content-length,host,x-amz-user-agent,user-agent,Authorization,amz-sdk-invocation-id,amz-sdk-request,x-amz-security-token',
  },
  status: 200,
  headers: {
    'access-control-allow-origin': '*',
    'access-control-allow-headers':
      'content-type,content-length,host,x-amz-user-agent,user-agent,Authorization,amz-sdk-invocation-id,amz-sdk-request,x-amz-security-token',
    'access-control-allow-methods': 'POST',
    'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
    'access-control-max-age': '172800',
  },
};
// What IAM's answers to actual (non-preflight) requests carry: the same
// origin and exposed headers; the record holds no actual answer, so these
// two are taken from the preflight.
const ANSWER_CORS = {
  'access-control-allow-origin': RECORDED.headers['access-control-allow-origin'],
  'access-control-expose-headers': RECORDED.headers['access-control-expose-headers'],
};
const ORIGINS = ['https://foo.example', 'null'];

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());

// A raw OPTIONS with exactly these headers (fetch would add its own).
function options(url, headers, path = '/') {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: 'OPTIONS', headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Every Access-Control-* header of an answer, lower-cased names.
function corsOf(headers) {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return Object.fromEntries(entries.filter(([k]) => k.toLowerCase().startsWith('access-control-')).map(([k, v]) => [k.toLowerCase(), v]));
}

for (const origin of ORIGINS) {
  test(`preflight from Origin ${origin}: header by header the recorded IAM answer`, async () => {
    const res = await options(endpoint.url, { ...RECORDED.request, origin });
    assert.equal(res.status, RECORDED.status);
    assert.deepEqual(corsOf(res.headers), RECORDED.headers);
    assert.equal(res.body, '');
    assert.match(res.headers['x-amzn-requestid'], /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.vary, undefined, "a literal '*' does not vary by origin");
  });

  test(`answers to Origin ${origin} carry IAM's CORS headers: success and error`, async () => {
    const ok = await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { headers: { origin } });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(corsOf(ok.headers), ANSWER_CORS);
    assert.equal(ok.headers.get('x-amzn-requestid'), xmlValue(ok.text, 'RequestId'));

    const denied = await fetch(`${endpoint.url}/?Action=ListAccessKeys`, { headers: { origin } });
    const text = await denied.text();
    assert.equal(denied.status, 403);
    assert.deepEqual(corsOf(denied.headers), ANSWER_CORS);
    const e = errorParts({ status: denied.status, text, headers: denied.headers });
    assert.equal(e.code, 'MissingAuthenticationToken');
    assert.equal(e.headerRequestId, e.requestId, 'x-amzn-RequestId on errors too');
    // IAM's Query protocol reports errors in the XML only.
    assert.equal(denied.headers.get('x-amzn-errortype'), null);
    assert.equal(denied.headers.get('x-amzn-errormessage'), null);

    const invalid = await callIam(endpoint.url, { Action: 'DeleteUser' }, { headers: { origin } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(corsOf(invalid.headers), ANSWER_CORS);
  });
}

test('a GET preflight is allowed GET (IAM accepts GET); another method gets POST only', async () => {
  const get = await options(endpoint.url, { ...RECORDED.request, 'access-control-request-method': 'GET' });
  assert.equal(get.status, 200);
  assert.equal(get.headers['access-control-allow-methods'], 'GET');
  const put = await options(endpoint.url, { ...RECORDED.request, 'access-control-request-method': 'PUT' });
  assert.equal(put.headers['access-control-allow-methods'], 'POST');
});

test('a preflight without requested headers allows none; the control route answers preflights too', async () => {
  const res = await options(endpoint.url, { origin: 'https://foo.example', 'access-control-request-method': 'POST' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['access-control-allow-headers'], undefined);
  const control = await options(endpoint.url, RECORDED.request, '/__control');
  assert.equal(control.status, 200, 'test pages may drive /__control too');
  assert.equal(control.headers['access-control-allow-origin'], '*');
});

test('allowOrigins narrows CORS to those origins, echoed with Vary: Origin', async (t) => {
  const page = 'http://localhost:5173';
  const narrow = await startTestEndpoint({ allowOrigins: [page] });
  t.after(() => narrow.close());
  const res = await options(narrow.url, { ...RECORDED.request, origin: page });
  assert.equal(res.status, 200);
  assert.deepEqual(corsOf(res.headers), { ...RECORDED.headers, 'access-control-allow-origin': page });
  assert.equal(res.headers.vary, 'Origin');
  const other = await options(narrow.url, { ...RECORDED.request, origin: 'https://foo.example' });
  assert.equal(other.status, 403);
  assert.deepEqual(corsOf(other.headers), {});

  const ok = await callIam(narrow.url, { Action: 'ListAccessKeys' }, { headers: { origin: page } });
  assert.deepEqual(corsOf(ok.headers), { ...ANSWER_CORS, 'access-control-allow-origin': page });
  const stranger = await fetch(`${narrow.url}/`, { headers: { origin: 'https://foo.example' } });
  assert.deepEqual(corsOf(stranger.headers), {});
  assert.equal(stranger.headers.get('vary'), 'Origin');
});

test('allowOrigins [] sends no CORS headers at all', async (t) => {
  const closed = await startTestEndpoint({ allowOrigins: [] });
  t.after(() => closed.close());
  assert.equal((await options(closed.url, RECORDED.request)).status, 403);
  const res = await fetch(`${closed.url}/`, { headers: { origin: 'https://foo.example' } });
  assert.deepEqual(corsOf(res.headers), {});
});
