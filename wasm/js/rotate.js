// rotateAccessKey(options): one key rotation, end to end. Every decision (what
// next, what is refused and why, how long to wait for the new key, whether a
// key was used recently) is the C++ core's (wasm/src/flows/rotation.h, through
// the "rotation" call); this file only performs each step's I/O with the
// package's clients, asks the person through the callbacks, reports events,
// and keeps the record.
//
// The new key's secret comes out of the core once (CreateAccessKey's answer),
// is handed to onSecret once, signs the proof and (when the old key signed)
// the rest of the flow, and is never put into an event, an error, the record
// or the result.
import { createClient } from './client.js';
import { callCore, loadCore } from './core.js';
import { IamError, NetworkError, TimeoutError, ValidationError } from './errors.js';
import { redactor } from './redact.js';
import { RotationRecord, errorDetails } from './rotation-record.js';
import { Snapshot } from './snapshot.js';
import { abortError, readFlowOptions, sleep, untilAborted } from './flow-io.js';

// ListAccessKeys pages read at most (IAM holds two keys per user; the core
// refuses a longer listing, this only bounds what an endpoint can make us read).
const MAX_LIST_PAGES = 5;
// Decisions made at most: far above a 15-minute proof at 100 ms intervals
// (the core's bounds); a loop that reaches it is a bug, not a wait.
const MAX_STEPS = 20_000;

const ACTION_OF_STEP = {
  'identify-signer': 'GetCallerIdentity',
  'list-keys': 'ListAccessKeys',
  'delete-key-for-room': 'DeleteAccessKey',
  'create-key': 'CreateAccessKey',
  'prove-new-key': 'GetCallerIdentity',
  'delete-new-key': 'DeleteAccessKey',
  'read-old-key-last-use': 'GetAccessKeyLastUsed',
  'deactivate-old-key': 'UpdateAccessKey',
};

const OPTION_KEYS = ['config', 'userName', 'accessKeyId', 'proveIntervalMs', 'proveTimeoutMs', 'recentUseWindowMs',
  'chooseKeyToDelete', 'onSecret', 'confirmRollback', 'confirmRetire', 'onEvent', 'signal'];

function readOptions(options) {
  const snap = new Snapshot();
  const o = readFlowOptions(snap, options, OPTION_KEYS, 'rotateAccessKey');
  o.userName = snap.string(snap.read(options, 'userName', 'userName'), 'userName', { required: false });
  o.accessKeyId = snap.string(snap.read(options, 'accessKeyId', 'accessKeyId'), 'accessKeyId');
  for (const key of ['proveIntervalMs', 'proveTimeoutMs', 'recentUseWindowMs']) {
    // Absent: null, the core's default. The core checks the range.
    const value = snap.number(snap.read(options, key, key), `options.${key}`, null);
    o[key] = value === null || Number.isNaN(value) ? null : value;
  }
  for (const key of ['chooseKeyToDelete', 'onSecret', 'confirmRollback', 'confirmRetire', 'onEvent']) {
    const value = snap.read(options, key, key);
    if (value === undefined && key !== 'onSecret') continue;
    if (typeof value !== 'function') snap.issue(key, value === undefined ? 'required' : 'type', 'must be a function');
    else o[key] = value;
  }
  snap.throwIfAny();
  return o;
}

/** The first state: nothing known, nothing asked, nothing done. */
function initialState(o) {
  return {
    flow: 'rotate',
    userName: o.userName,
    rotatedKeyId: o.accessKeyId,
    signerKeyId: '',
    signerArn: '',
    nowMs: 0,
    keys: [],
    options: { proveIntervalMs: o.proveIntervalMs, proveTimeoutMs: o.proveTimeoutMs, recentUseWindowMs: o.recentUseWindowMs },
    choices: {
      limitAsked: false, deletePick: '', deleteConfirmed: false,
      rollbackAsked: false, rollbackConfirmed: false, retireAsked: false, retireConfirmed: false,
    },
    progress: {
      keysListed: false, deletedForRoom: '', newKeyId: '', createUnanswered: false, proveAttempts: 0, proveStartedMs: 0, proven: false,
      proveLastCode: '', proveLastTransient: false, oldLastUseRead: false, signerSwitched: false,
      oldDeactivated: false, secretNotSaved: false, newKeyDeleted: false, stopped: false,
    },
  };
}

/** A key's last use as the callbacks see it: { date, serviceName, region } or null (never used). */
function lastUseOf(answer) {
  const used = answer?.AccessKeyLastUsed;
  if (!(used?.LastUsedDate instanceof Date)) return null;
  return { date: used.LastUsedDate, serviceName: used.ServiceName, region: used.Region };
}

