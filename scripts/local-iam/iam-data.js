// The data file (or the shipped demo data): users with paths and access keys
// (each with its last use), and temporary credentials. Checked and normalised
// here once; messages name fields, user names and access key ids only, never
// a secret.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MAX_KEYS_PER_USER } from './iam-limits.js';
import { normaliseUserPolicyData } from './user-policy-data.js';
import { normaliseRoot, reportUserFields } from './report-data.js';

const DEMO_DATA_URL = new URL('./demo-data.json', import.meta.url);
// Users and keys without a createDate get a fixed one, so listings are
// stable across runs.
const DEFAULT_CREATE_DATE = '2024-01-01T00:00:00Z';
// AWS's documentation account.
const DEFAULT_ACCOUNT_ID = '123456789012';
const STATUSES = ['Active', 'Inactive'];
// IAM's pathType: "/" or "/.../" from ! (0x21) to DEL (0x7f), at most 512.
const PATH = /^(\/|\/[\x21-\x7f]+\/)$/;
const MAX_PATH_LENGTH = 512;
const ACCOUNT_ID = /^\d{12}$/;
// IAM user ids: AIDA and 17 upper-case letters or digits.
const USER_ID = /^AIDA[A-Z0-9]{17}$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DAY_MS = 24 * 60 * 60 * 1000;

function fail(message) {
  throw new Error(`local-iam data: ${message}`);
}

function requireString(value, where) {
  if (typeof value !== 'string' || value.length === 0) fail(`${where} must be a non-empty string`);
  return value;
}

