// What this endpoint enforces beyond a valid signature, decided once the
// action is known and before it runs:
// - temporary credentials from GetSessionToken: IAM only when MFA was used
//   to get them (otherwise IAM's InvalidClientTokenId, which is what IAM
//   answers such a session; see aws-vault#15 and aws-cli#8918), and no STS
//   action but GetCallerIdentity ("Cannot call X with session credentials");
// - a user's own requests (its keys and its sessions) against the denies of
//   the managed quarantine policies attached to it (managed-policies.js);
// - a user's sessions against an inline Deny conditioned on
//   DateLessThan aws:TokenIssueTime (AWS's documented way to cut off the
//   sessions of a leaked key). aws:TokenIssueTime exists only for temporary
//   credentials, so the user's long-term keys are never denied by it. Only
//   that form is enforced: a statement with Effect Deny, Action a pattern
//   list (* and ? wildcards), Resource "*", and exactly that one condition.
//   Every other statement is stored and listed, never enforced.
// GetCallerIdentity is never denied (no policy can deny it). Requests of
// another principal acting on the user (an admin) are never affected.
import { IamError, iamErrors } from './iam-errors.js';
import { managedDenyOf } from './managed-policies.js';
import { sessionCredentialsRefused } from './session-tokens.js';
import { parsePolicy } from './user-policies.js';

const NEVER_DENIED = 'sts:GetCallerIdentity';

const explicitDeny = (callerArn, serviceAction, resource) =>
  new IamError(
    403,
    'AccessDenied',
    `User: ${callerArn} is not authorized to perform: ${serviceAction} on resource: ${resource} with an explicit deny in an identity-based policy`,
  );

const asList = (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

// IAM action patterns: case-insensitive, * any run, ? one character. A
// pattern is request data: matched by the classic two-pointer wildcard walk
// (time linear in the pattern times the name), never compiled to a RegExp
// that many *s could make backtrack for ever.
function actionMatches(pattern, serviceAction) {
  if (typeof pattern !== 'string') return false;
  const p = pattern.toLowerCase();
  const s = serviceAction.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (i < s.length) {
    if (j < p.length && (p[j] === '?' || p[j] === s[i])) {
      i += 1;
      j += 1;
    } else if (j < p.length && p[j] === '*') {
      star = j;
      resume = i;
      j += 1;
    } else if (star >= 0) {
      j = star + 1;
      resume += 1;
      i = resume;
    } else {
      return false;
    }
  }
  while (j < p.length && p[j] === '*') j += 1;
  return j === p.length;
}

// The time before which sessions are denied, when the statement is exactly
// the enforced form; otherwise null.
function tokenIssueCutoff(statement, serviceAction) {
  if (statement?.Effect !== 'Deny' || statement.NotAction !== undefined || statement.NotResource !== undefined) return null;
  if (!asList(statement.Action).some((pattern) => actionMatches(pattern, serviceAction))) return null;
  if (!asList(statement.Resource).includes('*')) return null;
  const condition = statement.Condition;
  if (!condition || typeof condition !== 'object' || Object.keys(condition).length !== 1 || !condition.DateLessThan) return null;
  const keys = Object.entries(condition.DateLessThan);
  if (keys.length !== 1 || keys[0][0].toLowerCase() !== 'aws:tokenissuetime') return null;
  const times = asList(keys[0][1]).map((t) => (typeof t === 'string' ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : null;
}

// Whether an inline policy of the user denies this session the action.
function inlineDenies(inlinePolicies, serviceAction, issuedAtMs) {
  return inlinePolicies.some((policy) => {
    const document = parsePolicy(policy.policyDocument);
    return asList(document?.Statement).some((statement) => {
      const cutoff = tokenIssueCutoff(statement, serviceAction);
      return cutoff !== null && issuedAtMs < cutoff;
    });
  });
}

// The resource IAM names in the denial: the user the call is about.
function resourceOf(store, service, action, params, caller) {
  const userArn = (name) => store.findUser(name)?.arn ?? `arn:aws:iam::${store.accountId}:user/${name}`;
  if (service === 'iam' && action === 'ListUsers') return `arn:aws:iam::${store.accountId}:user/`;
  if (service === 'iam' && typeof params.UserName === 'string') return userArn(params.UserName);
  if (service === 'iam' && action === 'GetAccessKeyLastUsed' && typeof params.AccessKeyId === 'string') {
    const owner = store.findUserKey(params.AccessKeyId);
    if (owner) return owner.user.arn;
  }
  return caller.user.arn;
}

/**
 * Throws the refusal for this call, or returns when it may run.
 * caller: signing-credentials.js's callerOf; service: 'iam' | 'sts'.
 */
export function authorizeCall({ store, service, action, params, caller }) {
  const serviceAction = `${service}:${action}`;
  if (serviceAction === NEVER_DENIED) return;
  const session = caller.kind === 'user' ? caller.session : undefined;
  if (session && service === 'sts') throw sessionCredentialsRefused(action);
  if (session && service === 'iam' && !session.mfa) throw iamErrors.invalidClientTokenId();
  if (caller.kind !== 'user') return;
  const denied =
    managedDenyOf(caller.user.attachedPolicies, serviceAction) !== null ||
    (session !== undefined && inlineDenies(caller.user.inlinePolicies, serviceAction, session.issuedAtMs));
  if (denied) throw explicitDeny(caller.user.arn, serviceAction, resourceOf(store, service, action, params, caller));
}
