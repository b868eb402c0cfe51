// web/shared/report-source.js on its own: the report's rows as table rows
// (slots in use only, no key ID), the report's age in words, what counts as
// denied, and a user's slots matched to the keys ListAccessKeys lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from '../../wasm/js/index.js';
import { matchSlots, reportAgeText, reportDenied, rowsFromReport, slotId } from '../../web/shared/report-source.js';

const d = (text) => new Date(text);
const reportRow = (user, slots, root = false) => ({ user, root, accessKeys: [slots[0] ?? { active: false }, slots[1] ?? { active: false }] });

test('one row per slot in use, with its status, creation, last use and no key ID', () => {
  const rows = rowsFromReport([
    reportRow('<root_account>', [], true),
    reportRow('doe,jane', [
      { active: true, lastRotated: d('2022-02-02T00:00:00Z'), lastUsedDate: d('2024-04-04T04:04:04Z'), lastUsedService: 's3', lastUsedRegion: 'eu-west-1' },
      { active: false, lastRotated: d('2023-02-02T00:00:00Z') },
    ]),
    reportRow('nokeys', []),
  ]);
  assert.deepEqual(rows.map((r) => [r.id, r.userName, r.slot, r.status, r.accessKeyId]), [
    ['slot 1 of doe,jane', 'doe,jane', 1, 'Active', null],
    ['slot 2 of doe,jane', 'doe,jane', 2, 'Inactive', null],
  ]);
  assert.deepEqual(rows[0].lastUse, { date: d('2024-04-04T04:04:04Z'), service: 's3', region: 'eu-west-1' });
  assert.deepEqual(rows[1].lastUse, { date: null, service: 'N/A', region: 'N/A' }, 'N/A: never used');
  assert.equal(rows[1].createDate.toISOString(), '2023-02-02T00:00:00.000Z');
});

test('the report\'s age in words', () => {
  const now = d('2026-12-08T06:30:00Z');
  assert.equal(reportAgeText(d('2026-12-08T04:20:00Z'), now), 'generated 2 h 10 min ago; changes since then may not show');
  assert.equal(reportAgeText(d('2026-12-08T06:25:30Z'), now), 'generated 4 min ago; changes since then may not show');
  assert.equal(reportAgeText(d('2026-12-08T06:29:59Z'), now), 'generated just now; changes since then may not show');
  assert.match(reportAgeText(undefined, now), /did not say when/);
});

test('only AccessDenied is a denied report', () => {
  const iamError = (code) => new IamError({ code, type: 'Sender', message: 'm', requestId: 'r', statusCode: 403, retryable: false, attempts: 1 });
  assert.equal(reportDenied(iamError('AccessDenied')), true);
  assert.equal(reportDenied(iamError('Throttling')), false);
  assert.equal(reportDenied(new Error('AccessDenied')), false);
});

test('slots pair with the listed key made in the same second, and nothing else', () => {
  const slots = rowsFromReport([reportRow('u', [
    { active: true, lastRotated: d('2022-01-01T00:00:00Z') },
    { active: true, lastRotated: d('2023-01-01T00:00:00Z') },
  ])]);
  const listed = [
    { accessKeyId: 'AKIANEW', createDate: d('2026-01-01T00:00:00Z') },
    { accessKeyId: 'AKIAOLD', createDate: d('2022-01-01T00:00:00.400Z') },
  ];
  const { pairs, unmatchedSlots, newKeys } = matchSlots(slots, listed);
  assert.deepEqual(pairs.map(([slot, row]) => [slot.id, row.accessKeyId]), [[slotId('u', 1), 'AKIAOLD']]);
  assert.deepEqual(unmatchedSlots.map((slot) => slot.id), [slotId('u', 2)]);
  assert.deepEqual(newKeys.map((row) => row.accessKeyId), ['AKIANEW']);
});
