// Renders the keys table: one row per key with its user, ID, status, created
// (date and age), last use, an Activate / Deactivate button and the outcome
// of its last change. A row from the credential report is a key slot without
// its ID: a "Show key ID" button asks IAM for it (ListAccessKeys of the user). DOM only, built with textContent (Trusted Types); the
// data and what the buttons do belong to keys-panel.js. Re-rendering keeps
// keyboard focus on the same control of the same key.
import { createdText, lastUseText } from '../shared/key-age.js';

const $ = (id) => document.getElementById(id);

function cell(label, ...children) {
  const td = document.createElement('td');
  td.dataset.label = label; // shown as the cell's heading in the narrow (phone) layout
  td.append(...children);
  return td;
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className) node.className = className;
  return node;
}

function focusedControl() {
  const active = document.activeElement;
  return active?.closest?.('#keys-body') ? { key: active.dataset.key, control: active.dataset.control } : null;
}

/**
 * rows: the rows to show, in order. view: { now, signingKeyId, selected:
 * Set of row IDs (a key's ID, or a slot's slotId), outcomes: Map key ID ->
 * outcome, busy: Set of row IDs being changed or read, onToggle(row,
 * checked), onChange(row, status), onShowId(row), rowActions?: {
 * onRotate(row), onDelete(row), atLimit(userName), limitText } (web/rotate/;
 * not on a report slot, which has no key ID yet) }.
 */
export function renderKeys(rows, view) {
  const keep = focusedControl();
  const body = $('keys-body');
  body.replaceChildren(...rows.map((row) => keyRow(row, view)));
  $('keys-table').hidden = rows.length === 0;
  if (keep) body.querySelector(`[data-key="${CSS.escape(keep.key)}"][data-control="${keep.control}"]`)?.focus();
}

/** A row IAM's answer did not let the page read: shown with the reason, nothing to select or change. */
function unreadableRow(row) {
  const tr = document.createElement('tr');
  tr.className = 'unreadable';
  const idCell = cell('Access key ID', text('span', row.accessKeyId, 'key-id'));
  idCell.className = 'key-id-cell';
  tr.append(
    cell('Select'),
    cell('User', row.userName),
    idCell,
    cell('Status', text('span', 'unreadable')),
    cell('Created', row.createDate ? createdText(row.createDate, new Date()) : ''),
    cell('Last used', ''),
    cell('Change', ''),
    cell('Outcome', text('span', row.unreadable, 'outcome-failed')),
  );
  return tr;
}

/** What names a row's key: its ID, or for a slot from the report, the slot. */
const keyName = (row) => row.accessKeyId ?? `key ${row.slot}`;

/** The ID cell of a slot from the report: no ID yet, and a button to read it. */
function slotIdCell(row, { busy, onShowId }) {
  const idCell = cell('Access key ID', text('span', `key ${row.slot}: ID not read yet`, 'key-id'));
  idCell.className = 'key-id-cell';
  if (row.root) {
    idCell.append(text('span', 'the root user\'s: IAM lists its ID only to the root user', 'badge'));
    return idCell;
  }
  const show = document.createElement('button');
  show.type = 'button';
  show.textContent = busy.has(row.id) ? 'Reading…' : 'Show key ID';
  show.setAttribute('aria-label', `Show the key ID of key ${row.slot} of ${row.userName}`);
  if (busy.has(row.id)) show.setAttribute('aria-disabled', 'true');
  Object.assign(show.dataset, { key: row.id, control: 'show-id' });
  show.addEventListener('click', () => { if (!busy.has(row.id)) onShowId(row); });
  idCell.append(' ', show);
  return idCell;
}

function keyRow(row, view) {
  if (row.unreadable) return unreadableRow(row);
  const { now, signingKeyId, selected, outcomes, busy, onToggle, onChange, rowActions } = view;
  const tr = document.createElement('tr');
  const signing = row.accessKeyId !== null && row.accessKeyId === signingKeyId;
  if (signing) tr.className = 'signing-key';

  const select = document.createElement('input');
  select.type = 'checkbox';
  select.checked = selected.has(row.id);
  select.setAttribute('aria-label', `Select ${keyName(row)} (${row.userName})`);
  Object.assign(select.dataset, { key: row.id, control: 'select' });
  select.addEventListener('change', () => onToggle(row, select.checked));
  if (row.root) select.disabled = true;

  let idCell;
  if (row.accessKeyId === null) idCell = slotIdCell(row, view);
  else {
    idCell = cell('Access key ID', text('span', row.accessKeyId, 'key-id'));
    idCell.className = 'key-id-cell';
    if (signing) idCell.append(text('span', 'signs this page\'s requests', 'badge'));
  }

  const next = row.status === 'Active' ? 'Inactive' : 'Active';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = next === 'Inactive' ? 'Deactivate' : 'Activate';
  button.className = next === 'Inactive' ? 'danger' : '';
  // aria-disabled rather than disabled while its change runs: a disabled
  // button drops keyboard focus, and focus should stay on the key.
  if (busy.has(row.id) || row.root) button.setAttribute('aria-disabled', 'true');
  button.setAttribute('aria-label', `${button.textContent} ${keyName(row)} (${row.userName})`);
  Object.assign(button.dataset, { key: row.id, control: 'change' });
  button.addEventListener('click', () => { if (!busy.has(row.id) && !row.root) onChange(row, next); });

  // One child per cell: the phone layout sets a cell as a grid of its label and its content.
  const buttons = document.createElement('div');
  buttons.className = 'row-buttons';
  buttons.append(button, ...(rowActions && row.accessKeyId !== null ? rotationButtons(row, rowActions) : []));
  const changeCell = cell('Change', buttons);
  const user = document.createElement('div');
  user.append(row.userName);
  if (rowActions?.atLimit(row.userName)) user.append(text('span', rowActions.limitText, 'badge limit-badge'));
  const userCell = cell('User', user);

  const outcome = row.accessKeyId === null ? undefined : outcomes.get(row.accessKeyId);
  const outcomeCell = cell('Outcome');
  if (busy.has(row.id)) outcomeCell.append(text('span', row.accessKeyId === null ? 'reading its key ID…' : 'sending…'));
  else if (outcome) {
    outcomeCell.append(text('span', outcome.text, `outcome-${outcome.result}`));
    if (outcome.requestId) outcomeCell.append(text('span', `request id ${outcome.requestId}`, 'request-id'));
  }

  tr.append(
    cell('Select', select),
    userCell,
    idCell,
    cell('Status', text('span', row.status, `status-${row.status.toLowerCase()}`)),
    cell('Created', createdText(row.createDate, now)),
    cell('Last used', lastUseText(row.lastUse, now)),
    changeCell,
    outcomeCell,
  );
  return tr;
}

/** Rotate (every key, the signer's own too) and Delete (an Inactive key only: one at a time, never in bulk). */
function rotationButtons(row, { onRotate, onDelete }) {
  const rotate = document.createElement('button');
  rotate.type = 'button';
  rotate.textContent = 'Rotate';
  rotate.setAttribute('aria-label', `Rotate ${row.accessKeyId} (${row.userName})`);
  Object.assign(rotate.dataset, { key: row.accessKeyId, control: 'rotate' });
  rotate.addEventListener('click', () => onRotate(row));
  if (row.status !== 'Inactive') return [rotate];
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Delete';
  remove.className = 'danger';
  remove.setAttribute('aria-label', `Delete ${row.accessKeyId} (${row.userName})`);
  Object.assign(remove.dataset, { key: row.accessKeyId, control: 'delete' });
  remove.addEventListener('click', () => onDelete(row));
  return [rotate, remove];
}