// ISO 8601 UTC to the second, as IAM writes dates: 2024-03-01T09:00:00Z.
export function iamDate(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dateField(value, where, fallback) {
  const text = value ?? fallback;
  if (typeof text !== 'string' || Number.isNaN(Date.parse(text))) fail(`${where} is not a date`);
  return iamDate(Date.parse(text));
}

// A stable id for a user the data file gives none: the same name in the same
// account always gets the same AIDA... id.
function derivedUserId(accountId, userName) {
  const digest = createHash('sha256').update(`${accountId}:${userName}`).digest();
  let id = 'AIDA';
  for (let i = 0; i < 17; i++) id += BASE32[digest[i] % 32];
  return id;
}

// lastUsed: { date, service, region }, or { daysAgo, service, region } for a
// use that stays recent (the demo data's "used 2 days ago" must not age):
// resolved against the real clock when the data is loaded.
function normaliseLastUsed(value, where) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be an object { date | daysAgo, service, region }`);
  const hasDate = value.date !== undefined;
  const hasDaysAgo = value.daysAgo !== undefined;
  if (hasDate === hasDaysAgo) fail(`${where} needs exactly one of date and daysAgo`);
  let date;
  if (hasDate) {
    date = dateField(requireString(value.date, `${where}.date`), `${where}.date`);
  } else {
    if (typeof value.daysAgo !== 'number' || !Number.isFinite(value.daysAgo) || value.daysAgo < 0) {
      fail(`${where}.daysAgo must be a non-negative number`);
    }
    date = iamDate(Math.floor((Date.now() - value.daysAgo * DAY_MS) / 1000) * 1000);
  }
  return {
    date,
    service: requireString(value.service, `${where}.service`),
    region: requireString(value.region, `${where}.region`),
  };
}

// Checks the shape and returns a normalised copy:
// { accountId, users: [{ userName, path, userId, arn, createDate, accessKeys:
//   [{ accessKeyId, secretAccessKey, status, createDate, lastUsed | null }],
//   password | null, mfaActive }],
//   sessions: [{ accessKeyId, secretAccessKey, sessionToken, arn }],
//   root: { createDate, passwordLastUsed | null, mfaActive } }
// (password, mfaActive and root: report-data.js)
export function normaliseIamData(raw) {
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.users)) fail('expected an object with a "users" array');
  const accountId = raw.accountId ?? DEFAULT_ACCOUNT_ID;
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) fail('accountId must be 12 digits');
  const seenKeys = new Set();
  const seenUsers = new Set();
  const seenUserIds = new Set();
  const claimKey = (id) => {
    if (seenKeys.has(id)) fail(`access key ${id} appears more than once`);
    seenKeys.add(id);
  };
  const users = raw.users.map((user, i) => {
    const userName = requireString(user?.userName, `users[${i}].userName`);
    if (seenUsers.has(userName)) fail(`user ${userName} appears more than once`);
    seenUsers.add(userName);
    const path = user.path ?? '/';
    if (typeof path !== 'string' || !PATH.test(path) || path.length > MAX_PATH_LENGTH) {
      fail(`users[${i}].path must be "/" or start and end with "/" (characters ! to DEL, at most ${MAX_PATH_LENGTH})`);
    }
    const userId = user.userId ?? derivedUserId(accountId, userName);
    if (typeof userId !== 'string' || !USER_ID.test(userId)) fail(`users[${i}].userId must be AIDA and 17 upper-case letters or digits`);
    if (seenUserIds.has(userId)) fail(`user id ${userId} appears more than once`);
    seenUserIds.add(userId);
    const rawKeys = user.accessKeys ?? [];
    if (!Array.isArray(rawKeys)) fail(`users[${i}].accessKeys must be an array`);
    if (rawKeys.length > MAX_KEYS_PER_USER) {
      fail(`user ${userName} has ${rawKeys.length} access keys; IAM allows at most ${MAX_KEYS_PER_USER} per user`);
    }
    const accessKeys = rawKeys.map((key, j) => {
      const where = `users[${i}].accessKeys[${j}]`;
      const accessKeyId = requireString(key?.accessKeyId, `${where}.accessKeyId`);
      claimKey(accessKeyId);
      const status = key.status ?? 'Active';
      if (!STATUSES.includes(status)) fail(`${where}.status must be Active or Inactive`);
      return {
        accessKeyId,
        secretAccessKey: requireString(key.secretAccessKey, `${where}.secretAccessKey`),
        status,
        createDate: dateField(key.createDate, `${where}.createDate`, DEFAULT_CREATE_DATE),
        lastUsed: normaliseLastUsed(key.lastUsed, `${where}.lastUsed`),
      };
    });
    const createDate = dateField(user.createDate, `users[${i}].createDate`, DEFAULT_CREATE_DATE);
    return {
      userName,
      path,
      userId,
      arn: `arn:aws:iam::${accountId}:user${path}${userName}`,
      createDate,
      accessKeys,
      ...normaliseUserPolicyData(user, i),
      // Password and MFA: only the credential report shows them.
      ...reportUserFields(user, `users[${i}]`, createDate),
    };
  });
  // Temporary credentials (an assumed-role session): they can sign requests
  // but belong to no IAM user, so IAM needs an explicit UserName from them.
  const sessions = (raw.sessions ?? []).map((s, i) => {
    const where = `sessions[${i}]`;
    const accessKeyId = requireString(s?.accessKeyId, `${where}.accessKeyId`);
    claimKey(accessKeyId);
    return {
      accessKeyId,
      secretAccessKey: requireString(s.secretAccessKey, `${where}.secretAccessKey`),
      sessionToken: requireString(s.sessionToken, `${where}.sessionToken`),
      arn: s.arn === undefined ? `arn:aws:sts::${accountId}:assumed-role/local-iam-role/${accessKeyId}` : requireString(s.arn, `${where}.arn`),
    };
  });
  return { accountId, users, sessions, root: normaliseRoot(raw.root, users, DEFAULT_CREATE_DATE) };
}

// source: a file path, an already-parsed object, or undefined for the demo data.
export function loadIamData(source) {
  return normaliseIamData(readIamData(source));
}

// The data as parsed, not yet checked: the object itself, or the file's
// (the demo data when source is undefined) JSON.
export function readIamData(source) {
  if (source && typeof source === 'object') return source;
  const file = source ?? DEMO_DATA_URL;
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`cannot read ${file}: ${err.code ?? err.message}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    fail(`${file} is not JSON: ${err.message}`);
  }
  return parsed;
}
