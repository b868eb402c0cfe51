// Renders the page's result panels: progress, the outcome of a send, the
// curl command, the Inspect view and a presigned URL. Everything is built with
// textContent (the CSP's Trusted Types forbid HTML from strings), and every
// text that may hold the session token goes through redact() first.
// What it says of AWS is only what is known (../shared facts: IAM allows calls
// from web pages; a presigned request is accepted for about 15 minutes).
import { NetworkError, TimeoutError } from '../../wasm/js/index.js';
import { hintFor } from '../shared/iam-hints.js';
import { utcClock, utcSecond } from '../shared/key-age.js';
import { whyNoAnswer } from '../shared/page-client.js';

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function definitions(pairs) {
  return el('dl', {}, ...pairs.flatMap(([term, value, id]) => [el('dt', {}, term), el('dd', id ? { id } : {}, String(value))]));
}

const waitTime = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** Adds a line to the progress log (a send's attempts, waits and retries). */
export function showProgress(text) {
  $('progress').append(el('li', {}, text));
}

export function clearProgress() {
  $('progress').replaceChildren();
}

/** What went wrong in one attempt, in a few words (for the retry line). */
function attemptProblem(error) {
  if (error instanceof TimeoutError) return 'no answer in time';
  if (error instanceof NetworkError) return 'no answer could be read';
  return `${error.code || error.name}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}`;
}

export function showRetry({ attempt, delayMs, error }, maxAttempts) {
  showProgress(`Attempt ${attempt} of ${maxAttempts} failed: ${attemptProblem(error)}. `
    + `Waiting ${waitTime(delayMs)} before attempt ${attempt + 1} of ${maxAttempts}…`);
}

function showOutcome(...children) {
  const outcome = $('outcome');
  outcome.replaceChildren(...children);
  outcome.hidden = false;
}

export function hideOutcome() {
  $('outcome').hidden = true;
  $('outcome').replaceChildren();
}

/** params: the UpdateAccessKey params sent; result: { requestId, attempts }; hide: the redactor for the answer's texts. */
export function showSuccess(params, result, { endpoint, maxAttempts, hide = String }) {
  showOutcome(
    el('h2', { className: 'success', id: 'outcome-heading' }, `Done: access key ${params.AccessKeyId} is now ${params.Status}.`),
    definitions([
      ['UserName', params.UserName ?? "(the signing key's own user)"],
      ['Endpoint', endpoint],
      ['Request id', hide(result.requestId ?? ''), 'outcome-request-id'],
      ['Attempts', `${result.attempts} of ${maxAttempts}`],
    ]),
  );
}

/** A read call's answer (dates as ISO strings), with its request id; every text of it through hide(). */
export function showReadResult(action, result, { endpoint, maxAttempts, hide = String }) {
  const { requestId, attempts, statusCode, ...members } = result;
  showOutcome(
    el('h2', { className: 'success', id: 'outcome-heading' }, `Done: ${action} answered.`),
    definitions([
      ['Endpoint', endpoint],
      ['Request id', hide(requestId ?? ''), 'outcome-request-id'],
      ['Attempts', `${attempts} of ${maxAttempts}`],
    ]),
    el('pre', { id: 'outcome-result', tabIndex: 0 }, hide(JSON.stringify(members, null, 2))),
  );
}

/**
 * An IamError: the endpoint's code, message and request id, and a hint in
 * plain words. All of it comes from the answer, which may echo the request:
 * hide() takes the secrets out.
 */
export function showIamError(error, hide = String) {
  const code = hide(error.code ?? '');
  showOutcome(
    el('h2', { className: 'problem', id: 'outcome-heading' }, `IAM refused the request: ${code || 'unknown error'}`),
    el('p', { id: 'outcome-hint' }, hintFor(error.code)),
    definitions([
      ['Code', code || '(none: the answer was not IAM XML)', 'outcome-code'],
      ['Message', hide(error.message), 'outcome-message'],
      ['Request id', hide(error.requestId || '') || '(none)', 'outcome-request-id'],
      ['HTTP status', error.statusCode],
      ['Attempts', error.attempts ?? 1],
    ]),
  );
}

const CURL_WAY_OUT = 'The request itself is valid and signed: run it from a terminal with the curl command below.';
const CURL_CHECK = 'To find out, run the curl command below from a terminal: it asks for the same change again '
  + '(setting a key to the status it already has changes nothing) and shows the endpoint\'s answer.';

/**
 * The request never left the browser: the page's own policy refused the
 * connection (refusedOrigin; reachable: what it admits, in words),
 * or the browser was offline before sending.
 */
export function showNotSent({ refusedOrigin, reachable = "AWS's IAM endpoints", offline = false }) {
  const why = offline
    ? 'This browser is offline, so nothing was sent.'
    : `This page's security policy lets it connect only to ${reachable}; `
      + `${refusedOrigin} is not one of them, so the request was not sent.`;
  showOutcome(
    el('h2', { className: 'problem', id: 'outcome-heading' }, 'Not sent'),
    el('p', { id: 'outcome-why' }, why),
    el('p', {}, CURL_WAY_OUT),
  );
}

/**
 * The request was handed to the browser, but no answer reached the page.
 * Browsers do not tell a page why: a CORS refusal, a dropped connection, DNS
 * and TLS failures all look alike. So say what is and is not known.
 */
export function showNoAnswer(error, { host, offlineNow = false, policyRefused = false, check, hide = String }) {
  let why;
  if (policyRefused) {
    why = `The request went to ${host}, and then the browser refused a connection this page's security policy does not allow `
      + '(most likely the endpoint redirected the request elsewhere). Sending was stopped rather than retried.';
  } else if (error instanceof TimeoutError) {
    why = `${host} did not answer in time (${attemptsText(error)}).`;
  } else {
    why = `The browser got no answer from ${host} that it lets this page read (${attemptsText(error)}: ${hide(error?.message ?? 'no answer')}). `
      + `${whyNoAnswer(host)} The request may have been sent, and the change made; the page cannot tell.`
      + (offlineNow ? ' The browser now reports being offline.' : '');
  }
  showOutcome(
    el('h2', { className: 'problem', id: 'outcome-heading' }, 'Sent, but no answer could be read: the change may have been made'),
    el('p', { id: 'outcome-why' }, why),
    ...checkWithIam(check),
    el('p', {}, CURL_CHECK),
  );
}

/**
 * The "Check with IAM" button and its result (a live region that takes focus
 * when the answer is in), or nothing without check. check(): a promise of
 * the sentence saying what IAM shows now; it never rejects.
 */
function checkWithIam(check) {
  if (!check) return [];
  const button = el('button', { type: 'button', id: 'outcome-check-button' }, 'Check with IAM');
  const result = el('p', { id: 'outcome-check', tabIndex: -1, role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.textContent = 'Asking IAM for the key\'s current status (ListAccessKeys)…';
    try {
      result.textContent = await check();
    } catch {
      // check() words its own failures; this is a defect of the page's, and says only that.
      result.textContent = 'The check itself failed: the page could not make the request, so IAM\'s current status is not known.';
    } finally {
      button.disabled = false;
      result.focus();
    }
  });
  return [el('p', {}, 'Ask IAM which status the key has now: ', button), result];
}

function attemptsText(error) {
  const attempts = error?.attempts ?? 1;
  return `${attempts} attempt${attempts === 1 ? '' : 's'}`;
}


export function showAborted({ check } = {}) {
  showOutcome(el('h2', { id: 'outcome-heading' }, 'Cancelled.'),
    el('p', {}, 'The request had already been handed to the browser to send, so the change may have been made.'),
    ...checkWithIam(check),
    el('p', {}, CURL_CHECK));
}

export function showFailure(message) {
  showOutcome(el('h2', { className: 'problem', id: 'outcome-heading' }, 'Something went wrong'), el('p', {}, message));
}

/** The curl panel; copied: whether the clipboard took the command. */
export function showCurl({ command, usesSessionToken }, signedAt, copied) {
  $('curl-command').textContent = command;
  $('curl-status').textContent = copied === undefined ? ''
    : copied ? 'Copied to the clipboard.' : 'Could not copy automatically: select the command below and copy it.';
  const notes = [
    `Signed at ${utcClock(signedAt)}: AWS accepts the signature only for a few minutes, so run it soon (or copy a fresh one).`,
    'The command holds no secret: only a signature valid for this one request.',
  ];
  if (usesSessionToken) {
    notes.push('The session token is not shown: the command reads it from $AWS_SESSION_TOKEN. Set that variable to your session token first.');
  }
  $('curl-notes').replaceChildren(...notes.map((note) => el('li', {}, note)));
  $('curl-panel').hidden = false;
}

/** The signed headers of a canonical request: its next-to-last line. */
function signedHeadersOf(canonicalRequest) {
  const lines = canonicalRequest.split('\n');
  return lines[lines.length - 2] ?? '';
}

export function showInspect(signed, { redact, hasSessionToken }) {
  const headerLines = Object.entries(signed.headers).flatMap(([name, value]) => [].concat(value).map((v) => `${name}: ${v}`));
  $('inspect-request').textContent = redact([`${signed.method} ${signed.url}`, ...headerLines, '', signed.body].join('\n'));
  $('inspect-canonical').textContent = redact(signed.canonicalRequest);
  $('inspect-string-to-sign').textContent = redact(signed.stringToSign);
  $('inspect-signed-headers').textContent = signedHeadersOf(signed.canonicalRequest).split(';').join('\n');
  $('inspect-signature').textContent = signed.signature;
  $('inspect-note').textContent = 'The secret access key is never shown: it only derives the signing key.'
    + (hasSessionToken ? ' The session token is signed and sent as x-amz-security-token, but hidden here (‹session token hidden›).' : '');
  $('inspect-panel').hidden = false;
}

const DURATIONS = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
export function duration(totalSeconds) {
  const [unit, name] = DURATIONS.find(([size]) => totalSeconds % size === 0);
  const count = totalSeconds / unit;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/**
 * A presigned URL, its warning, and (with a session token) the token note.
 * Its lifetime is worded as what it is: the expiry the URL names, and IAM's
 * own limit (kf.limits().iamPresignMaxSeconds, about 15 minutes) after
 * signing, whatever the URL names.
 */
export function showPresign(displayUrl, { grants, expiresIn, iamMaxSeconds, hasSessionToken, signedAt }) {
  const until = new Date(signedAt.getTime() + expiresIn * 1000);
  $('presign-warning').textContent = `Whoever holds this URL can ${grants} `
    + 'with no other credential: opening it is enough. '
    + `It names an expiry of ${duration(expiresIn)} after it was made (until ${utcSecond(until)}); `
    + `IAM accepts a presigned request for at most about ${duration(iamMaxSeconds)} after it was made, whatever expiry it names. `
    + 'Share it only with whoever should do that, privately.';
  const tokenNote = $('presign-token-note');
  tokenNote.hidden = !hasSessionToken;
  tokenNote.textContent = hasSessionToken
    ? 'Made with temporary credentials, so the URL must carry your session token (X-Amz-Security-Token): it is hidden below but included when you copy the URL. '
      + 'The URL also stops working when the session expires.'
    : '';
  $('presign-url').textContent = displayUrl;
  $('presign-copy-status').textContent = '';
  $('presign-panel').hidden = false;
}

export function showPresignCopied(copied) {
  $('presign-copy-status').textContent = copied ? 'URL copied to the clipboard.' : 'Could not copy automatically.';
}

export function hidePresign() {
  $('presign-panel').hidden = true;
  $('presign-url').textContent = '';
}

/** Clears every panel that shows a signed request: Inspect, curl, Presign. */
export function hideSignedPanels() {
  hidePresign();
  $('curl-panel').hidden = true;
  $('curl-command').textContent = '';
  $('inspect-panel').hidden = true;
  for (const id of ['inspect-request', 'inspect-canonical', 'inspect-string-to-sign', 'inspect-signed-headers', 'inspect-signature']) $(id).textContent = '';
}
