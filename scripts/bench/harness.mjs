// Throughput measurement shared by Node (throughput.mjs) and the Chromium
// pages: sign for a fixed time in batches, a few rounds, report the median.
import { dateSource } from './job.mjs';

const now = () => performance.now();

async function round(peer, signer, nextDate, ms) {
  let n = 0;
  let batch = 16;
  const start = now();
  let elapsed = 0;
  for (;;) {
    if (peer.sync) {
      for (let i = 0; i < batch; ++i) signer.sign(nextDate());
    } else {
      for (let i = 0; i < batch; ++i) await signer.sign(nextDate());
    }
    n += batch;
    elapsed = now() - start;
    if (elapsed >= ms) break;
    if (elapsed < ms / 20) batch *= 2; // fewer clock reads for fast signers
  }
  return { iterations: n, seconds: elapsed / 1000, perSecond: n / (elapsed / 1000) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** { cached, derived }: each { perSecond (median of rounds), rounds: [...] } */
// The warm-up lets the JITs settle: @aws-crypto/sha256-js needs about a second.
export async function throughput(peer, { roundMs = 600, rounds = 5, warmupMs = 1000 } = {}) {
  const out = {};
  for (const mode of ['cached', 'derived']) {
    const derived = mode === 'derived';
    const signer = await peer.create({ derived });
    const nextDate = dateSource(derived);
    await round(peer, signer, nextDate, warmupMs);
    const results = [];
    for (let r = 0; r < rounds; ++r) results.push(await round(peer, signer, nextDate, roundMs));
    out[mode] = { perSecond: median(results.map((x) => x.perSecond)), rounds: results.map((x) => Math.round(x.perSecond)) };
  }
  return out;
}
