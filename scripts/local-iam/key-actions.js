// The access key calls: UpdateAccessKey (keyflip's one write), ListAccessKeys
// (paged) and GetAccessKeyLastUsed. A key is changed or listed only under the
// user that owns it; GetAccessKeyLastUsed finds that owner from the key ID
// alone.
import { iamErrors } from './iam-errors.js';
import { validateParams } from './iam-params.js';
import { getAccessKeyLastUsedXml, listAccessKeysXml, updateAccessKeyXml } from './iam-xml.js';
import { pageOf } from './paging.js';
import { callerArn, targetUser } from './user-actions.js';

// Test mode's failKey: how a change to that key fails instead of happening.
const KEY_FAULTS = new Map([
  ['AccessDenied', (caller, user) => iamErrors.notAuthorized(callerArn(caller), 'UpdateAccessKey', `user ${user.userName}`)],
  ['NoSuchEntity', (caller, user, key) => iamErrors.noSuchAccessKey(key.accessKeyId)],
  [500, () => iamErrors.serviceFailure()],
]);

export function updateAccessKey({ store, params, caller, requestId, keyFault }) {
  validateParams(params, [
    { name: 'UserName' },
    { name: 'AccessKeyId', required: true },
    { name: 'Status', required: true },
  ]);
  const user = targetUser(store, params, caller);
  const key = user.accessKeys.find((k) => k.accessKeyId === params.AccessKeyId);
  if (!key) throw iamErrors.noSuchAccessKey(params.AccessKeyId);
  const fault = keyFault?.(key.accessKeyId) ?? null;
  if (fault !== null) throw KEY_FAULTS.get(fault)(caller, user, key);
  key.status = params.Status;
  return updateAccessKeyXml(requestId);
}

export function listAccessKeys({ store, params, caller, requestId }) {
  validateParams(params, [{ name: 'UserName' }, { name: 'Marker' }, { name: 'MaxItems' }]);
  const user = targetUser(store, params, caller);
  const members = user.accessKeys.map((k) => ({
    userName: user.userName,
    accessKeyId: k.accessKeyId,
    status: k.status,
    createDate: k.createDate,
  }));
  return listAccessKeysXml(pageOf(members, `ListAccessKeys ${user.userName}`, params), requestId);
}

// A key of no user here (unknown, or temporary credentials) is answered
// NoSuchEntity; what IAM answers there is not recorded.
export function getAccessKeyLastUsed({ store, params, requestId }) {
  validateParams(params, [{ name: 'AccessKeyId', required: true }]);
  const found = store.findUserKey(params.AccessKeyId);
  if (!found) throw iamErrors.noSuchAccessKey(params.AccessKeyId);
  return getAccessKeyLastUsedXml(found.user.userName, found.key.lastUsed, requestId);
}
