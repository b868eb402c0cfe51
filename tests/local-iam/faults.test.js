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

test('failNext carries retry hints: Retry-After and x-amz-retry-after, only when asked', async () => {
  const set = await control(endpoint.url, { failNext: { count: 2, with: 503, retryAfter: '3', amzRetryAfterMs: 1500 } });
  assert.deepEqual(set.json.pending.failNext, { count: 2, with: 503, retryAfter: '3', amzRetryAfterMs: 1500 });
  for (let i = 0; i < 2; i++) {
    const res = await list();
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '3');
    assert.equal(res.headers.get('x-amz-retry-after'), '1500');
  }
  const ok = await list();
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('retry-after'), null);

  const date = 'Wed, 21 Oct 2037 07:28:00 GMT';
  await control(endpoint.url, { failNext: { count: 1, with: 'Throttling', retryAfter: date } });
  const throttled = await list();
  assert.equal(errorParts(throttled).code, 'Throttling');
  assert.equal(throttled.headers.get('retry-after'), date);
  assert.equal(throttled.headers.get('x-amz-retry-after'), null);
});

test('failNext LimitExceeded: 409, Sender, IAM\'s quota message; the action does not run', async () => {
  await control(endpoint.url, { failNext: { count: 1, with: 'LimitExceeded' } });
  const res = await disableAlice2();
  const e = errorParts(res);
  assert.ok(e.rootOk, res.text);
  assert.deepEqual([e.status, e.type, e.code, e.message], [409, 'Sender', 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2']);
  assert.equal(e.headerRequestId, e.requestId);
  assert.equal(keyStatus((await control(endpoint.url)).json, KEYS.alice2.accessKeyId), 'Active');
});

test('throttle every 3rd UpdateAccessKey: Throttling 400 "Rate exceeded", other actions untouched, until cleared', async () => {
  const set = await control(endpoint.url, { throttle: { every: 3, action: 'UpdateAccessKey' } });
  assert.deepEqual(set.json.pending.throttle, { every: 3, action: 'UpdateAccessKey', seen: 0 });
  const flip = (Status) =>
    callIam(endpoint.url, { Action: 'UpdateAccessKey', UserName: 'alice', AccessKeyId: KEYS.alice2.accessKeyId, Status });
  const statuses = [];
  for (let i = 1; i <= 7; i++) {
    const res = await flip(i % 2 ? 'Inactive' : 'Active');
    statuses.push(res.status);
    if (i % 3 === 0) {
      const e = errorParts(res);
      assert.deepEqual([e.status, e.type, e.code, e.message], [400, 'Sender', 'Throttling', 'Rate exceeded']);
    }
    assert.equal((await list()).status, 200, 'ListAccessKeys is not counted or throttled');
  }
  assert.deepEqual(statuses, [200, 200, 400, 200, 200, 400, 200]);
  // The 7th update (Inactive) ran. With every: 1 the next one is throttled and changes nothing.
  await control(endpoint.url, { throttle: { every: 1, action: 'UpdateAccessKey' } });
  assert.equal((await flip('Active')).status, 400);
  assert.equal(keyStatus((await control(endpoint.url)).json, KEYS.alice2.accessKeyId), 'Inactive', 'a throttled update changes nothing');

  const cleared = await control(endpoint.url, { throttle: null });
  assert.equal(cleared.json.pending.throttle, null);
  assert.equal((await flip('Active')).status, 200);
});

test('throttle without an action counts every request', async () => {
  await control(endpoint.url, { throttle: { every: 2 } });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await list()).status);
  assert.deepEqual(statuses, [200, 400, 200, 400]);
});

