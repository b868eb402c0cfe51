// Who signs: "Check credentials" asks IAM (GetUser without a name) and shows
// the signing user's name and ARN, then lists that user's keys. Temporary or
// role credentials cannot be answered that way (GetUser then needs a
// UserName): the page says so and asks for the user to work on.
import { IamError, ValidationError } from '../wasm/js/index.js';
import { describeError, openClient, prepare } from './page-client.js';
import * as form from './form.js';

const $ = (id) => document.getElementById(id);

export function setUpSigner(kf, panel) {
  const status = (text) => { $('signer-status').textContent = text; };
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
      status(`Signing as IAM user ${User.UserName} (${User.Arn}), with access key ${prep.signingKeyId}.`);
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
    form.clearIssue('work-user');
    const prep = prepare(kf);
    if (prep.problem) return status(prep.problem);
    const session = openClient(kf, prep.endpointOptions);
    try {
      const { User } = await session.client.getUser({ UserName: userName });
      panel.setSigner({ signingKeyId: prep.signingKeyId, temporary: prep.temporary, workUser: User.UserName });
      status(`Working on IAM user ${User.UserName} (${User.Arn}), signing with temporary credentials (access key ${prep.signingKeyId}).`);
      $('signer').focus();
      await panel.load([User.UserName]);
    } catch (error) {
      status(`Could not use user ${userName}: ${describeError(error, prep.host, session.redact)}`);
    } finally {
      session.done();
    }
  }
}
