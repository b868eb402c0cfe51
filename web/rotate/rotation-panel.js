// The page's rotation panel: runs the package's rotateAccessKey for one key
// (one rotation at a time: several new secrets on one screen is a hazard),
// asks the person each question the core puts (which key to delete at the
// limit, roll back, retire), shows the progress and the new secret once
// (secret-view.js), and offers the record as JSON. The flow's rules are the
// core's; this file only renders and collects answers.
import { rotateAccessKey } from '../../wasm/js/index.js';
import { showSecretOnce } from './secret-view.js';
import { el, lastUseWords, saveJson } from './panel-parts.js';

const STEP_WORDS = {
  'identify-signer': 'Checking who signs (STS GetCallerIdentity)…',
  'list-keys': 'Listing the keys and their last use…',
  'delete-key-for-room': 'Deleting the picked key to make room…',
  'create-key': 'Creating the new key (CreateAccessKey)…',
  'prove-new-key': 'Checking that the new key works (GetCallerIdentity signed with it)…',
  'delete-new-key': 'Deleting the new key again…',
  'read-old-key-last-use': 'Reading the old key\'s last use again…',
  'switch-signer': 'Switching this page to sign with the new key…',
  'deactivate-old-key': 'Deactivating the old key (UpdateAccessKey)…',
};

const OUTCOME_WORDS = {
  rotated: 'Rotated',
  'old-key-kept-active': 'New key works; old key kept active',
  'not-proven-kept': 'New key never worked; kept',
  'rolled-back': 'Rolled back',
  stopped: 'Stopped',
  refused: 'Not rotated',
  failed: 'Failed',
};

/** The core's words as a sentence on the page. */
const sentence = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

/**
 * section: the panel's element. hooks: { config(): { config, signingKeyId,
 * done() } | { problem } (done forgets the signer's credentials when the flow
 * ends), proveTimeoutMs() (undefined: the default), signWithInMemory(credentials,
 * replacesKeyId), recentWindowDays, onFinished(result) }.
 */
