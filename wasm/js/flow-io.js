// What the flows (rotate.js, delete-key.js) share: reading their options'
// common part, and waiting on the person or a timer while a stop signal holds.
import { abortError, sleep } from './client.js';
import { describe } from './snapshot.js';

export { abortError, sleep };

/** Duck-typed, so an AbortSignal from another realm or a polyfill works. */
function looksLikeSignal(value) {
  try {
    return value !== null && typeof value === 'object' && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function';
  } catch {
    return false;
  }
}

/**
 * options -> { config (a shallow copy, read once), signal } and an issue for
 * every unknown key; `name` is the helper, for messages.
 */
export function readFlowOptions(snap, options, known, name) {
  snap.object(options, 'options');
  snap.unknownKeys(options, known, `an option of ${name}`, 'options');
  const config = snap.read(options, 'config', 'config');
  let copy = {};
  if (config === null || typeof config !== 'object') {
    snap.issue('config', 'required', `must be createClient's config (credentials, endpoint, ...), got ${describe(config)}`);
  } else {
    try {
      copy = { ...config };
    } catch {
      snap.issue('config', 'readable', 'could not be read (its getter or proxy threw)');
    }
  }
  const signal = snap.read(options, 'signal', 'signal');
  if (signal !== undefined && !looksLikeSignal(signal)) snap.issue('signal', 'type', `must be an AbortSignal, got ${describe(signal)}`);
  return { config: copy, signal };
}

/** The promise, or the signal's reason as soon as it aborts. */
export function untilAborted(promise, signal) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
