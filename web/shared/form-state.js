// One mechanism for everything the page shows about its inputs: when an
// input changes, its own field error goes (found through the control's
// aria-describedby, so no list of fields can miss one), and so does every
// part made from the inputs it belongs to.
//
// An input belongs to the group named by its closest data-inputs ancestor
// (identity: who signs and where; secret; request: the single-call form;
// leak-text: the pasted text of "A key leaked"). A part that depends on groups says so:
//   - in the markup, data-depends-on="identity request": emptied on a change
//     (and hidden too when it has data-hide-when-cleared);
//   - in code, onInputsChanged(['identity'], clear): clear() is called.

const listeners = [];

/** Calls clear() whenever an input of one of groups changes. */
export function onInputsChanged(groups, clear) {
  listeners.push({ groups, clear });
}

/** A field's own error, cleared: the field-error elements it names in aria-describedby (a radio: its fieldset's). */
export function clearOwnError(control) {
  const owners = [control, control.closest?.('fieldset[aria-describedby]')].filter(Boolean);
  for (const owner of owners) {
    const ids = (owner.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    let cleared = false;
    for (const id of ids) {
      const node = document.getElementById(id);
      if (node?.classList.contains('field-error') && node.textContent) {
        node.textContent = '';
        cleared = true;
      }
    }
    if (cleared || owner.getAttribute('aria-invalid') === 'true') owner.removeAttribute('aria-invalid');
  }
}

/** The group an input belongs to, or null. */
export function groupOf(control) {
  return control.closest?.('[data-inputs]')?.dataset.inputs ?? null;
}

function changed(event) {
  const control = event.target;
  if (!(control instanceof Element) || !control.matches('input, select, textarea')) return;
  clearOwnError(control);
  const group = groupOf(control);
  if (!group) return;
  for (const part of document.querySelectorAll('[data-depends-on]')) {
    if (!part.dataset.dependsOn.split(/\s+/).includes(group)) continue;
    part.replaceChildren();
    if ('hideWhenCleared' in part.dataset) part.hidden = true;
  }
  for (const { groups, clear } of listeners) if (groups.includes(group)) clear(group);
}

/**
 * Starts watching (once, for the whole document). In the capture phase, so
 * the stale error is gone before a field's own listener checks the new value
 * (the single-call form's live check) and shows its verdict.
 */
export function watchInputs() {
  for (const type of ['input', 'change']) document.addEventListener(type, changed, { capture: true });
}
