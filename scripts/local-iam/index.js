// Programmatic entry point: start a local IAM-compatible endpoint in-process
// (tests, dev servers) and get back its URL, a close function and its live
// state.
import http from 'node:http';
import { normaliseIamData, readIamData } from './iam-data.js';
import { IamStore } from './iam-store.js';
import { TestControls } from './test-controls.js';
import { createRequestHandler } from './request-handler.js';
import { ANY_ORIGIN } from './cors.js';
import { RateLimiter } from './throttle.js';
import { CredentialReports, REPORT_GENERATION_MS_DEFAULT } from './credential-report.js';
import { SYNTHETIC_SEED_DEFAULT, withSyntheticUsers } from './synthetic-users.js';
import { credentialReportControl, rateLimitsControl } from './scale-controls.js';
import { KeyPropagation, keyPropagationControl } from './key-propagation.js';
import { DeniedActions, deniedActionsControl } from './denied-actions.js';
import { DEFAULT_KEY_PROPAGATION_MS } from './iam-limits.js';

const HOST = '127.0.0.1';

/**
 * @param {object} [options]
 * @param {number} [options.port=0] 0 picks a free port.
 * @param {string|object} [options.data] data file path or parsed data; the demo data when absent.
 * @param {boolean} [options.testMode=false] enables /__control (fault injection, clock offset).
 * @param {string[]} [options.allowOrigins=['*']] CORS: IAM's (any origin, '*') by default; a list
 *   of origins narrows it to those; [] sends no CORS headers (an endpoint that refuses pages).
 * @param {boolean|function} [options.log=true] false silences; a function receives each line.
 * @param {string} [options.throttle='off'] IAM-like per-action token buckets (throttle.js): 'on'
 *   (reads 20/s burst 40, writes 10/s burst 20), 'off', or 'reads=R:B,writes=R:B,<Action>=R:B'.
 *   Off here so in-process tests are not throttled; the command line's default is 'on'.
 * @param {number} [options.reportGenerationMs=2000] how long a credential report stays INPROGRESS.
 * @param {number} [options.syntheticUsers=0] that many synthetic users (synthetic-users.js) after the data's own.
 * @param {number} [options.syntheticSeed=1] their seed.
 * @param {number} [options.keyPropagationMs=10000] how long a new access key is refused
 *   (InvalidClientTokenId) after CreateAccessKey; 0 turns the delay off.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void>, state: object }>}
 */
export async function startIamEndpoint({
  port = 0,
  data,
  testMode = false,
  allowOrigins = [ANY_ORIGIN],
  log = true,
  throttle = 'off',
  reportGenerationMs = REPORT_GENERATION_MS_DEFAULT,
  syntheticUsers = 0,
  syntheticSeed = SYNTHETIC_SEED_DEFAULT,
  keyPropagationMs = DEFAULT_KEY_PROPAGATION_MS,
} = {}) {
  const keyPropagation = new KeyPropagation(keyPropagationMs);
  if (!Number.isInteger(reportGenerationMs) || reportGenerationMs < 0) {
    throw new Error(`reportGenerationMs must be a non-negative integer (milliseconds), got ${JSON.stringify(reportGenerationMs)}`);
  }
  let raw = readIamData(data);
  if (syntheticUsers !== 0) raw = withSyntheticUsers(raw, { count: syntheticUsers, seed: syntheticSeed });
  const iamData = normaliseIamData(raw);
  const store = new IamStore(iamData);
  const rateLimiter = new RateLimiter(throttle);
  // The reports read the server clock (test mode can offset it) from the
  // controls, which in turn carry the reports' control: the clock is only
  // read once requests arrive, after both exist.
  let controls = null;
  const reports = new CredentialReports({ store, root: iamData.root, clock: () => controls.nowMs(), generationMs: reportGenerationMs });
  const deniedActions = new DeniedActions();
  controls = new TestControls([rateLimitsControl(rateLimiter), credentialReportControl(reports), keyPropagationControl(keyPropagation), deniedActionsControl(deniedActions)]);
  const requests = { total: 0, byAction: new Map() };
  const logLine = log === false ? () => {} : typeof log === 'function' ? log : (line) => process.stderr.write(`${line}\n`);

  const state = {
    store,
    controls,
    rateLimiter,
    reports,
    requests,
    // Keys and statuses (no secrets), request counts and pending faults.
    snapshot: () => ({
      ...store.snapshot(),
      requests: { total: requests.total, byAction: Object.fromEntries(requests.byAction) },
      ...controls.snapshot(),
      serverTime: new Date(controls.nowMs()).toISOString(),
    }),
    resetData: () => {
      store.reset();
      reports.reset();
      requests.total = 0;
      requests.byAction = new Map();
    },
  };

  const server = http.createServer(
    createRequestHandler({
      store,
      controls,
      requests,
      testMode: Boolean(testMode),
      allowOrigins: [...allowOrigins],
      logLine,
      rateLimiter,
      reports,
      keyPropagation,
      deniedActions,
      snapshot: state.snapshot,
      resetData: state.resetData,
    }),
  );
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;

  let closing;
  const close = () => {
    // Keep-alive connections (awscli, fetch) would hold close() open.
    closing ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `http://${HOST}:${actualPort}`, port: actualPort, close, state };
}
