// AWS managed policies whose denies this endpoint enforces when attached to
// a user: the quarantine policies AWS attaches to a user whose key it found
// exposed (shared IAM facts, "Answering a leaked key"). Only the actions the
// facts confirm are listed, and only IAM and STS actions matter here; the
// real policies deny more (other services, and IAM actions this endpoint
// does not serve). Any other attached policy is listed but grants or denies
// nothing here (the endpoint models no permissions beyond these denies).
const QUARANTINE_V2_V3 = [
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:DeleteAccessKey',
  'iam:ListUsers',
  'iam:PutUserPolicy',
  'sts:GetSessionToken',
  'sts:GetFederationToken',
];

const DENIES = new Map([
  ['arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantine', ['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:PutUserPolicy']],
  ['arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2', QUARANTINE_V2_V3],
  ['arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3', QUARANTINE_V2_V3],
]);

/** The attached policy (of the user's list) that denies service:action, or null. */
export function managedDenyOf(attachedPolicies, serviceAction) {
  return attachedPolicies.find((p) => DENIES.get(p.policyArn)?.includes(serviceAction)) ?? null;
}
