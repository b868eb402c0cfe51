// Find a key's owner: a key ID (from a leak report, a log line) ->
// GetAccessKeyLastUsed -> its owner and last use -> ListAccessKeys for its
// status and age -> Deactivate, with the read-back, in one short flow. The key
// joins the keys table, so its outcome shows there too.
import { ValidationError } from '../wasm/js/index.js';
import { createdText, lastUseFromIam, lastUseText } from './key-age.js';
import { listKeyMetadata, rowFromMetadata } from './keys-source.js';
import { describeError, openClient, prepare } from './page-client.js';
import * as form from './form.js';

const $ = (id) => document.getElementById(id);

function line(text, id) {
  const p = document.createElement('p');
  p.textContent = text;
  if (id) p.id = id;
  return p;
}

export function setUpOwnerLookup(kf, panel) {
  const result = $('lookup-result');
  $('lookup').addEventListener('click', lookUp);
  $('lookup-key-id').addEventListener('input', () => form.clearIssue('lookup-key-id'));
  $('lookup-key-id').addEventListener('keydown', (event) => { if (event.key === 'Enter') lookUp(); });

  const show = (...children) => { result.replaceChildren(...children); };

  async function lookUp() {
    const accessKeyId = $('lookup-key-id').value.trim();
    try {
      kf.validateIamParams('GetAccessKeyLastUsed', { AccessKeyId: accessKeyId });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      form.showIssuesAt('lookup-key-id', error.issues);
      $('lookup-key-id').focus();
      show(line('Not sent: fix the key ID.'));
      return;
    }
    form.clearIssue('lookup-key-id');
    const prep = prepare(kf);
    if (prep.problem) return show(line(prep.problem));
    const session = openClient(kf, prep.endpointOptions);
    show(line(`Asking IAM who owns ${accessKeyId}…`));
    try {
      const answer = await session.client.getAccessKeyLastUsed({ AccessKeyId: accessKeyId });
      const now = new Date();
      const owner = answer.UserName;
      const lastUse = lastUseFromIam(answer.AccessKeyLastUsed);
      // Its status and age: the owner's key list (IAM's last-used answer has neither).
      const meta = (await listKeyMetadata(session.client, owner)).find((key) => key.AccessKeyId === accessKeyId);
      const row = meta ? rowFromMetadata(meta) : null;
      if (row) {
        row.lastUse = lastUse;
        panel.addRow(row);
      }
      const heading = document.createElement('h3');
      heading.id = 'lookup-heading-result';
      heading.textContent = `${accessKeyId} belongs to user ${owner}.`;
      const parts = [heading, line(`Last used: ${lastUseText(lastUse, now)}.`, 'lookup-last-use')];
      if (row) {
        parts.push(line(`Status: ${row.status}; created ${createdText(row.createDate, now)}.`, 'lookup-status'));
        if (row.status === 'Active') parts.push(deactivateButton(panel.row(accessKeyId) ?? row));
      } else {
        parts.push(line(`Its status could not be read: ${owner}'s key list does not include it.`));
      }
      show(...parts);
      heading.tabIndex = -1;
      heading.focus();
    } catch (error) {
      show(line(`Could not look up ${accessKeyId}: ${describeError(error, prep.host, session.redact)}`, 'lookup-error'));
    } finally {
      session.done();
    }
  }

  function deactivateButton(row) {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'lookup-deactivate';
    button.className = 'danger';
    button.textContent = `Deactivate ${row.accessKeyId} (${row.userName})`;
    const outcome = line('', 'lookup-outcome');
    outcome.setAttribute('role', 'status');
    button.addEventListener('click', async () => {
      button.disabled = true;
      outcome.textContent = 'Sending…';
      const done = await panel.change(row, 'Inactive');
      if (!done) {
        outcome.textContent = 'Not changed.';
        button.disabled = false;
        return;
      }
      outcome.textContent = `${done.text}${done.requestId ? ` (request id ${done.requestId})` : ''}.`;
      if (done.result === 'failed' || done.result === 'not-sent') button.disabled = false;
      else button.textContent = `Deactivate ${row.accessKeyId}: sent`;
    });
    const wrap = document.createElement('div');
    wrap.append(button, outcome);
    return wrap;
  }
}
