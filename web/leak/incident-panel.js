// "Respond to the leak": the package's createIncident on the key picked in
// the leak entry. The C++ core decides every step (whose key, the owner and
// AWS's quarantine, turn it off, cut off its sessions, the record); this file
// asks the person before each change, shows each step as it is recorded,
// and lets the person switch the signing credentials (the signer bar's
// Change) and continue without losing the incident's progress: the incident
// lives here, not in the credentials, so nothing clears it but a new one.
// The record is saved as JSON or Markdown; it holds no secret (every text from
// a server passes the redactor of the credentials that signed).
import { createIncident, triageKeyId } from '../../wasm/js/index.js';
import { askChoice } from '../shared/choice-dialog.js';
import { stsRegionFor } from '../shared/iam-endpoints.js';
import { openClient, prepare } from '../shared/page-client.js';

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== ''));
  return node;
}

const OUTCOME_WORDS = {
  ok: 'done', failed: 'failed', denied: 'refused', approved: 'you approved', declined: 'you declined',
  confirmed: 'confirmed by IAM', unconfirmed: 'not yet confirmed by IAM', tooLarge: 'does not fit', differs: 'differs',
};

/** The key picked in the leak entry (its radio list), or null. */
function pickedKeyId() {
  return document.querySelector('input[name="lookup-key"]:checked')?.value ?? null;
}

function fileStamp(iso) {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$|Z$/, 'Z');
}

