// "Review keys": which users' keys the table holds (the signer's, users added
// by name, or every user of the account), their last use, the filters and
// sorts, the selection, and turning one key on or off with its read-back.
// Rendering is keys-table.js's; the data comes from IAM through
// shared/keys-source.js; a change and its outcome are shared/key-change.js's.
// Every read is bounded (READ_BOUNDS) and Stop ends it at once, mid-read.
// "All users of the account" reads IAM's credential report (shared/
// report-source.js): a row per key slot, its ID read with ListAccessKeys only
// when the person acts on that user or asks for it; when the report is
// denied, one ListAccessKeys per user as before. Many requests at once keep
// as many in flight as the learnt rate allows (shared/pace.js).
import { fetchCredentialReport } from '../../wasm/js/index.js';
import { filterKeys, sortKeys, SORTS } from './key-filter.js';
import { READ_BOUNDS, ReadBoundError, listAllUserNames, listKeyMetadata, readLastUses, rowFromMetadata, userNamesFromText } from '../shared/keys-source.js';
import { changeKeyStatus } from '../shared/key-change.js';
import { runBounded } from '../shared/run-bounded.js';
import { createPace } from '../shared/pace.js';
import { matchSlots, reportAgeText, reportDenied, rowsFromReport } from '../shared/report-source.js';
import { renderKeys } from './keys-table.js';
import { confirmSigningKeyOff } from '../shared/lockout.js';
import { describeError, openClient, prepare } from '../shared/page-client.js';

const $ = (id) => document.getElementById(id);
const MAX_NAMES_LISTED = 10; // more users without keys are counted, not named, in the status line


