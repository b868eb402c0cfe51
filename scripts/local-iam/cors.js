// CORS as IAM answers it (see the recorded answer in the shared IAM facts):
// any origin is allowed with a literal '*' (which also admits a file:// page,
// Origin 'null', since no browser credentials are sent), the requested headers
// are echoed, and the preflight is cached for two days. That is the default.
//
// allowOrigins narrows it for whoever wants that: a list of origins answers
// with the matching origin echoed (and Vary: Origin), an empty list sends no
// CORS headers at all (an endpoint that refuses browser pages), and a list
// holding '*' is IAM's behaviour again.

export const ANY_ORIGIN = '*';
// IAM's own list, in IAM's order and spelling.
export const EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
export const PREFLIGHT_MAX_AGE_SECONDS = '172800';
// IAM accepts GET and POST for every action. The record only shows a POST
// preflight answered "POST"; a GET preflight (a header-signed GET) is
// answered "GET" the same way, and any other method gets "POST", which a
// browser reads as a refusal of the method it asked for.
const IAM_METHODS = ['GET', 'POST'];
const DEFAULT_METHOD = 'POST';

function allowedOrigin(origin, allowOrigins) {
  if (allowOrigins.includes(ANY_ORIGIN)) return ANY_ORIGIN;
  if (typeof origin === 'string' && allowOrigins.includes(origin)) return origin;
  return null;
}

// A narrowed policy answers per origin, so caches must key on it.
function varyHeaders(allowOrigins) {
  return allowOrigins.includes(ANY_ORIGIN) ? {} : { Vary: 'Origin' };
}

// Headers for every actual answer (success, error, control route).
export function corsHeaders(origin, allowOrigins) {
  if (allowOrigins.length === 0) return {};
  const allowed = allowedOrigin(origin, allowOrigins);
  if (allowed === null) return varyHeaders(allowOrigins);
  return {
    'Access-Control-Allow-Origin': allowed,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    ...varyHeaders(allowOrigins),
  };
}

// Headers for an OPTIONS preflight, or null when the origin is not allowed.
// requestHeaders: Access-Control-Request-Headers as sent (echoed unchanged).
export function preflightHeaders({ origin, requestMethod, requestHeaders }, allowOrigins) {
  if (allowOrigins.length === 0) return null;
  const allowed = allowedOrigin(origin, allowOrigins);
  if (allowed === null) return null;
  const headers = {
    'Access-Control-Allow-Origin': allowed,
    'Access-Control-Allow-Methods': IAM_METHODS.includes(requestMethod) ? requestMethod : DEFAULT_METHOD,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    ...varyHeaders(allowOrigins),
  };
  if (typeof requestHeaders === 'string' && requestHeaders.length > 0) headers['Access-Control-Allow-Headers'] = requestHeaders;
  return headers;
}
