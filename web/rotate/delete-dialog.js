// Deleting one Inactive key later, from its row of the keys table (issue 17
// item 3e): the package's deleteInactiveAccessKey decides (only an Inactive
// key, the typed ID must match, a warning when it was used recently); this
// file asks for the ID, as the Console does, and shows the outcome. One key
// at a time: never part of a bulk action.
import { deleteInactiveAccessKey } from '../../wasm/js/index.js';
import { el, lastUseWords } from './panel-parts.js';

const OUTCOME_WORDS = { deleted: 'Deleted', refused: 'Not deleted', failed: 'Failed', unknown: 'No answer: it may have been deleted' };

/** section: the dialog's element. hooks: { config(): { config, done() } | { problem }, onFinished(result) }. */
export function createDeleteDialog(section, hooks) {
  let running = false;

  async function start({ userName, accessKeyId }) {
    section.hidden = false;
    if (running) {
      section.querySelector('#delete-typed-id, #delete-heading')?.focus();
      return false; // one deletion at a time
    }
    const heading = el('h2', { id: 'delete-heading', tabIndex: -1 }, `Delete ${accessKeyId} (${userName})`);
    const body = el('div', { id: 'delete-body' });
    const outcome = el('div', { id: 'delete-outcome', tabIndex: -1, role: 'status' });
    const close = el('button', { type: 'button', id: 'delete-close' }, 'Close');
    close.addEventListener('click', () => { section.hidden = true; section.replaceChildren(); });
    section.setAttribute('aria-labelledby', 'delete-heading');
    section.replaceChildren(heading, body, outcome, el('div', { className: 'actions' }, close));
    const prepared = hooks.config();
    if (prepared.problem) {
      outcome.textContent = prepared.problem;
      return false;
    }
    running = true;
    heading.focus();
    body.textContent = 'Reading the key and its last use…';
    let result;
    try {
      result = await deleteInactiveAccessKey({
        config: prepared.config, userName, accessKeyId,
        confirmTypedId: (q) => new Promise((resolve) => {
          const input = el('input', { id: 'delete-typed-id', autocomplete: 'off', spellcheck: false });
          const confirm = el('button', { type: 'button', id: 'delete-confirm', className: 'danger' }, `Delete ${accessKeyId}`);
          const cancel = el('button', { type: 'button', id: 'delete-cancel' }, 'Cancel');
          confirm.addEventListener('click', () => { body.replaceChildren(); resolve(input.value); });
          cancel.addEventListener('click', () => { body.replaceChildren(); resolve(''); });
          body.replaceChildren(
            el('p', { id: 'delete-message', className: q.recentlyUsed ? 'warning' : '' }, q.message),
            el('p', {}, `It was ${lastUseWords(q.lastUsed)}.`),
            el('div', { className: 'field' }, el('label', { htmlFor: 'delete-typed-id' }, `Type ${accessKeyId} to delete it`), input),
            el('div', { className: 'actions' }, confirm, cancel),
          );
          input.focus();
        }),
      });
    } catch (error) {
      result = { outcome: 'failed', message: error.message };
    } finally {
      running = false;
      prepared.done();
    }
    body.replaceChildren();
    outcome.replaceChildren(el('strong', { id: 'delete-outcome-heading' }, `${OUTCOME_WORDS[result.outcome] ?? result.outcome}: `), result.message);
    outcome.focus();
    hooks.onFinished?.(result);
    return true;
  }

  return { start, busy: () => running };
}
