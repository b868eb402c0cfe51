// fetchCredentialReport(client, { signal, timeoutMs }): IAM's credential
// report, the whole account's users and key slots in a few calls. The steps
// (generate, poll while IAM makes it, get, IAM's three report errors), the
// backoff and the time bound are decided by the core (report/report_poll.h);
// the CSV is read there too (report/credential_report.h, libcsv). This file
// only makes the client's calls, waits and aborts.
import { IamError, TimeoutError, ValidationError } from './errors.js';
import { callCore, loadCore } from './core.js';
import { LIMITS } from './generated-facts.js';
import { abortError, readCallOptions, sleep } from './client.js';
import { describe } from './snapshot.js';

function readOptions(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError(`options must be an object { signal?, timeoutMs? }, got ${describe(options)}`);
  }
  const { signal } = readCallOptions(options === undefined ? undefined : { signal: options?.signal });
  let timeoutMs = LIMITS.reportDefaultTimeoutMs;
  if (options !== undefined) {
    for (const key of Object.keys(options)) {
      if (key !== 'signal' && key !== 'timeoutMs') {
        throw new ValidationError([{ field: key, rule: 'unknown', message: `${key}: is not an option of fetchCredentialReport (signal, timeoutMs)` }]);
      }
    }
    if (options.timeoutMs !== undefined) timeoutMs = options.timeoutMs;
  }
  const { reportMinTimeoutMs: min, reportMaxTimeoutMs: max } = LIMITS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < min || timeoutMs > max) {
    throw new ValidationError([{ field: 'timeoutMs', rule: 'range', message: `timeoutMs: must be a whole number of milliseconds from ${min} to ${max}, got ${describe(timeoutMs)}` }]);
  }
  return { signal, timeoutMs };
}

/** An answer IAM gave that the report cannot be read from (never a silently short report). */
function unreadable(answer, message) {
  return new IamError({
    code: 'UnknownError', type: '', message, requestId: answer?.requestId ?? '',
    statusCode: answer?.statusCode ?? 0, retryable: false, attempts: answer?.attempts ?? 0,
  });
}

/**
 * Generates (or reuses) the account's credential report, waits for it,
 * gets it and reads it: { GeneratedTime, rows, extraColumns, requestId }.
 * Bounded by timeoutMs (the whole job) and stoppable by signal: either
 * aborts a call in flight. A report IAM is still making when the bound
 * passes is not lost: a later call picks it up.
 */
export async function fetchCredentialReport(client, options) {
  if (client === null || typeof client !== 'object' || typeof client.generateCredentialReport !== 'function' || typeof client.getCredentialReport !== 'function') {
    throw new TypeError(`client must be a keyflip client (createClient), got ${describe(client)}`);
  }
  const { signal, timeoutMs } = readOptions(options);
  const core = await loadCore();
  const startedMs = Date.now();
  // One signal for every call and wait: the caller's abort, or the bound.
  const bound = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    bound.abort();
  }, timeoutMs);
  const onAbort = () => bound.abort(signal.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  const notReady = () => new TimeoutError(`the credential report was not ready within ${timeoutMs} ms (IAM may still be generating it; a later call picks it up)`);

  let context = { event: 'start', state: '', code: '', polls: 0, generations: 0 };
  let lastError = null;
  try {
    for (;;) {
      const step = callCore(core, 'reportPollStep', { ...context, nowMs: Date.now(), startedMs, timeoutMs });
      const { polls, generations } = step;
      if (step.next === 'fail') {
        if (step.reason === 'timeout') throw notReady();
        // IAM's own error, as it came (too many regenerations, or not a report error).
        if (lastError && step.reason !== 'unknownState') throw lastError;
        throw unreadable(null, step.message);
      }
      if (step.delayMs > 0) await sleep(step.delayMs, bound.signal);
      if (step.next === 'generate') {
        const generated = await client.generateCredentialReport({}, { signal: bound.signal });
        context = { event: 'generated', state: typeof generated.State === 'string' ? generated.State : '', code: '', polls, generations };
        continue;
      }
      // step.next === 'get'
      let report;
      try {
        report = await client.getCredentialReport({}, { signal: bound.signal });
      } catch (error) {
        // IAM's answer: the core decides (its three report errors are polled
        // or regenerated; any other comes back as "fail" and is rethrown as it came).
        if (!(error instanceof IamError)) throw error;
        lastError = error;
        context = { event: 'getFailed', state: '', code: error.code, polls, generations };
        continue;
      }
      return read(core, report);
    }
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (timedOut) throw notReady();
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function read(core, report) {
  const { Content, ReportFormat, GeneratedTime } = report;
  if (!(Content instanceof Uint8Array)) throw unreadable(report, 'GetCredentialReport answered without Content');
  // The CSV is text; a byte that is not UTF-8 becomes U+FFFD (user names and
  // ARNs are ASCII, so only a corrupt report has one).
  const content = new TextDecoder().decode(Content);
  const out = callCore(core, 'parseCredentialReport', { reportFormat: typeof ReportFormat === 'string' ? ReportFormat : '', content });
  if (!out.ok) {
    const issues = out.issues.map((issue) => issue.message).join('; ');
    throw unreadable(report, `the credential report cannot be read: ${issues}`);
  }
  return { GeneratedTime, rows: out.rows, extraColumns: out.extraColumns, requestId: report.requestId };
}
