// Which credentials may sign a request, and who the signer is once the
// signature checks out.
import { keyMaySign } from './key-lifecycle.js';
import { expiredToken } from './session-tokens.js';

/**
 * The secrets to check a signature with, or null when the key ID may not sign
 * now (unknown, deleted, Inactive, or a new key still propagating): the
 * caller answers those InvalidClientTokenId, as IAM and STS do.
 */
export function signingSecrets(store, accessKeyId, { nowMs, keyPropagationMs }) {
  const credential = store.findCredential(accessKeyId);
  if (!credential) return null;
  if (credential.kind === 'user') {
    return keyMaySign(credential.key, nowMs, keyPropagationMs) ? { secretAccessKey: credential.key.secretAccessKey } : null;
  }
  return { secretAccessKey: credential.session.secretAccessKey, sessionToken: credential.session.sessionToken };
}

/**
 * The signer of a verified request, as actions see it: { kind: 'user', user,
 * key } for a user's key, { kind: 'user', user, session } for a session
 * GetSessionToken minted for that user (it acts as the user), { kind:
 * 'session', session } for other temporary credentials (an assumed role).
 * A minted session past its Expiration is refused (ExpiredToken).
 */
export function callerOf(store, accessKeyId, nowMs) {
  const credential = store.findCredential(accessKeyId);
  if (credential.kind !== 'session' || credential.session.userName === undefined) return credential;
  const { session } = credential;
  if (nowMs >= session.expiresAtMs) throw expiredToken();
  return { kind: 'user', user: store.findUser(session.userName), session };
}
