// "A key leaked": paste anything, pick one of the key IDs found in it
// (key-ids.js), and IAM says whose it is (GetAccessKeyLastUsed), its status
// and age and the owner's other keys (ListAccessKeys), each with its last use.
// Deactivate is one button away, with the read-back; the result updates in
// place whenever the key changes (here or in the keys table) and keyboard
// focus stays where it was. The keys join the keys table too.
import { IamError, ValidationError } from '../../wasm/js/index.js';
import { createdText, lastUseFromIam, lastUseText, utcClock } from '../shared/key-age.js';
import { READ_BOUNDS, listKeyMetadata, readLastUses, rowFromMetadata } from '../shared/keys-source.js';
import { describeError, openClient, prepare } from '../shared/page-client.js';
import { findKeyIds } from './key-ids.js';

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const ANOTHER_ACCOUNT = 'IAM answers NoSuchEntity for a key it does not hold in this account: the key may belong to another AWS account '
  + '(its owner must turn it off, or report it to AWS), may have been deleted, or the ID may be mistyped.';

/** The key's status line: its status, and how IAM confirmed it after a change made here. */
export function statusText(row, outcome, now) {
  const created = row.createDate ? `; created ${createdText(row.createDate, now)}` : '';
  let status = row.status;
  if (outcome?.result === 'confirmed' && outcome.seenAt) status = `${row.status}, confirmed by IAM at ${utcClock(new Date(outcome.seenAt))}`;
  else if (outcome && outcome.result !== 'confirmed') status = `${row.status} (last change: ${outcome.text})`;
  return `Status: ${status}${created}.`;
}

