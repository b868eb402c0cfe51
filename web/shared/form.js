// Reads the page's inputs into keyflip's shapes and shows validation issues
// next to the fields they name. The rules and their messages come from the
// package (ValidationError.issues); this file only decides where to show
// them. Secrets are read from their inputs at the moment they are needed,
// into short-lived objects: nothing here keeps them.

const $ = (id) => document.getElementById(id);

// keyflip's issue.field -> the id of the control it is about, in page order.
const FIELD_CONTROLS = {
  credentials: 'access-key-id',
  'credentials.accessKeyId': 'access-key-id',
  'credentials.secretAccessKey': 'secret-access-key',
  'credentials.sessionToken': 'session-token',
  partition: 'partition',
  fips: 'partition',
  dualStack: 'partition',
  endpoint: 'endpoint',
  region: 'region',
  UserName: 'user-name',
  AccessKeyId: 'target-key-id',
  Status: 'status',
  expiresIn: 'expires-in',
};
const ALL_CONTROLS = [...new Set(Object.values(FIELD_CONTROLS))];

/** The page's demo endpoint, when the page server was started with one. */
export function demoEndpoint() {
  const url = document.querySelector('meta[name="keyflip-demo-endpoint"]')?.content ?? '';
  const region = document.querySelector('meta[name="keyflip-demo-region"]')?.content || 'us-east-1';
  return url ? { url, region } : null;
}

/**
 * The origins besides IAM's own that the page's CSP lets it connect to (the
 * page server and the single-file build write the same list into both).
 */
export function configuredOrigins() {
  const content = document.querySelector('meta[name="keyflip-endpoint-origins"]')?.content ?? '';
  return content.split(/\s+/).filter(Boolean);
}

/** Whether the CSP admits this computer's loopback origins on any port (the single-file page does). */
export function loopbackAllowed() {
  return document.querySelector('meta[name="keyflip-loopback"]')?.content === 'any-port';
}

/** An http origin on 127.0.0.1 or localhost. */
export function isLoopback(origin) {
  return /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin);
}

/** The endpoints besides IAM's that the page may send to, in words. */
export function reachableText() {
  const others = [...configuredOrigins(), ...(loopbackAllowed() ? ['this computer (http://127.0.0.1 or http://localhost, any port)'] : [])];
  return others.length ? `AWS's IAM endpoints and ${others.join(', ')}` : "AWS's IAM endpoints";
}

export function chosenAction() {
  return $('action').value || 'UpdateAccessKey';
}

/** Shows only the parameter fields the action takes (names: its members). */
export function showParamFields(names) {
  for (const field of document.querySelectorAll('[data-param]')) field.hidden = !names.includes(field.dataset.param);
}

/**
 * The single-call form's params, only those the action takes (names); an
 * empty UserName is left out (it is optional).
 */
export function readParams(names = ['UserName', 'AccessKeyId', 'Status']) {
  const params = {};
  if (names.includes('AccessKeyId')) params.AccessKeyId = $('target-key-id').value.trim();
  const userName = $('user-name').value.trim();
  if (names.includes('UserName') && userName !== '') params.UserName = userName;
  const status = document.querySelector('input[name="status"]:checked')?.value;
  if (names.includes('Status') && status !== undefined) params.Status = status;
  return params;
}

// After a rotation of the key that signs (web/rotate/), the page signs with
// the new key, in memory only: the inputs still hold the old key, which IAM
// now refuses, and nothing is written to an input or stored. It applies while
// the access key ID input still names the replaced key.
let replacement = null; // { credentials, replacesKeyId }

/** Signs with credentials instead of the typed ones while the typed key is replacesKeyId; null stops it. */
export function signInMemory(credentials, replacesKeyId) {
  if (replacement) forget(replacement.credentials);
  replacement = credentials ? { credentials: { ...credentials }, replacesKeyId } : null;
}

/** The key ID signing in memory instead of the typed one, or null. */
export function inMemoryKeyId() {
  return replacement && $('access-key-id').value.trim() === replacement.replacesKeyId ? replacement.credentials.accessKeyId : null;
}

/** Credentials as typed (or their in-memory replacement); call right before signing and drop the object after. */
export function readCredentials() {
  const credentials = {
    accessKeyId: $('access-key-id').value.trim(),
    secretAccessKey: $('secret-access-key').value,
  };
  const sessionToken = $('session-token').value;
  if (sessionToken !== '') credentials.sessionToken = sessionToken;
  if (replacement && !credentials.sessionToken && credentials.accessKeyId === replacement.replacesKeyId) return { ...replacement.credentials };
  return credentials;
}

/** Removes the secrets from a credentials object once it has been used. */
export function forget(credentials) {
  if (credentials) {
    credentials.secretAccessKey = '';
    credentials.sessionToken = '';
  }
}

export function targetChoice() {
  return document.querySelector('input[name="target"]:checked')?.value ?? 'partition';
}

/**
 * keyflip's EndpointOptions for the chosen target, or { issues } when the
 * choice itself is incomplete (a custom endpoint chosen but not given: an
 * empty endpoint would otherwise mean "IAM in the aws partition").
 */
export function readTarget() {
  const choice = targetChoice();
  if (choice === 'demo') {
    const demo = demoEndpoint();
    return { options: { endpoint: demo.url, region: demo.region } };
  }
  if (choice === 'custom') {
    const endpoint = $('endpoint').value.trim();
    if (endpoint === '') {
      return { issues: [{ field: 'endpoint', rule: 'required', message: 'endpoint: is required when "A custom endpoint" is chosen' }] };
    }
    return { options: { endpoint, region: $('region').value.trim() } };
  }
  return {
    options: { partition: $('partition').value, fips: $('fips').checked, dualStack: $('dual-stack').checked },
  };
}

export function expiresIn() {
  return Number($('expires-in').value);
}

function setError(controlId, message) {
  const control = $(controlId);
  $(`${controlId}-error`).textContent = message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/**
 * Shows each issue under its field (several for one field are joined) and
 * clears the fields that have none. With `only`, touches just those controls
 * (live checking while typing: untouched fields stay quiet). Issues for
 * fields the page has no control for go to the general error line. Returns
 * the first invalid control, in page order.
 */
export function showIssues(issues, only = null) {
  const byControl = new Map();
  const general = [];
  for (const issue of issues) {
    const controlId = FIELD_CONTROLS[issue.field];
    if (controlId) byControl.set(controlId, [...(byControl.get(controlId) ?? []), issue.message]);
    else general.push(issue.message);
  }
  const controls = only ?? ALL_CONTROLS;
  for (const controlId of controls) setError(controlId, (byControl.get(controlId) ?? []).join('; '));
  if (!only) $('general-error').textContent = general.join('; ');
  const first = ALL_CONTROLS.find((id) => controls.includes(id) && byControl.has(id));
  return first ? $(first) : null;
}

/** Shows issues under one control whatever field they name (a section's own input). */
export function showIssuesAt(controlId, issues) {
  setError(controlId, issues.map((issue) => issue.message).join('; '));
}

/** Moves keyboard focus to an invalid control (the first radio of a group). */
export function focusControl(control) {
  const target = control.tagName === 'FIELDSET' ? control.querySelector('input') : control;
  target?.focus();
}
