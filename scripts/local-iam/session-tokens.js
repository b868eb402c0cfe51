// STS GetSessionToken: temporary credentials (ASIA... key ID, secret, session
// token, Expiration) minted from an IAM user's long-term key, for 900 s to
// 36 h (12 h by default). With the user's MFA device (SerialNumber and the
// device's code, a fixed one the data file gives) the session may call IAM;
// without, IAM refuses it as real IAM does (policy-enforcement.js). A session
// lives on when its key is deactivated or deleted, as on AWS: only a deny on
// aws:TokenIssueTime cuts it off.
import { randomBytes } from 'node:crypto';
import { iamDate } from './iam-data.js';
import { IamError } from './iam-errors.js';
import { SESSION_DURATION_SECONDS } from './iam-limits.js';
import { validateParams } from './iam-params.js';
import { newKeyId, newSecret } from './key-ids.js';
import { getSessionTokenXml } from './sts-xml.js';

// STS's answers, as users of STS report them.
export const sessionCredentialsRefused = (action) => new IamError(403, 'AccessDenied', `Cannot call ${action} with session credentials`);
const mfaUnverifiable = () =>
  new IamError(
    403,
    'AccessDenied',
    'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
  );
const mfaWrongCode = () => new IamError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
// What STS and IAM answer a session past its Expiration.
export const expiredToken = () => new IamError(403, 'ExpiredToken', 'The security token included in the request is expired');

// Whether the request proved the user's MFA device; throws STS's AccessDenied
// for a device that is not the user's or a wrong code.
function mfaUsed(user, { SerialNumber: serial, TokenCode: code }) {
  if (serial === undefined && code === undefined) return false;
  if (serial === undefined || code === undefined || !user.mfaDevice || user.mfaDevice.serialNumber !== serial) throw mfaUnverifiable();
  if (user.mfaDevice.tokenCode !== code) throw mfaWrongCode();
  return true;
}

export function getSessionToken({ store, params, caller, requestId, nowMs }) {
  // Only a user's long-term key may ask (never temporary credentials).
  if (caller.kind !== 'user' || caller.session) throw sessionCredentialsRefused('GetSessionToken');
  validateParams(params, [{ name: 'DurationSeconds' }, { name: 'SerialNumber' }, { name: 'TokenCode' }]);
  const mfa = mfaUsed(caller.user, params);
  const seconds = params.DurationSeconds === undefined ? SESSION_DURATION_SECONDS.default : Number(params.DurationSeconds);
  const session = {
    accessKeyId: newKeyId('ASIA', store.accountId),
    secretAccessKey: newSecret(),
    sessionToken: randomBytes(240).toString('base64'),
    // GetSessionToken's credentials act as the user itself.
    arn: caller.user.arn,
    userName: caller.user.userName,
    sourceAccessKeyId: caller.key.accessKeyId,
    mfa,
    issuedAtMs: nowMs,
    expiresAtMs: nowMs + seconds * 1000,
  };
  store.addSession(session);
  return getSessionTokenXml({ ...session, expiration: iamDate(session.expiresAtMs) }, requestId);
}