export function createKeysPanel(kf) {
  const rows = new Map(); // row ID (the access key ID, or a report slot's slotId) -> row
  const outcomes = new Map(); // access key ID -> the outcome of its last change
  const selected = new Set(); // row IDs
  const busy = new Set(); // row IDs being changed or read
  let reportTime = null; // the GeneratedTime of the report the slot rows came from
  let reportRefused = null; // why the last "All users" listed user by user (the report was denied), or null
  const listeners = [];
  let signer = null; // { userName?, arn?, signingKeyId, temporary }
  let reading = null; // the AbortController of the read in flight (Stop reading)
  let statusOwner = 0; // the run that owns the status line
  let rowActions = null; // Rotate / Delete per row and the limit marker (web/rotate/), once set up

  $('max-users').value = String(READ_BOUNDS.usersMaxItems);
  $('read-window').value = String(READ_BOUNDS.windowMs / 1000);
  $('sort-by').replaceChildren(...Object.entries(SORTS).map(([value, label]) => new Option(label, value)));
  // A field's change event (fired when it loses focus) after its input
  // events changes nothing: rebuilding the rows then would swallow the click
  // that moved the focus (the button under the pointer is replaced mid-click).
  let renderedView = '';
  const viewChanged = () => { if (JSON.stringify([filter(), sort()]) !== renderedView) render(); };
  for (const id of ['filter-status', 'filter-idle', 'filter-age', 'filter-user', 'sort-by', 'sort-descending']) {
    $(id).addEventListener('input', viewChanged);
    $(id).addEventListener('change', viewChanged);
  }
  $('select-all').addEventListener('change', () => {
    for (const row of shown()) {
      if (row.unreadable) continue;
      if (row.root) continue;
      if ($('select-all').checked) selected.add(row.id);
      else selected.delete(row.id);
    }
    render();
  });
  $('add-users-button').addEventListener('click', () => {
    const names = userNamesFromText($('add-users').value);
    if (!names.length) {
      $('add-users-error').textContent = 'Type or paste at least one user name (several: separated by commas, spaces or new lines).';
      $('add-users').focus();
      return;
    }
    const bad = names.flatMap((name) => {
      try {
        kf.validateIamParams('ListAccessKeys', { UserName: name });
        return [];
      } catch (error) {
        return [`${name}: ${error.issues?.map((issue) => issue.message).join('; ') ?? error.message}`];
      }
    });
    if (bad.length) {
      $('add-users-error').textContent = `Not sent: ${bad.join('; ')}`;
      $('add-users').focus();
      return;
    }
    load(names);
  });
  $('all-users').addEventListener('click', loadAll);
  $('stop-reading').addEventListener('click', () => reading?.abort(new DOMException('Stopped by the person', 'AbortError')));

  /** A whole number within [min, max] from a field, or null with the field's error shown. */
  function wholeIn(id, [min, max], what) {
    const value = Number($(id).value.trim());
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    $(`${id}-error`).textContent = `${what}: a whole number from ${min} to ${max}.`;
    $(id).setAttribute('aria-invalid', 'true');
    $(id).closest('details').open = true;
    $(id).focus();
    return null;
  }

  /** The read limits as set under "Read limits", or null (and the field marked) when one is not valid. */
  function limits() {
    const maxUsers = wholeIn('max-users', READ_BOUNDS.usersMaxItemsRange, 'Users to read at most');
    const seconds = wholeIn('read-window', READ_BOUNDS.windowSecondsRange, 'A listing\'s time window');
    return maxUsers === null || seconds === null ? null : { maxUsers, windowMs: seconds * 1000 };
  }

  /** A status line for one run: later runs take the line over, and an older run's words never replace theirs. */
  function statusFor() {
    const mine = ++statusOwner;
    return (text) => { if (mine === statusOwner) $('keys-status').textContent = text; };
  }

  const whole = (id) => Math.max(0, Math.floor(Number($(id).value) || 0));

  function filter() {
    return { status: $('filter-status').value, minIdleDays: whole('filter-idle'), minAgeDays: whole('filter-age'), userText: $('filter-user').value };
  }

  function sort() {
    return { by: $('sort-by').value, descending: $('sort-descending').checked };
  }

  function shown(now = new Date()) {
    return sortKeys(filterKeys([...rows.values()], filter(), now), sort(), now);
  }

  function render() {
    renderedView = JSON.stringify([filter(), sort()]);
    const now = new Date();
    const visible = shown(now);
    // What is selected is what is shown: a filter hides nothing that a bulk run would still change.
    const visibleIds = new Set(visible.map((row) => row.id));
    for (const id of selected) if (!visibleIds.has(id)) selected.delete(id);
    renderKeys(visible, {
      now, signingKeyId: signer?.signingKeyId, selected, outcomes, busy,
      onToggle: (row, checked) => { if (checked) selected.add(row.id); else selected.delete(row.id); render(); },
      onChange: (row, to) => change(row, to),
      onShowId: (row) => showKeyIds(row),
      rowActions,
    });
    const selectable = visible.filter((row) => !row.unreadable && !row.root);
    $('select-all').checked = selectable.length > 0 && selectable.every((row) => selected.has(row.id));
    $('select-all').disabled = selectable.length === 0;
    $('keys-count').textContent = rows.size ? `Showing ${visible.length} of ${rows.size} keys; ${selected.size} selected.` : '';
    const slots = [...rows.values()].some((row) => row.fromReport);
    const source = slots ? `Keys without an ID come from IAM's credential report, ${reportAgeText(reportTime, now)}.` : reportRefused ?? '';
    $('report-age').hidden = !source;
    $('report-age').textContent = source;
    $('deactivate-selected').textContent = `Deactivate selected (${selected.size})`;
    $('deactivate-selected').disabled = selected.size === 0 || busy.size > 0;
  }

  function notify(accessKeyId) {
    for (const listener of listeners) listener(accessKeyId);
  }

  /** Starts a stoppable read: Stop reading aborts it; windowMs (optional) ends it too. */
  function startReading(windowMs) {
    reading?.abort();
    const controller = new AbortController();
    reading = controller;
    $('stop-reading').hidden = false;
    const signal = windowMs ? AbortSignal.any([controller.signal, AbortSignal.timeout(windowMs)]) : controller.signal;
    return {
      signal,
      windowMs,
      stoppedBy: () => (controller.signal.aborted ? 'Stopped' : signal.aborted ? `Stopped after ${Math.round(windowMs / 1000)} s (the listing's time window)` : null),
      end: () => {
        if (reading === controller) {
          reading = null;
          $('stop-reading').hidden = true;
        }
      },
    };
  }

  /** Keeps a row read from IAM (or updates the one already held); returns the row held. */
  function keep(row) {
    row.id ??= row.accessKeyId;
    const held = rows.get(row.id);
    if (!held) {
      rows.set(row.id, row);
      return row;
    }
    if (!row.unreadable) Object.assign(held, { status: row.status, createDate: row.createDate, userName: row.userName, unreadable: undefined });
    return held;
  }

  /** Adds the keys of users (undefined: the signer's own) and reads their last use. */
  async function load(userNames, { read: shared, status: sharedStatus } = {}) {
    const status = sharedStatus ?? statusFor();
    const bounds = shared ? {} : limits();
    if (!bounds) return status('Not sent: fix the read limits.');
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const read = shared ?? startReading(bounds.windowMs);
    const session = openClient(kf, prep.endpointOptions, { onRetry: ({ error }) => status(`IAM is slow or throttling (${error.code || error.name}); retrying…`) });
    const who = userNames.length === 1 ? (userNames[0] === undefined ? 'the signer' : `user ${userNames[0]}`) : `${userNames.length} users`;
    status(`Listing the access keys of ${who}…`);
    const problems = [];
    const noKeys = [];
    const added = [];
    try {
      const pace = createPace(session.client);
      await runBounded(userNames, {
        signal: read.signal,
        limit: pace.limit,
        worker: pace.timed(async (userName) => {
          try {
            const keys = await listKeyMetadata(session.client, userName, { signal: read.signal });
            if (!keys.length) noKeys.push(userName ?? 'the signer');
            for (const meta of keys) added.push(keep(rowFromMetadata(meta, userName, session.redact)));
          } catch (error) {
            if (!read.signal.aborted) problems.push(`${userName ?? 'the signer'}: ${error instanceof ReadBoundError ? error.message : describeError(error, prep.host, session.redact)}`);
          }
        }),
      });
      render();
      const readable = added.filter((row) => !row.unreadable);
      if (!read.signal.aborted) {
        status(`Reading when each of ${readable.length} keys was last used…`);
        await readLastUses(session.client, readable.filter((row) => row.lastUse === null || row.lastUse.error), {
          signal: read.signal, onRow: render, hide: session.redact, limit: createPace(session.client).limit,
        });
      }
      render();
      const parts = [`Listed ${added.length} key${added.length === 1 ? '' : 's'} of ${who}.`];
      const stopped = read.stoppedBy();
      if (stopped) parts.unshift(`${stopped}: the list may be incomplete.`);
      const unreadable = added.length - readable.length;
      if (unreadable) parts.push(`${unreadable} could not be read (shown as unreadable).`);
      if (noKeys.length > MAX_NAMES_LISTED) parts.push(`${noKeys.length} users have no access keys.`);
      else if (noKeys.length) parts.push(`No access keys: ${noKeys.join(', ')}.`);
      if (problems.length) parts.push(`Could not list: ${problems.join('; ')}`);
      status(parts.join(' '));
    } finally {
      session.done();
      if (!shared) read.end();
    }
    return { added, problems };
  }

  async function loadAll() {
    const status = statusFor();
    const bounds = limits();
    if (!bounds) return status('Not sent: fix the read limits.');
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const read = startReading(bounds.windowMs);
    const fromReport = await loadFromReport(prep, read, status);
    if (fromReport.result !== 'denied') {
      read.end();
      return;
    }
    const session = openClient(kf, prep.endpointOptions);
    status('IAM refused the credential report (AccessDenied); listing user by user instead: every user of the account (ListUsers)…');
    let listed;
    let note = '';
    reportRefused = `IAM refused the credential report (AccessDenied: ${session.redact(fromReport.error.message)}), so each user's keys were listed one user at a time.`;
    try {
      listed = await listAllUserNames(session.client, {
        signal: read.signal,
        maxItems: bounds.maxUsers,
        onPage: (page, total) => status(`Listing users: page ${page}, ${total} users so far…`),
      });
    } catch (error) {
      if (error instanceof ReadBoundError) {
        listed = error;
        note = ` Not every user was read: ${error.message}.${note}`;
      } else {
        read.end();
        const stopped = read.stoppedBy();
        return status(stopped ? `${stopped}: no user's keys were listed.` : `Could not list the users: ${describeError(error, prep.host, session.redact)}`);
      }
    } finally {
      session.done();
    }
    try {
      const { names, pages, unreadable } = listed;
      const result = await load(names, { read, status });
      if (unreadable) note += ` ${unreadable} ListUsers entr${unreadable === 1 ? 'y' : 'ies'} had no UserName and were left out.`;
      if (result) status(`${$('keys-status').textContent} (${names.length} users, ${pages} page${pages === 1 ? '' : 's'} of ListUsers.)${note}`);
    } finally {
      read.end();
    }
  }

  /**
   * The whole account from IAM's credential report: a row per key slot in
   * use (rows already listed keep their IDs and take the report's last use).
   * Returns { result: 'denied', error } when IAM refused it for want of
   * permission (the caller lists user by user), else { result: 'done' |
   * 'failed' } (shown, or its error shown).
   */
  async function loadFromReport(prep, read, status) {
    const session = openClient(kf, prep.endpointOptions);
    status('Reading IAM\'s credential report (GenerateCredentialReport, then GetCredentialReport; IAM may take a few seconds to make it)…');
    try {
      const report = await fetchCredentialReport(session.client, { signal: read.signal, timeoutMs: Math.max(1000, read.windowMs) });
      const slots = rowsFromReport(report.rows, session.redact);
      for (const [id, row] of rows) if (row.fromReport) rows.delete(id);
      const byUser = Map.groupBy(slots, (slot) => slot.userName);
      const listedByUser = Map.groupBy([...rows.values()].filter((row) => row.accessKeyId !== null && !row.unreadable), (row) => row.userName);
      let added = 0;
      for (const [userName, userSlots] of byUser) {
        const { pairs, unmatchedSlots } = matchSlots(userSlots, listedByUser.get(userName) ?? []);
        for (const [slot, listed] of pairs) listed.lastUse ??= slot.lastUse;
        for (const slot of unmatchedSlots) keep(slot);
        added += unmatchedSlots.length;
      }
      reportTime = report.GeneratedTime ?? null;
      render();
      const users = report.rows.filter((row) => !row.root).length;
      status(`Read IAM's credential report: ${slots.length} access keys of ${users} users (${added} new rows; IDs are read when you act on a key or press "Show key ID"). `
        + `The report was ${reportAgeText(reportTime)}.`);
      reportRefused = null;
      return { result: 'done' };
    } catch (error) {
      if (reportDenied(error)) return { result: 'denied', error };
      const stopped = read.stoppedBy();
      status(stopped ? `${stopped}: the credential report was not read.` : `Could not read the credential report: ${describeError(error, prep.host, session.redact)}`);
      return { result: 'failed' };
    } finally {
      session.done();
    }
  }

  /**
   * Reads the key IDs of a user's slots (ListAccessKeys): each slot row is
   * replaced by its key's row (the report's last use kept), a slot whose key
   * is gone becomes unreadable, a key made since the report is added.
   * Returns Map slot row ID -> the key's row (absent: gone). Throws as the read does.
   */
  async function resolveUser(userName, session, signal) {
    const slots = [...rows.values()].filter((row) => row.fromReport && row.accessKeyId === null && row.userName === userName && !row.unreadable);
    const listed = (await listKeyMetadata(session.client, userName, { signal })).map((meta) => rowFromMetadata(meta, userName, session.redact));
    const { pairs, unmatchedSlots, newKeys } = matchSlots(slots, listed);
    const resolved = new Map();
    for (const [slot, row] of pairs) {
      rows.delete(slot.id);
      row.lastUse = slot.lastUse;
      const held = keep(row);
      if (selected.delete(slot.id)) selected.add(held.id);
      resolved.set(slot.id, held);
    }
    for (const slot of unmatchedSlots) {
      slot.unreadable = 'IAM no longer lists this key (deleted since the credential report was made)';
      selected.delete(slot.id);
    }
    const fresh = newKeys.map(keep);
    if (fresh.length) await readLastUses(session.client, fresh.filter((row) => !row.unreadable), { signal, hide: session.redact });
    return resolved;
  }

  /** "Show key ID": reads the IDs of that row's user's slots. */
  async function showKeyIds(row) {
    const status = statusFor();
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const session = openClient(kf, prep.endpointOptions);
    busy.add(row.id);
    render();
    try {
      const resolved = await resolveUser(row.userName, session, undefined);
      const held = resolved.get(row.id);
      status(held ? `Key ${row.slot} of ${row.userName} is ${held.accessKeyId} (ListAccessKeys).` : `Key ${row.slot} of ${row.userName}: IAM no longer lists it.`);
    } catch (error) {
      status(`Could not read the key IDs of ${row.userName}: ${error instanceof ReadBoundError ? error.message : describeError(error, prep.host, session.redact)}`);
    } finally {
      busy.delete(row.id);
      session.done();
      render();
    }
  }

  /**
   * Sets one row's key to status and reads it back, asking first when it is
   * the key that signs this action's requests. With session (a bulk run's),
   * signs with that session's credentials; signal stops it. Returns the
   * outcome (null if the person kept the key or nothing could be sent).
   */
  async function change(row, statusTo, { confirmed = false, session: shared, signal } = {}) {
    const status = shared ? () => {} : statusFor();
    let session = shared;
    if (!session) {
      const prep = prepare(kf);
      if (prep?.problem) {
        status(prep.problem);
        return null;
      }
      session = openClient(kf, prep.endpointOptions);
    }
    try {
      if (row.accessKeyId === null) {
        // A slot from the report: its key's ID first (the person acts on this user).
        const slotRow = row;
        busy.add(slotRow.id);
        render();
        try {
          row = (await resolveUser(slotRow.userName, session, signal)).get(slotRow.id);
        } catch (error) {
          status(`Could not read the key IDs of ${slotRow.userName}: ${error instanceof ReadBoundError ? error.message : describeError(error, null, session.redact)}`);
          return null;
        } finally {
          busy.delete(slotRow.id);
        }
        if (!row) {
          status(`Key ${slotRow.slot} of ${slotRow.userName}: IAM no longer lists it; nothing sent.`);
          return null;
        }
      }
      // The check is made against the credentials this change signs with (the snapshot), not the form's.
      if (statusTo === 'Inactive' && row.accessKeyId === session.signingKeyId && !confirmed) {
        if (!(await confirmSigningKeyOff(row))) {
          status(`Kept ${row.accessKeyId} Active.`);
          return null;
        }
      }
      busy.add(row.id);
      render();
      notify(row.accessKeyId);
      const outcome = await changeKeyStatus(session.client, row, statusTo, { signal });
      outcome.text = session.redact(outcome.text);
      if (outcome.error) outcome.error.message = session.redact(outcome.error.message);
      if (outcome.requestId) outcome.requestId = session.redact(outcome.requestId);
      busy.delete(row.id);
      record(outcome);
      status(`${row.accessKeyId} (${row.userName}) to ${statusTo}: ${outcome.text}.`);
      return outcome;
    } finally {
      if (row && busy.delete(row.id)) notify(row.accessKeyId);
      if (!shared) session.done();
      render();
    }
  }

  /** Keeps an outcome with its row; the row takes the status IAM was last seen to show. */
  function record(outcome) {
    outcomes.set(outcome.accessKeyId, outcome);
    const row = rows.get(outcome.accessKeyId);
    if (row && (outcome.seenStatus === 'Active' || outcome.seenStatus === 'Inactive')) row.status = outcome.seenStatus;
    notify(outcome.accessKeyId);
  }

  return {
    /** Rotate and Delete buttons per row, and the two-key limit marker ({ onRotate, onDelete, atLimit, limitText }). */
    setRowActions(actions) {
      rowActions = actions;
      render();
    },
    /** Forgets one user's rows (before reading them again: a deleted key must not linger). */
    forgetUser(userName) {
      for (const [id, row] of rows) {
        if (row.userName !== userName) continue;
        rows.delete(id);
        outcomes.delete(id);
        selected.delete(id);
      }
      render();
    },
    /** The rows held for one user (to tell whether the user is at IAM's key limit). */
    rowsOf: (userName) => [...rows.values()].filter((row) => row.userName === userName && !row.unreadable),
    setSigner(next) {
      signer = next;
      render();
    },
    signer: () => signer,
    /** Forgets every row (the credentials or the endpoint changed: they were another's). */
    clear(reason) {
      reading?.abort();
      if (!rows.size && !signer) return;
      rows.clear();
      reportTime = null;
      reportRefused = null;
      outcomes.clear();
      selected.clear();
      signer = null;
      render();
      statusFor()(reason);
    },
    load,
    change,
    record,
    render,
    statusFor,
    /** The sort and filter the table shows now, for a saved record. */
    view: () => ({ filter: filter(), sort: sort() }),
    selectedRows: () => shown().filter((row) => selected.has(row.id) && !row.unreadable && !row.root),
    resolveUser,
    row: (accessKeyId) => rows.get(accessKeyId),
    outcome: (accessKeyId) => outcomes.get(accessKeyId),
    isBusy: (id) => busy.has(id),
    /** listener(accessKeyId) whenever a key's change starts or ends. */
    onRecord(listener) { listeners.push(listener); },
    /** Adds a row (or updates the one held); returns the row held. */
    addRow(row) {
      const held = keep(row);
      render();
      return held;
    },
  };
}
