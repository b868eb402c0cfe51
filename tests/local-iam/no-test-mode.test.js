// Without test mode the control route does not exist: it answers exactly
// like any unknown path, and nothing can inject faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { callIam } from './iam-client.js';

test('/__control is a plain 404 without test mode', async (t) => {
  const endpoint = await startIamEndpoint({ log: false });
  t.after(() => endpoint.close());
  const unknown = await fetch(`${endpoint.url}/somewhere-else`);
  const unknownBody = await unknown.text();
  for (const init of [{}, { method: 'POST', body: JSON.stringify({ failNext: { count: 1, with: 503 } }) }]) {
    const res = await fetch(`${endpoint.url}/__control`, init);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), unknown.headers.get('content-type'));
    assert.equal(await res.text(), unknownBody);
  }
  assert.equal((await callIam(endpoint.url, { Action: 'ListAccessKeys' })).status, 200, 'no fault was injected');
});

test('startIamEndpoint takes data as an object and logs through a function', async (t) => {
  const lines = [];
  const secretAccessKey = 'inline-test-secret-value';
  const endpoint = await startIamEndpoint({
    log: (line) => lines.push(line),
    data: { users: [{ userName: 'dana', accessKeys: [{ accessKeyId: 'AKIAINLINETEST0001', secretAccessKey }] }] },
  });
  t.after(() => endpoint.close());
  assert.match(endpoint.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await callIam(endpoint.url, { Action: 'ListAccessKeys' }, { credentials: { accessKeyId: 'AKIAINLINETEST0001', secretAccessKey } });
  assert.equal(res.status, 200, res.text);
  assert.equal(endpoint.state.snapshot().users[0].accessKeys[0].status, 'Active');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^local-iam: POST ListAccessKeys 200 [0-9a-f-]{36}$/);
  assert.ok(!lines.join('\n').includes(secretAccessKey));
});

test('bad data is refused without echoing secrets', async () => {
  await assert.rejects(
    startIamEndpoint({ log: false, data: { users: [{ userName: 'x', accessKeys: [{ accessKeyId: 'AKIAX', secretAccessKey: 'hush-secret', status: 'On' }] }] } }),
    (err) => /status must be Active or Inactive/.test(err.message) && !err.message.includes('hush-secret'),
  );
});
