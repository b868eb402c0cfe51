// The page's Content-Security-Policy, shared by the page server (as a header)
// and the single-file build (as a <meta>). Scripts come only from the page's
// own origin (or, in the single file, the inlined script's hash); wasm may be
// compiled ('wasm-unsafe-eval' is the narrow grant for that, not eval); the
// page may connect only to IAM's endpoints and the one configured endpoint
// (and, served, to its own origin, for keyflip's .wasm; the single file has it inlined);
// and Trusted Types forbid HTML-from-string sinks, so nothing a server
// answers can become markup or script (the one policy allowed, on the served
// page, only vouches for the service worker's own URL).
import { init } from '../../wasm/js/index.js';
import { iamOrigins, stsOrigins } from '../../web/shared/iam-endpoints.js';

/** IAM's endpoint origins, from the package (the C++ core's endpoint table). */
export async function loadIamOrigins() {
  return iamOrigins((await init()).endpoints());
}

/** STS's origin in each partition's home region (the leak response's STS calls), from the package. */
export async function loadStsOrigins() {
  const kf = await init();
  return stsOrigins(kf.endpoints(), kf.stsEndpoints());
}

/** The origin of an http(s) URL, or a clear error for anything else. */
export function originOf(url) {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`endpoint must be an http(s) URL, got ${parsed.protocol}`);
  }
  return parsed.origin;
}

function serialize(directives) {
  return Object.entries(directives).map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

/**
 * connect-src: IAM in every partition (iamOriginList), STS in each
 * partition's home region (stsOriginList), plus each configured endpoint's origin.
 */
function connectSources(iamOriginList, stsOriginList, endpoints) {
  if (!iamOriginList?.length) throw new Error('the CSP needs IAM\'s endpoint origins (loadIamOrigins())');
  if (!stsOriginList?.length) throw new Error('the CSP needs STS\'s endpoint origins (loadStsOrigins())');
  return [...new Set([...iamOriginList, ...stsOriginList, ...endpoints.map(originOf)])];
}

const COMMON = {
  'default-src': ["'none'"],
  'img-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'object-src': ["'none'"],
  'require-trusted-types-for': ["'script'"],
};

/**
 * Loopback origins, any port: the single-file page may reach an endpoint on
 * the same computer (the local demo of IAM that start.sh runs, on whatever
 * port), and nothing else besides IAM. Not IPv6's [::1]: CSP's host syntax
 * has no IPv6 literals.
 */
export const LOOPBACK_SOURCES = ['http://127.0.0.1:*', 'http://localhost:*'];

/** The Trusted Types policy web/app.js creates to register its service worker. */
export const SERVICE_WORKER_POLICY = 'keyflip-service-worker';

/** The header for pages the page server serves. */
export function servedPageCsp({ iamOrigins: iamOriginList, stsOrigins: stsOriginList, endpoints = [] }) {
  return serialize({
    ...COMMON,
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'connect-src': ["'self'", ...connectSources(iamOriginList, stsOriginList, endpoints)], // 'self': the page fetches keyflip's .wasm
    'worker-src': ["'self'"], // the service worker
    'trusted-types': [SERVICE_WORKER_POLICY],
    'frame-ancestors': ["'none'"], // header-only directive: no framing, no clickjacking
  });
}

/** The service worker's own policy: it only fetches the app's files. */
export function serviceWorkerCsp() {
  return serialize({ 'default-src': ["'none'"], 'connect-src': ["'self'"] });
}

/**
 * The <meta> policy of the single-file page: the inlined script and style are
 * allowed by their SHA-256 hashes alone (no 'self': a file:// page has no
 * meaningful origin, and nothing else may load); connections to IAM, the
 * configured endpoints and (loopback, the default) this computer's loopback
 * addresses on any port.
 */
export function singleFileCsp({ scriptHashes, styleHashes, iamOrigins: iamOriginList, stsOrigins: stsOriginList, endpoints = [], loopback = true }) {
  const quoted = (hashes) => hashes.map((h) => `'sha256-${h}'`);
  return serialize({
    ...COMMON,
    'img-src': ['data:'],
    'script-src': [...quoted(scriptHashes), "'wasm-unsafe-eval'"],
    'style-src': quoted(styleHashes),
    'connect-src': [...connectSources(iamOriginList, stsOriginList, endpoints), ...(loopback ? LOOPBACK_SOURCES : [])],
    'trusted-types': ["'none'"],
  });
}
