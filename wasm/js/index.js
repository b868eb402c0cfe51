// keyflip: IAM UpdateAccessKey and AWS SigV4, signed by C++ compiled to wasm.
//
//   import { init } from 'keyflip';
//   const kf = await init();          // loads the wasm once
//   kf.signRequest(request, options); // synchronous after init()
import { loadCore } from './core.js';
import { makeSigners } from './sign.js';

export { ValidationError, IamError, NetworkError, TimeoutError } from './errors.js';

let instance = null;

/** Loads the wasm module once; later calls return the same instance. */
export function init() {
  if (!instance) {
    instance = loadCore().then((core) => Object.freeze({
      ...makeSigners(core),
      /** Forgets every cached signing key (they are derived per day/region/service). */
      clearSigningKeyCache: () => core.clearSigningKeyCache(),
    }));
    instance.catch(() => { instance = null; });
  }
  return instance;
}
