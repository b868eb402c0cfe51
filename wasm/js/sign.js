// kf.signRequest / kf.presignRequest: the generic SigV4 signer. Presigning is
// the same signer with a flag (as in aws4fetch).
import { callCore, headersFromFlat } from './core.js';
import { Snapshot, describe, isArray, isInstance } from './snapshot.js';

function snapshotHeaders(snap, headers) {
  const flat = [];
  if (headers === undefined || headers === null) return flat;
  let entries;
  if (typeof headers !== 'object') {
    snap.issue('headers', 'type', `must be an object of name: value, got ${describe(headers)}`);
    return flat;
  }
  try {
    // Headers instances, Maps and [name, value] arrays are iterable; plain
    // objects are not. Anything else (a Date, a RegExp) is not headers.
    const iterable = typeof headers[Symbol.iterator] === 'function';
    if (!iterable && Object.prototype.toString.call(headers) !== '[object Object]') {
      snap.issue('headers', 'type', `must be an object of name: value, a Headers or [name, value] pairs, got ${describe(headers)}`);
      return flat;
    }
    entries = iterable ? [...headers] : Object.entries(headers);
  } catch {
    snap.issue('headers', 'readable', 'could not be read (its getter or proxy threw)');
    return flat;
  }
  for (const entry of entries) {
    let name;
    let value;
    try {
      if (!isArray(entry) || entry.length !== 2) throw new TypeError('not a pair');
      [name, value] = entry;
    } catch {
      snap.issue('headers', 'type', 'entries must be [name, value] pairs');
      continue;
    }
    const field = `headers.${typeof name === 'string' ? name : '?'}`;
    const values = isArray(value) ? [...value] : [value];
    for (const v of values) {
      if (typeof v !== 'string') {
        snap.issue(field, 'type', `value must be a string (or an array of strings), got ${describe(v)}`);
        continue;
      }
      flat.push(snap.string(name, 'headers', {}), snap.string(v, field));
    }
  }
  return flat;
}

const REQUEST_KEYS = ['method', 'url', 'headers', 'body'];
// expiresIn is accepted by both, so one options object serves sign and presign.
const OPTION_KEYS = ['credentials', 'region', 'service', 'date', 'normalizePath', 'signBody', 'omitSessionToken', 'expiresIn'];

/** Reads request + options into the flat input of the core's signRequest. */
function snapshotInput(core, request, options, presign) {
  const { limits } = core.keyflipFacts;
  const snap = new Snapshot();
  snap.object(request, 'request');
  snap.object(options, 'options');
  const { accessKeyId, secretAccessKey, sessionToken } = snap.credentials(options);
  snap.unknownKeys(request, REQUEST_KEYS, 'an option of the request', 'request');
  snap.unknownKeys(options, OPTION_KEYS, `an option of ${presign ? 'presignRequest' : 'signRequest'}`, 'options');

  let url = snap.read(request, 'url', 'url');
  if (typeof URL !== 'undefined' && isInstance(url, URL)) url = url.href;
  const input = {
    method: snap.string(snap.read(request, 'method', 'method'), 'method', { required: false, fallback: 'GET' }),
    url: snap.string(url, 'url'),
    headers: snapshotHeaders(snap, snap.read(request, 'headers', 'headers')),
    body: snap.string(snap.read(request, 'body', 'body'), 'body', { required: false }),
    accessKeyId,
    secretAccessKey,
    sessionToken,
    region: snap.string(snap.read(options, 'region', 'region'), 'region'),
    service: snap.string(snap.read(options, 'service', 'service'), 'service'),
    epochSeconds: Math.floor(snap.dateMs(options) / 1000),
    normalizePath: snap.boolean(snap.read(options, 'normalizePath', 'normalizePath'), 'normalizePath', true),
    signBody: snap.boolean(snap.read(options, 'signBody', 'signBody'), 'signBody', false),
    omitSessionToken: snap.boolean(snap.read(options, 'omitSessionToken', 'omitSessionToken'), 'omitSessionToken', false),
    presign,
    expiresIn: presign ? snap.number(snap.read(options, 'expiresIn', 'expiresIn'), 'expiresIn', limits.presignDefaultSeconds) : 0,
  };
  return { snap, input };
}

/**
 * Calls a core signing function with one packed input (which carries the
 * secrets; the core wipes and frees it); throws ValidationError with every
 * issue, those found here first, then the core's (every input is a plain
 * string, number or boolean by now, so the core can report the rest).
 */
export function callSigner(core, name, { snap, input }) {
  const out = callCore(core, name, input);
  snap.merge(out.issues);
  snap.throwIfAny();
  return out;
}

const runSigner = (core, snapshot) => callSigner(core, 'signRequest', snapshot);

export function makeSigners(core) {
  return {
    signRequest(request, options) {
      const out = runSigner(core, snapshotInput(core, request, options, false));
      return {
        method: out.method,
        url: out.url,
        headers: headersFromFlat(out.headers),
        body: out.body,
        canonicalRequest: out.canonicalRequest,
        stringToSign: out.stringToSign,
        signature: out.signature,
      };
    },
    presignRequest(request, options) {
      const out = runSigner(core, snapshotInput(core, request, options, true));
      return {
        url: out.url,
        canonicalRequest: out.canonicalRequest,
        stringToSign: out.stringToSign,
        signature: out.signature,
      };
    },
  };
}
