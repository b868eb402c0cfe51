// Checks AWS Signature Version 4 on a request as it arrived, the way IAM does:
// header auth (Authorization + X-Amz-Date) and presigned query auth
// (X-Amz-* query parameters). Every signature is recomputed with
// @smithy/signature-v4 from the received method, path, query, the headers the
// client listed in SignedHeaders, and the body, then compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { iamErrors } from './iam-errors.js';
import { MAX_CLOCK_SKEW_SECONDS, MAX_X_AMZ_EXPIRES_SECONDS, PRESIGN_MAX_VALIDITY_SECONDS } from './iam-limits.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
// The service a request must be signed for is the caller's to say (the
// endpoint serves IAM and STS, told apart by the credential scope); IAM when
// not given.
const DEFAULT_SERVICE = 'iam';
const TERMINATOR = 'aws4_request';
const MAX_SKEW_MS = MAX_CLOCK_SKEW_SECONDS * 1000;
const TOKEN_HEADER = 'x-amz-security-token';
const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

const Q = {
  algorithm: 'X-Amz-Algorithm',
  credential: 'X-Amz-Credential',
  date: 'X-Amz-Date',
  expires: 'X-Amz-Expires',
  signedHeaders: 'X-Amz-SignedHeaders',
  signature: 'X-Amz-Signature',
  token: 'X-Amz-Security-Token',
};
const QUERY_AUTH_PARAMS = new Set(Object.values(Q));
const REQUIRED_QUERY_AUTH = [Q.algorithm, Q.credential, Q.signature, Q.date, Q.signedHeaders, Q.expires];

export function formatAmzDate(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');
}

function parseAmzDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // Reject dates like 20240231 that Date.UTC would roll over.
  return formatAmzDate(ms) === value ? new Date(ms) : null;
}

function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

