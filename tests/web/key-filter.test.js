// web/review/key-filter.js on its own: "active, not used for 90 days" and the sorts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterKeys, sortKeys } from '../../web/review/key-filter.js';

const now = new Date('2026-12-01T12:00:00Z');
const daysAgo = (n) => new Date(now.getTime() - n * 86_400_000);
const row = (userName, accessKeyId, status, ageDays, lastUse) => ({ userName, accessKeyId, status, createDate: daysAgo(ageDays), lastUse });
const used = (n) => ({ date: daysAgo(n), service: 'iam', region: 'us-east-1' });
const never = { date: null, service: 'N/A', region: 'N/A' };

const rows = [
  row('carol', 'AKIAC1', 'Active', 400, used(250)),
  row('alice', 'AKIAA1', 'Active', 300, used(1)),
  row('alice', 'AKIAA2', 'Inactive', 200, never),
  row('bob', 'AKIAB1', 'Active', 100, never),
  row('dave', 'AKIAD1', 'Active', 500, null), // last use not read yet
  row('erin', 'AKIAE1', 'Active', 30, never),
];
const ids = (list) => list.map((r) => r.accessKeyId);

test('active, not used for 90 days: idle since last use, or since creation when never used; unknown last use is left out', () => {
  assert.deepEqual(ids(filterKeys(rows, { status: 'Active', minIdleDays: 90 }, now)), ['AKIAC1', 'AKIAB1']);
});

test('filters by status, age and user name; no filter keeps everything', () => {
  assert.deepEqual(ids(filterKeys(rows, {}, now)), ids(rows));
  assert.deepEqual(ids(filterKeys(rows, { status: 'Inactive' }, now)), ['AKIAA2']);
  assert.deepEqual(ids(filterKeys(rows, { minAgeDays: 300 }, now)), ['AKIAC1', 'AKIAA1', 'AKIAD1']);
  assert.deepEqual(ids(filterKeys(rows, { userText: ' ALI ' }, now)), ['AKIAA1', 'AKIAA2']);
});

test('sorts by user (then key), age, time since last use and status; unknowns last either way', () => {
  assert.deepEqual(ids(sortKeys(rows, { by: 'user' }, now)), ['AKIAA1', 'AKIAA2', 'AKIAB1', 'AKIAC1', 'AKIAD1', 'AKIAE1']);
  assert.deepEqual(ids(sortKeys(rows, { by: 'age', descending: true }, now)), ['AKIAD1', 'AKIAC1', 'AKIAA1', 'AKIAA2', 'AKIAB1', 'AKIAE1']);
  assert.deepEqual(ids(sortKeys(rows, { by: 'idle', descending: true }, now)), ['AKIAC1', 'AKIAA2', 'AKIAB1', 'AKIAE1', 'AKIAA1', 'AKIAD1']);
  assert.deepEqual(ids(sortKeys(rows, { by: 'idle' }, now)), ['AKIAA1', 'AKIAE1', 'AKIAB1', 'AKIAA2', 'AKIAC1', 'AKIAD1']);
  assert.deepEqual(ids(sortKeys(rows, { by: 'status' }, now)).at(-1), 'AKIAA2');
  assert.throws(() => sortKeys(rows, { by: 'colour' }, now), /sort by must be one of user, age, idle, status/);
});

test('sorting leaves the input as it was', () => {
  const before = ids(rows);
  sortKeys(rows, { by: 'age' }, now);
  assert.deepEqual(ids(rows), before);
});
