// The AWS SDK v3 IAM client, as its docs show it.
import { IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';

window.setKeyStatus = (credentials, AccessKeyId, Status, UserName) =>
  new IAMClient({ region: 'us-east-1', credentials }).send(new UpdateAccessKeyCommand({ UserName, AccessKeyId, Status }));
