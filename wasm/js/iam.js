// The low-level UpdateAccessKey operations on an initialised core:
// validate, build the signed request, presign, parse IAM's answer, and the
// retry decision used by client.js. All rules live in C++; this file only
// snapshots inputs and shapes outputs.
import { headersFromFlat } from './core.js';
import { callSigner } from './sign.js';
import { IamError } from './errors.js';
import { Snapshot, describe } from './snapshot.js';

/** Reads params against the member names the core's shape defines. */
function snapshotParams(snap, members, params) {
  snap.object(params, 'params');
  const flat = {};
  if (!snap.unknownKeys(params, members, 'a parameter of UpdateAccessKey')) {
    snap.issue('params', 'readable', 'could not be read (its proxy threw)');
  }
  for (const name of members) {
    const value = snap.read(params, name, name);
    const present = value !== undefined && value !== null;
    // Wrong types are reported here; the core then only sees strings.
    flat[`${name}Present`] = present;
    flat[name] = present ? snap.string(value, name) : '';
  }
  return flat;
}

function snapshotTarget(snap, options) {
  const read = (key) => snap.read(options, key, key);
  const bool = (key) => snap.boolean(read(key), key, false);
  return {
    partition: snap.string(read('partition'), 'partition', { required: false, fallback: 'aws' }) || 'aws',
    fips: bool('fips'),
    dualStack: bool('dualStack'),
    endpoint: snap.string(read('endpoint'), 'endpoint', { required: false }),
    region: snap.string(read('region'), 'region', { required: false }),
  };
}

const IAM_OPTION_KEYS = ['credentials', 'date', 'partition', 'fips', 'dualStack', 'endpoint', 'region', 'expiresIn'];

export function makeIamOperations(core) {
  // The shape's member names, e.g. ["UserName", "AccessKeyId", "Status"]: fixed
  // per build, so asked of the core once rather than on every signature.
  const members = core.updateAccessKeyMembers();

  function build(params, options, presign) {
    const snap = new Snapshot();
    const input = snapshotParams(snap, members, params);
    snap.object(options, 'options');
    Object.assign(input, snapshotTarget(snap, options));
    snap.unknownKeys(options, IAM_OPTION_KEYS, `an option of ${presign ? 'presignUpdateAccessKey' : 'buildUpdateAccessKey'}`);
    const { accessKeyId, secretAccessKey, sessionToken } = snap.credentials(options);
    input.accessKeyId = accessKeyId;
    input.epochMs = snap.dateMs(options);
    input.presign = presign;
    input.expiresIn = presign ? snap.number(snap.read(options, 'expiresIn', 'expiresIn'), 'expiresIn', 3600) : 0;
    return callSigner(core.buildUpdateAccessKey, core, { snap, input, secretAccessKey, sessionToken });
  }

  return {
    validateUpdateAccessKey(params) {
      const snap = new Snapshot();
      const input = snapshotParams(snap, members, params);
      snap.merge(core.validateUpdateAccessKey(input));
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

function classifyAnswer(core, statusCode, bodyText) {
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new TypeError(`statusCode must be an HTTP status (100-599), got ${describe(statusCode)}`);
  }
  if (typeof bodyText !== 'string') throw new TypeError(`bodyText must be a string, got ${describe(bodyText)}`);
  return core.parseIamResponse(statusCode, bodyText);
}
