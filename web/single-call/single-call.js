// "One call": the single-call form (send, Inspect, Copy as curl, Presign for
// any action the page sends). Validation, signing, endpoint choice and IAM's
// answers are the package's (C++ in wasm); this reads the form, calls it,
// and shows what came back (panels.js).
import { ValidationError, IamError, NetworkError, TimeoutError } from '../../wasm/js/index.js';
import * as form from '../shared/form.js';
import { redact } from '../shared/redact.js';
import { describeError, mayConnect, maxAttempts, openClient } from '../shared/page-client.js';
import { confirmSigningKeyOff } from '../shared/lockout.js';
import { READ_BOUNDS } from '../shared/keys-source.js';
import * as panels from './panels.js';
import { curlCommand } from './curl.js';
import { ACTIONS, DEFAULT_ACTION, buildRequest, presignRequest, validate } from './actions.js';
import { checkKey, checkText } from './key-check.js';

const $ = (id) => document.getElementById(id);
export const SINGLE_CALL_BUTTONS = ['send', 'inspect', 'copy-curl', 'presign'];
// A presigned URL's lifetimes: a minute, five, and the longest IAM accepts
// (the package's limit), which is the default.
const SHORT_LIFETIMES_SECONDS = [60, 300];
const POLICY_EVENT_GRACE_MS = 50;

/** The form's fields the person has edited: checked as they type, even before the package loads. */
const touched = new Set();
let checkLive = () => {};
for (const id of ['user-name', 'target-key-id']) {
  document.getElementById(id).addEventListener('input', () => { touched.add(id); checkLive(); });
}
for (const radio of document.querySelectorAll('input[name="status"]')) {
  radio.addEventListener('change', () => { touched.add('status'); checkLive(); });
}

export function setUpSingleCall(kf) {
  let sending = null; // the send in flight: { controller, policyRefused }
  let presignedUrl = null; // kept only while its panel is shown, for Copy URL

  $('action').replaceChildren(...Object.keys(ACTIONS).map((name) => new Option(ACTIONS[name].label, name)));
  $('action').value = DEFAULT_ACTION;
  $('action').addEventListener('change', () => {
    form.showParamFields(ACTIONS[form.chosenAction()].params);
    checkParamsLive();
  });
  form.showParamFields(ACTIONS[DEFAULT_ACTION].params);
  const { iamPresignMaxSeconds: max, iamPresignDefaultSeconds: preset } = kf.limits();
  const choices = [...new Set([...SHORT_LIFETIMES_SECONDS.filter((s) => s < max), max])];
  $('expires-in').replaceChildren(...choices.map((s) => new Option(panels.duration(s), String(s), false, s === preset)));

  for (const id of SINGLE_CALL_BUTTONS) $(id).disabled = false;
  $('send').addEventListener('click', send);
  $('cancel').addEventListener('click', () => sending?.controller.abort());
  $('inspect').addEventListener('click', inspect);
  $('copy-curl').addEventListener('click', copyCurl);
  $('presign').addEventListener('click', presign);
  $('copy-presigned').addEventListener('click', copyPresigned);
  checkLive = checkParamsLive;
  if (touched.size) checkParamsLive();

  // A connection the CSP refuses fails like any network error; this event
  // tells the two apart. The send is aborted at once: the same refusal would
  // meet every retry. (Sends to origins outside the policy are stopped
  // before they start; what is left is a redirect to one.)
  document.addEventListener('securitypolicyviolation', (event) => {
    if (!sending || event.effectiveDirective !== 'connect-src') return;
    sending.policyRefused = true;
    sending.controller.abort();
  });

  /** The package's verdict on the params, shown under the fields already edited. */
  function checkParamsLive() {
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
   * options) with the credentials read just now. On bad input shows every
   * issue inline, focuses the first, and returns null; nothing has left the page.
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
    if (sending) return;
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
      panels.showNotSent({ refusedOrigin: origin, reachable: form.reachableText() });
      showCurlCommand();
      return;
    }
    if (!navigator.onLine) {
      panels.showNotSent({ offline: true });
      showCurlCommand();
      return;
    }
    let attempt = 0;
    const attempts = maxAttempts(kf);
    // One snapshot of the credentials for every attempt of this send: the
    // lock-out question below is about the key that will sign each of them.
    const session = openClient(kf, run.endpointOptions, {
      fetch: (url, init) => {
        attempt += 1;
        panels.showProgress(`Attempt ${attempt} of ${attempts}: sending to ${host}…`);
        return fetchAwaitingPolicy(url, init);
      },
      onRetry: (event) => panels.showRetry(event, attempts),
    });
    if (run.action === 'UpdateAccessKey' && run.params.Status === 'Inactive' && run.params.AccessKeyId === session.signingKeyId) {
      const row = { accessKeyId: run.params.AccessKeyId, userName: run.params.UserName };
      if (!(await confirmSigningKeyOff(row))) {
        session.done();
        panels.showProgress(`Not sent: kept ${row.accessKeyId} Active (it signs this page's requests).`);
        return;
      }
    }
    const controller = new AbortController();
    sending = { controller, policyRefused: false };
    setSending(true);
    try {
      const result = await session.client[ACTIONS[run.action].method](run.params, { signal: controller.signal });
      if (run.action === 'UpdateAccessKey') panels.showSuccess(run.params, result, { endpoint: host, maxAttempts: attempts, hide: session.redact });
      else panels.showReadResult(run.action, result, { endpoint: host, maxAttempts: attempts, hide: session.redact });
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
      const found = await checkKey(session.client, run.params, { signal: AbortSignal.timeout(READ_BOUNDS.windowMs) });
      return checkText(run.params, found, (error) => describeError(error, host, session.redact));
    } finally {
      session.done();
    }
  }

  /**
   * Tells errors apart by class, never by name: an endpoint's answer chooses
   * an IamError's name (its code), so <Code>AbortError</Code> is still IAM's
   * answer. A cancel is recognised by the page's own signal having aborted.
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
      panels.showNoAnswer(error, { host, offlineNow: !navigator.onLine, check, hide });
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

  return {
    /** Forgets the presigned URL kept for Copy URL and hides the signed panels (their inputs changed). */
    forgetSigned() {
      presignedUrl = null;
      panels.hideSignedPanels();
    },
  };
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * fetch, but a failed one waits a moment for the CSP's violation event: the
 * browser may report the refusal just after fetch rejects, and a refusal must
 * abort the send (see above) rather than be retried like a network error.
 */
async function fetchAwaitingPolicy(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    await new Promise((resolve) => { setTimeout(resolve, POLICY_EVENT_GRACE_MS); });
    throw error;
  }
}
