// "Deactivate selected": asks first about what would hurt (the key that signs
// the run, in the selection: skip it, include it, or cancel; keys used in the
// last few days: listed with their last use, explicit confirmation), then a
// number of requests in flight that follows the rate the client learns from
// IAM's throttling (shared/pace.js, shared/run-bounded.js) with one snapshot
// of the credentials for the whole run, progress with done / total, the rate
// and the time left, an outcome per key with its request id, Stop that ends
// it at once, and a record to save as JSON or CSV. Keys from the credential
// report have their IDs read first (ListAccessKeys of their users), so the
// checks below see every real key ID.
import { runBounded } from '../shared/run-bounded.js';
import { createPace, progressText } from '../shared/pace.js';
import { signingKeyLast } from './bulk.js';
import { RECENT_USE_DAYS, recentlyUsed } from './recent-use.js';
import { buildSummary, summaryCsv, summaryFileName } from './summary.js';
import { askChoice } from '../shared/choice-dialog.js';
import { confirmSigningKeyOff } from '../shared/lockout.js';
import { lastUseText } from '../shared/key-age.js';
import { openClient, prepare } from '../shared/page-client.js';

const $ = (id) => document.getElementById(id);

function list(rows, describe) {
  const ul = document.createElement('ul');
  ul.append(...rows.map((row) => Object.assign(document.createElement('li'), { textContent: describe(row) })));
  return ul;
}

