// In-memory IAM users and access keys. Loaded from a JSON data file (or the
// shipped demo data) and never written back: every start, and every test-mode
// reset, begins from the same known state.
import { readFileSync } from 'node:fs';

const DEMO_DATA_URL = new URL('./demo-data.json', import.meta.url);
// Keys without a createDate in the data file get a fixed one, so listings are
// stable across runs.
const DEFAULT_CREATE_DATE = '2024-01-01T00:00:00Z';
const STATUSES = ['Active', 'Inactive'];

function fail(message) {
  throw new Error(`local-iam data: ${message}`);
}

function requireString(value, where) {
  if (typeof value !== 'string' || value.length === 0) fail(`${where} must be a non-empty string`);
  return value;
}

// Checks the shape and returns a normalised copy. Messages name fields and
// access key ids only, never a secret.
export function normaliseIamData(raw) {
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.users)) fail('expected an object with a "users" array');
  const seenKeys = new Set();
  const seenUsers = new Set();
  const claimKey = (id) => {
    if (seenKeys.has(id)) fail(`access key ${id} appears more than once`);
    seenKeys.add(id);
  };
  const users = raw.users.map((user, i) => {
    const userName = requireString(user?.userName, `users[${i}].userName`);
    if (seenUsers.has(userName)) fail(`user ${userName} appears more than once`);
    seenUsers.add(userName);
    const accessKeys = (user.accessKeys ?? []).map((key, j) => {
      const where = `users[${i}].accessKeys[${j}]`;
      const accessKeyId = requireString(key?.accessKeyId, `${where}.accessKeyId`);
      claimKey(accessKeyId);
      const status = key.status ?? 'Active';
      if (!STATUSES.includes(status)) fail(`${where}.status must be Active or Inactive`);
      const createDate = key.createDate ?? DEFAULT_CREATE_DATE;
      if (Number.isNaN(Date.parse(createDate))) fail(`${where}.createDate is not a date`);
      return {
        accessKeyId,
        secretAccessKey: requireString(key.secretAccessKey, `${where}.secretAccessKey`),
        status,
        createDate: new Date(createDate).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    });
    return { userName, accessKeys };
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
    };
  });
  return { users, sessions };
}

// source: a file path, an already-parsed object, or undefined for the demo data.
export function loadIamData(source) {
  if (source && typeof source === 'object') return normaliseIamData(source);
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
  return normaliseIamData(parsed);
}

export class IamStore {
  constructor(data) {
    this.initialData = structuredClone(data);
    this.reset();
  }

  // Back to the data the endpoint started with.
  reset() {
    const data = structuredClone(this.initialData);
    this.users = new Map(data.users.map((u) => [u.userName, u]));
    this.credentials = new Map();
    for (const user of data.users) {
      for (const key of user.accessKeys) this.credentials.set(key.accessKeyId, { kind: 'user', user, key });
    }
    for (const session of data.sessions) {
      this.credentials.set(session.accessKeyId, { kind: 'session', session });
    }
  }

  findUser(userName) {
    return this.users.get(userName) ?? null;
  }

  // The signing credential for an access key id: { kind: 'user', user, key }
  // or { kind: 'session', session }, or null when unknown.
  findCredential(accessKeyId) {
    return this.credentials.get(accessKeyId) ?? null;
  }

  // Users, keys and statuses without any secret, for the control route.
  snapshot() {
    return {
      users: [...this.users.values()].map((u) => ({
        userName: u.userName,
        accessKeys: u.accessKeys.map(({ accessKeyId, status, createDate }) => ({ accessKeyId, status, createDate })),
      })),
      sessions: [...this.credentials.values()]
        .filter((c) => c.kind === 'session')
        .map((c) => ({ accessKeyId: c.session.accessKeyId })),
    };
  }
}
