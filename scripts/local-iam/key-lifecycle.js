// Creating and deleting access keys (IAM CreateAccessKey, DeleteAccessKey),
// and when a user's key may sign: only while Active, and not until the
// propagation delay after its creation has passed (IAM answers a brand-new
// key InvalidClientTokenId for ~10 s; see the shared IAM facts). A refused
// key is answered as an unknown one, InvalidClientTokenId, which is also
// what IAM answers for a deleted or an Inactive key.
import { iamDate } from './iam-data.js';
import { iamErrors } from './iam-errors.js';
import { MAX_KEYS_PER_USER } from './iam-limits.js';
import { validateParams } from './iam-params.js';
import { elements, metadataOnlyXml, resultResponse } from './iam-xml.js';
import { newKeyId, newSecret } from './key-ids.js';
import { targetUser } from './user-actions.js';

/**
 * Whether a user's key may sign now. key.createdAtMs is set only on keys
 * CreateAccessKey made (the data file's keys are long propagated).
 */
export function keyMaySign(key, nowMs, propagationMs) {
  if (key.status !== 'Active') return false;
  return key.createdAtMs === undefined || nowMs >= key.createdAtMs + propagationMs;
}

// The answer's AccessKey in the order of IAM's AccessKey shape; the secret
// appears here once and is never returned again.
function createAccessKeyXml(user, key, requestId) {
  const fields = elements(3, [
    ['UserName', user.userName],
    ['AccessKeyId', key.accessKeyId],
    ['Status', key.status],
    ['SecretAccessKey', key.secretAccessKey],
    ['CreateDate', key.createDate],
  ]);
  return resultResponse('CreateAccessKey', `    <AccessKey>\n${fields}    </AccessKey>\n`, requestId);
}

// Without UserName, the signer's own user. At two keys (an Inactive one
// counts) IAM's 409 LimitExceeded.
export function createAccessKey({ store, params, caller, requestId, nowMs }) {
  validateParams(params, [{ name: 'UserName' }]);
  const user = targetUser(store, params, caller);
  if (user.accessKeys.length >= MAX_KEYS_PER_USER) throw iamErrors.limitExceeded();
  const key = {
    accessKeyId: newKeyId('AKIA', store.accountId),
    secretAccessKey: newSecret(),
    status: 'Active',
    createDate: iamDate(nowMs),
    lastUsed: null,
    createdAtMs: nowMs,
  };
  store.addAccessKey(user, key);
  return createAccessKeyXml(user, key, requestId);
}

// Without UserName, the signer's own user; a key that user does not hold is
// NoSuchEntity 404. Any status may be deleted (the API has no precondition).
export function deleteAccessKey({ store, params, caller, requestId }) {
  validateParams(params, [{ name: 'UserName' }, { name: 'AccessKeyId', required: true }]);
  const user = targetUser(store, params, caller);
  if (!user.accessKeys.some((k) => k.accessKeyId === params.AccessKeyId)) throw iamErrors.noSuchAccessKey(params.AccessKeyId);
  store.removeAccessKey(user, params.AccessKeyId);
  return metadataOnlyXml('DeleteAccessKey', requestId);
}

export const KEY_LIFECYCLE_ACTIONS = [
  ['CreateAccessKey', createAccessKey],
  ['DeleteAccessKey', deleteAccessKey],
];
