// IAM's numbers this endpoint enforces, each written once here (see the shared
// IAM facts and IAM's service model, botocore's iam/2010-05-08/service-2.json).

// "Cannot exceed quota for AccessKeysPerUser: 2".
export const MAX_KEYS_PER_USER = 2;

// List calls (ListUsers, ListAccessKeys): MaxItems is 1..1000, 100 when absent.
export const MAX_ITEMS = { min: 1, max: 1000, default: 100 };

// A header-signed request's X-Amz-Date must be within 5 minutes of IAM's
// clock, either way.
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

// A query-signed (presigned) request: outside S3, X-Amz-Expires cannot
// extend validity past 15 minutes after X-Amz-Date; a shorter X-Amz-Expires
// ends it sooner. X-Amz-Expires itself may be up to a week (SigV4's limit).
export const PRESIGN_MAX_VALIDITY_SECONDS = 15 * 60;
export const MAX_X_AMZ_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

// A new access key is refused (InvalidClientTokenId) for about 10 s after
// CreateAccessKey, as observed on AWS (the shared IAM facts, "Creating and
// deleting keys"); --key-propagation-ms changes it, 0 turns it off.
export const DEFAULT_KEY_PROPAGATION_MS = 10_000;

// All of one user's inline policies together, whitespace not counted (IAM's
// quota; beyond it PutUserPolicy answers LimitExceeded 409).
export const MAX_USER_INLINE_POLICY_CHARS = 2048;

// STS GetSessionToken's DurationSeconds for an IAM user: 900 s to 36 h,
// 12 h when absent.
export const SESSION_DURATION_SECONDS = { min: 900, max: 129_600, default: 43_200 };
