// init(): the one keyflip instance per page or process, with every
// synchronous operation bound to the loaded wasm core.
import { loadCore } from './core.js';
import { makeIamOperations } from './iam.js';
import { makeSigners } from './sign.js';

let instance = null;

/** Loads the wasm module once; later calls return the same instance. */
export function init() {
  if (!instance) {
    instance = loadCore().then((core) => Object.freeze({
      ...makeSigners(core),
      ...makeIamOperations(core),
      /** Forgets every cached signing key (they are derived per day/region/service). */
      clearSigningKeyCache: () => core.clearSigningKeyCache(),
    }));
    instance.catch(() => { instance = null; });
  }
  return instance;
}
