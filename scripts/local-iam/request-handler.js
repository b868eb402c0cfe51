// Routes one HTTP request: the IAM Query API at "/", CORS preflights, and in
// test mode the /__control route. Writes one log line per request, naming
// method, action, status and request id only (never a header, query string
// or body, which can hold signatures and session tokens).
import { randomUUID } from 'node:crypto';
import { iamDate } from './iam-data.js';
import { IamError, iamErrors } from './iam-errors.js';
import { errorXml, PROXY_ERROR_HTML } from './iam-xml.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { BodyTooLargeError, collectParams, parseQueryPairs, readBody } from './query-request.js';
import { verifySigV4 } from './sigv4-verify.js';
import { serviceOf } from './services.js';
import { callerOf, signingSecrets } from './signing-credentials.js';
import { authorizeCall } from './policy-enforcement.js';
import { callerArn } from './user-actions.js';
import { ControlError } from './test-controls.js';

const CONTROL_PATH = '/__control';
const INJECTED = new Map([
  [500, iamErrors.serviceFailure],
  [503, iamErrors.serviceUnavailable],
  ['Throttling', iamErrors.throttling],
  ['LimitExceeded', iamErrors.limitExceeded],
]);

// ctx: { store, controls, requests, testMode, allowOrigins, logLine, rateLimiter, reports, keyPropagation, deniedActions }
export function createRequestHandler(ctx) {
  return (req, res) => {
    handle(ctx, req, res).catch((err) => {
      ctx.logLine(`local-iam: internal error: ${err?.message ?? err}`);
      if (!res.headersSent) {
        const requestId = randomUUID();
        send(ctx, req, res, 500, errorXml(iamErrors.serviceFailure(), requestId), xmlHeaders(), '-', requestId);
      } else {
        res.destroy();
      }
    });
  };
}

// User-supplied text goes into the log only as a short, printable token.
function logToken(text) {
  return String(text).replace(/[^\w./-]/g, '?').slice(0, 64) || '-';
}

function xmlHeaders(extra = {}) {
  return { 'Content-Type': 'text/xml', ...extra };
}

// Every answer carries CORS headers (errors included, or a page could not
// read why it failed), the server's Date and, like IAM's, x-amzn-RequestId
// (the same id as the XML's RequestId). requestId null: an answer not from
// "IAM" (the injected proxy page), which has none. Errors stay in the XML
// only: IAM's Query protocol sends no x-amzn-ErrorType/-ErrorMessage (those
// belong to the JSON protocols; CORS merely exposes them), so a client that
// read them would work here and fail against IAM.
function send(ctx, req, res, status, body, headers, action, requestId = randomUUID()) {
  res.writeHead(status, {
    // The server's own clock, which test mode can offset.
    Date: new Date(ctx.controls.nowMs()).toUTCString(),
    'Content-Length': Buffer.byteLength(body),
    ...(requestId === null ? {} : { 'x-amzn-RequestId': requestId }),
    ...corsHeaders(req.headers.origin, ctx.allowOrigins),
    ...headers,
  });
  res.end(body);
  ctx.logLine(`local-iam: ${req.method} ${action} ${status} ${requestId ?? '-'}`);
}

function sendText(ctx, req, res, status, text, action, extraHeaders = {}) {
  send(ctx, req, res, status, `${text}\n`, { 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders }, action);
}

async function handle(ctx, req, res) {
  const queryAt = req.url.indexOf('?');
  const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
  const search = queryAt < 0 ? '' : req.url.slice(queryAt + 1);

  // Without test mode the control route does not exist: a plain 404 like any
  // other unknown path, so nothing reveals that faults could be injected.
  if (ctx.testMode && path === CONTROL_PATH) return handleControl(ctx, req, res);
  if (path !== '/') return sendText(ctx, req, res, 404, 'Not Found', logToken(path));
  if (req.method === 'OPTIONS') return handlePreflight(ctx, req, res, '/');
  if (req.method !== 'GET' && req.method !== 'POST') {
    return sendText(ctx, req, res, 405, 'Method Not Allowed', '-', { Allow: 'GET, POST, OPTIONS' });
  }
  return handleIam(ctx, req, res, path, search);
}

// IAM answers a preflight 200 with an empty body.
function handlePreflight(ctx, req, res, where) {
  const request = {
    origin: req.headers.origin,
    requestMethod: req.headers['access-control-request-method'],
    requestHeaders: req.headers['access-control-request-headers'],
  };
  const headers = preflightHeaders(request, ctx.allowOrigins);
  if (!headers) return sendText(ctx, req, res, 403, 'CORS origin not allowed', `preflight:${where}`);
  return send(ctx, req, res, 200, '', headers, `preflight:${where}`);
}

