// Differential test: keyflip's signed UpdateAccessKey against botocore's.
//
//   node tests/differential/differential.mjs [cases] [seed]
//
// Generates random valid inputs with a seeded RNG (every partition, every
// FIPS / dual-stack combination, with and without UserName and a session
// token, random dates and credentials), builds each with keyflip's wasm
// package, has botocore_sign.py build the same request with Debian's botocore,
// and compares endpoint URL, body (parameter list and encoding), x-amz-date,
// x-amz-security-token, content-type and Authorization exactly. Exits 1 on
// any mismatch, printing a field-by-field diff.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { init } from '../../wasm/js/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const count = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? process.env.KEYFLIP_DIFF_SEED ?? 20150830);
const python = process.env.KEYFLIP_PYTHON || '/usr/bin/python3';
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: differential.mjs [cases >= 1] [integer seed]');
  process.exit(2);
}

// Regions of each partition (as a caller would configure them); keyflip gets
// the same region for its cross-check, botocore uses it for its rule set.
const REGIONS = {
  aws: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2',
    'ap-northeast-1', 'sa-east-1', 'ca-central-1', 'me-south-1', 'af-south-1', 'aws-global'],
  'aws-cn': ['cn-north-1', 'cn-northwest-1', 'aws-cn-global'],
  'aws-us-gov': ['us-gov-west-1', 'us-gov-east-1', 'aws-us-gov-global'],
  'aws-iso': ['us-iso-east-1', 'us-iso-west-1', 'aws-iso-global'],
  'aws-iso-b': ['us-isob-east-1', 'aws-iso-b-global'],
  'aws-iso-e': ['eu-isoe-west-1'],
  'aws-iso-f': ['us-isof-south-1', 'us-isof-east-1'],
  'aws-eusc': ['eusc-de-east-1'],
};
const PARTITIONS = Object.keys(REGIONS);

