// A modal question with named choices (the #confirm-dialog element): focus
// starts on the safe choice, Escape picks it, and focus returns where it was.
// Everything in it is built with textContent (Trusted Types).

const $ = (id) => document.getElementById(id);

/**
 * heading: the question; body: nodes or strings; choices: [{ label, value,
 * danger?, safe? }] (exactly one safe: Escape's answer). Resolves to the
 * chosen value.
 */
export function askChoice({ heading, body, choices }) {
  const dialog = $('confirm-dialog');
  const returnTo = document.activeElement;
  const safe = choices.find((choice) => choice.safe) ?? choices[0];
  $('confirm-heading').textContent = heading;
  $('confirm-text').replaceChildren(...body.map((part) => (typeof part === 'string' ? Object.assign(document.createElement('p'), { textContent: part }) : part)));
  return new Promise((resolve) => {
    const finish = (value) => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      $('confirm-choices').replaceChildren();
      if (returnTo?.isConnected) returnTo.focus();
      resolve(value);
    };
    const onCancel = (event) => { event.preventDefault(); finish(safe.value); };
    const buttons = choices.map((choice) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = choice.label;
      if (choice.danger) button.className = 'danger';
      button.addEventListener('click', () => finish(choice.value));
      return button;
    });
    $('confirm-choices').replaceChildren(...buttons);
    dialog.addEventListener('cancel', onCancel); // Escape
    dialog.showModal();
    buttons[choices.indexOf(safe)].focus();
  });
}
