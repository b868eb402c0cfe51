// Inline user policies (PutUserPolicy, GetUserPolicy, ListUserPolicies,
// DeleteUserPolicy) with IAM's limits: PolicyName 1-128 of [\w+=,.@-],
// PolicyDocument up to 131,072 characters of IAM's policyDocumentType and
// JSON ("Syntax errors in policy." otherwise, MalformedPolicyDocument 400),
// all of one user's inline policies together at most 2,048 characters not
// counting whitespace (LimitExceeded 409). Re-putting a name replaces it.
// Documents are stored as sent; GetUserPolicy returns them URL-encoded, as
// IAM does.
import { IamError, iamErrors } from './iam-errors.js';
import { validateParams } from './iam-params.js';
import { elements, escapeXml, memberList, metadataOnlyXml, paging, resultResponse } from './iam-xml.js';
import { pageOf } from './paging.js';
import { MAX_USER_INLINE_POLICY_CHARS } from './iam-limits.js';
import { POLICY_NAME } from './incident-params.js';

const malformed = () => new IamError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
const sizeExceeded = (userName) =>
  new IamError(409, 'LimitExceeded', `Maximum policy size of ${MAX_USER_INLINE_POLICY_CHARS} bytes exceeded for user ${userName}`);
const noSuchPolicy = (policyName) => new IamError(404, 'NoSuchEntity', `The user policy with name ${policyName} cannot be found.`);

// For the data loader: a problem text, or null.
export function checkPolicyName(name) {
  const ok = typeof name === 'string' && name.length >= 1 && name.length <= 128 && POLICY_NAME.test(name);
  return ok ? null : 'policyName must be 1-128 characters of letters, digits and _+=,.@-';
}
export function checkPolicyDocument(text) {
  return typeof text === 'string' && parsePolicy(text) !== null ? null : 'policyDocument must be a JSON object';
}

/** The parsed document (an object), or null when it is not a JSON object. */
export function parsePolicy(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

// Characters IAM counts toward the quota: everything but whitespace.
const countedSize = (text) => text.replace(/\s/g, '').length;

/** What a user's inline policies [{ policyDocument }] count toward the 2,048 quota. */
export function inlinePoliciesSize(policies) {
  return policies.reduce((sum, p) => sum + countedSize(p.policyDocument), 0);
}

function userOf(store, userName) {
  const user = store.findUser(userName);
  if (!user) throw iamErrors.noSuchUser(userName);
  return user;
}

export function putUserPolicy({ store, params, requestId }) {
  validateParams(params, [
    { name: 'UserName', required: true },
    { name: 'PolicyName', required: true },
    { name: 'PolicyDocument', required: true },
  ]);
  const user = userOf(store, params.UserName);
  if (parsePolicy(params.PolicyDocument) === null) throw malformed();
  const others = user.inlinePolicies.filter((p) => p.policyName !== params.PolicyName);
  const total = inlinePoliciesSize(others) + countedSize(params.PolicyDocument);
  if (total > MAX_USER_INLINE_POLICY_CHARS) throw sizeExceeded(user.userName);
  const existing = user.inlinePolicies.find((p) => p.policyName === params.PolicyName);
  if (existing) existing.policyDocument = params.PolicyDocument;
  else user.inlinePolicies.push({ policyName: params.PolicyName, policyDocument: params.PolicyDocument });
  return metadataOnlyXml('PutUserPolicy', requestId);
}

export function getUserPolicy({ store, params, requestId }) {
  validateParams(params, [
    { name: 'UserName', required: true },
    { name: 'PolicyName', required: true },
  ]);
  const user = userOf(store, params.UserName);
  const policy = user.inlinePolicies.find((p) => p.policyName === params.PolicyName);
  if (!policy) throw noSuchPolicy(params.PolicyName);
  const body = elements(2, [
    ['UserName', user.userName],
    ['PolicyName', policy.policyName],
    ['PolicyDocument', encodeURIComponent(policy.policyDocument)],
  ]);
  return resultResponse('GetUserPolicy', body, requestId);
}

export function listUserPolicies({ store, params, requestId }) {
  validateParams(params, [{ name: 'UserName', required: true }, { name: 'Marker' }, { name: 'MaxItems' }]);
  const user = userOf(store, params.UserName);
  const page = pageOf(user.inlinePolicies.map((p) => p.policyName), `ListUserPolicies ${user.userName}`, params);
  const names = page.items.map((name) => `      <member>${escapeXml(name)}</member>\n`).join('');
  return resultResponse('ListUserPolicies', `    <PolicyNames>\n${names}    </PolicyNames>\n${paging(page)}`, requestId);
}

export function deleteUserPolicy({ store, params, requestId }) {
  validateParams(params, [
    { name: 'UserName', required: true },
    { name: 'PolicyName', required: true },
  ]);
  const user = userOf(store, params.UserName);
  if (!user.inlinePolicies.some((p) => p.policyName === params.PolicyName)) throw noSuchPolicy(params.PolicyName);
  user.inlinePolicies = user.inlinePolicies.filter((p) => p.policyName !== params.PolicyName);
  return metadataOnlyXml('DeleteUserPolicy', requestId);
}

// Managed policies attached to the user (listed, and the known ones
// enforced: managed-policies.js), filtered by the policies' path.
export function listAttachedUserPolicies({ store, params, requestId }) {
  validateParams(params, [{ name: 'UserName', required: true }, { name: 'PathPrefix', shape: 'PolicyPathPrefix' }, { name: 'Marker' }, { name: 'MaxItems' }]);
  const user = userOf(store, params.UserName);
  const pathPrefix = params.PathPrefix ?? '/';
  const attached = user.attachedPolicies.filter((p) => p.path.startsWith(pathPrefix));
  const page = pageOf(attached, `ListAttachedUserPolicies ${user.userName} ${pathPrefix}`, params);
  const fields = (p) => [
    ['PolicyName', p.policyName],
    ['PolicyArn', p.policyArn],
  ];
  return resultResponse('ListAttachedUserPolicies', memberList('AttachedPolicies', page.items, fields) + paging(page), requestId);
}

export const USER_POLICY_ACTIONS = [
  ['PutUserPolicy', putUserPolicy],
  ['GetUserPolicy', getUserPolicy],
  ['ListUserPolicies', listUserPolicies],
  ['DeleteUserPolicy', deleteUserPolicy],
  ['ListAttachedUserPolicies', listAttachedUserPolicies],
];
