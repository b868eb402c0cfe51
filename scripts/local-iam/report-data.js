// The data file's optional fields that only the credential report shows:
// a user's console password and MFA, and the account's root user. Checked
// and normalised here (iam-data.js calls in), with messages naming the field.
//
// users[i].password   { lastChanged?: date, lastUsed?: date | null }; absent: no password.
//                     lastChanged defaults to the user's createDate; lastUsed
//                     absent or null: never used (the report's no_information).
// users[i].mfaActive  boolean, default false (true for a user with an mfaDevice).
// root                { createDate?: date, passwordLastUsed?: date | null, mfaActive?: boolean };
//                     createDate defaults to the earliest user's (the account
//                     predates its users), passwordLastUsed to null
//                     (no_information), mfaActive to false.

function fail(message) {
  throw new Error(`local-iam data: ${message}`);
}

// ISO 8601 UTC to the second (the form iam-data.js stores), or a failure naming the field.
function dateOrFail(value, where) {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(`${where} is not a date`);
  return new Date(Date.parse(value)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function optionalDate(value, where) {
  return value === undefined || value === null ? null : dateOrFail(value, where);
}

function booleanOr(value, where, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(`${where} must be true or false`);
  return value;
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

// { password: { lastChanged, lastUsed | null } | null, mfaActive } for one user.
export function reportUserFields(user, where, userCreateDate) {
  let password = null;
  if (user.password !== undefined && user.password !== null) {
    if (!isObject(user.password)) fail(`${where}.password must be an object { lastChanged?, lastUsed? }`);
    password = {
      lastChanged: user.password.lastChanged === undefined ? userCreateDate : dateOrFail(user.password.lastChanged, `${where}.password.lastChanged`),
      lastUsed: optionalDate(user.password.lastUsed, `${where}.password.lastUsed`),
    };
  }
  // A user with an MFA device (user-policy-data.js) has MFA active unless told otherwise.
  return { password, mfaActive: booleanOr(user.mfaActive, `${where}.mfaActive`, user.mfaDevice !== undefined && user.mfaDevice !== null) };
}

// The root user's row: { createDate, passwordLastUsed | null, mfaActive }.
export function normaliseRoot(raw, users, fallbackCreateDate) {
  if (raw !== undefined && !isObject(raw)) fail('root must be an object { createDate?, passwordLastUsed?, mfaActive? }');
  const earliest = users.reduce((min, u) => (min === null || u.createDate < min ? u.createDate : min), null);
  return {
    createDate: raw?.createDate === undefined ? (earliest ?? fallbackCreateDate) : dateOrFail(raw.createDate, 'root.createDate'),
    passwordLastUsed: optionalDate(raw?.passwordLastUsed, 'root.passwordLastUsed'),
    mfaActive: booleanOr(raw?.mfaActive, 'root.mfaActive', false),
  };
}
