// node memory.mjs [count]: keyflip's wasm memory (the core's ArrayBuffer)
// before and after `count` signatures through the public API, with
// checkpoints, so growth shows up as a number and not as a guess.
import { loadCore } from '../../wasm/js/core.js';
import { init } from '../../wasm/js/index.js';
import { credentials, DATE_MS, DAY_MS, params } from './job.mjs';

const count = Number(process.argv[2] ?? 1_000_000);
const kf = await init();
const core = await loadCore();
const bytes = () => core.HEAPU8.buffer.byteLength;

const before = bytes();
const date = new Date(DATE_MS);
kf.buildUpdateAccessKey(params, { credentials, date });
const afterFirst = bytes();
const checkpoints = [];
const start = performance.now();
for (let i = 1; i <= count; ++i) {
  // Every 100th signature on a new day (a key derivation and a cache
  // eviction) so that path is exercised as well; the rest hit the cache.
  const d = i % 100 === 0 ? new Date(DATE_MS + (i / 100) * DAY_MS) : date;
  const out = kf.buildUpdateAccessKey(params, { credentials, date: d });
  if (out.signature.length !== 64) throw new Error('bad signature');
  if (i % (count / 10) === 0) checkpoints.push({ signatures: i, wasmBytes: bytes() });
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({
  count, seconds, before, afterFirst, after: bytes(), checkpoints,
  rss: process.memoryUsage().rss,
}));
