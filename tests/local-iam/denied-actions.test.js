// Test mode's deniedActions control: the listed IAM actions answer IAM's
// AccessDenied (no identity-based policy allows them), the others run; a bad
// list is refused naming the rule and changes nothing; reset allows all again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, errorParts, KEYS, startTestEndpoint, xmlValue } from './iam-client.js';

let endpoint;
before(async () => { endpoint = await startTestEndpoint({ port: 0 }); });
after(() => endpoint.close());

test('a denied action answers AccessDenied 403 naming the caller and the action; others still run', async () => {
  assert.equal((await control(endpoint.url, { deniedActions: ['GenerateCredentialReport', 'GetCredentialReport'] })).status, 200);
  const denied = errorParts(await callIam(endpoint.url, { Action: 'GenerateCredentialReport' }));
  assert.equal(denied.status, 403);
  assert.equal(denied.code, 'AccessDenied');
  assert.match(denied.message, /^User: arn:aws:iam::\d{12}:user\/\S+ is not authorized to perform: iam:GenerateCredentialReport on resource: \* because no identity-based policy allows the iam:GenerateCredentialReport action$/);
  assert.equal(errorParts(await callIam(endpoint.url, { Action: 'GetCredentialReport' })).code, 'AccessDenied');
  const listed = await callIam(endpoint.url, { Action: 'ListUsers' });
  assert.equal(listed.status, 200);
  assert.deepEqual(endpoint.state.snapshot().deniedActions, ['GenerateCredentialReport', 'GetCredentialReport']);

  await control(endpoint.url, { reset: true });
  const generated = await callIam(endpoint.url, { Action: 'GenerateCredentialReport' });
  assert.equal(generated.status, 200);
  assert.equal(xmlValue(generated.text, 'State'), 'STARTED');
});

test('a bad list is refused with the rule and changes nothing', async () => {
  await control(endpoint.url, { deniedActions: ['ListUsers'] });
  for (const bad of ['ListUsers', ['List Users'], [1], null]) {
    const { status, json } = await control(endpoint.url, { deniedActions: bad });
    assert.equal(status, 400);
    assert.match(JSON.stringify(json), /deniedActions must be a list of at most 100 action names/);
  }
  assert.deepEqual(endpoint.state.snapshot().deniedActions, ['ListUsers']);
  assert.equal((await control(endpoint.url, { deniedActions: [] })).status, 200);
  assert.equal((await callIam(endpoint.url, { Action: 'ListUsers', }, { credentials: KEYS.alice1 })).status, 200);
});
