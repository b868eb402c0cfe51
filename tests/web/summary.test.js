// web/review/summary.js on its own: the saved summary holds what changed, what failed
// and why, when and the request ids, and nothing it was not built to hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummary, csvField, summaryCsv, summaryFileName, CSV_COLUMNS } from '../../web/review/summary.js';

const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const token = 'FwoGZXIvYXdzEJr//////////wEaDH+abc/def+ghi==';

test('counts and lists every outcome, and drops every field it does not know', () => {
  const summary = buildSummary({
    startedAt: new Date('2026-12-01T10:00:00Z'),
    finishedAt: new Date('2026-12-01T10:00:07Z'),
    endpoint: '127.0.0.1:9090',
    signer: { userName: 'admin', arn: 'arn:aws:iam::123456789012:user/admin', accessKeyId: 'AKIAADMIN', secretAccessKey: secret, sessionToken: token },
    outcomes: [
      { userName: 'bob', accessKeyId: 'AKIABOB', from: 'Active', to: 'Inactive', result: 'confirmed', text: 'confirmed by IAM', sentAt: '2026-12-01T10:00:01.000Z', requestId: 'r-1', attempts: 2, credentials: { secretAccessKey: secret } },
      { userName: 'carol', accessKeyId: 'AKIACAROL', from: 'Active', to: 'Inactive', result: 'failed', text: 'IAM refused: AccessDenied', requestId: 'r-2', error: { code: 'AccessDenied', message: 'no', requestId: 'r-2', token } },
      { userName: 'dave', accessKeyId: 'AKIADAVE', from: 'Active', to: 'Inactive', result: 'no-answer', text: 'sent, but no answer could be read', error: { code: 'NetworkError', message: 'failed' } },
    ],
  });
  assert.deepEqual(summary.counts, { keys: 3, confirmed: 1, sentNotYetConfirmed: 0, failed: 1, noAnswer: 1, notSent: 0 });
  assert.deepEqual(summary.signedBy, { userName: 'admin', arn: 'arn:aws:iam::123456789012:user/admin', accessKeyId: 'AKIAADMIN' });
  assert.equal(summary.startedAt, '2026-12-01T10:00:00.000Z');
  assert.deepEqual(JSON.parse(JSON.stringify(summary.keys[0])), {
    userName: 'bob', accessKeyId: 'AKIABOB', lastUse: { known: false, reason: 'not read' }, from: 'Active', to: 'Inactive', result: 'confirmed', detail: 'confirmed by IAM',
    sentAt: '2026-12-01T10:00:01.000Z', requestId: 'r-1', attempts: 2,
  });
  assert.deepEqual(summary.keys[1].error, { code: 'AccessDenied', message: 'no', requestId: 'r-2' });
  const json = JSON.stringify(summary);
  assert.ok(!json.includes(secret) && !json.includes(token), 'no secret in the summary');
  assert.ok(!json.includes('credentials'));
});

test('the file name says when, and is safe on every file system', () => {
  assert.equal(summaryFileName(new Date('2026-12-01T10:04:05.123Z')), 'keyflip-summary-2026-12-01T10-04-05Z.json');
});

const rowsById = {
  AKIABOB: { createDate: new Date('2024-01-02T03:04:05Z'), lastUse: { date: new Date('2026-11-30T08:00:00Z'), service: 's3', region: 'eu-west-1' } },
  AKIACAROL: { createDate: new Date('2025-05-06T00:00:00Z'), lastUse: { date: null, service: 'N/A', region: 'N/A' } },
  AKIADAVE: { createDate: new Date('2025-05-06T00:00:00Z'), lastUse: { error: 'AccessDenied' } },
};

test('the record holds the filter and sort, created and last use per key, and passes answers through the redactor', () => {
  const summary = buildSummary({
    startedAt: new Date('2026-12-01T10:00:00Z'),
    finishedAt: new Date('2026-12-01T10:00:07Z'),
    endpoint: 'iam.amazonaws.com',
    signer: { userName: 'admin', arn: `arn:aws:iam::123456789012:user/${token}`, accessKeyId: 'AKIAADMIN' },
    view: { filter: { status: 'Active', minIdleDays: 90, minAgeDays: 0, userText: 'team-' }, sort: { by: 'idle', descending: true } },
    rowOf: (id) => rowsById[id],
    hide: (text) => text.replaceAll(token, '[hidden]'),
    outcomes: [
      { userName: 'bob', accessKeyId: 'AKIABOB', from: 'Active', to: 'Inactive', result: 'confirmed', text: 'confirmed by IAM', requestId: `r-${token}`, sentAt: '2026-12-01T10:00:01.000Z', seenAt: '2026-12-01T10:00:02.000Z' },
      { userName: 'carol', accessKeyId: 'AKIACAROL', from: 'Active', to: 'Inactive', result: 'failed', text: 'IAM refused: AccessDenied', error: { code: 'AccessDenied', message: `echo ${token}` } },
      { userName: 'dave', accessKeyId: 'AKIADAVE', from: 'Active', to: 'Inactive', result: 'not-sent', text: 'not sent: skipped, it signs this run' },
    ],
  });
  assert.deepEqual(summary.chosenBy, { filter: { status: 'Active', minIdleDays: 90, minAgeDays: 0, userText: 'team-' }, sort: { by: 'idle', descending: true } });
  assert.equal(summary.keys[0].createDate, '2024-01-02T03:04:05.000Z');
  assert.deepEqual(summary.keys[0].lastUse, { known: true, date: '2026-11-30T08:00:00.000Z', service: 's3', region: 'eu-west-1' });
  assert.deepEqual(summary.keys[1].lastUse, { known: true, date: null, service: 'N/A', region: 'N/A' });
  assert.deepEqual(summary.keys[2].lastUse, { known: false, reason: 'AccessDenied' });
  assert.equal(summary.keys[0].seenAt, '2026-12-01T10:00:02.000Z');
  assert.equal(summary.keys[0].requestId, 'r-[hidden]');
  assert.equal(summary.keys[1].error.message, 'echo [hidden]');
  assert.equal(summary.signedBy.arn, 'arn:aws:iam::123456789012:user/[hidden]');
  assert.ok(!JSON.stringify(summary).includes(token));

  const csv = summaryCsv(summary);
  assert.ok(csv.endsWith('\r\n'));
  const lines = csv.split('\r\n').slice(0, -1);
  assert.equal(lines[0], CSV_COLUMNS.join(','));
  assert.equal(lines.length, 4);
  assert.equal(lines[1], 'bob,AKIABOB,2024-01-02T03:04:05.000Z,2026-11-30T08:00:00.000Z,s3,eu-west-1,Active,Inactive,confirmed,confirmed by IAM,r-[hidden],2026-12-01T10:00:01.000Z,2026-12-01T10:00:02.000Z,,,');
  assert.equal(lines[2], 'carol,AKIACAROL,2025-05-06T00:00:00.000Z,never,N/A,N/A,Active,Inactive,failed,IAM refused: AccessDenied,,,,,AccessDenied,echo [hidden]');
  assert.equal(lines[3], 'dave,AKIADAVE,2025-05-06T00:00:00.000Z,unknown (AccessDenied),,,Active,Inactive,not-sent,"not sent: skipped, it signs this run",,,,,,');
});

test('CSV fields: quoted when needed, and never a spreadsheet formula', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('+1'), "'+1");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(3), '3');
});

test('the CSV file name', () => {
  assert.equal(summaryFileName(new Date('2026-12-01T10:04:05.123Z'), 'csv'), 'keyflip-summary-2026-12-01T10-04-05Z.csv');
});
