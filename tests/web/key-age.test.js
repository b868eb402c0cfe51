// web/shared/key-age.js on its own: ages in whole UTC days, last use in words,
// every time in UTC with its zone named, "today" rather than "0 days ago".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createdText, daysBetween, idleDays, lastUseFromIam, lastUseText, utcClock, utcSecond } from '../../web/shared/key-age.js';

const now = new Date('2026-12-01T12:00:00Z');

test('ages are whole days, never negative', () => {
  assert.equal(daysBetween(new Date('2026-12-01T00:00:00Z'), now), 0);
  assert.equal(daysBetween(new Date('2026-11-30T12:00:00Z'), now), 1);
  assert.equal(daysBetween(new Date('2026-11-30T12:00:01Z'), now), 0);
  assert.equal(daysBetween(new Date('2027-01-01T00:00:00Z'), now), 0, 'a date after now (clock skew) is 0 days old');
  assert.equal(createdText(new Date('2025-12-01T12:00:00Z'), now), '2025-12-01 (365 days)');
  assert.equal(createdText(new Date('2026-11-30T09:00:00Z'), now), '2026-11-30 (1 day)');
  assert.equal(createdText(new Date('2026-12-01T01:00:00Z'), now), '2026-12-01 (today)');
});

test('times are UTC and say so', () => {
  assert.equal(utcClock(new Date('2026-12-08T04:05:12.345Z')), '04:05:12 UTC');
  assert.equal(utcSecond(new Date('2026-12-08T04:05:12.345Z')), '2026-12-08 04:05:12 UTC');
});

test('last use: never, a date with service and region, not yet read, unreadable', () => {
  assert.equal(lastUseText({ date: null, service: 'N/A', region: 'N/A' }, now), 'never');
  assert.equal(lastUseText({ date: new Date('2026-11-21T08:00:00Z'), service: 'iam', region: 'us-east-1' }, now), '2026-11-21 08:00 UTC (10 days ago), iam, us-east-1');
  assert.equal(lastUseText({ date: new Date('2026-11-30T08:00:00Z'), service: 'N/A', region: 'N/A' }, now), '2026-11-30 08:00 UTC (1 day ago)');
  assert.equal(lastUseText({ date: new Date('2026-12-01T11:59:00Z'), service: 's3', region: 'eu-west-1' }, now), '2026-12-01 11:59 UTC (today), s3, eu-west-1');
  assert.equal(lastUseText(null, now), 'reading…');
  assert.equal(lastUseText({ error: 'AccessDenied' }, now), 'unknown (AccessDenied)');
});

test('idle days count from the last use, or from creation for a key never used; unknown is null', () => {
  const createDate = new Date('2026-09-02T12:00:00Z');
  assert.equal(idleDays({ createDate, lastUse: { date: new Date('2026-11-01T12:00:00Z') } }, now), 30);
  assert.equal(idleDays({ createDate, lastUse: { date: null } }, now), 90);
  assert.equal(idleDays({ createDate, lastUse: null }, now), null);
  assert.equal(idleDays({ createDate, lastUse: { error: 'Throttling' } }, now), null);
});

test('GetAccessKeyLastUsed\'s member becomes a last use; an absent LastUsedDate is "never"', () => {
  const date = new Date('2026-11-21T08:00:00Z');
  assert.deepEqual(lastUseFromIam({ LastUsedDate: date, ServiceName: 's3', Region: 'eu-west-1' }), { date, service: 's3', region: 'eu-west-1' });
  assert.deepEqual(lastUseFromIam({ ServiceName: 'N/A', Region: 'N/A' }), { date: null, service: 'N/A', region: 'N/A' });
});
