// Who signs: "Check credentials" asks IAM (GetUser without a name) and shows
// the signing user's name and ARN, then lists that user's keys. Temporary or
// role credentials cannot be answered that way (GetUser then needs a
// UserName): the page says so and asks for the user to work on. Once the
// signer is known, the credentials and the target fold into a one-line bar
// (Change opens them again), leaving the window to the jobs.
import { IamError, ValidationError } from '../../wasm/js/index.js';
import { describeError, openClient, prepare } from './page-client.js';
import { targetSummary } from './target.js';
import * as form from './form.js';

const $ = (id) => document.getElementById(id);

/** Folds the credentials and target into the bar, saying who signs and where to. */
function collapse(who) {
  $('signer-bar-text').textContent = `${who}; sending to ${targetSummary()}.`;
  $('signer-bar').hidden = false;
  $('signer-setup').classList.add('collapsed');
}

/** Opens the credentials and target again. */
export function expandSigner({ focus = false } = {}) {
  $('signer-setup').classList.remove('collapsed');
  $('signer-bar').hidden = true;
  if (focus) $('access-key-id').focus();
}

export function setUpSigner(kf, panel) {
  const status = (text) => { $('signer-status').textContent = text; };
  $('change-signer').addEventListener('click', () => expandSigner({ focus: true }));
  $('check-credentials').addEventListener('click', check);
  $('use-work-user').addEventListener('click', useWorkUser);
  $('work-user').addEventListener('keydown', (event) => { if (event.key === 'Enter') useWorkUser(); });

  async function check() {
    $('work-user-block').hidden = true;
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const session = openClient(kf, prep.endpointOptions);
    status('Asking IAM who signs (GetUser)…');
    try {
      const { User } = await session.client.getUser({});
      panel.setSigner({ userName: User.UserName, arn: User.Arn, signingKeyId: prep.signingKeyId, temporary: prep.temporary });
      status(`Signing as IAM user ${session.redact(User.UserName)} (${session.redact(User.Arn)}), with access key ${prep.signingKeyId}.`);
      collapse(`Signing as IAM user ${session.redact(User.UserName)} with ${prep.signingKeyId}`);
      $('signer').focus();
      await panel.load([undefined]);
    } catch (error) {
      if (error instanceof IamError && error.code === 'ValidationError' && prep.temporary) {
        panel.setSigner({ signingKeyId: prep.signingKeyId, temporary: true });
        status(`These are temporary or role credentials (access key ${prep.signingKeyId} with a session token): `
          + 'they belong to no IAM user, so IAM cannot say which user\'s keys to show '
          + `(GetUser without a UserName answered: ${session.redact(error.message)}). Enter the user to work on.`);
        $('work-user-block').hidden = false;
        $('work-user').focus();
      } else {
        status(`Could not check the credentials: ${describeError(error, prep.host, session.redact)}`);
        $('signer').focus();
      }
    } finally {
      session.done();
    }
  }

  async function useWorkUser() {
    const userName = $('work-user').value.trim();
    try {
      kf.validateIamParams('GetUser', { UserName: userName });
    } catch (error) {
      if (error instanceof ValidationError) {
        form.showIssuesAt('work-user', error.issues);
        $('work-user').focus();
        return;
      }
      throw error;
    }
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const session = openClient(kf, prep.endpointOptions);
    try {
      const { User } = await session.client.getUser({ UserName: userName });
      panel.setSigner({ signingKeyId: prep.signingKeyId, temporary: prep.temporary, workUser: User.UserName });
      status(`Working on IAM user ${session.redact(User.UserName)} (${session.redact(User.Arn)}), signing with temporary credentials (access key ${prep.signingKeyId}).`);
      collapse(`Temporary credentials ${prep.signingKeyId}, working on user ${session.redact(User.UserName)}`);
      $('signer').focus();
      await panel.load([User.UserName]);
    } catch (error) {
      status(`Could not use user ${userName}: ${describeError(error, prep.host, session.redact)}`);
    } finally {
      session.done();
    }
  }

  return {
    /** Forgets the signer (the credentials or the endpoint changed). */
    forget() {
      $('work-user-block').hidden = true;
    },
  };
}
