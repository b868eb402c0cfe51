// The user calls (ListUsers, GetUser), and the rule every user-scoped call
// shares: without UserName a call applies to the IAM user owning the signing
// key; temporary credentials belong to no user and must name one (IAM's
// ValidationError "Must specify userName when calling with non-User
// credentials", the answer awscli users report from `aws iam get-user` with
// assumed-role credentials).
import { iamErrors } from './iam-errors.js';
import { validateParams } from './iam-params.js';
import { getUserXml, listUsersXml } from './iam-xml.js';
import { pageOf } from './paging.js';

export function targetUser(store, params, caller) {
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

// The signer's ARN, as IAM names it in AccessDenied messages.
export function callerArn(caller) {
  return caller.kind === 'user' ? caller.user.arn : caller.session.arn;
}

export function getUser({ store, params, caller, requestId }) {
  validateParams(params, [{ name: 'UserName' }]);
  return getUserXml(targetUser(store, params, caller), requestId);
}

export function listUsers({ store, params, requestId }) {
  validateParams(params, [{ name: 'PathPrefix' }, { name: 'Marker' }, { name: 'MaxItems' }]);
  const pathPrefix = params.PathPrefix ?? '/';
  const page = pageOf(store.listUsers(pathPrefix), `ListUsers ${pathPrefix}`, params);
  return listUsersXml(page, requestId);
}
