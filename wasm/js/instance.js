// init(): the one keyflip instance per page or process, with every
// synchronous operation bound to the loaded wasm core. An instance whose
// module failed (core.js discards it) is never handed out again.
import { loadCore } from './core.js';
import { makeQueryOperations } from './iam.js';
import { makeSigners } from './sign.js';

let instance = null;
let instanceCore = null;

/** Loads the wasm module once; later calls return the same instance while it is sound. */
export function init() {
  if (instance && instanceCore?.keyflipDiscarded) {
    instance = null;
    instanceCore = null;
  }
  if (!instance) {
    instance = loadCore().then((core) => {
      instanceCore = core;
      const { limits, endpoints, stsEndpoints } = core.keyflipFacts;
      return Object.freeze({
        ...makeSigners(core),
        ...makeQueryOperations(core),
        /** Every default and range of keyflip's options, from the C++ core (limits.h). */
        limits: () => ({ ...limits }),
        /** IAM's endpoints: { partition, fips, dualStack, url, signingRegion } per row. */
        endpoints: () => endpoints.map((row) => ({ ...row })),
        /** STS's regional endpoints: the same rows, url and signingRegion holding "{region}". */
        stsEndpoints: () => stsEndpoints.map((row) => ({ ...row })),
        /** Forgets every cached signing key (they are derived per day/region/service). */
        clearSigningKeyCache: () => {
          if (!core.keyflipDiscarded) core.clearSigningKeyCache();
        },
      });
    });
    instance.catch(() => { instance = null; });
  }
  return instance;
}
