// keyflip's web page: loads the package and wires the page's parts to it:
// who signs (signer.js), the keys table (keys-panel.js, bulk-panel.js), the
// owner lookup (owner-lookup.js), and here the single-call form (send,
// Inspect, Copy as curl, Presign for any action the page sends). Validation,
// signing, endpoint choice and IAM's answers are all the package's (C++ in
// wasm); the page reads inputs, calls it, and shows what came back.
// The relative import resolves to the package in the repository on disk
// (for the single-file build) and, over HTTP, to /wasm/js/ where
// the page server (scripts/page/server.js) serves the package's files.
import { init, ValidationError, IamError, NetworkError, TimeoutError } from '../wasm/js/index.js';
import { partitions } from './iam-endpoints.js';
import * as form from './form.js';
import * as panels from './panels.js';
import { curlCommand } from './curl.js';
import { redact } from './redact.js';
import { ACTIONS, DEFAULT_ACTION, buildRequest, presignRequest, validate } from './actions.js';
import { describeError, mayConnect, maxAttempts, openClient } from './page-client.js';
import { checkKey, checkText } from './key-check.js';
import { createKeysPanel } from './keys-panel.js';
import { setUpBulk } from './bulk-panel.js';
import { setUpOwnerLookup } from './owner-lookup.js';
import { setUpSigner } from './signer.js';

const $ = (id) => document.getElementById(id);
const ACTION_BUTTONS = ['send', 'inspect', 'copy-curl', 'presign'];
const READ_CALL_BUTTONS = ['check-credentials', 'add-users-button', 'all-users', 'lookup'];
// Inputs whose change makes what the keys table shows another account's or endpoint's.
const IDENTITY_INPUTS = ['access-key-id', 'session-token', 'partition', 'fips', 'dual-stack', 'endpoint', 'region'];

let kf = null;
let keysPanel = null;
let bulk = null;
let sending = null; // the send in flight: { controller, policyRefused }
let presignedUrl = null; // kept only while its panel is shown, for Copy URL
const touched = new Set(); // param fields the person has edited: checked as they type

setUpTargetChoices();
watchInputs();
watchNetwork();
registerServiceWorker();
init().then(ready, (error) => {
  $('load-status').textContent = `The signer could not load: ${error.message}`;
  $('load-status').className = 'problem';
});

function ready(instance) {
  kf = instance;
  for (const id of ACTION_BUTTONS) $(id).disabled = false;
  setUpActions();
  setUpPresignLifetimes();
  $('partition').replaceChildren(...partitions(kf.endpoints()).map(({ id, label }) => new Option(`${label} (${id})`, id)));
  keysPanel = createKeysPanel(kf);
  bulk = setUpBulk(kf, keysPanel);
  setUpSigner(kf, keysPanel);
  setUpOwnerLookup(kf, keysPanel);
  for (const id of READ_CALL_BUTTONS) $(id).disabled = false;
  $('load-status').textContent = 'Ready: requests are validated and signed here, in this page.';
  $('send').addEventListener('click', send);
  $('cancel').addEventListener('click', () => sending?.controller.abort());
  $('inspect').addEventListener('click', inspect);
  $('copy-curl').addEventListener('click', copyCurl);
  $('presign').addEventListener('click', presign);
  $('copy-presigned').addEventListener('click', copyPresigned);
  if (touched.size) checkParamsLive();
}

function setUpTargetChoices() {
  const demo = form.demoEndpoint();
  if (demo) {
    $('demo-choice').hidden = false;
    $('demo-url').textContent = demo.url;
    $('target-demo').checked = true;
    $('demo-banner').hidden = false;
  }
  for (const radio of document.querySelectorAll('input[name="target"]')) radio.addEventListener('change', showTargetOptions);
  panels.showReachNote(form.configuredOrigins());
  showTargetOptions();
}

