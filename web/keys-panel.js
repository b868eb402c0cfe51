// The keys table's behaviour: which users' keys it holds (the signer's,
// users added by name, or every user of the account), their last use, the
// filters and sorts, the selection, and turning one key on or off with its
// read-back. Rendering is keys-table.js's; the data comes from IAM through
// keys-source.js; a change and its outcome are key-change.js's.
import { filterKeys, sortKeys, SORTS } from './key-filter.js';
import { listAllUserNames, listKeyMetadata, readLastUses, rowFromMetadata, userNamesFromText } from './keys-source.js';
import { changeKeyStatus } from './key-change.js';
import { runBounded } from './bulk.js';
import { renderKeys } from './keys-table.js';
import { confirmSigningKeyOff } from './lockout.js';
import { describeError, openClient, prepare } from './page-client.js';

const $ = (id) => document.getElementById(id);
const MAX_NAMES_LISTED = 10; // more users without keys are counted, not named, in the status line

export function createKeysPanel(kf) {
  const rows = new Map(); // access key ID -> row
  const outcomes = new Map(); // access key ID -> the outcome of its last change
  const selected = new Set();
  const busy = new Set();
  let signer = null; // { userName?, arn?, signingKeyId, temporary }

  $('sort-by').replaceChildren(...Object.entries(SORTS).map(([value, label]) => new Option(label, value)));
  for (const id of ['filter-status', 'filter-idle', 'filter-age', 'filter-user', 'sort-by', 'sort-descending']) {
    $(id).addEventListener('input', render);
    $(id).addEventListener('change', render);
  }
  $('select-all').addEventListener('change', () => {
    for (const row of shown()) {
      if ($('select-all').checked) selected.add(row.accessKeyId);
      else selected.delete(row.accessKeyId);
    }
    render();
  });
  $('add-users-button').addEventListener('click', () => {
    const names = userNamesFromText($('add-users').value);
    if (!names.length) {
      status('Type or paste at least one user name, one a line.');
      $('add-users').focus();
      return;
    }
    load(names);
  });
  $('all-users').addEventListener('click', loadAll);

  const status = (text) => { $('keys-status').textContent = text; };
  const whole = (id) => Math.max(0, Math.floor(Number($(id).value) || 0));

  function filter() {
    return { status: $('filter-status').value, minIdleDays: whole('filter-idle'), minAgeDays: whole('filter-age'), userText: $('filter-user').value };
  }

  function shown(now = new Date()) {
    return sortKeys(filterKeys([...rows.values()], filter(), now), { by: $('sort-by').value, descending: $('sort-descending').checked }, now);
  }

  function render() {
    const now = new Date();
    const visible = shown(now);
    // What is selected is what is shown: a filter hides nothing that a bulk run would still change.
    const visibleIds = new Set(visible.map((row) => row.accessKeyId));
    for (const id of selected) if (!visibleIds.has(id)) selected.delete(id);
    renderKeys(visible, {
      now, signingKeyId: signer?.signingKeyId, selected, outcomes, busy,
      onToggle: (row, checked) => { if (checked) selected.add(row.accessKeyId); else selected.delete(row.accessKeyId); render(); },
      onChange: change,
    });
    $('select-all').checked = visible.length > 0 && visible.every((row) => selected.has(row.accessKeyId));
    $('keys-count').textContent = rows.size ? `Showing ${visible.length} of ${rows.size} keys; ${selected.size} selected.` : '';
    $('deactivate-selected').textContent = `Deactivate selected (${selected.size})`;
    $('deactivate-selected').disabled = selected.size === 0 || busy.size > 0;
  }

  /** Adds the keys of users (undefined: the signer's own) and reads their last use. */
  async function load(userNames) {
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const session = openClient(kf, prep.endpointOptions, { onRetry: ({ error }) => status(`IAM is slow or throttling (${error.code || error.name}); retrying…`) });
    const who = userNames.length === 1 ? (userNames[0] === undefined ? 'the signer' : `user ${userNames[0]}`) : `${userNames.length} users`;
    status(`Listing the access keys of ${who}…`);
    const problems = [];
    const noKeys = [];
    const added = [];
    try {
      await runBounded(userNames, {
        worker: async (userName) => {
          try {
            const keys = await listKeyMetadata(session.client, userName);
            if (!keys.length) noKeys.push(userName ?? 'the signer');
            for (const meta of keys) {
              const row = rows.get(meta.AccessKeyId) ?? rowFromMetadata(meta);
              row.status = meta.Status;
              rows.set(row.accessKeyId, row);
              added.push(row);
            }
          } catch (error) {
            problems.push(`${userName ?? 'the signer'}: ${describeError(error, prep.host, session.redact)}`);
          }
        },
      });
      render();
      status(`Reading when each of ${added.length} keys was last used…`);
      await readLastUses(session.client, added.filter((row) => row.lastUse === null || row.lastUse.error), { onRow: render });
      render();
      const parts = [`Listed ${added.length} key${added.length === 1 ? '' : 's'} of ${who}.`];
      if (noKeys.length > MAX_NAMES_LISTED) parts.push(`${noKeys.length} users have no access keys.`);
      else if (noKeys.length) parts.push(`No access keys: ${noKeys.join(', ')}.`);
      if (problems.length) parts.push(`Could not list: ${problems.join('; ')}`);
      status(parts.join(' '));
    } finally {
      session.done();
    }
    return { added, problems };
  }

  async function loadAll() {
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const session = openClient(kf, prep.endpointOptions);
    status('Listing every user of the account (ListUsers)…');
    let names;
    let pages;
    try {
      ({ names, pages } = await listAllUserNames(session.client, { onPage: (page, total) => status(`Listing users: page ${page}, ${total} users so far…`) }));
    } catch (error) {
      return status(`Could not list the users: ${describeError(error, prep.host, session.redact)}`);
    } finally {
      session.done();
    }
    const result = await load(names);
    if (result) status(`${$('keys-status').textContent} (${names.length} users, ${pages} page${pages === 1 ? '' : 's'} of ListUsers.)`);
  }

  /**
   * Sets one row's key to status and reads it back, asking first when it is
   * the key that signs the page's requests. Returns the outcome (null if the
   * person kept the key).
   */
  async function change(row, statusTo, { confirmed = false, session: shared } = {}) {
    const prep = shared ? null : prepare(kf);
    if (prep?.problem) {
      status(prep.problem);
      return null;
    }
    const signingKeyId = prep?.signingKeyId ?? signer?.signingKeyId;
    if (statusTo === 'Inactive' && row.accessKeyId === signingKeyId && !confirmed) {
      if (!(await confirmSigningKeyOff(row))) {
        status(`Kept ${row.accessKeyId} Active.`);
        return null;
      }
    }
    const session = shared ?? openClient(kf, prep.endpointOptions);
    busy.add(row.accessKeyId);
    render();
    try {
      const outcome = await changeKeyStatus(session.client, row, statusTo);
      outcome.text = session.redact(outcome.text);
      if (outcome.error) outcome.error.message = session.redact(outcome.error.message);
      record(outcome);
      if (!shared) status(`${row.accessKeyId} (${row.userName}) to ${statusTo}: ${outcome.text}.`);
      return outcome;
    } finally {
      busy.delete(row.accessKeyId);
      if (!shared) session.done();
      render();
    }
  }

  /** Keeps an outcome with its row; the row takes the status IAM was last seen to show. */
  function record(outcome) {
    outcomes.set(outcome.accessKeyId, outcome);
    const row = rows.get(outcome.accessKeyId);
    if (row && typeof outcome.seenStatus === 'string') row.status = outcome.seenStatus;
  }

  return {
    setSigner(next) {
      signer = next;
      render();
    },
    signer: () => signer,
    /** Forgets every row (the credentials or the endpoint changed: they were another's). */
    clear(reason) {
      if (!rows.size && !signer) return;
      rows.clear();
      outcomes.clear();
      selected.clear();
      signer = null;
      render();
      status(reason);
    },
    load,
    change,
    record,
    render,
    selectedRows: () => shown().filter((row) => selected.has(row.accessKeyId)),
    row: (accessKeyId) => rows.get(accessKeyId),
    addRow(row) {
      if (!rows.has(row.accessKeyId)) rows.set(row.accessKeyId, row);
      render();
    },
  };
}
