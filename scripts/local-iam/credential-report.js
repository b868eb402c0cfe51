// IAM's credential report: GenerateCredentialReport and GetCredentialReport
// as the shared IAM facts ("The credential report") describe them.
//
// - GenerateCredentialReport starts a report (State STARTED, with IAM's
//   Description), which is INPROGRESS for `generationMs`, then COMPLETE. A
//   new report is started at most every 4 hours; before that the latest is
//   reused (its state is answered, nothing is regenerated).
// - GetCredentialReport: Content (base64 of the CSV), ReportFormat text/csv,
//   GeneratedTime; ReportNotPresent 410 before any report, ReportInProgress
//   404 while the latest is being generated, ReportExpired 410 once the
//   latest has expired (test mode's credentialReport control: IAM documents
//   the error but not when a report expires).
// - The report's data is the account as it was when generation started, and
//   GeneratedTime is that moment: changes made afterwards do not show until
//   a new report, as in IAM ("data can be up to 4 h old").
// Times come from the server clock (test mode's clockOffsetSeconds moves it),
// so a test can step past the 4 hours.
import { IamError } from './iam-errors.js';
import { elements, resultResponse } from './iam-xml.js';

export const REPORT_GENERATION_MS_DEFAULT = 2000;
export const REPORT_REUSE_MS = 4 * 60 * 60 * 1000;
export const REPORT_FORMAT = 'text/csv';

// IAM's answer to the first GenerateCredentialReport (its API reference's
// example). INPROGRESS and COMPLETE come without a Description (as awscli
// users have printed them).
const STARTED_DESCRIPTION = 'No report exists. Starting a new report generation task';

// The report's columns by name, in IAM's order.
export const REPORT_COLUMNS = Object.freeze([
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  ...[1, 2].flatMap((n) => [
    `access_key_${n}_active`,
    `access_key_${n}_last_rotated`,
    `access_key_${n}_last_used_date`,
    `access_key_${n}_last_used_region`,
    `access_key_${n}_last_used_service`,
  ]),
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
]);

const NA = 'N/A';
const NOT_SUPPORTED = 'not_supported';
const NO_INFORMATION = 'no_information';
export const ROOT_USER = '<root_account>';
// Services without regions: a last use of one has region N/A in the report.
const GLOBAL_SERVICES = new Set(['iam', 'cloudfront', 'route53', 'organizations']);

// IAM answers these three without any <Message> (botocore prints "Unknown",
// the Go SDK an empty message, in reports from users of IAM).
export const reportErrors = {
  notPresent: () => new IamError(410, 'ReportNotPresent', null),
  expired: () => new IamError(410, 'ReportExpired', null),
  inProgress: () => new IamError(404, 'ReportInProgress', null),
};

// 2017-06-10T02:35:07+00:00 from the stored 2017-06-10T02:35:07Z.
function reportTime(iamDate) {
  return iamDate.replace(/Z$/, '+00:00');
}

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its
// quotes doubled. IAM user names may hold commas (and so may their ARNs).
export function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function keySlot(key) {
  if (!key) return ['false', NA, NA, NA, NA];
  const used = key.lastUsed;
  return [
    String(key.status === 'Active'),
    reportTime(key.createDate),
    used ? reportTime(used.date) : NA,
    used && !GLOBAL_SERVICES.has(used.service) ? used.region : NA,
    used ? used.service : NA,
  ];
}

const NO_CERTS = ['false', NA, 'false', NA];

function rootRow(accountId, root) {
  return [
    ROOT_USER,
    `arn:aws:iam::${accountId}:root`,
    reportTime(root.createDate),
    NOT_SUPPORTED,
    root.passwordLastUsed ? reportTime(root.passwordLastUsed) : NO_INFORMATION,
    NOT_SUPPORTED,
    NOT_SUPPORTED,
    String(root.mfaActive),
    ...keySlot(null),
    ...keySlot(null),
    ...NO_CERTS,
  ];
}

