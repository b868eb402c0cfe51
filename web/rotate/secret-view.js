// The one place a new key's secret is shown (issue 17 item 3b): its ID and
// secret, Copy, Download .csv in the Console's format, a credentials-file
// block and environment lines. Everything is built with textContent inside
// the given container and nowhere else; Done (or "could not save it") wipes
// the nodes and forgets the values. While it is shown and not acknowledged,
// leaving or reloading the page asks first (beforeunload).
import { credentialsBlock, csvBytes, csvFileName, environmentLines } from './secret-formats.js';

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function askBeforeLeaving(event) {
  event.preventDefault();
  event.returnValue = ''; // Chromium shows its own "Leave site?" text
}

/**
 * Shows key ({ userName, accessKeyId, secretAccessKey }) in container until
 * the person acknowledges. Resolves when they press Done; rejects (with an
 * Error saying so) when they say it could not be saved. Either way the
 * container is emptied first. wipe() empties it at once (the flow stopped).
 */
export function showSecretOnce(container, key) {
  let values = { ...key };
  let settle;
  const acknowledged = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  const status = el('p', { id: 'secret-status', role: 'status' });

  const copy = (label, text) => {
    const button = el('button', { type: 'button', className: 'copy' }, label);
    button.addEventListener('click', async () => {
      if (!values) return;
      try {
        await navigator.clipboard.writeText(text());
        status.textContent = `${label}: copied to the clipboard.`;
      } catch {
        status.textContent = `${label}: could not copy automatically; select the text and copy it.`;
      }
    });
    return button;
  };

  const download = el('button', { type: 'button', id: 'secret-download' }, 'Download .csv');
  download.addEventListener('click', () => {
    if (!values) return;
    const blob = new Blob([csvBytes(values)], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: csvFileName(values.userName) });
    link.hidden = true;
    container.append(link);
    link.click();
    link.remove();
    // The file's bytes live only as long as the browser needs to save them.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    status.textContent = `Downloading ${csvFileName(values.userName)}.`;
  });

  const done = el('button', { type: 'button', id: 'secret-done', className: 'primary' }, 'Done: I saved it');
  const lost = el('button', { type: 'button', id: 'secret-lost' }, 'I could not save it');

  container.replaceChildren(
    el('h3', { id: 'secret-heading' }, `New access key for ${values.userName}: shown only now`),
    el('p', { className: 'warning' }, 'IAM shows this secret once: save it now. keyflip keeps no copy; after Done it is gone from this page.'),
    el('dl', {},
      el('dt', {}, 'Access key ID'), el('dd', {}, el('code', { id: 'secret-key-id' }, values.accessKeyId)),
      el('dt', {}, 'Secret access key'), el('dd', {}, el('code', { id: 'secret-value' }, values.secretAccessKey))),
    el('div', { className: 'actions' },
      copy('Copy secret', () => values.secretAccessKey), download),
    el('h4', {}, 'Credentials file (~/.aws/credentials)'),
    el('pre', { id: 'secret-credentials', tabIndex: 0 }, credentialsBlock(values)),
    el('div', { className: 'actions' }, copy('Copy credentials block', () => credentialsBlock(values))),
    el('h4', {}, 'Environment'),
    el('pre', { id: 'secret-environment', tabIndex: 0 }, environmentLines(values)),
    el('div', { className: 'actions' }, copy('Copy environment lines', () => environmentLines(values))),
    status,
    el('div', { className: 'actions' }, done, lost),
  );
  container.hidden = false;
  window.addEventListener('beforeunload', askBeforeLeaving);
  done.focus({ preventScroll: true });
  container.scrollIntoView({ block: 'start' });

  const wipe = () => {
    values = null;
    container.replaceChildren();
    container.hidden = true;
    window.removeEventListener('beforeunload', askBeforeLeaving);
  };
  done.addEventListener('click', () => { wipe(); settle.resolve(); });
  lost.addEventListener('click', () => { wipe(); settle.reject(new Error('the person could not save the new secret')); });
  return { acknowledged, wipe };
}
