// "Rotate a key": sets up the rotation panel and the typed-ID delete for the
// page. Each row of the keys table gets Rotate (every key, the signer's own
// too) and, for an Inactive key, Delete; a user at IAM's key limit is marked.
// A rotation signs with the credentials as they are when it starts (one
// snapshot, forgotten when it ends); when it retires the key that signs the
// page, the page signs with the new key from then on, in memory only.
import { rotationLimits } from '../../wasm/js/index.js';
import * as form from '../shared/form.js';
import { onInputsChanged } from '../shared/form-state.js';
import { maxAttempts, prepare } from '../shared/page-client.js';
import { stsRegionFor } from '../shared/iam-endpoints.js';
import { createRotationPanel } from './rotation-panel.js';
import { createDeleteDialog } from './delete-dialog.js';

const $ = (id) => document.getElementById(id);
const DAY_MS = 86_400_000;

export async function setUpRotation(kf, keysPanel) {
  const limits = await rotationLimits();

  const wait = $('rotate-wait');
  wait.value = String(limits.defaultProveTimeoutMs / 1000);
  wait.min = String(limits.minProveTimeoutMs / 1000);
  wait.max = String(limits.maxProveTimeoutMs / 1000);

  /** The proof's timeout from its field (the core checks the range and names the field). */
  function proveTimeoutMs() {
    const seconds = Number(wait.value.trim());
    return wait.value.trim() === '' || !Number.isFinite(seconds) ? undefined : Math.round(seconds * 1000);
  }

  /** createClient's config for one flow: the target now and one snapshot of the credentials. */
  function config() {
    const prep = prepare(kf);
    if (prep.problem) return { problem: prep.problem };
    let options = prep.endpointOptions;
    if (!options.endpoint) {
      // A partition: STS in IAM's signing region there (the origin the CSP admits).
      const region = stsRegionFor(kf.endpoints(), options);
      if (!region) return { problem: `Not sent: no IAM endpoint for ${options.partition} with these options.` };
      options = { ...options, region };
    }
    const snapshot = form.readCredentials();
    return {
      config: { ...options, credentials: () => ({ ...snapshot }), maxAttempts: maxAttempts(kf) },
      signingKeyId: snapshot.accessKeyId,
      done: () => form.forget(snapshot),
    };
  }

  /** After a flow: the user's rows read again (keys deleted or made are shown as IAM has them now). */
  async function refresh(result) {
    if (result.userName && keysPanel.rowsOf(result.userName).length) {
      keysPanel.forgetUser(result.userName);
      await keysPanel.load([result.userName]);
    }
  }

  const rotation = createRotationPanel($('rotation-panel'), {
    config,
    proveTimeoutMs,
    recentWindowDays: limits.defaultRecentUseWindowMs / DAY_MS,
    signWithInMemory: (credentials, replacesKeyId) => {
      form.signInMemory(credentials, replacesKeyId);
      const signer = keysPanel.signer();
      if (signer) keysPanel.setSigner({ ...signer, signingKeyId: credentials.accessKeyId });
      $('rotate-signing').textContent = `This page now signs with the new key ${credentials.accessKeyId}, held in memory only: `
        + `the credentials above still show ${replacesKeyId}, which is being deactivated. Reloading the page forgets the new key.`;
    },
    onFinished: refresh,
  });
  const deletion = createDeleteDialog($('delete-panel'), { config, onFinished: refresh });

  const show = (id) => {
    $('rotate').scrollIntoView({ block: 'start' });
    $(id).focus();
  };

  keysPanel.setRowActions({
    onRotate: (row) => { show('rotation-panel'); rotation.start({ userName: row.userName, accessKeyId: row.accessKeyId }); },
    onDelete: (row) => { show('delete-panel'); deletion.start({ userName: row.userName, accessKeyId: row.accessKeyId }); },
    atLimit: (userName) => keysPanel.rowsOf(userName).length >= limits.accessKeysPerUser,
    limitText: `at IAM's limit of ${limits.accessKeysPerUser} keys`,
  });

  $('rotate-start').addEventListener('click', () => {
    const accessKeyId = $('rotate-key-id').value.trim();
    const userName = $('rotate-user').value.trim();
    try {
      kf.validateIamParams('GetAccessKeyLastUsed', { AccessKeyId: accessKeyId });
      if (userName) kf.validateIamParams('ListAccessKeys', { UserName: userName });
    } catch (error) {
      if (!error.issues) throw error;
      $('rotate-key-id-error').textContent = `Not sent: ${error.issues.map((i) => i.message).join('; ')}`;
      $('rotate-key-id').focus();
      return;
    }
    $('rotate-key-id-error').textContent = '';
    rotation.start({ userName, accessKeyId });
  });
  // Other credentials typed: the new key held in memory no longer applies; forget it.
  onInputsChanged(['identity', 'secret'], () => {
    if (!form.inMemoryKeyId()) {
      form.signInMemory(null);
      $('rotate-signing').textContent = '';
    }
  });
  $('rotate-start').disabled = false;
  return { busy: () => rotation.busy() || deletion.busy() };
}
