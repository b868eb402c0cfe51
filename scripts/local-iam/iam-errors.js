// The IAM errors this endpoint can answer with: HTTP status, Query-protocol
// <Code>, <Type> and message text as real IAM phrases them, so clients (awscli,
// the AWS SDKs, keyflip) take the same code paths they take against AWS.
import { MAX_KEYS_PER_USER } from './iam-limits.js';

export class IamError extends Error {
  // message null: IAM sends no <Message> at all for this error (the
  // credential report's errors), which botocore shows as "Unknown".
  constructor(status, code, message, type = 'Sender') {
    super(message ?? '');
    this.name = 'IamError';
    this.status = status;
    this.code = code;
    this.type = type;
    this.hasMessage = message !== null;
  }
}

export const API_VERSION = '2010-05-08';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export const iamErrors = {
  noSuchUser: (userName) => new IamError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`),
  noSuchAccessKey: (accessKeyId) =>
    new IamError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`),
  validation: (message) => new IamError(400, 'ValidationError', message),
  missingAuthenticationToken: () => new IamError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'),
  // IAM's API reference lists IncompleteSignature with status 400.
  incompleteSignature: (message) => new IamError(400, 'IncompleteSignature', message),
  invalidClientTokenId: () =>
    new IamError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
  signatureDoesNotMatch: (message = SIGNATURE_MISMATCH) => new IamError(403, 'SignatureDoesNotMatch', message),
  accessDenied: (message) => new IamError(403, 'AccessDenied', message),
  invalidAction: (message) => new IamError(400, 'InvalidAction', message),
  // A marker this endpoint did not hand out, or one for another listing.
  invalidMarker: () => new IamError(400, 'ValidationError', 'Invalid Marker.'),
  // What IAM answers when a policy does not allow the action (test mode's
  // failKey): the caller's ARN, the action and the resource.
  notAuthorized: (callerArn, action, resource) =>
    new IamError(
      403,
      'AccessDenied',
      `User: ${callerArn} is not authorized to perform: iam:${action} on resource: ${resource} because no identity-based policy allows the iam:${action} action`,
    ),
  unknownOperation: (action, version = API_VERSION) =>
    new IamError(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`),
  // Injected faults (test mode only): the shapes AWS answers with when it is
  // throttling or failing, which SDK retry logic keys on.
  throttling: () => new IamError(400, 'Throttling', 'Rate exceeded'),
  // A quota, not throttling: clients must not retry it.
  limitExceeded: () => new IamError(409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`),
  serviceFailure: () =>
    new IamError(500, 'ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', 'Receiver'),
  serviceUnavailable: () =>
    new IamError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', 'Receiver'),
};