export function setUpIncident(kf) {
  const status = $('incident-status');
  let incident = null;
  let running = false;
  // Each run signs with the credentials in the form at that moment; the
  // record's texts pass the redactor of the run's own credentials.
  let redactNow = (text) => text;

  $('incident-start').addEventListener('click', start);
  $('incident-continue').addEventListener('click', () => run());
  $('incident-change-signer').addEventListener('click', () => {
    $('change-signer')?.click();
    $('access-key-id').focus();
  });
  $('incident-save-json').addEventListener('click', () => save('json'));
  $('incident-save-md').addEventListener('click', () => save('md'));

  async function start() {
    if (running) return;
    const accessKeyId = pickedKeyId();
    if (!accessKeyId) {
      status.textContent = 'Paste the text with the leaked key\'s ID above first: keyflip finds the key IDs in it.';
      $('lookup-text').focus();
      return;
    }
    const triage = await triageKeyId(accessKeyId);
    renderTriage(accessKeyId, triage);
    if (triage.issues.length) {
      status.textContent = `Not sent: ${triage.issues.map((i) => i.message).join('; ')}`;
      return;
    }
    incident = await createIncident({ accessKeyId, redact: (text) => redactNow(text) });
    render();
    await run();
  }

  async function run() {
    if (running || !incident) return;
    const prep = prepare(kf);
    if (prep.problem) {
      status.textContent = prep.problem;
      return;
    }
    running = true;
    $('incident-continue').hidden = true;
    $('incident-start').setAttribute('aria-disabled', 'true');
    status.textContent = 'Working…';
    // STS is regional: against a partition, it is asked in IAM's own signing
    // region there (the origin the page's CSP admits for it).
    const options = { ...prep.endpointOptions };
    if (!options.endpoint && !options.region) options.region = stsRegionFor(kf.endpoints(), options);
    const session = openClient(kf, options);
    redactNow = session.redact;
    try {
      const outcome = await incident.run(session.client, { confirm, signerAccessKeyId: prep.signingKeyId, onStep: () => render() });
      render(outcome);
    } catch (error) {
      status.textContent = `The response stopped: ${session.redact(error?.message ?? String(error))}`;
      $('incident-continue').hidden = false;
    } finally {
      session.done();
      redactNow = (text) => text;
      running = false;
      $('incident-start').removeAttribute('aria-disabled');
    }
  }

  /** The person's answer before each change; only an explicit choice goes ahead. */
  async function confirm(question) {
    if (question.step === 'deactivate' && question.signsRequests) {
      return askChoice({
        heading: `Deactivate the key that signs these requests?`,
        body: [`${question.accessKeyId}, the leaked key, is the one signing this page's requests. Once it is Inactive nothing more can be signed with it: not the cut of its sessions, not turning it back on. Better: change the signing credentials to another principal's (an administrator's) and continue.`],
        choices: [
          { label: `Deactivate ${question.accessKeyId} anyway`, value: true, danger: true },
          { label: 'Keep it; I will switch credentials', value: false, safe: true },
        ],
      });
    }
    if (question.step === 'deactivate') {
      return askChoice({
        heading: `Deactivate ${question.accessKeyId}?`,
        body: [`${question.accessKeyId} belongs to ${question.userName}. Whatever uses it stops working at once; it can be turned back on later.`],
        choices: [
          { label: `Deactivate ${question.accessKeyId}`, value: true, danger: true },
          { label: 'Not now', value: false, safe: true },
        ],
      });
    }
    return askChoice({
      heading: `Cut off the sessions made from ${question.userName}'s keys?`,
      body: [
        `Sessions made with GetSessionToken or GetFederationToken live up to 36 hours and outlive the key. This puts AWS's documented deny as the inline policy ${question.policyName} on ${question.userName}: every request signed with ${question.userName}'s temporary credentials issued before now is refused. ${question.userName}'s long-term keys are not affected.`,
        el('pre', { className: 'policy' }, question.document),
        question.notCovered,
      ],
      choices: [
        { label: `Put the deny on ${question.userName}`, value: true, danger: true },
        { label: 'Not now', value: false, safe: true },
      ],
    });
  }

  function renderTriage(accessKeyId, triage) {
    const parts = [el('p', { id: 'incident-kind' }, `${accessKeyId}: ${triage.kindName || 'not an IAM ID'}. ${triage.advice}`)];
    if (triage.encodedAccount) {
      parts.push(el('p', { id: 'incident-encoded-account' }, `The ID itself suggests account ${triage.encodedAccount}: ${triage.encodedAccountLabel}.`));
    } else if (triage.generationReason && !triage.issues.length) {
      parts.push(el('p', { id: 'incident-encoded-account' }, `The ID encodes no account: ${triage.generationReason}.`));
    }
    $('incident-triage').replaceChildren(...parts);
    $('incident-steps').replaceChildren();
    $('incident-facts').replaceChildren();
    $('incident-next').hidden = true;
    $('incident-record-actions').hidden = true;
  }

  /** Everything shown comes from the record (the same words as the saved one). */
  function render(outcome) {
    const record = incident.record();
    $('incident-steps').replaceChildren(...record.steps.map((s, i) => el('li', { id: `incident-step-${i}` },
      el('span', { className: 'when' }, `${s.time.slice(11, 19)} UTC`), ' ',
      el('strong', {}, s.action || s.step), `: ${OUTCOME_WORDS[s.outcome] ?? s.outcome}`,
      s.detail ? ` (${s.detail})` : '',
      s.error && s.outcome !== 'denied' ? `: ${s.error.code}: ${s.error.message}` : '',
      s.requestId ? el('span', { className: 'request-id' }, ` request id ${s.requestId}`) : '',
      s.signerArn ? el('span', { className: 'signer' }, ` signed by ${s.signerArn}`) : '')));
    const facts = [];
    if (record.ownership) facts.push(el('p', { id: 'incident-ownership' }, record.ownership.message));
    if (record.owner?.userName) {
      const last = record.owner.lastUsed;
      facts.push(el('p', { id: 'incident-owner' }, `Owner: ${record.owner.userName}; key status: ${record.owner.status ?? 'not listed'}; last used ${last.date ? `${last.date.replace('T', ' ').replace('Z', ' UTC')} (${last.serviceName}, ${last.region})` : 'never'}.`));
    }
    for (const q of record.quarantine) facts.push(el('p', { className: 'quarantine', id: 'incident-quarantine' }, q.explanation));
    if (record.policy?.size) facts.push(el('p', { id: 'incident-size' }, record.policy.size.message));
    if (record.policy?.cutoff) facts.push(el('p', { id: 'incident-cut' }, `Sessions of ${record.owner.userName} issued before ${record.policy.cutoff.replace('T', ' ').replace('Z', ' UTC')} are denied (${record.policy.name}${record.policy.readBack === 'matches' ? ', read back from IAM' : ''}).`));
    $('incident-facts').replaceChildren(...facts);
    $('incident-next-list').replaceChildren(...record.nextSteps.map((step) => el('li', {}, step)));
    $('incident-not-covered').textContent = record.notCovered;
    $('incident-next').hidden = false;
    $('incident-record-actions').hidden = false;
    if (!outcome) return;
    if (outcome.status === 'done') {
      status.textContent = 'Done: every step is in the record below. What keyflip cannot do is listed under Next steps.';
    } else {
      status.textContent = outcome.message;
    }
    const switchSigner = outcome.stopReason === 'denied' || outcome.stopReason === 'signingWithLeakedKey';
    $('incident-switch').hidden = !switchSigner;
    $('incident-continue').hidden = !outcome.resumable;
    $('incident-continue').textContent = switchSigner ? 'Continue with the credentials now in the form' : 'Try again';
    status.focus();
  }

  function save(kind) {
    if (!incident) return;
    const record = incident.record();
    const text = kind === 'json' ? `${JSON.stringify(record, null, 2)}\n` : incident.toMarkdown();
    const blob = new Blob([text], { type: kind === 'json' ? 'application/json' : 'text/markdown' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `keyflip-incident-${record.keyId}-${fileStamp(record.startedAt)}.${kind}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  }

  return {
    /** Whether a response is under way (the page keeps it through credential changes). */
    get running() { return running; },
  };
}
