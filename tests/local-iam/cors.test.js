// CORS for browser pages: preflights and response headers only for origins
// allowed with --allow-origin / allowOrigins, '*' allowing any.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, startTestEndpoint } from './iam-client.js';

const PAGE = 'http://localhost:5173';
let endpoint;
before(async () => {
  endpoint = await startTestEndpoint({ allowOrigins: [PAGE] });
});
after(() => endpoint.close());

const preflight = (url, origin, path = '/') =>
  fetch(`${url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, x-amz-date',
    },
  });

test('preflight from an allowed origin', async () => {
  const res = await preflight(endpoint.url, PAGE);
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
  assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST');
  const allowed = res.headers.get('access-control-allow-headers').split(', ');
  for (const h of ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'x-amz-user-agent']) {
    assert.ok(allowed.includes(h), h);
  }
  assert.ok(Number(res.headers.get('access-control-max-age')) > 0);
  assert.equal(res.headers.get('vary'), 'Origin');
});

test('preflight from another origin gets no CORS headers', async () => {
  const res = await preflight(endpoint.url, 'http://evil.test');
  assert.equal(res.status, 403);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('answers to an allowed origin carry Allow-Origin and expose the request id and Date', async () => {
  const ok = await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { headers: { origin: PAGE } });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('access-control-allow-origin'), PAGE);
  assert.equal(ok.headers.get('access-control-expose-headers'), 'x-amzn-RequestId, Date');
  // Errors too, or the page could not read why it failed.
  const denied = await fetch(`${endpoint.url}/`, { headers: { origin: PAGE } });
  assert.equal(denied.status, 403);
  assert.equal(denied.headers.get('access-control-allow-origin'), PAGE);
  const other = await fetch(`${endpoint.url}/`, { headers: { origin: 'http://evil.test' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
});

test("'*' allows any origin, echoed back", async (t) => {
  const any = await startTestEndpoint({ allowOrigins: ['*'] });
  t.after(() => any.close());
  const res = await preflight(any.url, 'http://anywhere.test');
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://anywhere.test');
  const control = await preflight(any.url, 'http://anywhere.test', '/__control');
  assert.equal(control.status, 204, 'test pages may drive /__control too');
});

test('no allowed origins by default', async (t) => {
  const closed = await startTestEndpoint();
  t.after(() => closed.close());
  assert.equal((await preflight(closed.url, PAGE)).status, 403);
  const res = await fetch(`${closed.url}/`, { headers: { origin: PAGE } });
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});
