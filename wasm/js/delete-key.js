// deleteInactiveAccessKey(options): deleting an old key later, as the Console
// asks (issue 17 item 3e): one key, only an Inactive one, only after the person
// types its ID, with a warning when it was used within the recent-use window.
// The core decides (wasm/src/flows/delete_later.h); this file reads the keys
// and their last use, asks, and sends DeleteAccessKey.
import { createClient } from './client.js';
import { callCore, loadCore } from './core.js';
import { NetworkError, TimeoutError, ValidationError } from './errors.js';
import { errorDetails } from './rotation-record.js';
import { Snapshot } from './snapshot.js';
import { readFlowOptions, untilAborted } from './flow-io.js';

const OPTION_KEYS = ['config', 'userName', 'accessKeyId', 'recentUseWindowMs', 'confirmTypedId', 'signal'];
// ListAccessKeys pages read at most (see rotate.js).
const MAX_LIST_PAGES = 5;

function readOptions(options) {
  const snap = new Snapshot();
  const o = readFlowOptions(snap, options, OPTION_KEYS, 'deleteInactiveAccessKey');
  o.userName = snap.string(snap.read(options, 'userName', 'userName'), 'userName', { required: false });
  o.accessKeyId = snap.string(snap.read(options, 'accessKeyId', 'accessKeyId'), 'accessKeyId');
  const window = snap.number(snap.read(options, 'recentUseWindowMs', 'recentUseWindowMs'), 'options.recentUseWindowMs', null);
  o.recentUseWindowMs = window === null || Number.isNaN(window) ? null : window;
  o.confirmTypedId = snap.read(options, 'confirmTypedId', 'confirmTypedId');
  if (typeof o.confirmTypedId !== 'function') snap.issue('confirmTypedId', o.confirmTypedId === undefined ? 'required' : 'type', 'must be a function');
  snap.throwIfAny();
  return o;
}

/**
 * Resolves with { outcome: 'deleted' | 'refused' | 'failed' | 'unknown',
 * message, refusal?, requestId?, error?, userName, accessKeyId, recentlyUsed };
 * rejects only for bad options (before any request) or a stop (the signal's reason).
 */
export async function deleteInactiveAccessKey(options) {
  const o = readOptions(options);
  const core = await loadCore();
  const decide = (keys, typedId, userName) => callCore(core, 'rotation', {
    flow: 'delete-later', userName, keys, keyId: o.accessKeyId, typedId, recentUseWindowMs: o.recentUseWindowMs, nowMs: Date.now(),
  });
  // Checks the options before any request (an empty listing cannot refuse them).
  const first = decide([], '', o.userName || '-');
  if (first.verdict === 'invalid') throw new ValidationError(first.issues);
  const client = createClient(o.config);
  const { signal } = o;
  const call = (method, params) => client[method](params, { signal });
  const out = (outcome, message, extra = {}) => ({ outcome, message, userName: userName || null, accessKeyId: o.accessKeyId, ...extra });

  let userName = o.userName;
  const keys = [];
  const lastUse = new Map();
  try {
    // The owner from the key's ID alone when no user is named.
    const target = await call('getAccessKeyLastUsed', { AccessKeyId: o.accessKeyId });
    userName ||= target.UserName;
    let pages = 0;
    for await (const page of client.paginateListAccessKeys({ UserName: userName }, { signal })) {
      for (const key of page.AccessKeyMetadata) {
        const used = key.AccessKeyId === o.accessKeyId ? target : await call('getAccessKeyLastUsed', { AccessKeyId: key.AccessKeyId });
        const date = used.AccessKeyLastUsed?.LastUsedDate;
        lastUse.set(key.AccessKeyId, date instanceof Date ? { date, serviceName: used.AccessKeyLastUsed.ServiceName, region: used.AccessKeyLastUsed.Region } : null);
        keys.push({ id: key.AccessKeyId, status: key.Status, createdMs: key.CreateDate.getTime(), lastUsedMs: date instanceof Date ? date.getTime() : null });
      }
      pages += 1;
      if (pages >= MAX_LIST_PAGES) break;
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    return out('failed', `reading ${o.accessKeyId} and its user's keys failed: ${error.message}`, { error: errorDetails(error) });
  }

  let decision = decide(keys, '', userName);
  if (decision.verdict === 'invalid') return out('failed', `cannot go on: ${decision.issues.map((i) => i.message).join('; ')}`);
  if (decision.verdict === 'refused') return out('refused', decision.message, { refusal: decision.refusal, recentlyUsed: decision.recentlyUsed });
  const typed = await untilAborted(Promise.resolve().then(() => o.confirmTypedId({
    userName, accessKeyId: o.accessKeyId, message: decision.message, recentlyUsed: decision.recentlyUsed, lastUsed: lastUse.get(o.accessKeyId) ?? null,
  })), signal);
  decision = decide(keys, typeof typed === 'string' ? typed : '', userName);
  if (decision.verdict !== 'allowed') {
    return decision.verdict === 'ask-typed-id'
      ? out('refused', `no ID was typed; ${o.accessKeyId} was not deleted.`, { refusal: 'typed-id-mismatch', recentlyUsed: decision.recentlyUsed })
      : out('refused', decision.message, { refusal: decision.refusal, recentlyUsed: decision.recentlyUsed });
  }
  try {
    const done = await call('deleteAccessKey', { UserName: userName, AccessKeyId: o.accessKeyId });
    return out('deleted', `${o.accessKeyId} was deleted.`, { requestId: done.requestId, recentlyUsed: decision.recentlyUsed });
  } catch (error) {
    if (signal?.aborted) {
      return out('unknown', `stopped while DeleteAccessKey was in flight: ${o.accessKeyId} may have been deleted; list ${userName}'s keys to see.`, { recentlyUsed: decision.recentlyUsed });
    }
    const unknown = error instanceof NetworkError || error instanceof TimeoutError;
    return out(unknown ? 'unknown' : 'failed',
      unknown ? `DeleteAccessKey got no answer (it may have reached IAM): ${error.message}` : `DeleteAccessKey failed: ${error.message}`,
      { error: errorDetails(error), recentlyUsed: decision.recentlyUsed });
  }
}
