// "Deactivate selected": a progress bar, a bounded number of requests in
// flight (bulk.js), throttling left to the client's retries and retry quota,
// an outcome per key with its request id, and a summary to save as JSON.
import { BULK_CONCURRENCY, runBounded, signingKeyLast } from './bulk.js';
import { buildSummary, summaryFileName } from './summary.js';
import { confirmSigningKeyOff } from './lockout.js';
import { openClient, prepare } from './page-client.js';

const $ = (id) => document.getElementById(id);

export function setUpBulk(kf, panel) {
  let running = null; // AbortController of the run in flight
  let summary = null;

  $('deactivate-selected').addEventListener('click', run);
  $('stop-bulk').addEventListener('click', () => running?.abort());
  $('save-summary').addEventListener('click', save);

  async function run() {
    if (running) return;
    const chosen = panel.selectedRows();
    if (!chosen.length) return;
    const prep = prepare(kf);
    if (prep.problem) {
      $('keys-status').textContent = prep.problem;
      return;
    }
    const toChange = signingKeyLast(chosen.filter((row) => row.status === 'Active'), prep.signingKeyId);
    const already = chosen.filter((row) => row.status !== 'Active');
    const signing = toChange.find((row) => row.accessKeyId === prep.signingKeyId);
    if (signing && !(await confirmSigningKeyOff(signing))) {
      $('keys-status').textContent = `Nothing sent: kept ${signing.accessKeyId} Active. Unselect it to deactivate the others.`;
      return;
    }
    running = new AbortController();
    const startedAt = new Date();
    const session = openClient(kf, prep.endpointOptions, {
      onRetry: ({ error }) => { $('bulk-status').textContent = `IAM is throttling or slow (${error.code || error.name}); the client waits and retries…`; },
    });
    summary = null;
    $('bulk-result').hidden = true;
    $('bulk-progress-block').hidden = false;
    $('stop-bulk').hidden = false;
    const progress = $('bulk-progress');
    progress.max = Math.max(1, toChange.length);
    progress.value = 0;
    const tell = (done) => {
      progress.value = done;
      $('bulk-status').textContent = `${done} of ${toChange.length} keys done (at most ${BULK_CONCURRENCY} at a time).`;
    };
    tell(0);
    const outcomes = already.map((row) => ({
      userName: row.userName, accessKeyId: row.accessKeyId, from: row.status, to: 'Inactive', result: 'not-sent', text: `not sent: already ${row.status}`,
    }));
    try {
      const results = await runBounded(toChange, {
        limit: BULK_CONCURRENCY,
        signal: running.signal,
        worker: (row) => panel.change(row, 'Inactive', { confirmed: true, session }),
        onSettled: (_, done) => tell(done),
      });
      for (const result of results) {
        const row = result.item;
        if (result.ok) outcomes.push(result.value);
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
    } finally {
      session.done();
      running = null;
      $('stop-bulk').hidden = true;
      panel.render();
    }
    const signer = panel.signer();
    summary = buildSummary({
      startedAt, finishedAt: new Date(), endpoint: prep.host, outcomes,
      signer: { userName: signer?.userName, arn: signer?.arn, accessKeyId: prep.signingKeyId },
    });
    show(summary);
  }

  function show({ counts, keys }) {
    const heading = $('bulk-result-heading');
    const parts = [`${counts.confirmed} confirmed by IAM`];
    if (counts.sentNotYetConfirmed) parts.push(`${counts.sentNotYetConfirmed} sent, not yet shown by IAM`);
    if (counts.failed) parts.push(`${counts.failed} failed`);
    if (counts.noAnswer) parts.push(`${counts.noAnswer} without an answer`);
    if (counts.notSent) parts.push(`${counts.notSent} not sent`);
    heading.textContent = `Deactivate selected: ${counts.keys} keys; ${parts.join(', ')}.`;
    $('bulk-outcomes').replaceChildren(...keys.map((key) => {
      const li = document.createElement('li');
      li.className = `outcome-${key.result}`;
      li.textContent = `${key.accessKeyId} (${key.userName}): ${key.detail}${key.requestId ? `; request id ${key.requestId}` : ''}`;
      return li;
    }));
    $('bulk-result').hidden = false;
    $('bulk-result').focus();
  }

  function save() {
    if (!summary) return;
    const blob = new Blob([`${JSON.stringify(summary, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = summaryFileName(new Date(summary.finishedAt));
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  }

  return { forget() { summary = null; $('bulk-result').hidden = true; $('bulk-progress-block').hidden = true; } };
}
