// keyflip's web page, a workbench of jobs: the shared bar of who signs and
// where to (shared/signer.js, shared/target.js), then one folder per job:
//   leak/         "A key leaked": find a pasted key's owner, turn it off
//   review/       "Review keys": the keys table, filters, bulk deactivation
//   rotate/       "Rotate a key": create, prove, retire; delete an old key later
//   single-call/  "One call": send, inspect, curl or presign any action
// A new flow gets its own folder and a set-up function called from ready()
// with the workbench (the package instance, the keys panel); its section in
// index.html hangs off the jobs menu at the top.
// The relative imports resolve to the package in the repository on disk (for
// the single-file build) and, over HTTP, to /wasm/js/ where the page server
// (scripts/page/server.js) serves the package's files.
import { init } from '../wasm/js/index.js';
import { partitions } from './shared/iam-endpoints.js';
import { setUpSigner } from './shared/signer.js';
import { setUpTargetChoices } from './shared/target.js';
import { onInputsChanged, watchInputs } from './shared/form-state.js';
import { createKeysPanel } from './review/keys-panel.js';
import { setUpBulk } from './review/bulk-panel.js';
import { setUpOwnerLookup } from './leak/owner-lookup.js';
import { setUpIncident } from './leak/incident-panel.js';
import { setUpSingleCall } from './single-call/single-call.js';
import { setUpRotation } from './rotate/rotate-job.js';

const $ = (id) => document.getElementById(id);
// Buttons that send requests: enabled once the signer has loaded.
const READ_CALL_BUTTONS = ['check-credentials', 'add-users-button', 'all-users', 'lookup', 'incident-start'];

setUpTargetChoices();
watchInputs();
watchNetwork();
registerServiceWorker();
init().then(ready, (error) => {
  $('load-status').textContent = `The signer could not load: ${error.message}`;
  $('load-status').className = 'problem';
});

function ready(kf) {
  $('partition').replaceChildren(...partitions(kf.endpoints()).map(({ id, label }) => new Option(`${label} (${id})`, id)));
  const keysPanel = createKeysPanel(kf);
  const bulk = setUpBulk(kf, keysPanel);
  const signer = setUpSigner(kf, keysPanel);
  const lookup = setUpOwnerLookup(kf, keysPanel);
  setUpIncident(kf); // its progress outlives credential changes: not in the forgets below
  const singleCall = setUpSingleCall(kf);
  setUpRotation(kf, keysPanel).catch((error) => { $('rotate-signing').textContent = `Rotation is unavailable: ${error.message}`; });
  for (const id of READ_CALL_BUTTONS) $(id).disabled = false;
  // What each part shows was read or signed with the inputs as they were: when
  // one of those inputs changes, the part is cleared (shared/form-state.js).
  onInputsChanged(['identity'], () => {
    bulk.forget();
    lookup.forget();
    signer.forget();
    keysPanel.clear('The credentials or the endpoint changed: the keys shown were read with the previous ones, so they were cleared. Check credentials again.');
  });
  onInputsChanged(['identity', 'secret', 'request'], () => singleCall.forgetSigned());
  onInputsChanged(['leak-text'], () => lookup.forget());
  $('load-status').textContent = 'Ready: requests are validated and signed here, in this page.';
}

function watchNetwork() {
  const show = () => {
    $('network-status').textContent = navigator.onLine ? ''
      : 'Offline: validating, signing, inspecting and presigning still work. Checking credentials, the keys table, '
        + 'finding a key\'s owner and sending need a connection (or use the curl command).';
  };
  addEventListener('online', show);
  addEventListener('offline', show);
  show();
}

// The service worker keeps the app's files so the page opens offline after
// the first visit; a file:// page (the single-file build) has none. Under the
// CSP's Trusted Types, register() takes a TrustedScriptURL: this policy
// vouches for the one worker URL and nothing else.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  const policy = globalThis.trustedTypes?.createPolicy('keyflip-service-worker', {
    createScriptURL(url) {
      if (url !== './sw.js') throw new TypeError(`not the service worker: ${url}`);
      return url;
    },
  });
  navigator.serviceWorker.register(policy ? policy.createScriptURL('./sw.js') : './sw.js').catch((error) => {
    $('network-status').textContent = `Offline use is unavailable: ${error.message}`;
  });
}
