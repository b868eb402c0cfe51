// web/review/recent-use.js on its own: which selected keys were used within
// the window (default 7 days), and which have no known last use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RECENT_USE_DAYS, recentlyUsed } from '../../web/review/recent-use.js';

const now = new Date('2026-12-08T12:00:00Z');
const row = (id, lastUse) => ({ accessKeyId: id, lastUse });
const used = (iso) => ({ date: new Date(iso), service: 's3', region: 'eu-west-1' });

test('keys used within the window are listed; older, never used, and unknown apart', () => {
  const rows = [
    row('TODAY', used('2026-12-08T11:00:00Z')),
    row('SIX-DAYS', used('2026-12-02T00:00:00Z')),
    row('SEVEN-DAYS', used('2026-12-01T11:00:00Z')),
    row('NEVER', { date: null, service: 'N/A', region: 'N/A' }),
    row('NOT-READ', null),
    row('UNREADABLE', { error: 'AccessDenied' }),
  ];
  const { used: recent, unknown } = recentlyUsed(rows, RECENT_USE_DAYS, now);
  assert.equal(RECENT_USE_DAYS, 7);
  assert.deepEqual(recent.map((r) => r.accessKeyId), ['TODAY', 'SIX-DAYS']);
  assert.deepEqual(unknown.map((r) => r.accessKeyId), ['NOT-READ', 'UNREADABLE']);
  assert.deepEqual(recentlyUsed(rows, 30, now).used.map((r) => r.accessKeyId), ['TODAY', 'SIX-DAYS', 'SEVEN-DAYS']);
  assert.deepEqual(recentlyUsed(rows, 0, now).used, [], 'a window of 0 days warns about nothing used');
});