// A presigned URL's lifetimes: a minute, five, and the longest IAM accepts
// (the package's limit), which is the default.
const SHORT_LIFETIMES_SECONDS = [60, 300];
function setUpPresignLifetimes() {
  const { iamPresignMaxSeconds: max, iamPresignDefaultSeconds: preset } = kf.limits();
  const choices = [...new Set([...SHORT_LIFETIMES_SECONDS.filter((s) => s < max), max])];
  $('expires-in').replaceChildren(...choices.map((s) => new Option(panels.duration(s), String(s), false, s === preset)));
}

/** The single-call form's action choice: every action the page sends. */
function setUpActions() {
  $('action').replaceChildren(...Object.keys(ACTIONS).map((name) => new Option(ACTIONS[name].label, name)));
  $('action').value = DEFAULT_ACTION;
  $('action').addEventListener('change', () => {
    form.showParamFields(ACTIONS[form.chosenAction()].params);
    checkParamsLive();
  });
  form.showParamFields(ACTIONS[DEFAULT_ACTION].params);
}

function showTargetOptions() {
  const choice = form.targetChoice();
  $('partition-options').hidden = choice !== 'partition';
  $('custom-options').hidden = choice !== 'custom';
  $('demo-banner').hidden = choice !== 'demo';
}

function watchInputs() {
  for (const id of ['user-name', 'target-key-id']) {
    $(id).addEventListener('input', () => { touched.add(id); checkParamsLive(); });
  }
  for (const radio of document.querySelectorAll('input[name="status"]')) {
    radio.addEventListener('change', () => { touched.add('status'); checkParamsLive(); });
  }
  // Other fields are checked when an action needs them; an edit clears their stale error.
  for (const id of ['access-key-id', 'secret-access-key', 'session-token', 'endpoint', 'region', 'partition', 'expires-in']) {
    $(id).addEventListener('input', () => form.clearIssue(id));
  }
  // A panel shows a request made from the inputs as they were: once any input
  // it was made from changes, it is cleared rather than left describing a
  // request the page would no longer send (a presigned URL included).
  for (const section of document.querySelectorAll('[data-request-inputs]')) {
    for (const type of ['input', 'change']) section.addEventListener(type, forgetSignedPanels);
  }
  // The keys table and its results belong to the signer and endpoint that read them.
  for (const id of IDENTITY_INPUTS) $(id).addEventListener('input', forgetAccount);
  for (const radio of document.querySelectorAll('input[name="target"]')) radio.addEventListener('change', forgetAccount);
}

function forgetSignedPanels(event) {
  if (event.target.closest('#signer')) return; // "User to work on" signs nothing the panels show
  presignedUrl = null;
  panels.hideSignedPanels();
}

function forgetAccount() {
  bulk?.forget();
  keysPanel?.clear('The credentials or the endpoint changed: the keys shown were read with the previous ones, so they were cleared. Check credentials again.');
  $('signer-status').textContent = '';
  $('work-user-block').hidden = true;
}

/** The package's verdict on the params, shown under the fields already edited. */
function checkParamsLive() {
  if (!kf) return;
  form.showIssues(paramIssues(), [...touched]);
}