function userRow(user) {
  const { password } = user;
  // Slots 1 and 2 in creation order (the data's order breaks ties).
  const keys = user.accessKeys
    .map((key, i) => ({ key, i }))
    .sort((a, b) => (a.key.createDate < b.key.createDate ? -1 : a.key.createDate > b.key.createDate ? 1 : a.i - b.i))
    .map(({ key }) => key);
  return [
    user.userName,
    user.arn,
    reportTime(user.createDate),
    String(password !== null),
    password === null ? NA : password.lastUsed ? reportTime(password.lastUsed) : NO_INFORMATION,
    password === null ? NA : reportTime(password.lastChanged),
    // No password policy here makes passwords expire.
    NA,
    String(user.mfaActive),
    ...keySlot(keys[0]),
    ...keySlot(keys[1]),
    ...NO_CERTS,
  ];
}

/**
 * The report's CSV text: the header, the root user's row, then one row per
 * user in listing order. Lines end with \n; no line break after the last.
 */
export function credentialReportCsv({ accountId, users, root }) {
  const lines = [REPORT_COLUMNS.join(',')];
  lines.push(rootRow(accountId, root).map(csvField).join(','));
  for (const user of users) lines.push(userRow(user).map(csvField).join(','));
  return lines.join('\n');
}

// Whole seconds, as IAM's dates.
function iamDateOf(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The account's reports. store: the IamStore (users and keys as they are
 * now); root: the root user's fields; clock(): the server's time in ms;
 * generationMs: how long a report stays INPROGRESS.
 */
export class CredentialReports {
  constructor({ store, root, clock, generationMs = REPORT_GENERATION_MS_DEFAULT }) {
    this.store = store;
    this.root = root;
    this.clock = clock;
    this.initialGenerationMs = generationMs;
    this.reset();
  }

  reset() {
    this.generationMs = this.initialGenerationMs;
    // { startedMs, readyMs, content (base64), generatedTime, expired } | null
    this.latest = null;
  }

  // GenerateCredentialReport: { state, description? }.
  generate() {
    const now = this.clock();
    const latest = this.latest;
    if (latest && !latest.expired && now - latest.startedMs < REPORT_REUSE_MS) {
      return { state: now < latest.readyMs ? 'INPROGRESS' : 'COMPLETE' };
    }
    const csv = credentialReportCsv({ accountId: this.store.accountId, users: this.store.listUsers('/'), root: this.root });
    this.latest = {
      startedMs: now,
      readyMs: now + this.generationMs,
      content: Buffer.from(csv, 'utf8').toString('base64'),
      generatedTime: iamDateOf(now),
      expired: false,
    };
    return { state: 'STARTED', description: STARTED_DESCRIPTION };
  }

  // GetCredentialReport: { content, generatedTime } or a report error.
  get() {
    const latest = this.latest;
    if (!latest) throw reportErrors.notPresent();
    if (this.clock() < latest.readyMs) throw reportErrors.inProgress();
    if (latest.expired) throw reportErrors.expired();
    return { content: latest.content, generatedTime: latest.generatedTime };
  }

  // How long reports take from now on, the one in progress included (it is
  // ready generationMs after it started).
  setGenerationMs(ms) {
    this.generationMs = ms;
    const latest = this.latest;
    if (latest && this.clock() < latest.readyMs) latest.readyMs = latest.startedMs + ms;
  }

  // Test mode: the latest report expires now (GetCredentialReport answers
  // ReportExpired until GenerateCredentialReport starts a new one).
  expire() {
    if (this.latest) this.latest.expired = true;
  }

  // Test mode: forget every report (ReportNotPresent again).
  clear() {
    this.latest = null;
  }

  snapshot() {
    const latest = this.latest;
    let state = 'none';
    if (latest) state = latest.expired ? 'expired' : this.clock() < latest.readyMs ? 'INPROGRESS' : 'COMPLETE';
    return { generationMs: this.generationMs, state, generatedTime: latest ? latest.generatedTime : null };
  }
}

export function generateCredentialReport({ reports, requestId }) {
  const { state, description } = reports.generate();
  return resultResponse(
    'GenerateCredentialReport',
    elements(2, [
      ['Description', description],
      ['State', state],
    ]),
    requestId,
  );
}

export function getCredentialReport({ reports, requestId }) {
  const { content, generatedTime } = reports.get();
  return resultResponse(
    'GetCredentialReport',
    elements(2, [
      ['Content', content],
      ['ReportFormat', REPORT_FORMAT],
      ['GeneratedTime', generatedTime],
    ]),
    requestId,
  );
}
