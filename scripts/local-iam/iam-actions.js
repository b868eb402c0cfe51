// The IAM actions this endpoint implements, looked up by name in a Map (a
// request's Action is untrusted text: toString or __proto__ must be
// InvalidAction like any other unknown name, never an object's property).
import { API_VERSION, iamErrors } from './iam-errors.js';
import { getAccessKeyLastUsed, listAccessKeys, updateAccessKey } from './key-actions.js';
import { getUser, listUsers } from './user-actions.js';
import { KEY_LIFECYCLE_ACTIONS } from './key-lifecycle.js';
import { USER_POLICY_ACTIONS } from './user-policies.js';
import { generateCredentialReport, getCredentialReport } from './credential-report.js';

/**
 * Each handler takes one call: { store, params, caller, requestId, keyFault, reports }
 * where caller is the store's record for the signing key ({ kind: 'user',
 * user, key } or { kind: 'session', session }) and keyFault(accessKeyId)
 * is test mode's failKey (null outside test mode); reports is the account's
 * CredentialReports (credential-report.js). It returns the answer's
 * XML or throws an IamError.
 */
const ACTIONS = new Map([
  ['UpdateAccessKey', updateAccessKey],
  ['ListAccessKeys', listAccessKeys],
  ['GetAccessKeyLastUsed', getAccessKeyLastUsed],
  ['ListUsers', listUsers],
  ['GetUser', getUser],
  ...KEY_LIFECYCLE_ACTIONS,
  ...USER_POLICY_ACTIONS,
  // The credential report (credential-report.js).
  ['GenerateCredentialReport', generateCredentialReport],
  ['GetCredentialReport', getCredentialReport],
]);

// The handler for the request's Action (checked against Version when one is
// given). Unknown or missing actions are InvalidAction, as in IAM (and STS,
// whose actions and version services.js passes in).
export function findAction(params, actions = ACTIONS, apiVersion = API_VERSION) {
  const { Action: action, Version: version } = params;
  if (!action) {
    throw iamErrors.invalidAction('The action or operation requested is invalid. Verify that the action is typed correctly.');
  }
  if (version !== undefined && version !== apiVersion) throw iamErrors.unknownOperation(action, version);
  const run = actions.get(action);
  if (!run) throw iamErrors.unknownOperation(action, apiVersion);
  return run;
}