function paramIssues() {
  const action = form.chosenAction();
  try {
    validate(kf, action, form.readParams(ACTIONS[action].params));
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
}

/**
 * Runs a local keyflip operation on the whole form: operation(params,
 * options) with the credentials read just now. On bad input shows every issue
 * inline, focuses the first, and returns null; nothing has left the page.
 */
function withForm(operation) {
  const action = form.chosenAction();
  const params = form.readParams(ACTIONS[action].params);
  const target = form.readTarget();
  const credentials = form.readCredentials();
  const secrets = { sessionToken: credentials.sessionToken, secretAccessKey: credentials.secretAccessKey };
  let issues = target.issues ?? [];
  let result = null;
  try {
    result = operation(action, params, { ...target.options, credentials });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues = [...issues, ...error.issues];
  } finally {
    form.forget(credentials);
  }
  if (issues.length) {
    const first = form.showIssues(issues);
    if (first) form.focusControl(first);
    for (const id of ['user-name', 'target-key-id', 'status']) touched.add(id);
    form.forget(secrets);
    return null;
  }
  form.showIssues([]);
  return {
    result,
    action,
    params,
    endpointOptions: target.options,
    hasSessionToken: Boolean(secrets.sessionToken),
    redact: (text) => redact(text, secrets),
    done: () => form.forget(secrets),
  };
}

function inspect() {
  const signedAt = new Date();
  const run = withForm((action, params, options) => buildRequest(kf, action, params, { ...options, date: signedAt }));
  if (!run) return;
  panels.showInspect(run.result, run);
  run.done();
}

/** Signs the form now and shows it as a curl command; null on bad input. */
function showCurlCommand() {
  const signedAt = new Date();
  const run = withForm((action, params, options) => buildRequest(kf, action, params, { ...options, date: signedAt }));
  if (!run) return null;
  const curl = curlCommand(run.result);
  run.done();
  panels.showCurl(curl, signedAt);
  return { curl, signedAt };
}

async function copyCurl() {
  const shown = showCurlCommand();
  if (shown) panels.showCurl(shown.curl, shown.signedAt, await copyText(shown.curl.command));
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function presign() {
  const signedAt = new Date();
  const expiresIn = form.expiresIn();
  const run = withForm((action, params, options) => presignRequest(kf, action, params, { ...options, date: signedAt, expiresIn }));
  if (!run) return;
  presignedUrl = run.result.url;
  panels.showPresign(run.redact(run.result.url), {
    grants: ACTIONS[run.action].grants(run.params), expiresIn, iamMaxSeconds: kf.limits().iamPresignMaxSeconds, hasSessionToken: run.hasSessionToken, signedAt,
  });
  run.done();
}

async function copyPresigned() {
  if (presignedUrl) panels.showPresignCopied(await copyText(presignedUrl));
}

async function send() {
  if (sending || !kf) return;
  panels.hideOutcome();
  panels.clearProgress();
  // Everything is checked and signed locally first: nothing leaves the page
  // unless the whole form is valid.
  const run = withForm((action, params, options) => buildRequest(kf, action, params, options));
  if (!run) {
    panels.showProgress('Not sent: fix the fields marked above.');
    return;
  }
  run.done();
  const { host, origin } = new URL(run.result.url);
  // Certain to fail before anything leaves the browser: say so at once, with
  // the way out, instead of trying (and retrying) a refused connection.
  if (!mayConnect(kf, origin)) {
    panels.showNotSent({ refusedOrigin: origin, allowedOrigins: form.configuredOrigins() });
    showCurlCommand();
    return;
  }
  if (!navigator.onLine) {
    panels.showNotSent({ offline: true });
    showCurlCommand();
    return;
  }
  const controller = new AbortController();
  sending = { controller, policyRefused: false };
  setSending(true);
  let attempt = 0;
  const attempts = maxAttempts(kf);
  const session = openClient(kf, run.endpointOptions, {
    fetch: (url, init) => {
      attempt += 1;
      panels.showProgress(`Attempt ${attempt} of ${attempts}: sending to ${host}…`);
      return fetchAwaitingPolicy(url, init);
    },
    onRetry: (event) => panels.showRetry(event, attempts),
  });
  try {
    const result = await session.client[ACTIONS[run.action].method](run.params, { signal: controller.signal });
    if (run.action === 'UpdateAccessKey') panels.showSuccess(run.params, result, { endpoint: host, maxAttempts: attempts });
    else panels.showReadResult(run.action, result, { endpoint: host, maxAttempts: attempts });
  } catch (error) {
    // Only a change can leave the page not knowing what IAM now holds.
    const check = run.action === 'UpdateAccessKey' ? () => checkAfterLostAnswer(run, host) : undefined;
    showSendError(error, { host, policyRefused: sending.policyRefused, cancelled: controller.signal.aborted, redact: session.redact, check });
  } finally {
    session.done();
    sending = null;
    setSending(false);
  }
}

/**
 * "Check with IAM": what IAM shows now for the key a send changed without a
 * readable answer, read from the same endpoint with the credentials as they
 * are now. Resolves to a sentence; never rejects.
 */
async function checkAfterLostAnswer(run, host) {
  if (!navigator.onLine) return 'The check was not sent: this browser is offline.';
  const session = openClient(kf, run.endpointOptions);
  try {
    const found = await checkKey(session.client, run.params);
    return checkText(run.params, found, (error) => describeError(error, host, session.redact));
  } finally {
    session.done();
  }
}

const POLICY_EVENT_GRACE_MS = 50;

/**
 * fetch, but a failed one waits a moment for the CSP's violation event: the
 * browser may report the refusal just after fetch rejects, and a refusal must
 * abort the send (see below) rather than be retried like a network error.
 */
async function fetchAwaitingPolicy(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    await new Promise((resolve) => { setTimeout(resolve, POLICY_EVENT_GRACE_MS); });
    throw error;
  }
}

/**
 * Tells errors apart by class, never by name: an endpoint's answer chooses an
 * IamError's name (its code), so <Code>AbortError</Code> is still IAM's answer.
 * A cancel is recognised by the page's own signal having aborted.
 */
function showSendError(error, { host, policyRefused, cancelled, redact: hide, check }) {
  if (error instanceof IamError) panels.showIamError(error, hide);
  else if (policyRefused) {
    // The endpoint's own origin passed the policy check before sending, so
    // what the CSP refused came after (a redirect): the request was sent.
    // (The browser reports a redirect under the original URL: no telling more.)
    panels.showNoAnswer(null, { host, policyRefused: true });
    showCurlCommand();
  } else if (cancelled) {
    panels.showAborted({ check });
    showCurlCommand();
  } else if (error instanceof NetworkError || error instanceof TimeoutError) {
    panels.showNoAnswer(error, { host, offlineNow: !navigator.onLine, check });
    showCurlCommand();
  } else if (error instanceof ValidationError) {
    panels.showProgress('Not sent: fix the fields marked above.');
    const first = form.showIssues(error.issues);
    if (first) form.focusControl(first);
  } else panels.showFailure(hide(error?.message ?? String(error)));
}

// Send is disabled while a send runs, so keyboard focus moves to Cancel and
// back, rather than falling to the page's start.
function setSending(on) {
  const hadFocus = document.activeElement === $(on ? 'send' : 'cancel');
  $('send').disabled = on;
  $('cancel').hidden = !on;
  if (hadFocus) $(on ? 'cancel' : 'send').focus();
}

// A connection the CSP refuses fails like any network error; this event tells
// the two apart. The send is aborted at once: the same refusal would meet
// every retry. (Sends to origins outside the policy are stopped before they
// start; what is left is a redirect to one.)
document.addEventListener('securitypolicyviolation', (event) => {
  if (!sending || event.effectiveDirective !== 'connect-src') return;
  sending.policyRefused = true;
  sending.controller.abort();
});

function watchNetwork() {
  const show = () => {
    $('network-status').textContent = navigator.onLine ? ''
      : 'Offline: validating, signing, inspecting and presigning still work. Checking credentials, the keys table, '
        + 'finding a key\'s owner and sending need a connection (or use the curl command).';
  };
  addEventListener('online', show);
  addEventListener('offline', show);
  show();
}

// The service worker keeps the app's files so the page opens offline after
// the first visit; a file:// page (the single-file build) has none. Under the
// CSP's Trusted Types, register() takes a TrustedScriptURL: this policy
// vouches for the one worker URL and nothing else.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  const policy = globalThis.trustedTypes?.createPolicy('keyflip-service-worker', {
    createScriptURL(url) {
      if (url !== './sw.js') throw new TypeError(`not the service worker: ${url}`);
      return url;
    },
  });
  navigator.serviceWorker.register(policy ? policy.createScriptURL('./sw.js') : './sw.js').catch((error) => {
    $('network-status').textContent = `Offline use is unavailable: ${error.message}`;
  });
}
