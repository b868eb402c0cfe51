// The synthetic account: deterministic from (count, seed, now), varied in
// every way the page and the report deal with, valid IAM data, and fast
// enough at 10,000 users for listing (paged ListUsers) and the report.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { syntheticUsers, withSyntheticUsers } from '../../scripts/local-iam/synthetic-users.js';
import { loadIamData, readIamData } from '../../scripts/local-iam/iam-data.js';
import { credentialReportCsv } from '../../scripts/local-iam/credential-report.js';
import { callIam, control, listedUsers, startTestEndpoint, xmlValue } from './iam-client.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = '2026-06-01T00:00:00Z';

test('the same count, seed and time give the same users; another seed others; a larger count only appends', () => {
  const a = syntheticUsers({ count: 300, seed: 7, now: NOW });
  assert.deepEqual(syntheticUsers({ count: 300, seed: 7, now: NOW }), a);
  assert.notDeepEqual(syntheticUsers({ count: 300, seed: 8, now: NOW }), a);
  assert.deepEqual(syntheticUsers({ count: 500, seed: 7, now: NOW }).slice(0, 300), a);
  assert.equal(syntheticUsers({ count: 0, now: NOW }).length, 0);
  assert.throws(() => syntheticUsers({ count: -1 }), /count must be an integer 0-1000000, got -1/);
  assert.throws(() => syntheticUsers({ count: 5, seed: 1.5 }), /seed must be an integer/);
  assert.throws(() => syntheticUsers({ count: 5, now: 'someday' }), /now must be milliseconds or a date/);
});

test('2,000 users: 0-2 keys, both statuses, never used and used at every age, passwords, paths and names with commas', () => {
  const nowMs = Date.parse(NOW);
  const users = syntheticUsers({ count: 2000, seed: 1, now: NOW });
  const data = loadIamData({ users }); // IAM's rules: names, paths, at most 2 keys, unique ids
  assert.equal(data.users.length, 2000);
  const keys = users.flatMap((u) => u.accessKeys);
  const share = (list, pred) => list.filter(pred).length / list.length;
  for (const n of [0, 1, 2]) assert.ok(share(users, (u) => u.accessKeys.length === n) > 0.1, `users with ${n} keys`);
  assert.ok(share(keys, (k) => k.status === 'Inactive') > 0.1);
  assert.ok(share(keys, (k) => k.status === 'Active') > 0.6);
  const daysSinceUse = (k) => (nowMs - Date.parse(k.lastUsed.date)) / DAY_MS;
  assert.ok(share(keys, (k) => !k.lastUsed) > 0.15, 'never used');
  assert.ok(share(keys, (k) => k.lastUsed && daysSinceUse(k) <= 7) > 0.15, 'used this week');
  assert.ok(share(keys, (k) => k.lastUsed && daysSinceUse(k) > 90) > 0.05, 'unused for over 90 days');
  assert.ok(keys.every((k) => Date.parse(k.createDate) <= nowMs && (!k.lastUsed || Date.parse(k.lastUsed.date) >= Date.parse(k.createDate))));
  assert.ok(users.every((u) => u.accessKeys.every((k) => Date.parse(k.createDate) >= Date.parse(u.createDate))));
  assert.ok(share(users, (u) => u.userName.includes(',')) > 0.02, 'names with commas');
  assert.ok(new Set(users.map((u) => u.path)).size >= 3, 'several paths');
  assert.ok(share(users, (u) => u.password && !u.password.lastUsed) > 0.03, 'passwords never used');
  assert.ok(share(users, (u) => u.password?.lastUsed) > 0.2);
  assert.ok(share(users, (u) => u.mfaActive) > 0.1);
  assert.ok(new Set(keys.map((k) => k.lastUsed?.service)).size >= 5, 'several services');
});

describe('10,000 synthetic users after the demo data', () => {
  const COUNT = 10_000;
  let endpoint;
  let demoUsers;
  before(async () => {
    demoUsers = readIamData().users.length;
    const started = performance.now();
    endpoint = await startTestEndpoint({ syntheticUsers: COUNT, syntheticSeed: 3, reportGenerationMs: 0 });
    assert.ok(performance.now() - started < 15_000, 'starts in seconds');
  });
  after(() => endpoint.close());

  test('ListUsers pages over all of them with MaxItems and Marker', async () => {
    const started = performance.now();
    const names = [];
    let marker;
    for (let page = 0; page < 20; page++) {
      const res = await callIam(endpoint.url, { Action: 'ListUsers', MaxItems: '1000', ...(marker ? { Marker: marker } : {}) });
      assert.equal(res.status, 200, res.text);
      names.push(...listedUsers(res.text).map((u) => u.userName));
      if (xmlValue(res.text, 'IsTruncated') === 'false') break;
      marker = xmlValue(res.text, 'Marker');
    }
    assert.equal(names.length, demoUsers + COUNT);
    assert.equal(new Set(names).size, names.length, 'no user twice');
    assert.ok(names.includes('alice'), 'the demo users first');
    assert.ok(names.some((n) => n.includes(',')));
    assert.ok(performance.now() - started < 20_000, `listing took ${Math.round(performance.now() - started)} ms`);
  });

  test('the credential report of 10,000 users is built fast, one row each, commas quoted', async () => {
    const state = endpoint.state;
    // CPU time, not wall time: the machine running the tests may be busy.
    const cpu = process.cpuUsage();
    const csv = credentialReportCsv({ accountId: state.store.accountId, users: state.store.listUsers('/'), root: { createDate: '2010-01-01T00:00:00Z', passwordLastUsed: null, mfaActive: true } });
    const { user, system } = process.cpuUsage(cpu);
    assert.ok(user + system < 1_000_000, `built in ${Math.round((user + system) / 1000)} ms of CPU`);
    const lines = csv.split('\n');
    assert.equal(lines.length, 1 + 1 + demoUsers + COUNT);
    const comma = lines.find((l) => l.startsWith('"') && /^"[^"]*,[^"]*",/.test(l));
    assert.ok(comma, 'a quoted name with a comma');

    const res = await callIam(endpoint.url, { Action: 'GenerateCredentialReport' });
    assert.equal(xmlValue(res.text, 'State'), 'STARTED');
    const report = await callIam(endpoint.url, { Action: 'GetCredentialReport' });
    assert.equal(report.status, 200);
    const served = Buffer.from(xmlValue(report.text, 'Content'), 'base64').toString('utf8').split('\n');
    assert.equal(served.length, lines.length);
    assert.equal((await control(endpoint.url)).json.users.length, demoUsers + COUNT);
  });
});

test('withSyntheticUsers keeps the data\'s own users first', () => {
  const merged = withSyntheticUsers({ accountId: '123456789012', users: [{ userName: 'mine' }] }, { count: 3, now: NOW });
  assert.deepEqual(merged.users.map((u) => u.userName).slice(0, 1), ['mine']);
  assert.equal(merged.users.length, 4);
  assert.equal(merged.accountId, '123456789012');
});
