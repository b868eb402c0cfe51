// web/shared/key-change.js against a stand-in client: each way a change can end,
// and what the read-back adds (a no-answer is checked against IAM, not guessed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError, ValidationError } from '../../wasm/js/index.js';
import { changeKeyStatus } from '../../web/shared/key-change.js';
import { fakeClient, networkError } from './fake-client.js';

const created = new Date('2025-01-01T00:00:00Z');
const account = () => ({ users: [{ userName: 'bob', keys: [{ id: 'AKIAB1', status: 'Active', created }, { id: 'AKIAB2', status: 'Active', created }] }] });
const row = { userName: 'bob', accessKeyId: 'AKIAB1', status: 'Active' };
const instantClock = () => { let now = 0; return { now: () => now, sleep: async (ms) => { now += ms; } }; };

test('a change IAM shows on reading back is confirmed, with its request id', async () => {
  const client = fakeClient(account());
  const outcome = await changeKeyStatus(client, row, 'Inactive', { clock: instantClock() });
  assert.equal(outcome.result, 'confirmed');
  assert.equal(outcome.text, 'confirmed by IAM');
  assert.equal(outcome.requestId, 'r-AKIAB1');
  assert.deepEqual([outcome.from, outcome.to, outcome.userName], ['Active', 'Inactive', 'bob']);
  assert.deepEqual(client.calls, ['UpdateAccessKey AKIAB1 Inactive', 'ListAccessKeys bob']);
});

test('a change IAM does not show yet is "sent; not yet", never "done"', async () => {
  const client = fakeClient(account());
  const update = client.updateAccessKey;
  client.updateAccessKey = async (params) => ({ ...(await update({ ...params, Status: 'Active' })), requestId: 'r-lag' }); // IAM lags behind
  const outcome = await changeKeyStatus(client, row, 'Inactive', { clock: instantClock() });
  assert.equal(outcome.result, 'unconfirmed');
  assert.equal(outcome.text, 'sent; IAM does not show it yet (it still lists the key as Active)');
  assert.equal(outcome.requestId, 'r-lag');
});

test('an IAM refusal is failed, with its code, message and request id', async () => {
  const client = fakeClient(account());
  client.failNext('UpdateAccessKey', new IamError({ code: 'AccessDenied', message: 'User is not authorized', requestId: 'r-denied', statusCode: 403, attempts: 1 }));
  const outcome = await changeKeyStatus(client, row, 'Inactive', { clock: instantClock() });
  assert.equal(outcome.result, 'failed');
  assert.equal(outcome.text, 'IAM refused: AccessDenied (User is not authorized)');
  assert.deepEqual(outcome.error, { code: 'AccessDenied', message: 'User is not authorized', requestId: 'r-denied', statusCode: 403 });
  assert.equal(outcome.requestId, 'r-denied');
  assert.ok(!client.calls.includes('ListAccessKeys bob'), 'nothing to read back');
});

test('no answer: IAM is asked what it shows now, and the outcome says so', async () => {
  const client = fakeClient(account());
  const update = client.updateAccessKey;
  client.updateAccessKey = async (params) => { await update(params); throw networkError(); }; // made, answer lost
  const made = await changeKeyStatus(client, row, 'Inactive', { clock: instantClock() });
  assert.equal(made.result, 'no-answer');
  assert.equal(made.text, 'sent, but no answer could be read; IAM now shows the new status');

  const lost = fakeClient(account());
  lost.failNext('UpdateAccessKey', networkError());
  const notMade = await changeKeyStatus(lost, row, 'Inactive', { clock: instantClock(), windowMs: 1000 });
  assert.equal(notMade.result, 'no-answer');
  assert.equal(notMade.text, 'sent, but no answer could be read; IAM does not show it yet (it still lists the key as Active)');
});

test('bad input is not sent', async () => {
  const client = fakeClient(account());
  client.failNext('UpdateAccessKey', new ValidationError([{ field: 'AccessKeyId', rule: 'pattern', message: 'AccessKeyId: must be 16 to 128 characters' }]));
  const outcome = await changeKeyStatus(client, row, 'Inactive', { clock: instantClock() });
  assert.equal(outcome.result, 'not-sent');
  assert.match(outcome.text, /^not sent: AccessKeyId: /);
});
