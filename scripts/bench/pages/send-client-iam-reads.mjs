// The AWS SDK v3 IAM client, as its docs show it, making the same calls as
// send-keyflip-reads.mjs: UpdateAccessKey and the read calls around it.
import {
  GetAccessKeyLastUsedCommand, GetUserCommand, IAMClient, ListAccessKeysCommand, ListUsersCommand, UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';

const client = (credentials) => new IAMClient({ region: 'us-east-1', credentials });
window.setKeyStatus = (credentials, AccessKeyId, Status, UserName) =>
  client(credentials).send(new UpdateAccessKeyCommand({ UserName, AccessKeyId, Status }));
window.listUsers = (credentials, Marker) => client(credentials).send(new ListUsersCommand({ Marker }));
window.listAccessKeys = (credentials, UserName) => client(credentials).send(new ListAccessKeysCommand({ UserName }));
window.getAccessKeyLastUsed = (credentials, AccessKeyId) => client(credentials).send(new GetAccessKeyLastUsedCommand({ AccessKeyId }));
window.getUser = (credentials, UserName) => client(credentials).send(new GetUserCommand({ UserName }));
