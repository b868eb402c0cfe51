// The record of a bulk run, saved as JSON or CSV: the filter and sort that
// chose the keys, the signer, and per key its user, ID, created, last use
// (why it was chosen), what changed or failed and why, IAM's request id and
// the times. Built field by field from the rows and outcomes (never by
// copying objects), so nothing else, and never a secret, can end up in it;
// every text that came from an answer also passes the redactor given.
// Pure (tests/web/summary.test.js).

const RESULTS = ['confirmed', 'unconfirmed', 'failed', 'no-answer', 'not-sent', 'cancelled'];
const text = (value) => (value === undefined || value === null ? undefined : String(value));
const iso = (date) => (date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined);

function lastUseEntry(lastUse) {
  if (!lastUse) return { known: false, reason: 'not read' };
  if (lastUse.error) return { known: false, reason: text(lastUse.error) };
  return { known: true, date: iso(lastUse.date) ?? null, service: text(lastUse.service), region: text(lastUse.region) };
}

function outcomeEntry(outcome, row, hide) {
  const entry = {
    userName: hide(text(outcome.userName)),
    accessKeyId: hide(text(outcome.accessKeyId)),
    createDate: iso(row?.createDate),
    lastUse: lastUseEntry(row?.lastUse),
    from: text(outcome.from),
    to: text(outcome.to),
    result: RESULTS.includes(outcome.result) ? outcome.result : 'failed',
    detail: hide(text(outcome.text)),
    sentAt: text(outcome.sentAt),
    seenAt: text(outcome.seenAt),
    requestId: hide(text(outcome.requestId)),
    attempts: Number.isInteger(outcome.attempts) ? outcome.attempts : undefined,
  };
  if (outcome.error) {
    entry.error = { code: hide(text(outcome.error.code)), message: hide(text(outcome.error.message)), requestId: hide(text(outcome.error.requestId)) || undefined };
  }
  return entry;
}

/**
 * signer: { userName?, arn?, accessKeyId } (the access key ID names the
 * signing key; it is not a secret). endpoint: the host requests went to.
 * view: { filter, sort } the table showed. rowOf(accessKeyId): the table's
 * row (created, last use). hide(text): the redactor for answers' texts.
 */
export function buildSummary({
  action = 'Deactivate selected', startedAt, finishedAt, endpoint, signer = {}, outcomes, view, rowOf = () => undefined, hide = (t) => t,
}) {
  const guard = (value) => (value === undefined ? undefined : hide(value));
  const entries = outcomes.map((outcome) => outcomeEntry(outcome, rowOf(outcome.accessKeyId), guard));
  const count = (...results) => entries.filter((entry) => results.includes(entry.result)).length;
  return {
    tool: 'keyflip',
    action,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    endpoint: text(endpoint),
    signedBy: { userName: guard(text(signer.userName)), arn: guard(text(signer.arn)), accessKeyId: text(signer.accessKeyId) },
    chosenBy: view ? {
      filter: {
        status: text(view.filter?.status), minIdleDays: view.filter?.minIdleDays, minAgeDays: view.filter?.minAgeDays, userText: text(view.filter?.userText),
      },
      sort: { by: text(view.sort?.by), descending: Boolean(view.sort?.descending) },
    } : undefined,
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

export const CSV_COLUMNS = [
  'userName', 'accessKeyId', 'createDate', 'lastUsedDate', 'lastUsedService', 'lastUsedRegion', 'from', 'to', 'result', 'detail',
  'requestId', 'sentAt', 'seenAt', 'attempts', 'errorCode', 'errorMessage',
];

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line
 * break. A text that a spreadsheet would run as a formula (starting with =,
 * +, -, @, a tab or a carriage return) is prefixed with ' so it stays text:
 * the fields come from an endpoint's answers.
 */
export function csvField(value) {
  if (value === undefined || value === null) return '';
  let field = String(value);
  if (/^[=+\-@\t\r]/.test(field)) field = `'${field}`;
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** The record as CSV: a header line, then one line per key (CRLF line ends). */
export function summaryCsv(summary) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const key of summary.keys) {
    const values = {
      ...key,
      lastUsedDate: key.lastUse.known ? (key.lastUse.date ?? 'never') : `unknown (${key.lastUse.reason})`,
      lastUsedService: key.lastUse.service,
      lastUsedRegion: key.lastUse.region,
      errorCode: key.error?.code,
      errorMessage: key.error?.message,
    };
    lines.push(CSV_COLUMNS.map((column) => csvField(values[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** keyflip-summary-2026-12-01T10-04-05Z.json (or .csv) */
export function summaryFileName(date, extension = 'json') {
  return `keyflip-summary-${date.toISOString().slice(0, 19).replace(/:/g, '-')}Z.${extension}`;
}
