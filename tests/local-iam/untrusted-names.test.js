// Regression: names from a request (Action, parameter names) and from a
// control body were once looked up as plain object keys, so a signed
// Action=toString got HTTP 200 with "[object Undefined]" and constructor,
// valueOf or __proto__ got a retryable 500 instead of IAM's 400
// InvalidAction. Every such name must be just an unknown name.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, errorParts, listedKeys, startTestEndpoint } from './iam-client.js';

// Object.prototype's own names, and the accessor-like ones.
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'then'];

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

test("Object.prototype's names as Action are InvalidAction 400, for POST and GET", async () => {
  assert.ok(PROTOTYPE_NAMES.includes('toString') && PROTOTYPE_NAMES.includes('__proto__'));
  for (const method of ['POST', 'GET']) {
    for (const name of PROTOTYPE_NAMES) {
      const res = await callIam(endpoint.url, { Action: name }, { method });
      const e = errorParts(res);
      assert.ok(e.rootOk, `${method} Action=${name}: ${res.status} ${res.text}`);
      assert.deepEqual(
        [e.status, e.type, e.code, e.message],
        [400, 'Sender', 'InvalidAction', `Could not find operation ${name} for version 2010-05-08`],
        `${method} Action=${name}`,
      );
    }
  }
  const { requests } = (await control(endpoint.url)).json;
  assert.equal(requests.total, PROTOTYPE_NAMES.length * 2);
  assert.equal(requests.byAction.toString, 2, 'counted per name, like any other action');
  assert.equal(requests.byAction.constructor, 2);
});

test("Object.prototype's names as parameters are ignored like any unknown parameter", async () => {
  const extra = Object.fromEntries(PROTOTYPE_NAMES.map((name) => [name, 'x']));
  for (const method of ['POST', 'GET']) {
    const res = await callIam(endpoint.url, { ...extra, Action: 'ListAccessKeys', UserName: 'bob' }, { method });
    assert.equal(res.status, 200, `${method}: ${res.text}`);
    assert.deepEqual(listedKeys(res.text).map((k) => k.userName), ['bob']);
  }
  // A parameter such as UserName is never found on the prototype either:
  // without one, the signer's own keys are listed.
  const own = await callIam(endpoint.url, Object.fromEntries([['Action', 'ListAccessKeys'], ['__proto__', 'x'], ['constructor', 'x']]));
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(listedKeys(own.text).map((k) => k.userName), ['alice', 'alice']);
});

test("Object.prototype's names in a control body are unknown controls or fields", async () => {
  for (const name of PROTOTYPE_NAMES) {
    for (const body of [`{"${name}": true}`, `{"failNext": {"${name}": 1, "with": 503}}`, `{"throttle": {"every": 1, "${name}": 1}}`]) {
      const res = await fetch(`${endpoint.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(res.status, 400, body);
      assert.match((await res.json()).error, /unknown/, body);
    }
    const res = await control(endpoint.url, { failNext: { count: 1, with: name } });
    assert.equal(res.status, 400, name);
  }
  const { pending } = (await control(endpoint.url)).json;
  assert.deepEqual([pending.failNext, pending.throttle, pending.failKey], [null, null, null]);
});
