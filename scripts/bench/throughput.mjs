// node throughput.mjs <peer> [roundMs rounds warmupMs]: one peer's
// signatures per second in a fresh Node process, cached and derived; JSON.
import { throughput } from './harness.mjs';

const [peerName, roundMs = '600', rounds = '5', warmupMs = '1000'] = process.argv.slice(2);
const peer = await import(`./peers/${peerName}.mjs`);
console.log(JSON.stringify(await throughput(peer, { roundMs: Number(roundMs), rounds: Number(rounds), warmupMs: Number(warmupMs) })));
