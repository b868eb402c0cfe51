// Every request the page sends goes through here: the target and
// credentials as they are at that moment, checked and signed locally first
// (nothing leaves the page on bad input, to an endpoint its CSP refuses, or
// while offline), then a keyflip client bound to one snapshot of the
// credentials, read when the action starts: every attempt of every call of
// that action signs with them, so typing other credentials while it runs
// (during a retry's wait, say) never changes who signs it, and the lock-out
// check made for those credentials holds for each attempt. done() forgets them.
import { IamError, NetworkError, TimeoutError, ValidationError, createClient } from '../../wasm/js/index.js';
import { iamOrigins } from './iam-endpoints.js';
import * as form from './form.js';
import { redact } from './redact.js';

/** The page makes as many attempts as the package does by default. */
export const maxAttempts = (kf) => kf.limits().defaultMaxAttempts;
const SENDING_CONTROLS = ['access-key-id', 'secret-access-key', 'session-token', 'partition', 'endpoint', 'region'];

/** Whether the page's CSP lets it connect to origin (the same list the CSP was made from). */
export function mayConnect(kf, origin) {
  return iamOrigins(kf.endpoints()).includes(origin) || form.configuredOrigins().includes(origin)
    || (form.loopbackAllowed() && form.isLoopback(origin));
}

/**
 * Checks that a request could be sent now: the credentials and target are
 * valid (by signing a GetUser here; nothing is sent), the endpoint is one the
 * page may connect to, and the browser is online. Returns { endpointOptions,
 * host, signingKeyId, temporary } or { problem } (a sentence; bad fields are
 * also marked inline and the first is focused).
 */
export function prepare(kf) {
  const target = form.readTarget();
  const credentials = form.readCredentials();
  const temporary = Boolean(credentials.sessionToken);
  let issues = target.issues ?? [];
  let url = null;
  try {
    if (!issues.length) url = kf.buildIamRequest('GetUser', {}, { ...target.options, credentials, date: new Date() }).url;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues = error.issues;
  } finally {
    form.forget(credentials);
  }
  if (issues.length) {
    const first = form.showIssues(issues, SENDING_CONTROLS);
    if (first) form.focusControl(first);
    return { problem: 'Not sent: fix the credentials or endpoint marked above.' };
  }
  const { host, origin } = new URL(url);
  if (!iamHosts.size) for (const iamOrigin of iamOrigins(kf.endpoints())) iamHosts.add(new URL(iamOrigin).host);
  if (!mayConnect(kf, origin)) {
    return { problem: `Not sent: this page's security policy lets it connect only to ${form.reachableText()}, not ${origin}.` };
  }
  if (!navigator.onLine) return { problem: 'Not sent: this browser is offline. This needs the network; validating, signing, Inspect, curl and Presign work without it.' };
  return { endpointOptions: target.options, host, origin, signingKeyId: credentials.accessKeyId, temporary };
}

// The hosts of AWS's IAM endpoints (the package's table), learnt by prepare().
const iamHosts = new Set();

/**
 * A keyflip client for one action of the page, signing with the credentials
 * as they are now (one snapshot for the whole action), in the adaptive
 * retry mode (client.sendingRate(): the learnt rate). signingKeyId: the
 * access key ID of that snapshot (what a lock-out check compares with).
 * redact(text) hides its secrets; done() forgets them (call it when the
 * action ends; a call after that fails with no credentials).
 * fetch: the page's own, to follow each attempt (the global one otherwise).
 */
export function openClient(kf, endpointOptions, { onRetry, fetch } = {}) {
  const snapshot = form.readCredentials();
  const client = createClient({
    ...endpointOptions,
    // A copy per attempt: the package may wipe what it is handed.
    credentials: () => ({ ...snapshot }),
    maxAttempts: maxAttempts(kf),
    // The SDKs' adaptive mode: one client-side rate per action, learnt from
    // IAM's throttling, so many requests at once slow to IAM's pace (pace.js).
    retryMode: 'adaptive',
    onRetry,
    ...(fetch ? { fetch } : {}),
  });
  const secrets = { sessionToken: snapshot.sessionToken, secretAccessKey: snapshot.secretAccessKey };
  return {
    client,
    signingKeyId: snapshot.accessKeyId,
    redact: (text) => redact(String(text), secrets),
    done: () => { form.forget(snapshot); form.forget(secrets); },
  };
}

/** An error of a network action in one line, secrets removed (for a section's status). */
export function describeError(error, host, hide = String) {
  if (error instanceof IamError) {
    return `IAM refused: ${hide(error.code)}: ${hide(error.message)} (request id ${hide(error.requestId || 'none')})`;
  }
  if (error instanceof TimeoutError) return `${host} did not answer in time (${error.attempts ?? 1} attempts).`;
  if (error instanceof NetworkError) {
    return `Sent, but no answer from ${host} could be read (${hide(error.message)}). ${whyNoAnswer(host)} `
      + 'This needs an answering endpoint; validating, signing, Inspect, curl and Presign work without one.';
  }
  return hide(error?.message ?? String(error));
}

/**
 * Why a browser may read no answer from host. AWS's IAM endpoints answer web
 * pages (CORS), so for them it is the connection; any other endpoint may
 * also refuse web pages, and the browser does not tell the two apart.
 */
export function whyNoAnswer(host) {
  if (iamHosts.has(host)) {
    return 'AWS\'s IAM endpoints allow calls from web pages, so the connection itself failed (network, DNS, TLS, a proxy, or this browser offline).';
  }
  return 'Either the connection failed (network, DNS, TLS, the endpoint down) or the endpoint does not allow calls from web pages (CORS); the browser does not say which.';
}