// Hex signatures are always 64 characters, so a length mismatch leaks nothing.
function sameSecret(expected, provided) {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(String(provided), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

// Header and parameter names come from the request: looked up as own
// properties only, never through an object's prototype.
function firstHeader(headers, name) {
  return Object.hasOwn(headers, name) ? headers[name][0] : undefined;
}

function onlyQueryValue(query, name) {
  const values = query.filter(([k]) => k === name).map(([, v]) => v);
  if (values.length > 1) throw iamErrors.incompleteSignature(`Only one ${name} query-string parameter is allowed.`);
  return values[0];
}

// smithy's signers take the query as an object whose repeated names hold arrays.
// A null prototype, so a parameter named __proto__ is kept as one.
function queryObject(pairs) {
  const query = Object.create(null);
  for (const [k, v] of pairs) {
    if (Object.hasOwn(query, k)) query[k] = [].concat(query[k], v);
    else query[k] = v;
  }
  return query;
}

// Only the headers the client signed go into the recomputation; repeated
// headers are joined with commas as SigV4 canonicalisation specifies.
function signedHeaderValues(headers, signedHeaders) {
  const picked = Object.create(null);
  for (const name of signedHeaders) {
    if (Object.hasOwn(headers, name)) picked[name] = headers[name].map((v) => v.trim()).join(',');
  }
  return picked;
}

function parseCredentialScope(credential, amzDate, expectedService) {
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw iamErrors.incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts;
  const problems = [];
  if (!region) problems.push('Credential should be scoped to a valid region.');
  if (service !== expectedService) problems.push(`Credential should be scoped to correct service: '${expectedService}'.`);
  if (terminator !== TERMINATOR) {
    problems.push(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`);
  }
  if (date !== amzDate.slice(0, 8)) {
    problems.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (problems.length > 0) throw iamErrors.signatureDoesNotMatch(problems.join(' '));
  if (!accessKeyId) throw iamErrors.invalidClientTokenId();
  return { accessKeyId, region };
}

function parseSignedHeaders(list) {
  const names = list.split(';');
  if (names.some((n) => n === '' || n !== n.toLowerCase())) {
    throw iamErrors.incompleteSignature(`SignedHeaders must be lower-case header names separated by ';', got '${list}'`);
  }
  if (!names.includes('host')) {
    throw iamErrors.incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return names;
}

function parseDate(value) {
  const date = parseAmzDate(value);
  if (!date) throw iamErrors.incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${value}'.`);
  return date;
}

function parseAuthorizationHeader(value, headers) {
  const m = /^(\S+)\s*(.*)$/s.exec(value.trim());
  if (!m) throw iamErrors.incompleteSignature('Authorization header is empty.');
  if (m[1] !== ALGORITHM) throw iamErrors.incompleteSignature(`Unsupported AWS 'algorithm': '${m[1]}'`);
  const fields = new Map();
  for (const part of m[2].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields.get(k));
  if (missing.length > 0) {
    throw iamErrors.incompleteSignature(missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '));
  }
  const amzDate = firstHeader(headers, 'x-amz-date');
  if (amzDate === undefined) {
    // SigV4 also allows signing with the Date header alone; no AWS SDK or
    // browser client does that, and smithy's signer cannot reproduce it.
    throw iamErrors.incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const signingDate = parseDate(amzDate);
  return {
    presigned: false,
    amzDate,
    signingDate,
    credential: fields.get('Credential'),
    signedHeaders: parseSignedHeaders(fields.get('SignedHeaders')),
    signature: fields.get('Signature'),
    securityToken: firstHeader(headers, TOKEN_HEADER),
  };
}

function parsePresignedQuery(query) {
  const value = (name) => onlyQueryValue(query, name);
  if (REQUIRED_QUERY_AUTH.some((name) => !value(name))) {
    throw iamErrors.incompleteSignature(
      `AWS query-string parameters must include ${REQUIRED_QUERY_AUTH.map((n) => `'${n}'`).join(', ')}. Re-examine the query-string parameters.`,
    );
  }
  if (value(Q.algorithm) !== ALGORITHM) {
    throw iamErrors.incompleteSignature(`Unsupported AWS 'algorithm': '${value(Q.algorithm)}'`);
  }
  const expires = value(Q.expires);
  if (!/^\d+$/.test(expires) || +expires < 1 || +expires > MAX_X_AMZ_EXPIRES_SECONDS) {
    throw iamErrors.incompleteSignature(
      `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_X_AMZ_EXPIRES_SECONDS} (one week), got '${expires}'.`,
    );
  }
  const amzDate = value(Q.date);
  return {
    presigned: true,
    amzDate,
    signingDate: parseDate(amzDate),
    expiresIn: Number(expires),
    credential: value(Q.credential),
    signedHeaders: parseSignedHeaders(value(Q.signedHeaders)),
    signature: value(Q.signature),
    securityToken: value(Q.token),
  };
}

function checkHeaderAuthTime({ signingDate, amzDate }, nowMs) {
  const skew = signingDate.getTime() - nowMs;
  if (skew < -MAX_SKEW_MS) {
    throw iamErrors.signatureDoesNotMatch(
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - MAX_SKEW_MS)} (${formatAmzDate(nowMs)} - 5 min.)`,
    );
  }
  if (skew > MAX_SKEW_MS) {
    throw iamErrors.signatureDoesNotMatch(
      `Signature expired: ${amzDate} is now later than ${formatAmzDate(nowMs + MAX_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`,
    );
  }
}

function checkPresignedTime({ signingDate, amzDate, expiresIn }, nowMs) {
  if (signingDate.getTime() - nowMs > MAX_SKEW_MS) {
    throw iamErrors.signatureDoesNotMatch(
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + MAX_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`,
    );
  }
  // What IAM itself answers to an expired presigned URL is not documented;
  // AWS's common-errors pages only describe a RequestExpired code loosely.
  // This endpoint answers 403 AccessDenied "Request has expired." (S3's
  // wording for the same case): a 403 that is neither a signature mismatch
  // nor a bad key, so clients can tell "make a new URL" from "wrong secret".
  // Valid until X-Amz-Date + X-Amz-Expires, but never past 15 minutes after
  // X-Amz-Date whatever X-Amz-Expires says (only S3 honours longer ones).
  const validSeconds = Math.min(expiresIn, PRESIGN_MAX_VALIDITY_SECONDS);
  if (signingDate.getTime() + validSeconds * 1000 < nowMs) {
    throw iamErrors.accessDenied('Request has expired.');
  }
}

function checkSessionToken(received, expected) {
  if (expected === undefined) {
    if (received !== undefined) throw iamErrors.invalidClientTokenId();
    return;
  }
  if (received === undefined || !sameSecret(expected, received)) throw iamErrors.invalidClientTokenId();
}

function signerFor(accessKeyId, secretAccessKey, sessionToken, region, service) {
  return new SignatureV4({
    service,
    region,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    sha256: Sha256,
    // IAM, like every service but S3, signs the escaped path and does not
    // send x-amz-content-sha256 by default.
    uriEscapePath: true,
    applyChecksum: false,
  });
}

async function expectedSignature(request, auth, scope, secretAccessKey, service) {
  const signedSet = new Set(auth.signedHeaders);
  const base = {
    method: request.method,
    protocol: 'http:',
    hostname: 'localhost',
    path: request.path,
    headers: signedHeaderValues(request.headers, auth.signedHeaders),
    body: request.body.length > 0 ? request.body : undefined,
  };
  if (auth.presigned) {
    const signer = signerFor(scope.accessKeyId, secretAccessKey, auth.securityToken, scope.region, service);
    const query = queryObject(request.query.filter(([k]) => !QUERY_AUTH_PARAMS.has(k)));
    const presigned = await signer.presign(
      { ...base, query },
      {
        signingDate: auth.signingDate,
        expiresIn: auth.expiresIn,
        signableHeaders: signedSet,
        // Signed x-amz-* headers were sent as headers; keep them there.
        unhoistableHeaders: signedSet,
        signingRegion: scope.region,
        signingService: service,
      },
    );
    return presigned.query[Q.signature];
  }
  // A session token takes part in the signature only when the client listed
  // it in SignedHeaders; smithy adds it back as a header from the credentials.
  const token = signedSet.has(TOKEN_HEADER) ? auth.securityToken : undefined;
  const signer = signerFor(scope.accessKeyId, secretAccessKey, token, scope.region, service);
  const signed = await signer.sign(
    { ...base, query: queryObject(request.query) },
    { signingDate: auth.signingDate, signableHeaders: signedSet, signingRegion: scope.region, signingService: service },
  );
  return /Signature=([0-9a-f]+)/.exec(signed.headers.authorization)[1];
}

/**
 * request: { method, path (as received, still escaped), query: [[name, value]]
 *   decoded, headers: { lower-case name: [values] }, body: Buffer }
 * lookupCredential(accessKeyId) -> { secretAccessKey, sessionToken? } | null
 * service: the service the credential scope must name ('iam' when absent).
 * Resolves to { accessKeyId, region, presigned } or throws an IamError.
 */
export async function verifySigV4(request, { nowMs, lookupCredential, service = DEFAULT_SERVICE }) {
  const authorization = firstHeader(request.headers, 'authorization');
  const hasQueryAuth = request.query.some(([k]) => k === Q.algorithm || k === Q.signature || k === Q.credential);
  if (authorization === undefined && !hasQueryAuth) throw iamErrors.missingAuthenticationToken();
  if (authorization !== undefined && hasQueryAuth) {
    throw iamErrors.incompleteSignature("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  const auth = authorization !== undefined ? parseAuthorizationHeader(authorization, request.headers) : parsePresignedQuery(request.query);

  if (auth.presigned) checkPresignedTime(auth, nowMs);
  else checkHeaderAuthTime(auth, nowMs);
  const scope = parseCredentialScope(auth.credential, auth.amzDate, service);

  const credential = lookupCredential(scope.accessKeyId);
  if (!credential) throw iamErrors.invalidClientTokenId();
  checkSessionToken(auth.securityToken, credential.sessionToken);

  // smithy trusts a signed x-amz-content-sha256 as the payload hash; make
  // sure it really is the hash of the body that arrived.
  if (auth.signedHeaders.includes(PAYLOAD_HASH_HEADER)) {
    const claimed = firstHeader(request.headers, PAYLOAD_HASH_HEADER);
    if (claimed !== undefined && claimed !== sha256Hex(request.body)) throw iamErrors.signatureDoesNotMatch();
  }

  const expected = await expectedSignature(request, auth, scope, credential.secretAccessKey, service);
  if (!sameSecret(expected, auth.signature)) throw iamErrors.signatureDoesNotMatch();
  return { accessKeyId: scope.accessKeyId, region: scope.region, presigned: auth.presigned };
}