/**
 * Rotates one access key: see README "Rotating a key". Resolves with
 * { outcome, message, refusal?, error?, userName, oldKeyId, newKeyId,
 * signerSwitched, record }; rejects only with a ValidationError or TypeError
 * for bad options, before any request.
 */
export async function rotateAccessKey(options) {
  const o = readOptions(options);
  const core = await loadCore();
  const state = initialState(o);
  const decide = () => {
    state.nowMs = Date.now();
    return callCore(core, 'rotation', state);
  };
  const first = decide();
  if (first.step === 'invalid') throw new ValidationError(first.issues);
  let signer = createClient(o.config); // throws ValidationError for a bad config, before any request

  const { signal } = o;
  const record = new RotationRecord({ userName: o.userName || null, oldKeyId: o.accessKeyId });
  const emit = (event) => {
    try {
      o.onEvent?.(event);
    } catch { /* a listener's bug does not stop a rotation half-way */ }
  };
  const note = (step, outcome, details) => emit({ type: 'step', ...record.add(step, outcome, details) });
  const ask = (callback, question) => untilAborted(Promise.resolve().then(() => callback(question)), signal);

  const lastUse = new Map(); // key ID -> { date, serviceName, region } | null
  let userName = o.userName;
  let newCredentials = null;
  let prover = null;
  let lastProof = null; // the last failed proof: { code, requestId, message }

  const call = (client, method, params) => client[method](params, { signal });
  // The write whose request is out and unanswered: only it may have reached IAM unseen.
  let writing = null;
  const write = async (client, method, params) => {
    writing = method;
    const answer = await call(client, method, params);
    writing = null;
    return answer;
  };

  async function perform(step) {
    const { progress, choices } = state;
    switch (step.step) {
      case 'identify-signer': {
        const credentials = typeof o.config.credentials === 'function' ? await o.config.credentials() : o.config.credentials;
        const keyId = credentials?.accessKeyId;
        if (typeof keyId !== 'string' || !keyId) throw new ValidationError([{ field: 'config.credentials', rule: 'required', message: 'config.credentials: no accessKeyId to sign with' }]);
        const identity = await call(signer, 'getCallerIdentity', {});
        state.signerKeyId = keyId;
        state.signerArn = identity.Arn;
        record.data.signer = { arn: identity.Arn, keyId };
        note('identify-signer', 'ok', { requestId: identity.requestId, arn: identity.Arn });
        return;
      }
      case 'list-keys': {
        const keys = [];
        let pages = 0;
        let requestId;
        for await (const page of signer.paginateListAccessKeys({ UserName: userName }, { signal })) {
          requestId ??= page.requestId;
          keys.push(...page.AccessKeyMetadata);
          pages += 1;
          if (pages >= MAX_LIST_PAGES) break;
        }
        state.keys = [];
        for (const key of keys) {
          const used = await call(signer, 'getAccessKeyLastUsed', { AccessKeyId: key.AccessKeyId });
          lastUse.set(key.AccessKeyId, lastUseOf(used));
          state.keys.push({
            id: key.AccessKeyId, status: key.Status, createdMs: key.CreateDate.getTime(),
            lastUsedMs: lastUse.get(key.AccessKeyId)?.date.getTime() ?? null,
          });
        }
        progress.keysListed = true;
        note('list-keys', 'ok', {
          requestId,
          keys: state.keys.map((k) => ({ accessKeyId: k.id, status: k.status, lastUsed: lastUse.get(k.id)?.date.toISOString() ?? null })),
        });
        return;
      }
      case 'ask-key-to-delete': {
        choices.limitAsked = true;
        const candidates = step.candidates.map((c) => {
          const key = state.keys.find((k) => k.id === c.keyId);
          return { accessKeyId: c.keyId, status: c.status, recentlyUsed: c.recentlyUsed, createDate: new Date(key.createdMs), lastUsed: lastUse.get(c.keyId) ?? null };
        });
        const answer = o.chooseKeyToDelete ? await ask(o.chooseKeyToDelete, { userName, message: step.message, candidates }) : null;
        if (answer !== null && answer !== undefined) {
          if (typeof answer.accessKeyId !== 'string') throw new TypeError('chooseKeyToDelete must resolve to { accessKeyId, confirmed } or null');
          choices.deletePick = answer.accessKeyId;
          choices.deleteConfirmed = answer.confirmed === true;
        }
        note('ask-key-to-delete', 'answered', { picked: choices.deletePick || null, confirmed: choices.deleteConfirmed });
        return;
      }
      case 'delete-key-for-room': {
        const done = await write(signer, 'deleteAccessKey', { UserName: userName, AccessKeyId: step.keyId });
        progress.deletedForRoom = step.keyId;
        note('delete-key-for-room', 'ok', { accessKeyId: step.keyId, requestId: done.requestId });
        return;
      }
      case 'create-key': {
        const created = await write(signer, 'createAccessKey', { UserName: userName });
        const { AccessKeyId: accessKeyId, CreateDate: createDate } = created.AccessKey;
        newCredentials = { accessKeyId, secretAccessKey: created.AccessKey.SecretAccessKey };
        record.redact = redactor([newCredentials.secretAccessKey]);
        progress.newKeyId = accessKeyId;
        record.data.newKeyId = accessKeyId;
        note('create-key', 'ok', { accessKeyId, requestId: created.requestId });
        // The proof sends one attempt at a time: the flow, not the client, retries.
        prover = createClient({ ...o.config, credentials: newCredentials, maxAttempts: 1 });
        try {
          await ask(o.onSecret, { userName, accessKeyId, secretAccessKey: newCredentials.secretAccessKey, createDate });
          note('hand-over-secret', 'ok', { accessKeyId });
        } catch (error) {
          if (signal?.aborted) throw error;
          progress.secretNotSaved = true;
          note('hand-over-secret', 'failed', { accessKeyId, ...errorDetails(error) });
        }
        return;
      }
      case 'prove-new-key': {
        if (step.waitMs > 0) {
          emit({ type: 'prove-wait', accessKeyId: step.keyId, waitMs: step.waitMs, elapsedMs: step.elapsedMs, attempts: progress.proveAttempts });
          await sleep(step.waitMs, signal);
        }
        if (progress.proveAttempts === 0) progress.proveStartedMs = Date.now();
        progress.proveAttempts += 1;
        const attempt = progress.proveAttempts;
        const elapsedMs = () => Date.now() - progress.proveStartedMs;
        try {
          const identity = await call(prover, 'getCallerIdentity', {});
          progress.proven = true;
          emit({ type: 'prove-attempt', accessKeyId: step.keyId, attempt, elapsedMs: elapsedMs(), result: 'works' });
          note('prove-new-key', 'ok', { accessKeyId: step.keyId, attempts: attempt, elapsedMs: elapsedMs(), requestId: identity.requestId });
        } catch (error) {
          if (signal?.aborted) throw error;
          if (error instanceof IamError) {
            progress.proveLastCode = error.code;
            progress.proveLastTransient = error.retryable === true;
          } else if (error instanceof NetworkError || error instanceof TimeoutError) {
            progress.proveLastCode = '';
            progress.proveLastTransient = true;
          } else {
            throw error;
          }
          lastProof = errorDetails(error);
          emit({ type: 'prove-attempt', accessKeyId: step.keyId, attempt, elapsedMs: elapsedMs(), result: 'not-yet', code: lastProof.code ?? lastProof.error });
        }
        return;
      }
      case 'ask-rollback': {
        if (!progress.secretNotSaved) {
          note('prove-new-key', 'failed', { accessKeyId: step.keyId, attempts: progress.proveAttempts, elapsedMs: step.elapsedMs, ...lastProof });
        }
        choices.rollbackAsked = true;
        const yes = o.confirmRollback ? await ask(o.confirmRollback, { userName, accessKeyId: step.keyId, message: step.message, elapsedMs: step.elapsedMs }) : false;
        choices.rollbackConfirmed = yes === true;
        note('ask-rollback', 'answered', { accessKeyId: step.keyId, confirmed: choices.rollbackConfirmed });
        return;
      }
      case 'delete-new-key': {
        const done = await write(signer, 'deleteAccessKey', { UserName: userName, AccessKeyId: step.keyId });
        progress.newKeyDeleted = true;
        note('delete-new-key', 'ok', { accessKeyId: step.keyId, requestId: done.requestId });
        return;
      }
      case 'read-old-key-last-use': {
        const used = await call(signer, 'getAccessKeyLastUsed', { AccessKeyId: step.keyId });
        lastUse.set(step.keyId, lastUseOf(used));
        state.keys.find((k) => k.id === step.keyId).lastUsedMs = lastUse.get(step.keyId)?.date.getTime() ?? null;
        progress.oldLastUseRead = true;
        note('read-old-key-last-use', 'ok', { accessKeyId: step.keyId, lastUsed: lastUse.get(step.keyId)?.date.toISOString() ?? null, requestId: used.requestId });
        return;
      }
      case 'ask-retire': {
        choices.retireAsked = true;
        const question = { userName, accessKeyId: step.keyId, newKeyId: progress.newKeyId, lastUsed: lastUse.get(step.keyId) ?? null, recentlyUsed: step.recentlyUsed, signerIsUser: step.signerIsUser };
        const yes = o.confirmRetire ? await ask(o.confirmRetire, question) : false;
        choices.retireConfirmed = yes === true;
        note('ask-retire', 'answered', { accessKeyId: step.keyId, confirmed: choices.retireConfirmed, recentlyUsed: step.recentlyUsed });
        return;
      }
      case 'switch-signer': {
        // In memory only: the caller signs with the credentials it got in onSecret.
        signer = createClient({ ...o.config, credentials: newCredentials });
        progress.signerSwitched = true;
        record.data.signer = { ...record.data.signer, switchedTo: step.keyId };
        note('switch-signer', 'ok', { accessKeyId: step.keyId });
        return;
      }
      case 'deactivate-old-key': {
        const done = await write(signer, 'updateAccessKey', { UserName: userName, AccessKeyId: step.keyId, Status: 'Inactive' });
        progress.oldDeactivated = true;
        note('deactivate-old-key', 'ok', { accessKeyId: step.keyId, requestId: done.requestId });
        return;
      }
      default:
        throw new Error(`keyflip internal error: unknown rotation step '${step.step}'`);
    }
  }

  const result = (outcome, message, extra = {}) => {
    record.end(outcome, message);
    newCredentials = null;
    prover = null;
    const out = {
      outcome, message: record.data.message, ...extra,
      userName: record.data.user, oldKeyId: o.accessKeyId, newKeyId: state.progress.newKeyId || null,
      signerSwitched: state.progress.signerSwitched, record: record.toJSON(),
    };
    emit({ type: 'end', outcome, message: out.message, ...(extra.refusal ? { refusal: extra.refusal } : {}) });
    return out;
  };

  let stoppedInFlight = '';
  for (let count = 0; count < MAX_STEPS; count += 1) {
    const step = decide();
    if (step.userName) {
      userName = step.userName;
      record.data.user = userName;
    }
    if (step.step === 'done') return result(step.outcome, step.message + stoppedInFlight);
    if (step.step === 'refused') return result('refused', step.message, { refusal: step.refusal });
    if (step.step === 'invalid') {
      // Before any request the caller's input was checked; an invalid state now
      // comes from an answer (a key status IAM does not use, say).
      return result('failed', `cannot go on: ${step.issues.map((i) => i.message).join('; ')}`);
    }
    try {
      if (signal?.aborted) throw abortError(signal);
      emit({ type: 'step-start', step: step.step, accessKeyId: step.keyId || undefined });
      await perform(step);
    } catch (error) {
      const unanswered = writing;
      writing = null;
      if (signal?.aborted) {
        // A write in flight may still have reached IAM: never claimed either way.
        if (unanswered) {
          note(step.step, 'unknown', { accessKeyId: step.keyId || undefined, message: `stopped while ${ACTION_OF_STEP[step.step]} was in flight: it may have reached IAM` });
          if (step.step === 'create-key') state.progress.createUnanswered = true; // the core words it
          else stoppedInFlight = ` ${ACTION_OF_STEP[step.step]} was in flight when stopped and may have reached IAM: list ${userName}'s keys to see.`;
        }
        state.progress.stopped = true;
        continue;
      }
      const details = errorDetails(error);
      const unknown = Boolean(unanswered) && (error instanceof NetworkError || error instanceof TimeoutError);
      note(step.step, unknown ? 'unknown' : 'failed', { accessKeyId: step.keyId || undefined, ...details });
      const action = ACTION_OF_STEP[step.step] ?? step.step;
      let message = `${action} ${unknown ? 'got no answer (it may have reached IAM)' : 'failed'}: ${details.message.replace(/\.$/, '')}.`;
      if (state.progress.newKeyId && !state.progress.newKeyDeleted) {
        message += ` The new key ${state.progress.newKeyId} exists${state.progress.proven ? ' and works' : ''}.`;
      }
      if (state.progress.signerSwitched) message += ' The flow signed with the new key from the signer switch on.';
      return result('failed', message, { error: details });
    }
  }
  return result('failed', 'keyflip internal error: the rotation did not end');
}

/**
 * The rotation's defaults and ranges, from the core (rotation_limits.h):
 * { accessKeysPerUser, defaultProveIntervalMs, minProveIntervalMs, ... }.
 */
export async function rotationLimits() {
  return { ...callCore(await loadCore(), 'rotation', { flow: 'limits' }) };
}