async function handleIam(ctx, req, res, path, search) {
  const requestId = randomUUID();
  let body;
  try {
    body = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return sendText(ctx, req, res, 413, 'Payload Too Large', '-');
    throw err;
  }
  const query = parseQueryPairs(search);
  const params = collectParams(query, body);
  // IAM or STS, from the credential scope (services.js).
  const service = serviceOf(req.headersDistinct, query);
  const action = typeof params.Action === 'string' ? logToken(params.Action) : '-';
  ctx.requests.total += 1;
  ctx.requests.byAction.set(action, (ctx.requests.byAction.get(action) ?? 0) + 1);

  if (ctx.testMode) {
    const fault = ctx.controls.takeNext(params.Action);
    if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.replace === 'reset') {
      ctx.logLine(`local-iam: ${req.method} ${action} reset ${requestId}`);
      // A TCP RST, like a load balancer dropping the connection.
      if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
      else req.socket.destroy();
      return;
    }
    if (fault.replace === 'html') {
      return send(ctx, req, res, 502, PROXY_ERROR_HTML, { 'Content-Type': 'text/html' }, action, null);
    }
    if (fault.fail !== null) {
      const error = INJECTED.get(fault.fail.with)();
      return send(ctx, req, res, error.status, errorXml(error, requestId, service.xmlns), xmlHeaders(fault.fail.headers), action, requestId);
    }
  }

  let status = 200;
  let xml;
  try {
    const nowMs = ctx.controls.nowMs();
    const verified = await verifySigV4(
      { method: req.method, path, query, headers: req.headersDistinct, body },
      {
        nowMs,
        service: service.name,
        lookupCredential: (id) => signingSecrets(ctx.store, id, { nowMs, keyPropagationMs: ctx.keyPropagation.ms }),
      },
    );
    const caller = callerOf(ctx.store, verified.accessKeyId, nowMs);
    // Authenticated: the action's token bucket (throttle.js) may still
    // refuse it, before anything changes (not even the last use).
    if (!ctx.rateLimiter.take(params.Action ?? '')) throw iamErrors.throttling();
    // Authenticated: this is the key's last use, whatever the action answers.
    ctx.store.recordUse(verified.accessKeyId, { date: iamDate(nowMs), service: service.name, region: verified.region });
    const run = service.findAction(params);
    // MFA-less sessions, quarantine and TokenIssueTime denies (policy-enforcement.js).
    authorizeCall({ store: ctx.store, service: service.name, action: params.Action, params, caller });
    // Test mode's deniedActions (denied-actions.js): a permission the signer lacks.
    if (ctx.testMode && service.name === 'iam' && ctx.deniedActions?.has(params.Action)) {
      throw iamErrors.notAuthorized(callerArn(caller), params.Action, '*');
    }
    const keyFault = ctx.testMode ? (id) => ctx.controls.keyFault(id) : null;
    xml = run({ store: ctx.store, params, caller, requestId, keyFault, reports: ctx.reports, nowMs });
  } catch (err) {
    if (!(err instanceof IamError)) throw err;
    status = err.status;
    xml = errorXml(err, requestId, service.xmlns);
  }
  if (ctx.testMode && ctx.controls.takeTruncate()) {
    // The answer IAM produced, cut mid-document; the length matches what is
    // sent, so only an XML parser notices.
    xml = xml.slice(0, Math.floor(xml.length / 2));
  }
  return send(ctx, req, res, status, xml, xmlHeaders(), action, requestId);
}

async function handleControl(ctx, req, res) {
  if (req.method === 'OPTIONS') return handlePreflight(ctx, req, res, CONTROL_PATH);
  const json = (status, value) =>
    send(ctx, req, res, status, `${JSON.stringify(value, null, 2)}\n`, { 'Content-Type': 'application/json' }, CONTROL_PATH);
  if (req.method === 'GET') return json(200, ctx.snapshot());
  if (req.method !== 'POST') return sendText(ctx, req, res, 405, 'Method Not Allowed', CONTROL_PATH, { Allow: 'GET, POST, OPTIONS' });
  let body;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch (err) {
    return json(400, { error: err instanceof BodyTooLargeError ? err.message : `body is not JSON: ${err.message}` });
  }
  try {
    ctx.controls.apply(body, () => ctx.resetData());
  } catch (err) {
    if (err instanceof ControlError) return json(400, { error: err.message });
    throw err;
  }
  return json(200, ctx.snapshot());
}
