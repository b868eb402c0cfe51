// A large synthetic account for tests and benchmarks: `count` users in the
// data file's shape (iam-data.js), deterministic from a seed and a reference
// time. Users have 0-2 access keys of varied ages and statuses, last uses
// from never to years ago in several services and regions, some console
// passwords (some never used) and MFA, several paths, and some names with a
// comma (IAM allows `,` in user names: [\w+=,.@-]+), which the credential
// report must quote. Secrets are fake, made from the seed.
//
//   syntheticUsers({ count, seed = 1, now }) -> [user, ...]
//   withSyntheticUsers(data, { count, seed, now }) -> data with those users after its own
//
// Same (count, seed, now): same users. A larger count only appends: user i
// is the same for every count above i. `now` (ms or a date string) is the
// reference for ages; by default the start of the current UTC day, so runs on
// one day agree and ages stay realistic.
// Names (user-0000123-style suffixes) and key ids (AKIASYN...) cannot clash
// with the demo data's.

export const SYNTHETIC_SEED_DEFAULT = 1;
export const SYNTHETIC_MAX_USERS = 1_000_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana', 'ivo', 'jo', 'kai', 'lea', 'mo', 'nia', 'omar', 'pia'];
const LAST = ['smith', 'garcia', 'ito', 'okafor', 'novak', 'silva', 'khan', 'muller', 'rossi', 'kim', 'dubois', 'berg'];
const SERVICES = ['iam', 's3', 'ec2', 'sts', 'lambda', 'dynamodb', 'cloudformation', 'sqs'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1'];
const PATHS = [
  ['/', 0.7],
  ['/engineering/', 0.15],
  ['/service/', 0.1],
  ['/admins/', 0.05],
];
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// mulberry32: a small, fast, seedable generator; floats in [0, 1).
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function iso(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function referenceMs(now) {
  if (now === undefined) return Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const ms = typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(ms)) throw new Error(`synthetic users: now must be milliseconds or a date, got ${JSON.stringify(now)}`);
  return ms;
}

function checkOptions({ count, seed }) {
  if (!Number.isInteger(count) || count < 0 || count > SYNTHETIC_MAX_USERS) {
    throw new Error(`synthetic users: count must be an integer 0-${SYNTHETIC_MAX_USERS}, got ${JSON.stringify(count)}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`synthetic users: seed must be an integer 0-${0xffffffff}, got ${JSON.stringify(seed)}`);
  }
}

export function syntheticUsers({ count, seed = SYNTHETIC_SEED_DEFAULT, now } = {}) {
  checkOptions({ count, seed });
  const nowMs = referenceMs(now);
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const between = (fromMs, toMs) => fromMs + Math.floor(rnd() * Math.max(0, toMs - fromMs));
  const chars = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');
  const weighted = (choices) => {
    let r = rnd();
    for (const [value, weight] of choices) {
      if ((r -= weight) < 0) return value;
    }
    return choices[choices.length - 1][0];
  };

  const users = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(7, '0');
    const first = pick(FIRST);
    const last = pick(LAST);
    const nameKind = rnd();
    let userName;
    if (nameKind < 0.05) userName = `${last},${first}-${n}`; // a comma: quoted in the report
    else if (nameKind < 0.15) userName = `${first}.${last}-${n}@example.com`;
    else userName = `${first}.${last}-${n}`;
    const path = weighted(PATHS);
    // Up to 10 years old.
    const userCreated = between(nowMs - 3650 * DAY_MS, nowMs - DAY_MS);
    const keyCount = weighted([
      [0, 0.2],
      [1, 0.55],
      [2, 0.25],
    ]);
    const accessKeys = [];
    for (let slot = 1; slot <= keyCount; slot++) {
      const created = between(userCreated, nowMs);
      const key = {
        accessKeyId: `AKIASYN${n}${slot}${chars(ID_CHARS, 5)}`,
        secretAccessKey: chars(SECRET_CHARS, 40),
        status: rnd() < 0.8 ? 'Active' : 'Inactive',
        createDate: iso(created),
      };
      const use = rnd();
      // A quarter never used; the rest within a week, within 90 days, or
      // any time since the key was made (often over 90 days ago).
      if (use >= 0.25) {
        let usedAt;
        if (use < 0.55) usedAt = between(Math.max(created, nowMs - 7 * DAY_MS), nowMs);
        else if (use < 0.775) usedAt = between(Math.max(created, nowMs - 90 * DAY_MS), nowMs);
        else usedAt = between(created, nowMs);
        key.lastUsed = { date: iso(usedAt), service: pick(SERVICES), region: pick(REGIONS) };
      }
      accessKeys.push(key);
    }
    const user = { userName, path, createDate: iso(userCreated), accessKeys };
    if (rnd() < 0.5) {
      const changed = between(userCreated, nowMs);
      user.password = { lastChanged: iso(changed) };
      // One in five passwords never used: no_information in the report.
      if (rnd() >= 0.2) user.password.lastUsed = iso(between(changed, nowMs));
      user.mfaActive = rnd() < 0.6;
    }
    users.push(user);
  }
  return users;
}

// data: a parsed data object (iam-data.js's shape). Returns a new object
// with the synthetic users after the data's own.
export function withSyntheticUsers(data, options) {
  return { ...data, users: [...(data.users ?? []), ...syntheticUsers(options)] };
}