export function createRotationPanel(section, hooks) {
  let running = null; // { controller }

  const heading = el('h2', { id: 'rotation-heading', tabIndex: -1 });
  const steps = el('ol', { id: 'rotation-steps', role: 'log', 'aria-live': 'polite' });
  const waiting = el('p', { id: 'rotation-waiting', role: 'status' });
  const question = el('div', { id: 'rotation-question' });
  const secret = el('div', { id: 'rotation-secret', hidden: true });
  const outcome = el('div', { id: 'rotation-outcome', tabIndex: -1 });
  const stop = el('button', { type: 'button', id: 'rotation-stop' }, 'Stop');
  const close = el('button', { type: 'button', id: 'rotation-close', hidden: true }, 'Close');
  stop.addEventListener('click', () => running?.controller.abort());
  close.addEventListener('click', () => { section.hidden = true; });
  section.setAttribute('aria-labelledby', 'rotation-heading');

  const log = (text) => steps.append(el('li', {}, text));

  /** Shows a question; resolves with what the clicked button gives. */
  function ask(nodes, buttons, signal) {
    return new Promise((resolve) => {
      const row = el('div', { className: 'actions' });
      for (const { label, id, value, primary, enabledWhen } of buttons) {
        const button = el('button', { type: 'button', id, className: primary ? 'primary' : '' }, label);
        if (enabledWhen) enabledWhen(button);
        button.addEventListener('click', () => { question.replaceChildren(); resolve(value()); });
        row.append(button);
      }
      question.replaceChildren(...nodes, row);
      row.querySelector('button:not(:disabled)')?.focus();
      signal.addEventListener('abort', () => { question.replaceChildren(); resolve(null); }, { once: true });
    });
  }

  function chooseKeyToDelete({ message, candidates }, signal) {
    let picked = null;
    const confirm = el('input', { type: 'checkbox', id: 'rotation-confirm-active' });
    const confirmRow = el('p', { className: 'field', hidden: true }, confirm,
      el('label', { htmlFor: 'rotation-confirm-active' }, ' Delete this Active key: whatever still uses it stops working, and a deleted key cannot be restored.'));
    let deleteButton;
    const refresh = () => {
      const active = picked?.status === 'Active';
      confirmRow.hidden = !active;
      if (deleteButton) deleteButton.disabled = !picked || (active && !confirm.checked);
    };
    confirm.addEventListener('change', refresh);
    const choices = el('fieldset', { className: 'choices' }, el('legend', {}, 'Key to delete to make room'),
      ...candidates.map((c, i) => {
        const radio = el('input', { type: 'radio', name: 'rotation-pick', id: `rotation-pick-${i}`, value: c.accessKeyId });
        radio.addEventListener('change', () => { picked = c; refresh(); });
        return el('div', { className: 'choice' }, radio, el('label', { htmlFor: radio.id },
          `${c.accessKeyId} (${c.status}; ${lastUseWords(c.lastUsed)})`,
          c.recentlyUsed ? el('strong', { className: 'warning' }, ` used within the last ${hooks.recentWindowDays} days`) : null));
      }));
    return ask([el('p', { id: 'rotation-question-text' }, message), choices, confirmRow], [
      { label: 'Delete it and go on', id: 'rotation-delete-pick', primary: true, enabledWhen: (b) => { deleteButton = b; b.disabled = true; },
        value: () => ({ accessKeyId: picked.accessKeyId, confirmed: picked.status === 'Inactive' || confirm.checked }) },
      { label: 'Delete nothing', id: 'rotation-delete-none', value: () => null },
    ], signal);
  }

  function confirmRetire({ accessKeyId, newKeyId, lastUsed, recentlyUsed }, signingKeyId, signal) {
    const words = [
      el('p', { id: 'rotation-question-text' }, `The new key ${newKeyId} works. The old key ${accessKeyId} was ${lastUseWords(lastUsed)}.`),
    ];
    if (recentlyUsed) words.push(el('p', { className: 'warning' }, `It was used within the last ${hooks.recentWindowDays} days: something may still use it. Deactivating it stops that; you can reactivate it.`));
    if (accessKeyId === signingKeyId) words.push(el('p', {}, 'This page signs with the old key: it switches to the new one first (in memory only), so you are not locked out.'));
    return ask(words, [
      { label: `Deactivate ${accessKeyId}`, id: 'rotation-retire', primary: true, value: () => true },
      { label: 'Keep it active', id: 'rotation-keep', value: () => false },
    ], signal);
  }

  function confirmRollback({ message }, signal) {
    return ask([el('p', { id: 'rotation-question-text' }, sentence(message))], [
      { label: 'Delete the new key', id: 'rotation-rollback', primary: true, value: () => true },
      { label: 'Keep it', id: 'rotation-keep-new', value: () => false },
    ], signal);
  }

  function onEvent(event) {
    if (event.type === 'step-start' && STEP_WORDS[event.step] && event.step !== 'prove-new-key') log(STEP_WORDS[event.step]);
    else if (event.type === 'prove-attempt') {
      waiting.textContent = event.result === 'works'
        ? `The new key works (attempt ${event.attempt}, after ${Math.round(event.elapsedMs / 1000)} s).`
        : `Attempt ${event.attempt}: not yet (${event.code}); ${Math.round(event.elapsedMs / 1000)} s so far.`;
    } else if (event.type === 'step' && event.step === 'create-key') log(`Created ${event.accessKeyId}.`);
    else if (event.type === 'step' && event.step === 'prove-new-key' && event.outcome === 'ok') log(`The new key works (${event.attempts} attempts).`);
  }

  /** Starts a rotation of { userName, accessKeyId }; false (and says why) when one is running or the form is not ready. */
  async function start({ userName, accessKeyId }) {
    section.hidden = false;
    if (running) {
      outcome.replaceChildren(el('p', { className: 'problem' }, 'One rotation at a time: finish or stop the one in progress first.'));
      outcome.focus();
      return false;
    }
    const prepared = hooks.config();
    heading.textContent = `Rotate ${accessKeyId}${userName ? ` (${userName})` : ''}`;
    steps.replaceChildren();
    waiting.textContent = '';
    question.replaceChildren();
    outcome.replaceChildren();
    section.replaceChildren(heading, steps, waiting, question, secret, outcome, el('div', { className: 'actions' }, stop, close));
    if (prepared.problem) {
      outcome.replaceChildren(el('p', { className: 'problem' }, prepared.problem));
      close.hidden = false;
      return false;
    }
    const { signingKeyId } = prepared;
    const controller = new AbortController();
    running = { controller };
    stop.hidden = false;
    close.hidden = true;
    heading.focus();
    let pending = null; // the new credentials, only while the flow runs (for the signer switch)
    let shown = null;
    let result;
    try {
      result = await rotateAccessKey({
        config: prepared.config, userName: userName || undefined, accessKeyId, signal: controller.signal,
        proveTimeoutMs: hooks.proveTimeoutMs?.(),
        chooseKeyToDelete: (q) => chooseKeyToDelete(q, controller.signal),
        confirmRetire: (q) => confirmRetire(q, signingKeyId, controller.signal),
        confirmRollback: (q) => confirmRollback(q, controller.signal),
        onSecret: (key) => {
          pending = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
          shown = showSecretOnce(secret, key);
          log('The new secret is shown below, once. Save it, then press Done.');
          return shown.acknowledged;
        },
        onEvent: (event) => {
          if (event.type === 'step' && event.step === 'switch-signer') hooks.signWithInMemory(pending, accessKeyId);
          onEvent(event);
        },
      });
    } catch (error) {
      result = { outcome: 'failed', message: error.message, record: null };
    } finally {
      pending = null;
      running = null;
      prepared.done();
    }
    stop.hidden = true;
    close.hidden = false;
    waiting.textContent = '';
    showOutcome(result);
    hooks.onFinished?.(result);
    return true;
  }

  function showOutcome(result) {
    const parts = [el('h3', { id: 'rotation-outcome-heading', className: result.outcome === 'rotated' ? 'success' : result.outcome === 'failed' ? 'problem' : '' },
      OUTCOME_WORDS[result.outcome] ?? result.outcome), el('p', { id: 'rotation-outcome-message' }, sentence(result.message))];
    if (result.record) {
      const save = el('button', { type: 'button', id: 'rotation-save-record' }, 'Save the record (JSON)');
      save.addEventListener('click', () => saveJson(`rotation-${result.record.user ?? 'key'}-${result.record.startedAt.replace(/[:.]/g, '-')}.json`, result.record));
      parts.push(el('div', { className: 'actions' }, save));
    }
    outcome.replaceChildren(...parts);
    outcome.focus();
  }

  return { start, busy: () => running !== null };
}
