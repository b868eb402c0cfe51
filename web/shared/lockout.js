// The explicit confirmation before deactivating the key that signs the
// page's own requests: once it is off, these credentials stop working, and
// they cannot turn it back on. A modal <dialog>: focus starts on the safe
// choice, Escape keeps the key, and focus returns where it was.

const $ = (id) => document.getElementById(id);

/** Resolves true only if the person chose to deactivate the signing key. */
export function confirmSigningKeyOff({ accessKeyId, userName }) {
  const dialog = $('lockout-dialog');
  const returnTo = document.activeElement;
  $('lockout-text').textContent = `${accessKeyId}${userName ? ` (user ${userName})` : ''} signs this page's requests. `
    + 'Once it is Inactive these credentials stop working at once: this page, and anything else using them, '
    + 'cannot send another request with them, not even to turn the key back on. '
    + 'To undo it you will need other credentials allowed to change this user\'s keys.';
  return new Promise((resolve) => {
    const finish = (confirmed) => {
      $('lockout-confirm').removeEventListener('click', onConfirm);
      $('lockout-keep').removeEventListener('click', onKeep);
      dialog.removeEventListener('cancel', onKeep);
      dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
      resolve(confirmed);
    };
    const onConfirm = () => finish(true);
    const onKeep = (event) => { event?.preventDefault?.(); finish(false); };
    $('lockout-confirm').addEventListener('click', onConfirm);
    $('lockout-keep').addEventListener('click', onKeep);
    dialog.addEventListener('cancel', onKeep); // Escape
    dialog.showModal();
    $('lockout-keep').focus();
  });
}
