// The low-level UpdateAccessKey operations on an initialised core:
// validate, build the signed request, presign, parse IAM's answer, and the
// retry decision used by client.js. All rules live in C++; this file only
// snapshots inputs and shapes outputs.
import { callCore, headersFromFlat } from './core.js';
import { callSigner } from './sign.js';
import { IamError } from './errors.js';
import { Snapshot, describe } from './snapshot.js';

/** Reads params against the member names the core's shape defines: a Map of the given ones. */
function snapshotParams(snap, members, params) {
  snap.object(params, 'params');
  snap.unknownKeys(params, members, 'a parameter of UpdateAccessKey', 'params');
  const given = {};
  for (const name of members) {
    const value = snap.read(params, name, name);
    // Wrong types are reported here; the core then only sees strings.
    if (value !== undefined && value !== null) given[name] = snap.string(value, name);
  }
  return given;
}

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

const IAM_OPTION_KEYS = ['credentials', 'date', 'partition', 'fips', 'dualStack', 'endpoint', 'region', 'expiresIn'];

export function makeIamOperations(core) {
  // The shape's member names, e.g. ["UserName", "AccessKeyId", "Status"], and
  // the defaults: fixed per build, read from the core once.
  const { updateAccessKeyMembers: members, limits } = core.keyflipFacts;

  function build(params, options, presign) {
    const snap = new Snapshot();
    const input = { params: snapshotParams(snap, members, params) };
    snap.object(options, 'options');
    Object.assign(input, snapshotTarget(snap, options, limits.defaultPartition));
    snap.unknownKeys(options, IAM_OPTION_KEYS, `an option of ${presign ? 'presignUpdateAccessKey' : 'buildUpdateAccessKey'}`, 'options');
    Object.assign(input, snap.credentials(options));
    input.epochMs = snap.dateMs(options);
    input.presign = presign;
    input.expiresIn = presign ? snap.number(snap.read(options, 'expiresIn', 'expiresIn'), 'expiresIn', limits.iamPresignDefaultSeconds) : 0;
    return callSigner(core, 'buildUpdateAccessKey', { snap, input });
  }

  return {
    validateUpdateAccessKey(params) {
      const snap = new Snapshot();
      const input = { params: snapshotParams(snap, members, params) };
      snap.merge(callCore(core, 'validateUpdateAccessKey', input).issues);
      snap.throwIfAny();
    },
    buildUpdateAccessKey(params, options) {
      const out = build(params, options, false);
      return {
        method: out.method, url: out.url, headers: headersFromFlat(out.headers), body: out.body,
        canonicalRequest: out.canonicalRequest, stringToSign: out.stringToSign, signature: out.signature,
      };
    },
    presignUpdateAccessKey(params, options) {
      const out = build(params, options, true);
      return { url: out.url, canonicalRequest: out.canonicalRequest, stringToSign: out.stringToSign, signature: out.signature };
    },
    parseIamResponse(statusCode, bodyText) {
      const answer = classifyAnswer(core, statusCode, bodyText);
      if (answer.ok) return { requestId: answer.requestId };
      throw new IamError(answer);
    },
  };
}

/**
 * IAM's answer classified by the core. A body longer than the core reads
 * (limits.maxBodyBytes) is cut to one character more before it crosses, so
 * the core sees that it is too long without a gigabyte being copied in.
 */
export function classifyAnswer(core, statusCode, bodyText) {
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new TypeError(`statusCode must be an HTTP status (100-599), got ${describe(statusCode)}`);
  }
  if (typeof bodyText !== 'string') throw new TypeError(`bodyText must be a string, got ${describe(bodyText)}`);
  const cap = core.keyflipFacts.limits.maxBodyBytes;
  const oversized = bodyText.length > cap;
  const answer = callCore(core, 'parseIamResponse', { statusCode, body: oversized ? bodyText.slice(0, cap + 1) : bodyText });
  return oversized ? { ...answer, message: oversizedMessage(cap) } : answer;
}

export const oversizedMessage = (cap) => `IAM's answer is larger than ${cap} bytes; keyflip did not read it past that`;