export function setUpBulk(kf, panel) {
  let running = null; // AbortController of the run in flight
  let summary = null;

  $('recent-days').value = String(RECENT_USE_DAYS);
  $('deactivate-selected').addEventListener('click', run);
  $('stop-bulk').addEventListener('click', () => running?.abort(new DOMException('Stopped by the person', 'AbortError')));
  $('save-summary').addEventListener('click', () => save('json'));
  $('save-summary-csv').addEventListener('click', () => save('csv'));

  /** The recent-use window in whole days, or null (and the field marked) when it is not one. */
  function recentDays() {
    const raw = $('recent-days').value.trim();
    const days = raw === '' ? RECENT_USE_DAYS : Number(raw);
    if (!Number.isInteger(days) || days < 0 || days > 3650) {
      $('recent-days-error').textContent = 'Recent use window: a whole number of days from 0 (no warning) to 3650.';
      $('recent-days').setAttribute('aria-invalid', 'true');
      $('recent-days').focus();
      return null;
    }
    return days;
  }

  /** The signing key in the selection: 'skip' it, 'include' it (after the lock-out confirmation), or 'cancel'. */
  async function askAboutSigningKey(row) {
    const choice = await askChoice({
      heading: 'The key that signs this run is selected',
      body: [`${row.accessKeyId} (user ${row.userName}) signs these requests. Deactivated, it stops every later request of this page `
        + 'with these credentials, including turning it back on.'],
      choices: [
        { label: `Skip ${row.accessKeyId} and deactivate the others`, value: 'skip', safe: true },
        { label: 'Include it (deactivated last)', value: 'include', danger: true },
        { label: 'Cancel', value: 'cancel' },
      ],
    });
    if (choice === 'include' && !(await confirmSigningKeyOff(row))) return 'cancel';
    return choice;
  }

  async function confirmRecentUse(rows, days) {
    const { used, unknown } = recentlyUsed(rows, days);
    if (!used.length && !unknown.length) return true;
    const now = new Date();
    const body = [];
    if (used.length) {
      body.push(`${used.length} of the selected keys ${used.length === 1 ? 'was' : 'were'} used in the last ${days} day${days === 1 ? '' : 's'}: `
        + 'deactivating a key still in use, before its replacement is deployed, breaks whatever uses it.');
      body.push(list(used, (row) => `${row.accessKeyId} (${row.userName}): last used ${lastUseText(row.lastUse, now)}`));
    }
    if (unknown.length) {
      body.push(`${unknown.length} selected key${unknown.length === 1 ? '\'s' : 's\''} last use is not known:`);
      body.push(list(unknown, (row) => `${row.accessKeyId} (${row.userName}): ${lastUseText(row.lastUse, now)}`));
    }
    const go = await askChoice({
      heading: 'Deactivate keys that may be in use?',
      body,
      choices: [
        { label: 'Cancel', value: false, safe: true },
        { label: `Deactivate all ${rows.length}, these included`, value: true, danger: true },
      ],
    });
    return go;
  }

  async function run() {
    if (running) return;
    const status = panel.statusFor();
    const chosen = panel.selectedRows();
    if (!chosen.length) return;
    const days = recentDays();
    if (days === null) return;
    const prep = prepare(kf);
    if (prep.problem) {
      status(prep.problem);
      return;
    }
    // One snapshot of the credentials for the whole run: the checks below and every request use the same.
    const session = openClient(kf, prep.endpointOptions);
    const signingKeyId = session.signingKeyId;
    const pace = createPace(session.client);
    const outcomes = [];
    // Keys from the credential report: their IDs first (one ListAccessKeys per user), stoppable.
    const slotUsers = [...new Set(chosen.filter((row) => row.accessKeyId === null).map((row) => row.userName))];
    let keysOf = chosen;
    if (slotUsers.length) {
      running = new AbortController();
      $('stop-bulk').hidden = false;
      status(`Deactivate selected: reading the key IDs of ${slotUsers.length} user${slotUsers.length === 1 ? '' : 's'} from IAM (ListAccessKeys)…`);
      const resolved = new Map();
      const reads = await runBounded(slotUsers, {
        signal: running.signal,
        limit: pace.limit,
        worker: pace.timed(async (userName) => { for (const [id, row] of await panel.resolveUser(userName, session, running.signal)) resolved.set(id, row); }),
      });
      const stopped = running.signal.aborted;
      running = null;
      $('stop-bulk').hidden = true;
      const failed = reads.filter((read) => !read.ok);
      if (stopped || failed.length) {
        session.done();
        panel.render();
        status(stopped ? 'Deactivate selected: stopped while reading key IDs; nothing was changed.'
          : `Deactivate selected: could not read the key IDs of ${failed.map((read) => read.item).join(', ')}; nothing was changed.`);
        return;
      }
      keysOf = [];
      for (const row of chosen) {
        if (row.accessKeyId !== null) keysOf.push(row);
        else if (resolved.has(row.id)) keysOf.push(resolved.get(row.id));
        else {
          outcomes.push({
            userName: row.userName, accessKeyId: `key ${row.slot} (no ID)`, from: row.status, to: 'Inactive', result: 'not-sent',
            text: 'not sent: IAM no longer lists this key (deleted since the credential report was made)',
          });
        }
      }
      panel.render();
    }
    let active = keysOf.filter((row) => row.status === 'Active');
    const already = keysOf.filter((row) => row.status !== 'Active');
    outcomes.push(...already.map((row) => ({
      userName: row.userName, accessKeyId: row.accessKeyId, from: row.status, to: 'Inactive', result: 'not-sent', text: `not sent: already ${row.status}`,
    })));
    const signing = active.find((row) => row.accessKeyId === signingKeyId);
    if (signing) {
      const choice = await askAboutSigningKey(signing);
      if (choice === 'cancel') {
        session.done();
        status('Deactivate selected: cancelled, nothing sent.');
        return;
      }
      if (choice === 'skip') {
        active = active.filter((row) => row !== signing);
        outcomes.push({
          userName: signing.userName, accessKeyId: signing.accessKeyId, from: signing.status, to: 'Inactive', result: 'not-sent',
          text: 'not sent: skipped, it signs this run',
        });
      }
    }
    if (days > 0 && active.length && !(await confirmRecentUse(active, days))) {
      session.done();
      status('Deactivate selected: cancelled, nothing sent (keys in use).');
      return;
    }
    const toChange = signingKeyLast(active, signingKeyId);
    running = new AbortController();
    const { signal } = running;
    const startedAt = new Date();
    const startedMs = Date.now();
    summary = null;
    $('bulk-result').hidden = true;
    $('bulk-progress-block').hidden = false;
    $('stop-bulk').hidden = false;
    const progress = $('bulk-progress');
    progress.max = Math.max(1, toChange.length);
    progress.value = 0;
    let doneCount = 0;
    const tell = (done = doneCount) => {
      doneCount = done;
      progress.value = done;
      $('bulk-status').textContent = progressText({ done, total: toChange.length, rate: pace.rate(), inFlight: pace.inFlight, startedMs, nowMs: Date.now() });
    };
    tell(0);
    // The rate and the time left change between keys too.
    const ticker = setInterval(() => tell(), 1000);
    status(`Deactivate selected: ${toChange.length} key${toChange.length === 1 ? '' : 's'} to deactivate…`);
    try {
      // The signing key, when included, goes alone after every other key has
      // finished, read-back included: once it is off, nothing more can be signed.
      const others = toChange.filter((row) => row.accessKeyId !== signingKeyId);
      const last = toChange.filter((row) => row.accessKeyId === signingKeyId);
      const work = (row) => panel.change(row, 'Inactive', { confirmed: true, session, signal });
      const results = await runBounded(others, { limit: pace.limit, signal, worker: pace.timed(work), onSettled: (_, done) => tell(done) });
      results.push(...await runBounded(last, { limit: 1, signal, worker: work, onSettled: () => tell(toChange.length) }));
      for (const result of results) {
        const row = result.item;
        if (result.ok && result.value) outcomes.push(result.value);
        else {
          const outcome = {
            userName: row.userName, accessKeyId: row.accessKeyId, from: row.status, to: 'Inactive',
            result: result.skipped ? 'cancelled' : 'failed',
            text: result.skipped ? 'not sent: stopped before its turn' : `failed: ${session.redact(result.error?.message ?? result.error)}`,
          };
          panel.record(outcome);
          outcomes.push(outcome);
        }
      }
      const signer = panel.signer();
      summary = buildSummary({
        startedAt,
        finishedAt: new Date(),
        endpoint: prep.host,
        outcomes,
        view: panel.view(),
        rowOf: panel.row,
        hide: session.redact,
        signer: { userName: signer?.userName, arn: signer?.arn, accessKeyId: signingKeyId },
      });
    } finally {
      clearInterval(ticker);
      if (!signal.aborted) tell(toChange.length);
      const stopped = signal.aborted;
      session.done();
      running = null;
      $('stop-bulk').hidden = true;
      panel.render();
      if (stopped) $('bulk-status').textContent = `Stopped: ${progress.value} of ${toChange.length} keys done; keys in flight may have been changed.`;
    }
    show(summary, status);
  }

  function show({ counts, keys }, status) {
    const heading = $('bulk-result-heading');
    const parts = [`${counts.confirmed} confirmed by IAM`];
    if (counts.sentNotYetConfirmed) parts.push(`${counts.sentNotYetConfirmed} sent, not yet shown by IAM`);
    if (counts.failed) parts.push(`${counts.failed} failed`);
    if (counts.noAnswer) parts.push(`${counts.noAnswer} without an answer`);
    if (counts.notSent) parts.push(`${counts.notSent} not sent`);
    heading.textContent = `Deactivate selected: ${counts.keys} keys; ${parts.join(', ')}.`;
    status(heading.textContent);
    $('bulk-outcomes').replaceChildren(...keys.map((key) => {
      const li = document.createElement('li');
      li.className = `outcome-${key.result}`;
      li.textContent = `${key.accessKeyId} (${key.userName}): ${key.detail}${key.requestId ? `; request id ${key.requestId}` : ''}`;
      return li;
    }));
    $('bulk-result').hidden = false;
    $('bulk-result').focus();
  }

  function save(format) {
    if (!summary) return;
    const body = format === 'csv' ? summaryCsv(summary) : `${JSON.stringify(summary, null, 2)}\n`;
    const blob = new Blob([body], { type: format === 'csv' ? 'text/csv' : 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = summaryFileName(new Date(summary.finishedAt), format);
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  }

  return {
    forget() {
      running?.abort();
      summary = null;
      $('bulk-result').hidden = true;
      $('bulk-progress-block').hidden = true;
    },
  };
}
