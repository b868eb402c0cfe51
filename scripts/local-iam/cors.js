// CORS for browser pages calling the endpoint (keyflip's web demo and its
// browser tests). Only origins given with --allow-origin get CORS headers;
// '*' allows any origin. The origin is echoed rather than answered with '*'
// so the same rule works for pages that send credentials.

const ALLOW_METHODS = 'GET, POST';
// What a SigV4-signing page sends: the signature, the form body type, and
// the x-amz-* headers signers add.
const ALLOW_HEADERS = 'authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-user-agent';
// Browsers need these exposed to read the request id and the server's clock
// (which a client can use to correct its own skew).
const EXPOSE_HEADERS = 'x-amzn-RequestId, Date';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export function isOriginAllowed(origin, allowOrigins) {
  return typeof origin === 'string' && (allowOrigins.includes('*') || allowOrigins.includes(origin));
}

// Headers for an actual (non-preflight) response.
export function corsHeaders(origin, allowOrigins) {
  if (allowOrigins.length === 0) return {};
  if (!isOriginAllowed(origin, allowOrigins)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    Vary: 'Origin',
  };
}

// Headers for an OPTIONS preflight, or null when the origin is not allowed.
export function preflightHeaders(origin, allowOrigins) {
  if (!isOriginAllowed(origin, allowOrigins)) return null;
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    Vary: 'Origin',
  };
}
