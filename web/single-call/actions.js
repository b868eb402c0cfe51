// The IAM actions the page sends, as the single-call form offers them: which
// of the form's parameter fields each takes (member names as in IAM's model),
// the keyflip client method that sends it, and what a presigned URL for it
// lets its holder do. UpdateAccessKey keeps the package's named calls; the
// read calls go through its generic ones (buildIamRequest, ...).

export const ACTIONS = {
  UpdateAccessKey: {
    label: 'UpdateAccessKey: turn a key on or off',
    params: ['UserName', 'AccessKeyId', 'Status'],
    method: 'updateAccessKey',
    grants: (p) => `set access key ${p.AccessKeyId}${p.UserName ? ` of user ${p.UserName}` : ''} to ${p.Status}`,
  },
  ListAccessKeys: {
    label: 'ListAccessKeys: a user\'s keys',
    params: ['UserName'],
    method: 'listAccessKeys',
    grants: (p) => `list the access keys of ${p.UserName ? `user ${p.UserName}` : 'the signing user'}`,
  },
  GetAccessKeyLastUsed: {
    label: 'GetAccessKeyLastUsed: a key\'s owner and last use',
    params: ['AccessKeyId'],
    method: 'getAccessKeyLastUsed',
    grants: (p) => `read who owns access key ${p.AccessKeyId} and when it was last used`,
  },
  GetUser: {
    label: 'GetUser: a user (or the signer)',
    params: ['UserName'],
    method: 'getUser',
    grants: (p) => `read the details of ${p.UserName ? `user ${p.UserName}` : 'the signing user'}`,
  },
  ListUsers: {
    label: 'ListUsers: the account\'s users (first page)',
    params: [],
    method: 'listUsers',
    grants: () => 'list the users of the account',
  },
};

export const DEFAULT_ACTION = 'UpdateAccessKey';

export function validate(kf, action, params) {
  if (action === 'UpdateAccessKey') kf.validateUpdateAccessKey(params);
  else kf.validateIamParams(action, params);
}

export function buildRequest(kf, action, params, options) {
  return action === 'UpdateAccessKey' ? kf.buildUpdateAccessKey(params, options) : kf.buildIamRequest(action, params, options);
}

export function presignRequest(kf, action, params, options) {
  return action === 'UpdateAccessKey' ? kf.presignUpdateAccessKey(params, options) : kf.presignIamRequest(action, params, options);
}
