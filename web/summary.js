// The summary of a bulk run that can be saved as a JSON file: what changed,
// what failed and why, when, and the request ids. Built field by field from
// the outcomes (never by copying objects), so nothing else, and never a
// secret, can end up in it. Pure (tests/web/summary.test.js).

const RESULTS = ['confirmed', 'unconfirmed', 'failed', 'no-answer', 'not-sent', 'cancelled'];
const text = (value) => (value === undefined || value === null ? undefined : String(value));

function outcomeEntry(outcome) {
  const entry = {
    userName: text(outcome.userName),
    accessKeyId: text(outcome.accessKeyId),
    from: text(outcome.from),
    to: text(outcome.to),
    result: RESULTS.includes(outcome.result) ? outcome.result : 'failed',
    detail: text(outcome.text),
    sentAt: text(outcome.sentAt),
    requestId: text(outcome.requestId),
    attempts: Number.isInteger(outcome.attempts) ? outcome.attempts : undefined,
  };
  if (outcome.error) {
    entry.error = { code: text(outcome.error.code), message: text(outcome.error.message), requestId: text(outcome.error.requestId) || undefined };
  }
  return entry;
}

/**
 * signer: { userName?, arn?, accessKeyId } (the access key ID names the
 * signing key; it is not a secret). endpoint: the host requests went to.
 */
export function buildSummary({ action = 'Deactivate selected', startedAt, finishedAt, endpoint, signer = {}, outcomes }) {
  const entries = outcomes.map(outcomeEntry);
  const count = (...results) => entries.filter((entry) => results.includes(entry.result)).length;
  return {
    tool: 'keyflip',
    action,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    endpoint: text(endpoint),
    signedBy: { userName: text(signer.userName), arn: text(signer.arn), accessKeyId: text(signer.accessKeyId) },
    counts: {
      keys: entries.length,
      confirmed: count('confirmed'),
      sentNotYetConfirmed: count('unconfirmed'),
      failed: count('failed'),
      noAnswer: count('no-answer'),
      notSent: count('not-sent', 'cancelled'),
    },
    keys: entries,
  };
}

/** keyflip-summary-2026-12-01T10-04-05Z.json */
export function summaryFileName(date) {
  return `keyflip-summary-${date.toISOString().slice(0, 19).replace(/:/g, '-')}Z.json`;
}
