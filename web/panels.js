// Renders the page's result panels: progress, the outcome of a send, the
// curl command, the Inspect view and a presigned URL. Everything is built with
// textContent (the CSP's Trusted Types forbid HTML from strings), and every
// text that may hold the session token goes through redact() first.
import { hintFor } from './iam-hints.js';

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
  if (error.name === 'TimeoutError') return 'no answer in time';
  if (error.name === 'NetworkError') return 'no answer (network)';
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

/** params: the UpdateAccessKey params sent; result: { requestId, attempts }. */
export function showSuccess(params, result, { endpoint, maxAttempts }) {
  showOutcome(
    el('h2', { className: 'success', id: 'outcome-heading' }, `Done: access key ${params.AccessKeyId} is now ${params.Status}.`),
    definitions([
      ['UserName', params.UserName ?? "(the signing key's own user)"],
      ['Endpoint', endpoint],
      ['Request id', result.requestId, 'outcome-request-id'],
      ['Attempts', `${result.attempts} of ${maxAttempts}`],
    ]),
  );
}

/** An IamError: IAM's code, message and request id, and a hint in plain words. */
export function showIamError(error) {
  showOutcome(
    el('h2', { className: 'problem', id: 'outcome-heading' }, `IAM refused the request: ${error.code || 'unknown error'}`),
    el('p', { id: 'outcome-hint' }, hintFor(error.code)),
    definitions([
      ['Code', error.code || '(none: the answer was not IAM XML)', 'outcome-code'],
      ['Message', error.message],
      ['Request id', error.requestId || '(none)', 'outcome-request-id'],
      ['HTTP status', error.statusCode],
      ['Attempts', error.attempts ?? 1],
    ]),
  );
}

/**
 * The request never got an answer. Browsers do not tell a page why (CORS,
 * offline and DNS failures all look alike), so say what is known and give the
 * curl command as the way out.
 */
export function showBlocked(error, { host, offline, blockedOrigin }) {
  let why;
  if (blockedOrigin) {
    why = `This page's security policy lets it connect only to IAM's endpoints and the endpoint the page was started with; ${blockedOrigin} is neither, so the browser refused to connect.`;
  } else if (offline) {
    why = 'This browser is offline.';
  } else if (error?.name === 'TimeoutError') {
    why = `${host} did not answer in time (${error.attempts ?? 1} attempts).`;
  } else {
    why = `The browser could not get an answer from ${host}. Most often the endpoint does not allow calls from web pages (CORS: AWS's own IAM endpoints do not), `
      + 'or the network is offline, or the name does not resolve (DNS). The browser does not tell the page which.';
  }
  showOutcome(
    el('h2', { className: 'problem', id: 'outcome-heading' }, 'The request could not be sent from this browser'),
    el('p', {}, why),
    el('p', {}, 'The request itself is valid and signed. Run it from a terminal with the curl command below.'),
  );
}

export function showAborted() {
  showOutcome(el('h2', { id: 'outcome-heading' }, 'Cancelled.'),
    el('p', {}, 'If an attempt had already reached the endpoint, the change may still have been made.'));
}

export function showFailure(message) {
  showOutcome(el('h2', { className: 'problem', id: 'outcome-heading' }, 'Something went wrong'), el('p', {}, message));
}

const utcTime = (date) => `${date.toISOString().slice(11, 19)} UTC`;

/** The curl panel; copied: whether the clipboard took the command. */
export function showCurl({ command, usesSessionToken }, signedAt, copied) {
  $('curl-command').textContent = command;
  $('curl-status').textContent = copied === undefined ? ''
    : copied ? 'Copied to the clipboard.' : 'Could not copy automatically: select the command below and copy it.';
  const notes = [
    `Signed at ${utcTime(signedAt)}: AWS accepts the signature only for a few minutes, so run it soon (or copy a fresh one).`,
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
function duration(totalSeconds) {
  const [unit, name] = DURATIONS.find(([size]) => totalSeconds % size === 0);
  const count = totalSeconds / unit;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/** A presigned URL, its warning, and (with a session token) the token note. */
export function showPresign(displayUrl, { params, expiresIn, hasSessionToken, signedAt }) {
  const until = new Date(signedAt.getTime() + expiresIn * 1000);
  const who = params.UserName ? ` of user ${params.UserName}` : '';
  $('presign-warning').textContent = `Whoever holds this URL can set access key ${params.AccessKeyId}${who} to ${params.Status} `
    + `until it expires at ${until.toLocaleString()} (${duration(expiresIn)} from when it was made), with no other credential. `
    + 'Opening it is enough. Share it only with whoever should do that, privately.';
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
