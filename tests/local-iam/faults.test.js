// Test-mode fault injection through /__control: each fault, that it is used
// up by the next request(s), and that an injected failure does not run the
// action (the request "never reached" IAM).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, errorParts, KEYS, keyStatus, startTestEndpoint } from './iam-client.js';

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const list = () => callIam(endpoint.url, { Action: 'ListAccessKeys' });
const disableAlice2 = () =>
  callIam(endpoint.url, { Action: 'UpdateAccessKey', UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status: 'Inactive' });

test('failNext 503 twice: two ServiceUnavailable answers, then the real one', async () => {
  const set = await control(endpoint.url, { failNext: { count: 2, with: 503 } });
  assert.deepEqual(set.json.pending.failNext, { count: 2, with: 503 });
  for (let i = 0; i < 2; i++) {
    const res = await disableAlice2();
    const e = errorParts(res);
    assert.equal(e.status, 503);
    assert.ok(e.rootOk);
    assert.equal(e.type, 'Receiver');
    assert.equal(e.code, 'ServiceUnavailable');
    assert.equal(keyStatus((await control(endpoint.url)).json, KEYS.alice2.accessKeyId), 'Active');
  }
  assert.equal((await disableAlice2()).status, 200);
  assert.equal(keyStatus((await control(endpoint.url)).json, KEYS.alice2.accessKeyId), 'Inactive');
});

test('failNext 500 is a ServiceFailure', async () => {
  await control(endpoint.url, { failNext: { count: 1, with: 500 } });
  const e = errorParts(await list());
  assert.deepEqual([e.status, e.type, e.code], [500, 'Receiver', 'ServiceFailure']);
  assert.equal((await list()).status, 200);
});

test('failNext Throttling: 400 Throttling "Rate exceeded"', async () => {
  await control(endpoint.url, { failNext: { count: 1, with: 'Throttling' } });
  const e = errorParts(await list());
  assert.deepEqual([e.status, e.type, e.code, e.message], [400, 'Sender', 'Throttling', 'Rate exceeded']);
  assert.equal(e.headerRequestId, e.requestId);
  assert.equal((await list()).status, 200);
});

test('delayNextMs delays only the next answer', async () => {
  await control(endpoint.url, { delayNextMs: 300 });
  let start = performance.now();
  assert.equal((await list()).status, 200);
  assert.ok(performance.now() - start >= 290, 'delayed');
  start = performance.now();
  await list();
  assert.ok(performance.now() - start < 250, 'not delayed again');
});

test('resetNext drops the connection without running the action', async () => {
  await control(endpoint.url, { resetNext: true });
  await assert.rejects(disableAlice2(), (err) => err instanceof TypeError);
  assert.equal(keyStatus((await control(endpoint.url)).json, KEYS.alice2.accessKeyId), 'Active');
  assert.equal((await list()).status, 200);
});

test('truncateNext: a 200 whose XML stops mid-document (the action did run)', async () => {
  await control(endpoint.url, { truncateNext: true });
  const res = await disableAlice2();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/xml');
  assert.ok(res.text.startsWith('<UpdateAccessKeyResponse'));
  assert.ok(!res.text.includes('</UpdateAccessKeyResponse>'), res.text);
  assert.equal(keyStatus((await control(endpoint.url)).json, KEYS.alice2.accessKeyId), 'Inactive');
  assert.match((await list()).text, /<\/ListAccessKeysResponse>\n$/);
});

test('htmlNext: a 502 HTML page from a proxy', async () => {
  await control(endpoint.url, { htmlNext: true });
  const res = await list();
  assert.equal(res.status, 502);
  assert.equal(res.headers.get('content-type'), 'text/html');
  assert.match(res.text, /<title>502 Bad Gateway<\/title>/);
  assert.equal((await list()).status, 200);
});

test('GET /__control reports keys, statuses and request counts; reset restores the data', async () => {
  await disableAlice2();
  await list();
  await list();
  const state = (await control(endpoint.url)).json;
  assert.equal(keyStatus(state, KEYS.alice2.accessKeyId), 'Inactive');
  assert.deepEqual(state.requests, { total: 3, byAction: { UpdateAccessKey: 1, ListAccessKeys: 2 } });
  assert.ok(!JSON.stringify(state).includes(KEYS.alice1.secretAccessKey), 'no secrets in the state');
  assert.ok(!JSON.stringify(state).includes(KEYS.session.sessionToken), 'no session token in the state');

  await control(endpoint.url, { failNext: { count: 5, with: 503 }, clockOffsetSeconds: 99, htmlNext: true });
  const reset = (await control(endpoint.url, { reset: true })).json;
  assert.equal(keyStatus(reset, KEYS.alice2.accessKeyId), 'Active');
  assert.equal(reset.requests.total, 0);
  assert.equal(reset.clockOffsetSeconds, 0);
  assert.deepEqual(reset.pending, {
    failNext: null,
    throttle: null,
    failKey: null,
    delayNextMs: 0,
    resetNext: false,
    truncateNext: false,
    htmlNext: false,
  });
});

test('bad control bodies are refused and change nothing', async () => {
  for (const body of [{ failNext: { count: 1, with: 418 } }, { nope: true }, { delayNextMs: -1 }, [1]]) {
    const res = await control(endpoint.url, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(res.json.error, /./);
  }
  const raw = await fetch(`${endpoint.url}/__control`, { method: 'POST', body: '{' });
  assert.equal(raw.status, 400);
  assert.deepEqual((await control(endpoint.url)).json.pending.failNext, null);
});
