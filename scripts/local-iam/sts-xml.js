// STS Query-protocol answers (API 2011-06-15): the same layout as IAM's
// (<{Action}Response><{Action}Result>... and <ResponseMetadata>), under
// STS's namespace, element order as in STS's API reference examples.
import { elements, resultResponse } from './iam-xml.js';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function getCallerIdentityXml({ arn, userId, account }, requestId) {
  const body = elements(2, [
    ['Arn', arn],
    ['UserId', userId],
    ['Account', account],
  ]);
  return resultResponse('GetCallerIdentity', body, requestId, STS_XMLNS);
}

export function getAccessKeyInfoXml(account, requestId) {
  return resultResponse('GetAccessKeyInfo', elements(2, [['Account', account]]), requestId, STS_XMLNS);
}

// credentials: { accessKeyId, secretAccessKey, sessionToken, expiration }.
export function getSessionTokenXml(credentials, requestId) {
  const fields = elements(3, [
    ['SessionToken', credentials.sessionToken],
    ['SecretAccessKey', credentials.secretAccessKey],
    ['Expiration', credentials.expiration],
    ['AccessKeyId', credentials.accessKeyId],
  ]);
  return resultResponse('GetSessionToken', `    <Credentials>\n${fields}    </Credentials>\n`, requestId, STS_XMLNS);
}
