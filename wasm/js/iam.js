// The low-level Query operations on an initialised core, for every action
// the core's models list, per service (validate, build the signed request,
// presign, parse the answer): validateIamParams/buildIamRequest/... for IAM,
// validateStsParams/buildStsRequest/... for STS, plus the UpdateAccessKey
// names they began with. All rules live in C++; this file only snapshots
// inputs and shapes outputs.
import { callCore, headersFromFlat } from './core.js';
import { callSigner } from './sign.js';
import { IamError, ValidationError } from './errors.js';
import { Snapshot, describe } from './snapshot.js';

function snapshotTarget(snap, options, defaultPartition) {
  const read = (key) => snap.read(options, key, key);
  const bool = (key) => snap.boolean(read(key), key, false);
  return {
    partition: snap.string(read('partition'), 'partition', { required: false, fallback: defaultPartition }) || defaultPartition,
    fips: bool('fips'),
    dualStack: bool('dualStack'),
    endpoint: snap.string(read('endpoint'), 'endpoint', { required: false }),
    region: snap.string(read('region'), 'region', { required: false }),
  };
}

/** The action argument: a string (the core says whether it is a known one). */
function snapshotAction(snap, action, { optional = false } = {}) {
  return snap.string(action, 'action', { required: !optional });
}

const IAM_OPTION_KEYS = ['credentials', 'date', 'partition', 'fips', 'dualStack', 'endpoint', 'region', 'expiresIn'];
const UPDATE_ACCESS_KEY = 'UpdateAccessKey';

/**
 * action's params as the core will check them: members (input member names,
 * none for an unknown action) and optional (params may be left out: no
 * member is required).
 */
function paramsRule(core, action) {
  const op = core.keyflipFacts.operations.find((row) => row.action === action);
  return { members: op?.input ?? [], optional: !op?.required.length };
}

/** The service ("iam" | "sts") of a known action; "" for an unknown one (the core names it). */
export function serviceOf(core, action) {
  return core.keyflipFacts.operations.find((row) => row.action === action)?.service ?? '';
}

export function makeQueryOperations(core) {
  const { limits } = core.keyflipFacts;

  // name: the method the caller called, for messages; service: "iam" | "sts".
  function build(name, service, action, params, options, presign) {
    const snap = new Snapshot();
    const input = { service, action: snapshotAction(snap, action) };
    input.params = snap.params(params, paramsRule(core, input.action));
    snap.object(options, 'options');
    Object.assign(input, snapshotTarget(snap, options, limits.defaultPartition));
    snap.unknownKeys(options, IAM_OPTION_KEYS, `an option of ${name}`, 'options');
    Object.assign(input, snap.credentials(options));
    input.epochMs = snap.dateMs(options);
    input.presign = presign;
    input.expiresIn = presign ? snap.number(snap.read(options, 'expiresIn', 'expiresIn'), 'expiresIn', limits.iamPresignDefaultSeconds) : 0;
    return callSigner(core, 'buildRequest', { snap, input });
  }

  const signed = (out) => ({
    method: out.method, url: out.url, headers: headersFromFlat(out.headers), body: out.body,
    canonicalRequest: out.canonicalRequest, stringToSign: out.stringToSign, signature: out.signature,
  });
  const presigned = (out) => ({ url: out.url, canonicalRequest: out.canonicalRequest, stringToSign: out.stringToSign, signature: out.signature });

  /** The four low-level calls of one service, named validate<Label>Params, build<Label>Request, ... */
  function forService(service, label) {
    return {
      [`validate${label}Params`](action, params) {
        checkedParams(core, action, params, service);
      },
      [`build${label}Request`](action, params, options) {
        return signed(build(`build${label}Request`, service, action, params, options, false));
      },
      [`presign${label}Request`](action, params, options) {
        return presigned(build(`presign${label}Request`, service, action, params, options, true));
      },
      /**
       * The service's answer -> { requestId } (without action), or action's
       * output with the model's member names plus requestId; throws IamError
       * (STS's errors have IAM's shape: one error class for both).
       */
      [`parse${label}Response`](statusCode, bodyText, action) {
        const answer = classifyAnswer(core, statusCode, bodyText, action, service);
        if (answer.ok) return { ...(answer.output ?? {}), requestId: answer.requestId };
        throw new IamError(answer);
      },
    };
  }

  return {
    ...forService('iam', 'Iam'),
    ...forService('sts', 'Sts'),
    validateUpdateAccessKey(params) {
      checkedParams(core, UPDATE_ACCESS_KEY, params);
    },
    buildUpdateAccessKey(params, options) {
      return signed(build('buildUpdateAccessKey', 'iam', UPDATE_ACCESS_KEY, params, options, false));
    },
    presignUpdateAccessKey(params, options) {
      return presigned(build('presignUpdateAccessKey', 'iam', UPDATE_ACCESS_KEY, params, options, true));
    },
  };
}

/**
 * params checked by the core against action's input shape (ValidationError
 * listing every problem); returns the plain copy that was checked (null: no
 * params), which the client signs on every attempt without reading the
 * caller's object again.
 */
export function checkedParams(core, action, params, service = 'iam') {
  const snap = new Snapshot();
  const name = snapshotAction(snap, action);
  const input = { service, action: name, params: snap.params(params, paramsRule(core, name)) };
  snap.merge(callCore(core, 'validateParams', input).issues);
  snap.throwIfAny();
  return input.params;
}

/**
 * IAM's answer classified (and, for an action, read) by the core. A body
 * longer than the core reads (limits.maxBodyBytes) is cut to one character
 * more before it crosses, so the core sees that it is too long without a
 * gigabyte being copied in.
 */
export function classifyAnswer(core, statusCode, bodyText, action, service = 'iam') {
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new TypeError(`statusCode must be an HTTP status (100-599), got ${describe(statusCode)}`);
  }
  if (typeof bodyText !== 'string') throw new TypeError(`bodyText must be a string, got ${describe(bodyText)}`);
  const snap = new Snapshot();
  const name = snapshotAction(snap, action, { optional: true });
  snap.throwIfAny();
  const cap = core.keyflipFacts.operations.find((row) => row.action === name)?.maxBodyBytes ?? core.keyflipFacts.limits.maxBodyBytes;
  const oversized = bodyText.length > cap;
  const answer = callCore(core, 'parseResponse', { service, statusCode, body: oversized ? bodyText.slice(0, cap + 1) : bodyText, action: name });
  if (answer.issues.length) throw new ValidationError(answer.issues);
  return oversized ? { ...answer, message: oversizedMessage(cap) } : answer;
}

export const oversizedMessage = (cap) => `IAM's answer is larger than ${cap} bytes; keyflip did not read it past that`;
