// The parts of a user in the data file that issue 19's incident needs, checked
// and normalised like the rest of iam-data.js: an MFA device (for STS
// GetSessionToken), managed policies attached (ListAttachedUserPolicies;
// the known ones' denies are enforced, see managed-policies.js) and inline
// policies (PutUserPolicy and friends, see user-policies.js).
//
//   "mfaDevice": { "serialNumber": "arn:aws:iam::123456789012:mfa/dave", "tokenCode": "123456" },
//   "attachedPolicies": ["arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2"],
//   "inlinePolicies": [{ "policyName": "p", "policyDocument": { ... } or "<JSON text>" }]
import { checkPolicyDocument, checkPolicyName, inlinePoliciesSize } from './user-policies.js';
import { MAX_USER_INLINE_POLICY_CHARS } from './iam-limits.js';
import { SERIAL_NUMBER, TOKEN_CODE } from './incident-params.js';

// arn:aws:iam::aws:policy/<path>name or arn:aws:iam::<account>:policy/<path>name.
const POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy((?:\/[A-Za-z0-9.,+@=_-]+)*)\/([\w+=,.@-]{1,128})$/;

function fail(message) {
  throw new Error(`local-iam data: ${message}`);
}

// { policyName, policyArn, path } from an attached policy's ARN.
export function attachedPolicyOf(policyArn) {
  const m = POLICY_ARN.exec(policyArn);
  return m && { policyName: m[3], policyArn, path: `${m[2]}/` };
}

function normaliseMfaDevice(value, where) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be an object { serialNumber, tokenCode }`);
  // STS's serialNumberType; the code is a fixed one (a demo device, not a
  // TOTP), 6 digits as tokenCodeType wants.
  const serial = value.serialNumber;
  if (typeof serial !== 'string' || serial.length < 9 || serial.length > 256 || !SERIAL_NUMBER.test(serial)) {
    fail(`${where}.serialNumber must be 9-256 characters of letters, digits and _+=/:,.@-`);
  }
  if (typeof value.tokenCode !== 'string' || value.tokenCode.length !== 6 || !TOKEN_CODE.test(value.tokenCode)) fail(`${where}.tokenCode must be 6 digits`);
  return { serialNumber: value.serialNumber, tokenCode: value.tokenCode };
}

function normaliseAttached(value, where) {
  const list = value ?? [];
  if (!Array.isArray(list)) fail(`${where} must be an array of policy ARNs`);
  const seen = new Set();
  return list.map((arn, i) => {
    const policy = typeof arn === 'string' ? attachedPolicyOf(arn) : null;
    if (!policy) fail(`${where}[${i}] must be a policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess`);
    if (seen.has(arn)) fail(`${where}[${i}]: ${arn} is attached twice`);
    seen.add(arn);
    return policy;
  });
}

function normaliseInline(value, where, userName) {
  const list = value ?? [];
  if (!Array.isArray(list)) fail(`${where} must be an array of { policyName, policyDocument }`);
  const policies = new Map();
  list.forEach((policy, i) => {
    const name = policy?.policyName;
    const text = typeof policy?.policyDocument === 'string' ? policy.policyDocument : JSON.stringify(policy?.policyDocument);
    const problem = checkPolicyName(name) ?? checkPolicyDocument(text);
    if (problem) fail(`${where}[${i}]: ${problem}`);
    if (policies.has(name)) fail(`${where}[${i}]: user ${userName} has two inline policies named ${name}`);
    policies.set(name, text);
  });
  const normalised = [...policies].map(([policyName, policyDocument]) => ({ policyName, policyDocument }));
  if (inlinePoliciesSize(normalised) > MAX_USER_INLINE_POLICY_CHARS) {
    fail(`${where}: user ${userName}'s inline policies exceed IAM's ${MAX_USER_INLINE_POLICY_CHARS} characters (whitespace not counted)`);
  }
  return normalised;
}

/** The incident fields of users[i]: { mfaDevice, attachedPolicies, inlinePolicies }. */
export function normaliseUserPolicyData(user, i) {
  const where = `users[${i}]`;
  return {
    mfaDevice: normaliseMfaDevice(user.mfaDevice, `${where}.mfaDevice`),
    attachedPolicies: normaliseAttached(user.attachedPolicies, `${where}.attachedPolicies`),
    inlinePolicies: normaliseInline(user.inlinePolicies, `${where}.inlinePolicies`, user.userName),
  };
}
