// Which credentials may sign a request, and who the signer is once the
// signature checks out.
import { keyMaySign } from './key-lifecycle.js';

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
 * key } for a user's key, { kind: 'session', session } for other temporary
 * credentials.
 */
export function callerOf(store, accessKeyId) {
  return store.findCredential(accessKeyId);
}
