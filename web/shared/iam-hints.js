// Plain-words hints for the IAM error codes a person is likely to meet when
// turning a key on or off, shown under IAM's own code and message. The code
// comes from the endpoint's answer, so it is looked up in a Map: a code such
// as "constructor" or "__proto__" is just an unknown code, never a property
// of Object.prototype.

const HINTS = new Map(Object.entries({
  NoSuchEntity: 'No such user or key: check UserName and AccessKeyId. A key is only found under the user that owns it.',
  InvalidClientTokenId: 'The signing key is unknown: the access key ID that signed the request does not exist in this partition (or was deleted).',
  SignatureDoesNotMatch: "Wrong secret, or the clock is off: check the secret access key, and that this computer's clock is right.",
  IncompleteSignature: 'The request was not completely signed. Check the credentials and try again.',
  MissingAuthenticationToken: 'The request was not signed. Enter the credentials that should sign it.',
  AccessDenied: 'The signing key is valid but its user or role is not allowed to do this (it needs iam:UpdateAccessKey on that user). '
    + 'If AWS found the signing key exposed, it may have attached its AWSCompromisedKeyQuarantine policy to the user, which denies iam:UpdateAccessKey: '
    + 'a leaked key cannot turn itself off. Sign with another principal (an administrator, or another user or role allowed to change this user\'s keys).',
  ExpiredToken: 'The temporary credentials have expired: get new ones (and a new session token).',
  InvalidToken: 'The session token is not valid for this access key: paste the token issued with it.',
  RequestExpired: "The signature's time is too far from IAM's clock: check this computer's clock.",
  ValidationError: 'IAM rejected a value: see its message for the field and rule.',
  LimitExceeded: 'An IAM limit was reached. Try again later.',
  Throttling: 'IAM is limiting the request rate. Wait a little and send again.',
  ServiceUnavailable: 'IAM is temporarily unavailable. Wait a little and send again.',
  ServiceFailure: 'IAM failed to process the request. Wait a little and send again.',
  InvalidAction: 'This endpoint does not know the UpdateAccessKey action: is it really IAM?',
}));

const NO_HINT = 'See the message above; the request id helps AWS support trace the request.';

export function hintFor(code) {
  return HINTS.get(code) ?? NO_HINT;
}
