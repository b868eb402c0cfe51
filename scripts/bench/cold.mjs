// node cold.mjs <peer|none>: a fresh process loads one signer and signs the
// job once; prints the time from process start (performance.timeOrigin) to
// that first signature. "none" loads nothing: Node's own start-up.
import { DATE_MS } from './job.mjs';

const name = process.argv[2];
let signature = null;
if (name !== 'none') {
  const peer = await import(`./peers/${name}.mjs`);
  const signer = await peer.create();
  signature = await signer.sign(DATE_MS);
}
const ms = performance.now();
process.stdout.write(JSON.stringify({ ms, signature }));