export function setUpOwnerLookup(kf, panel) {
  const result = $('lookup-result');
  let shown = null; // { accessKeyId, owner, otherIds } of the result on screen
  let generation = 0; // a newer lookup or a forget makes an older one's answer stale

  $('lookup').addEventListener('click', () => lookUp());
  $('lookup-text').addEventListener('input', listFound);
  $('lookup-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      lookUp();
    }
  });
  // A change made anywhere (the keys table, bulk, this result) updates the result in place.
  panel.onRecord((accessKeyId) => { if (shown && (accessKeyId === shown.accessKeyId || shown.otherIds.includes(accessKeyId))) render(); });

  function listFound() {
    const found = findKeyIds($('lookup-text').value);
    const previous = chosenKeyId();
    $('lookup-found').hidden = found.length === 0;
    $('lookup-found-legend').textContent = found.length === 1 ? 'Key ID found' : `Key IDs found (${found.length}): pick one`;
    $('lookup-found-list').replaceChildren(...found.map((key, index) => {
      const id = `lookup-found-${index}`;
      const radio = el('input', { type: 'radio', name: 'lookup-key', id, value: key.accessKeyId });
      radio.checked = previous ? key.accessKeyId === previous : index === 0;
      const times = key.count > 1 ? `, ${key.count} times` : '';
      return el('div', { className: 'choice' }, radio,
        el('label', { htmlFor: id }, key.accessKeyId, el('span', { className: 'where' }, ` (${key.kind}${times})`)));
    }));
    if (found.length && !found.some((key) => key.accessKeyId === chosenKeyId())) $('lookup-found-0').checked = true;
    return found;
  }

  function chosenKeyId() {
    return document.querySelector('input[name="lookup-key"]:checked')?.value ?? null;
  }

  const show = (...children) => { result.replaceChildren(...children); };
  const line = (text, id) => el('p', id ? { id } : {}, text);

  async function lookUp() {
    const found = listFound();
    const accessKeyId = chosenKeyId();
    if (!accessKeyId) {
      $('lookup-text-error').textContent = $('lookup-text').value.trim()
        ? 'No access key ID found in the text: a key ID starts with AKIA (a user\'s key) or ASIA (a temporary key), then upper-case letters and digits, 16 to 128 characters in all.'
        : 'Paste the text that holds the key ID (or the key ID itself).';
      $('lookup-text').setAttribute('aria-invalid', 'true');
      $('lookup-text').focus();
      show(line('Not sent: no key ID to look up.'));
      return;
    }
    try {
      kf.validateIamParams('GetAccessKeyLastUsed', { AccessKeyId: accessKeyId });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      $('lookup-text-error').textContent = error.issues.map((issue) => issue.message).join('; ');
      show(line('Not sent: fix the key ID.'));
      return;
    }
    const temporary = found.find((key) => key.accessKeyId === accessKeyId)?.temporary;
    const prep = prepare(kf);
    if (prep.problem) return show(line(prep.problem));
    const mine = ++generation;
    shown = null;
    const session = openClient(kf, prep.endpointOptions);
    // The whole lookup is bounded in time too (an endpoint may page slowly without end).
    const signal = AbortSignal.timeout(READ_BOUNDS.windowMs);
    show(line(`Asking IAM who owns ${accessKeyId}…`));
    try {
      const answer = await session.client.getAccessKeyLastUsed({ AccessKeyId: accessKeyId }, { signal });
      if (mine !== generation) return;
      const owner = answer.UserName;
      if (typeof owner !== 'string' || owner === '') {
        show(line(`IAM's answer for ${accessKeyId} could not be read: it names no owner (UserName is missing). `
          + `Nothing else was read. (request id ${session.redact(answer.requestId || 'none')})`, 'lookup-error'));
        return;
      }
      const lastUse = lastUseFromIam(answer.AccessKeyLastUsed, session.redact);
      // Its status and age, and the owner's other keys: the owner's key list
      // (IAM's last-used answer has neither). The same rows as the keys table.
      const listed = await listKeyMetadata(session.client, owner, { signal });
      if (mine !== generation) return;
      const rows = listed.map((meta) => panel.addRow(rowFromMetadata(meta, owner, session.redact)));
      const row = rows.find((r) => r.accessKeyId === accessKeyId && r.userName === session.redact(owner));
      if (row) row.lastUse = lastUse;
      shown = { accessKeyId, owner: session.redact(owner), otherIds: rows.filter((r) => r !== row).map((r) => r.accessKeyId), readable: Boolean(row) };
      render();
      $('lookup-heading-result').focus();
      const others = rows.filter((r) => r !== row && !r.unreadable && r.lastUse === null);
      if (others.length) {
        await readLastUses(session.client, others, { signal, onRow: () => { if (mine === generation) render(); }, hide: session.redact });
        panel.render();
      }
    } catch (error) {
      if (mine !== generation) return;
      const unknown = error instanceof IamError && error.code === 'NoSuchEntity';
      const why = signal.aborted ? `no answer within ${READ_BOUNDS.windowMs / 1000} s, so the lookup was stopped` : describeError(error, prep.host, session.redact);
      show(
        line(`Could not look up ${accessKeyId}: ${why}`, 'lookup-error'),
        unknown ? line(temporary
          ? 'This is a temporary key (ASIA…): IAM holds no owner for it. It stops working when its session expires; '
            + 'to cut it off sooner, act on the user or role that made the session.'
          : ANOTHER_ACCOUNT, 'lookup-hint') : null,
      );
    } finally {
      session.done();
    }
  }

  /** The result for the key shown, from the rows and outcomes as they are now. */
  function render() {
    if (!shown) return;
    const now = new Date();
    const { accessKeyId, owner, otherIds } = shown;
    const row = panel.row(accessKeyId);
    const keepFocus = result.contains(document.activeElement) ? document.activeElement.id : null;
    const heading = el('h3', { id: 'lookup-heading-result', tabIndex: -1 }, `${accessKeyId} belongs to user ${owner}.`);
    const parts = [heading];
    if (!row || !shown.readable) {
      parts.push(line(`Its status could not be read: ${owner}'s key list does not include it.`, 'lookup-status'));
    } else if (row.unreadable) {
      parts.push(line(`Its status could not be read: IAM's entry for it is unreadable (${row.unreadable}).`, 'lookup-status'));
    } else {
      parts.push(line(`Last used: ${lastUseText(row.lastUse, now)}.`, 'lookup-last-use'));
      parts.push(line(statusText(row, panel.outcome(accessKeyId), now), 'lookup-status'));
      parts.push(changeControls(row));
    }
    const others = otherIds.map((id) => panel.row(id)).filter(Boolean);
    parts.push(el('h4', {}, others.length ? `${owner}'s other keys` : `${owner} has no other keys.`));
    if (others.length) {
      parts.push(el('ul', { id: 'lookup-other-keys', className: 'lookup-keys' }, ...others.map((other) => el('li', {},
        el('span', { className: 'key-id' }, other.accessKeyId),
        other.unreadable ? `: unreadable (${other.unreadable})`
          : `: ${other.status}; created ${createdText(other.createDate, now)}; last used ${lastUseText(other.lastUse, now)}`))));
    }
    show(...parts);
    if (keepFocus) $(keepFocus)?.focus();
  }

  /** Deactivate for an Active key; after a change, the same button stays (focus with it), saying what happened. */
  function changeControls(row) {
    const outcome = panel.outcome(row.accessKeyId);
    const busy = panel.isBusy(row.accessKeyId);
    const button = el('button', { type: 'button', id: 'lookup-deactivate', className: 'danger' });
    const text = el('p', { id: 'lookup-outcome', role: 'status' });
    if (busy) {
      button.textContent = `Deactivating ${row.accessKeyId}…`;
      button.setAttribute('aria-disabled', 'true');
      text.textContent = 'Sending…';
    } else if (row.status === 'Active') {
      button.textContent = `Deactivate ${row.accessKeyId} (${row.userName})`;
      if (outcome) text.textContent = `${outcome.text}${outcome.requestId ? ` (request id ${outcome.requestId})` : ''}.`;
    } else {
      button.textContent = `${row.accessKeyId} is ${row.status}`;
      button.setAttribute('aria-disabled', 'true');
      if (outcome) text.textContent = `${outcome.text}${outcome.requestId ? ` (request id ${outcome.requestId})` : ''}.`;
    }
    button.addEventListener('click', async () => {
      if (button.getAttribute('aria-disabled') === 'true') return;
      const done = await panel.change(row, 'Inactive');
      if (!done) {
        $('lookup-outcome').textContent = 'Not changed: the key stays Active.';
      }
    });
    return el('div', { className: 'actions' }, button, text);
  }

  return {
    /** Forgets the result (the credentials or the endpoint changed). */
    forget() {
      generation += 1;
      shown = null;
      result.replaceChildren();
    },
  };
}