test('failKey: every UpdateAccessKey on that key fails that way and leaves it unchanged', async () => {
  const target = KEYS.alice2.accessKeyId;
  const flipTarget = () => disableAlice2();
  const cases = [
    ['AccessDenied', 403, 'AccessDenied',
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:UpdateAccessKey on resource: user alice because no identity-based policy allows the iam:UpdateAccessKey action'],
    ['NoSuchEntity', 404, 'NoSuchEntity', `The Access Key with id ${target} cannot be found.`],
    [500, 500, 'ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.'],
  ];
  for (const [kind, status, code, message] of cases) {
    const set = await control(endpoint.url, { failKey: { accessKeyId: target, with: kind } });
    assert.deepEqual(set.json.pending.failKey, { accessKeyId: target, with: kind });
    for (let i = 0; i < 2; i++) {
      const e = errorParts(await flipTarget());
      assert.deepEqual([e.status, e.code, e.message], [status, code, message], `failKey ${kind}`);
    }
    assert.equal(keyStatus((await control(endpoint.url)).json, target), 'Active');
  }
  // Other keys and other actions are not affected.
  const other = await callIam(endpoint.url, { Action: 'UpdateAccessKey', UserName: 'alice', AccessKeyId: KEYS.alice1.accessKeyId, Status: 'Active' });
  assert.equal(other.status, 200);
  assert.equal((await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: KEYS.alice2 })).status, 200);
  // Temporary credentials are named by their session ARN.
  await control(endpoint.url, { failKey: { accessKeyId: target, with: 'AccessDenied' } });
  const bySession = errorParts(
    await callIam(endpoint.url, { Action: 'UpdateAccessKey', UserName: 'alice', AccessKeyId: target, Status: 'Inactive' }, { credentials: KEYS.session }),
  );
  assert.match(bySession.message, /^User: arn:aws:sts::123456789012:assumed-role\/[^ ]+ is not authorized to perform: iam:UpdateAccessKey on resource: user alice /);
  await control(endpoint.url, { failKey: null });
  assert.equal((await flipTarget()).status, 200);
  assert.equal(keyStatus((await control(endpoint.url)).json, target), 'Inactive');
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
  const bad = [
    [{ failNext: { count: 1, with: 418 } }, /failNext\.with must be 500, 503, "Throttling" or "LimitExceeded"/],
    [{ nope: true }, /unknown control\(s\): nope/],
    [{ delayNextMs: -1 }, /delayNextMs must be a non-negative number/],
    [[1], /expected a JSON object/],
    [{ failNext: { count: 1, with: 503, retryAfter: 3 } }, /failNext\.retryAfter must be a string/],
    [{ failNext: { count: 1, with: 503, retryAfter: '1\r\nX-Evil: 1' } }, /failNext\.retryAfter/],
    [{ failNext: { count: 1, with: 503, amzRetryAfterMs: -5 } }, /failNext\.amzRetryAfterMs must be a non-negative integer/],
    [{ failNext: { count: 1, with: 503, retry: 1 } }, /failNext: unknown field\(s\) retry/],
    [{ throttle: { every: 0 } }, /throttle\.every must be a positive integer/],
    [{ throttle: { every: 2, action: 'Update Access Key' } }, /throttle\.action must be an action name/],
    [{ throttle: 5 }, /throttle must be an object or null/],
    [{ failKey: { accessKeyId: KEYS.alice1.accessKeyId, with: 'Throttling' } }, /failKey\.with must be "AccessDenied", "NoSuchEntity" or 500/],
    [{ failKey: { with: 500 } }, /failKey\.accessKeyId must be a non-empty string/],
    // A valid part does not apply when another part is bad.
    [{ throttle: { every: 2 }, failKey: { accessKeyId: 'x', with: 'nope' } }, /failKey\.with/],
  ];
  for (const [body, message] of bad) {
    const res = await control(endpoint.url, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(res.json.error, message);
  }
  const raw = await fetch(`${endpoint.url}/__control`, { method: 'POST', body: '{' });
  assert.equal(raw.status, 400);
  const { pending } = (await control(endpoint.url)).json;
  assert.deepEqual([pending.failNext, pending.throttle, pending.failKey], [null, null, null]);
});