// mulberry32: small, seedable, the same sequence on every machine.
function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
const USER = `${WORD}+=,.@-`;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function makeCase(id, random) {
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const chars = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');
  // The first cases walk every partition x FIPS x dual-stack; then random.
  const combo = id < PARTITIONS.length * 4 ? id : int(0, PARTITIONS.length * 4 - 1);
  const partition = PARTITIONS[combo % PARTITIONS.length];
  const fips = (Math.floor(combo / PARTITIONS.length) & 1) === 1;
  const dualStack = (Math.floor(combo / PARTITIONS.length) & 2) === 2;

  const params = {};
  if (random() < 0.5) {
    // Edges sometimes: the shortest and longest names, every allowed symbol.
    const length = pick([1, 128, int(1, 64), int(1, 128)]);
    params.UserName = random() < 0.2 ? chars('+=,.@-_', length) : chars(USER, length);
  }
  params.AccessKeyId = pick([chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 20), chars(WORD, int(16, 128)), chars(WORD, 16)]);
  params.Status = pick(['Active', 'Inactive']);

  const credentials = {
    accessKeyId: `${pick(['AKIA', 'ASIA'])}${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    secretAccessKey: chars(B64, 40),
  };
  if (random() < 0.5) credentials.sessionToken = `${chars(B64, int(100, 400))}${pick(['', '=', '=='])}`;

  // 2000-01-01 .. 2099-12-31 with milliseconds, plus day and year edges.
  const lo = Date.UTC(2000, 0, 1);
  const hi = Date.UTC(2100, 0, 1) - 1;
  let dateMs = lo + Math.floor(random() * (hi - lo));
  if (random() < 0.1) dateMs = pick([Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2000, 0, 1), hi, Date.UTC(2015, 7, 30, 12, 36)]);

  return {
    id, partition, fips, dualStack, region: pick(REGIONS[partition]),
    passRegion: random() < 0.5, // keyflip's region option is optional
    params, credentials, dateMs,
  };
}

const kf = await init();
const random = rng(seed);
const cases = Array.from({ length: count }, (_, id) => makeCase(id, random));

// keyflip's side.
const ours = cases.map((c) => {
  const options = { credentials: c.credentials, date: new Date(c.dateMs), partition: c.partition, fips: c.fips, dualStack: c.dualStack };
  if (c.passRegion) options.region = c.region;
  const signed = kf.buildUpdateAccessKey(c.params, options);
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(signed.headers.authorization)?.[1];
  c.keyflip = { url: signed.url, signingRegion: scope };
  return signed;
});

// botocore's side, one process for all cases.
const run = spawnSync(python, [`${here}botocore_sign.py`], {
  input: JSON.stringify({ cases }), maxBuffer: 1 << 30, encoding: 'utf8',
});
if (run.status !== 0) {
  console.error(`botocore_sign.py failed (${python}, exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
const { botocoreVersion, signers, knownPartitions, results } = JSON.parse(run.stdout);

const params = (body) => body.split('&').map((pair) => pair.split('='));
const failures = [];
const bySource = { botocore: 0, keyflip: 0 };
const caveats = new Map();
const seen = new Set();
for (const [i, c] of cases.entries()) {
  const k = ours[i];
  const r = results[i];
  bySource[r.endpointSource] += 1;
  seen.add(`${c.partition} fips=${c.fips} dualStack=${c.dualStack}`);
  if (r.why) caveats.set(`${c.partition} fips=${c.fips} dualStack=${c.dualStack}`, r.why);
  const diffs = [];
  // Every botocore SigV4 implementation (python, crt) must give keyflip's request.
  for (const [signer, b] of Object.entries(r.signed)) {
    const same = (field, ours_, theirs) => {
      if (ours_ !== theirs) diffs.push(`  ${field} (botocore ${signer} signer):\n    keyflip:  ${ours_}\n    botocore: ${theirs}`);
    };
    same('url', k.url, b.url);
    if (k.body !== b.body) {
      const [kp, bp] = [params(k.body), params(b.body)];
      for (let j = 0; j < Math.max(kp.length, bp.length); j += 1) same(`body parameter #${j + 1}`, kp[j]?.join('='), bp[j]?.join('='));
      same('body', k.body, b.body);
    }
    same('content-type', k.headers['content-type'], b['content-type']);
    same('x-amz-date', k.headers['x-amz-date'], b['x-amz-date']);
    same('x-amz-security-token', k.headers['x-amz-security-token'] ?? null, b['x-amz-security-token'] ?? null);
    same('authorization', k.headers.authorization, b.authorization);
  }
  if (r.expectDifferentEndpoint && r.botocoreEndpointUrl === k.url) {
    diffs.push(`  endpoint: botocore now agrees (${k.url}); remove the combination from KNOWN_DIVERGENT`);
  }
  if (diffs.length) {
    const { credentials, ...shown } = c;
    failures.push(`case ${c.id} (seed ${seed}) ${JSON.stringify({ ...shown, accessKeyId: credentials.accessKeyId, token: Boolean(credentials.sessionToken) })}\n${diffs.join('\n')}`);
  }
}

const missing = PARTITIONS.filter((p) => !cases.some((c) => c.partition === p));
if (missing.length) failures.push(`partitions never generated: ${missing.join(', ')}`);

console.log(`keyflip vs botocore ${botocoreVersion} (SigV4 signers: ${signers.join(', ')}; partitions it knows: ${knownPartitions.join(', ')}), seed ${seed}`);
console.log(`${count} cases over ${seen.size} partition x FIPS x dual-stack combinations; ` +
  `endpoint from botocore's rule set: ${bySource.botocore}, from keyflip (body and Authorization still compared): ${bySource.keyflip}`);
for (const [combo, why] of [...caveats].sort()) console.log(`  caveat ${combo}: ${why}`);
for (const failure of failures.slice(0, 20)) console.log(`\nMISMATCH ${failure}`);
if (failures.length > 20) console.log(`\n... and ${failures.length - 20} more mismatches`);
const failed = failures.length;
console.log(`differential: ${count - Math.min(failed, count)} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
