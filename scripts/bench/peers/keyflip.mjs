// keyflip: the package's public API (JS wrapper + Embind + the wasm core).
import { init } from '../../../wasm/js/index.js';
import { credentials, params } from '../job.mjs';

export const name = 'keyflip';
export const sync = true;

export async function create() {
  const kf = await init();
  return {
    sign: (ms) => kf.buildUpdateAccessKey(params, { credentials, date: new Date(ms) }).signature,
    full: (ms) => kf.buildUpdateAccessKey(params, { credentials, date: new Date(ms) }),
    kf,
  };
}
