// The STS actions this endpoint implements (API 2011-06-15), served on the
// same address as IAM and told apart by the request's credential scope (see
// services.js): GetCallerIdentity and GetAccessKeyInfo here, GetSessionToken
// in session-tokens.js; policy-enforcement.js decides who may call them.
import { createHash } from 'node:crypto';
import { IamError } from './iam-errors.js';
import { validateParams } from './iam-params.js';
import { accountOfKeyId, BASE32 } from './key-ids.js';
import { getAccessKeyInfoXml, getCallerIdentityXml } from './sts-xml.js';
import { getSessionToken } from './session-tokens.js';

export const STS_API_VERSION = '2011-06-15';

// STS's common error for a parameter it cannot use (STS API reference,
// Common Errors).
const invalidParameterValue = () =>
  new IamError(400, 'InvalidParameterValue', 'An invalid or out-of-range value was supplied for the input parameter.');

// An assumed-role session's UserId is the role's id (AROA + 17, derived
// from the role's name here, so it is stable) and the session name.
function assumedRoleUserId(arn) {
  const [, role = 'role', name = 'session'] = /assumed-role\/([^/]+)\/(.+)$/.exec(arn) ?? [];
  const digest = createHash('sha256').update(`role:${role}`).digest();
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += BASE32[digest[i] % 32];
  return `${id}:${name}`;
}

// Who signed: a user's key or a session minted from one answers as that
// user (its ARN and AIDA... id); an assumed-role session as the session. It
// needs no permission and no policy can deny it.
export function getCallerIdentity({ store, caller, requestId }) {
  const identity =
    caller.kind === 'user'
      ? { arn: caller.user.arn, userId: caller.user.userId }
      : { arn: caller.session.arn, userId: assumedRoleUserId(caller.session.arn) };
  return getCallerIdentityXml({ ...identity, account: store.accountId }, requestId);
}

// The account of a key: the data's account for any key this endpoint holds
// (users' keys and sessions, whatever their status). For any other key, as
// real STS does for any key ID, the account its ID encodes, when the ID is
// in AWS's format (AKIA/ASIA and 16 base32 characters); for an ID outside
// that format (which AWS never issues) no account can be derived and the
// answer is STS's InvalidParameterValue: this endpoint's choice.
export function getAccessKeyInfo({ store, params, requestId }) {
  validateParams(params, [{ name: 'AccessKeyId', required: true }]);
  const held = store.findCredential(params.AccessKeyId) !== null;
  const account = held ? store.accountId : accountOfKeyId(params.AccessKeyId);
  if (account === null) throw invalidParameterValue();
  return getAccessKeyInfoXml(account, requestId);
}

export const STS_ACTIONS = new Map([
  ['GetCallerIdentity', getCallerIdentity],
  ['GetAccessKeyInfo', getAccessKeyInfo],
  ['GetSessionToken', getSessionToken],
]);
