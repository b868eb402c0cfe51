// The two IAM actions keyflip needs, with IAM's rules: without UserName the
// action applies to the IAM user owning the signing key (temporary credentials
// must name the user), and a key is only found under the user that owns it.
import { API_VERSION, iamErrors } from './iam-errors.js';
import { validateParams } from './iam-params.js';
import { listAccessKeysXml, updateAccessKeyXml } from './iam-xml.js';

// caller: the store's record for the signing key ({ kind: 'user', user, key }
// or { kind: 'session', session }).
function targetUser(store, params, caller) {
  if (params.UserName !== undefined) {
    const user = store.findUser(params.UserName);
    if (!user) throw iamErrors.noSuchUser(params.UserName);
    return user;
  }
  if (caller.kind !== 'user') {
    throw iamErrors.validation('Must specify userName when calling with non-User credentials');
  }
  return caller.user;
}

function updateAccessKey(store, params, caller, requestId) {
  validateParams(params, [
    { name: 'UserName' },
    { name: 'AccessKeyId', required: true },
    { name: 'Status', required: true },
  ]);
  const user = targetUser(store, params, caller);
  const key = user.accessKeys.find((k) => k.accessKeyId === params.AccessKeyId);
  if (!key) throw iamErrors.noSuchAccessKey(params.AccessKeyId);
  key.status = params.Status;
  return updateAccessKeyXml(requestId);
}

function listAccessKeys(store, params, caller, requestId) {
  validateParams(params, [{ name: 'UserName' }]);
  const user = targetUser(store, params, caller);
  // Every key of a user fits in one page (IAM allows two), so Marker and
  // MaxItems are accepted and the answer is never truncated.
  const members = user.accessKeys.map((k) => ({
    userName: user.userName,
    accessKeyId: k.accessKeyId,
    status: k.status,
    createDate: k.createDate,
  }));
  return listAccessKeysXml(members, requestId);
}

const ACTIONS = { UpdateAccessKey: updateAccessKey, ListAccessKeys: listAccessKeys };

// The handler for the request's Action (checked against Version when one is
// given): (store, params, caller, requestId) -> response XML. Unknown or
// missing actions are InvalidAction, as in IAM.
export function findAction(params) {
  const { Action: action, Version: version } = params;
  if (!action) {
    throw iamErrors.invalidAction('The action or operation requested is invalid. Verify that the action is typed correctly.');
  }
  if (version !== undefined && version !== API_VERSION) throw iamErrors.unknownOperation(action, version);
  const run = ACTIONS[action];
  if (!run) throw iamErrors.unknownOperation(action);
  return run;
}
