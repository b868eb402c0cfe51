// web/summary.js on its own: the saved summary holds what changed, what failed
// and why, when and the request ids, and nothing it was not built to hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummary, summaryFileName } from '../../web/summary.js';

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
  assert.deepEqual(summary.keys[0], {
    userName: 'bob', accessKeyId: 'AKIABOB', from: 'Active', to: 'Inactive', result: 'confirmed', detail: 'confirmed by IAM',
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
