// keyflip against its peers, side by side in one run (see BENCHMARKS.md):
//   node scripts/bench/run.mjs [--quick] [--no-browser] [--no-memory]
//   node scripts/bench/run.mjs --report=build/bench/results.json   # reprint a saved run
// Run it through scripts/bench.sh, which installs the pinned peers, builds the
// wasm module and the native benchmark first.
//
// 1. checks that every signer gives the identical signature for identical
//    header sets (and stops if one does not);
// 2. signatures per second, signing key cached and derived: Node (a fresh
//    process per signer), headless Chromium (a page per signer), native C++;
// 3. cold start: a new Node process / a new Chromium page (own context) to
//    the first signed request, median of many samples;
// 4. bytes a browser downloads for a page that sends UpdateAccessKey
//    (esbuild --bundle --minify, then gzip -9);
// 5. keyflip's wasm memory before and after 1,000,000 signatures.
// Prints the tables (Markdown) and writes build/bench/results.{json,md}.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, 'build', 'bench');
const wwwDir = join(outDir, 'www');
const nativeBin = join(root, 'build', 'native-release', 'scripts', 'bench', 'keyflip_bench_native');

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const BROWSER = !args.has('--no-browser');
const MEMORY = !args.has('--no-memory');
const REPORT = [...args].find((a) => a.startsWith('--report='))?.slice('--report='.length);
const COLD_SAMPLES = QUICK ? 5 : 21;
const ROUND_MS = QUICK ? 300 : 600;
const ROUNDS = QUICK ? 3 : 5;
const WARMUP_MS = QUICK ? 400 : 1000;
const MEMORY_SIGNATURES = QUICK ? 100_000 : 1_000_000;

const PEERS = ['keyflip', 'client-iam', 'smithy', 'aws4fetch'];
const LABEL = {
  keyflip: 'keyflip (wasm)',
  'client-iam': '@aws-sdk/client-iam',
  smithy: '@smithy/signature-v4 + sha256-js',
  aws4fetch: 'aws4fetch',
  native: 'keyflip C++ core, native',
};
// Chromium cold start only: keyflip's page with <link rel="preload"> for its wasm.
const PRELOAD_PAGE = 'keyflip-preload';
LABEL[PRELOAD_PAGE] = 'keyflip (wasm), page preloads the .wasm';
const PACKAGES = ['@aws-sdk/client-iam', '@smithy/signature-v4', '@aws-crypto/sha256-js', 'aws4fetch', 'esbuild', 'playwright-core'];

const job = await import('./job.mjs');
const log = (...a) => console.error('bench:', ...a);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

function run(cmd, argv, { json = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      resolve(json ? JSON.parse(out) : out);
    });
  });
}
const nodeRun = (script, ...argv) => run(process.execPath, ['--no-warnings', join(here, script), ...argv]);

// --- the machine and the versions -----------------------------------------

function machine() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const versions = {};
  for (const name of PACKAGES) {
    const locked = lock.packages?.[`node_modules/${name}`]?.version;
    const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    if (locked !== installed) throw new Error(`${name}: package-lock pins ${locked}, node_modules has ${installed} (run scripts/setup.sh)`);
    versions[name] = installed;
  }
  const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? cpus()[0]?.model;
  let emcc = '';
  try { emcc = execFileSync('emcc', ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }).split('\n')[0]; } catch { /* optional */ }
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel,
    memGiB: Math.round(Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s+(\d+)/)[1]) / 1048576),
    loadavgAtStart: loadavg().map((x) => x.toFixed(2)).join(' '),
    node: process.version,
    emcc,
    keyflip: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    versions,
  };
}

// --- 1. identical signatures ------------------------------------------------

async function identity() {
  const dates = [job.DATE_MS, job.DATE_MS + job.DAY_MS, job.DATE_MS + 1000 * job.DAY_MS];
  const signers = {};
  for (const name of PEERS) signers[name] = await (await import(`./peers/${name}.mjs`)).create();
  const kf = signers.keyflip.kf;
  const native = await run(nativeBin, ['--seconds', '0', ...dates.flatMap((d) => ['--sign-at', String(d)])]);
  const rows = [];
  const fail = [];

  // A: the job's header set (content-type;host;x-amz-date) and keyflip's body.
  for (const ms of dates) {
    const got = {
      'keyflip buildUpdateAccessKey': kf.buildUpdateAccessKey(job.params, { credentials: job.credentials, date: new Date(ms) }),
      'keyflip signRequest': kf.signRequest(
        { method: 'POST', url: job.url, headers: { 'content-type': job.contentType }, body: job.formBody(job.params) },
        { credentials: job.credentials, region: job.region, service: job.service, date: new Date(ms) }),
      smithy: await signers.smithy.full(ms),
      aws4fetch: await signers.aws4fetch.full(ms),
    };
    const auth = {
      'keyflip buildUpdateAccessKey': got['keyflip buildUpdateAccessKey'].headers.authorization,
      'keyflip signRequest': got['keyflip signRequest'].headers.authorization,
      smithy: got.smithy.headers.authorization,
      aws4fetch: got.aws4fetch.headers.get('authorization'),
    };
    const bodies = new Set([got['keyflip buildUpdateAccessKey'].body, job.formBody(job.params)]);
    if (bodies.size !== 1) fail.push(`bodies differ at ${ms}: ${[...bodies].join(' | ')}`);
    const sigs = Object.fromEntries(Object.entries(auth).map(([k, v]) => [k, job.signatureOf(v)]));
    sigs['native C++'] = native.signatures[String(ms)];
    const headerSets = new Set(Object.values(auth).map((a) => /SignedHeaders=([^,]+)/.exec(a)[1]));
    const distinct = new Set(Object.values(sigs));
    if (distinct.size !== 1) fail.push(`signatures differ at ${new Date(ms).toISOString()}: ${JSON.stringify(sigs)}`);
    if (headerSets.size !== 1 || !headerSets.has('content-type;host;x-amz-date')) fail.push(`signed header sets differ: ${[...headerSets]}`);
    rows.push({ date: new Date(ms).toISOString(), signedHeaders: [...headerSets].join(' | '), signers: Object.keys(sigs), signature: [...distinct].join(' | ') });
  }

  // B: client-iam signs its own request (its member order, its headers);
  // the others re-sign exactly that request: the same header set and body.
  const sdk = await signers['client-iam'].full(job.DATE_MS);
  const sdkAuth = sdk.headers.authorization;
  const signedNames = /SignedHeaders=([^,]+)/.exec(sdkAuth)[1].split(';');
  const headers = Object.fromEntries(Object.entries(sdk.headers).filter(([n]) => signedNames.includes(n.toLowerCase()) && n !== 'host'));
  const url = `${sdk.protocol}//${sdk.hostname}${sdk.path}`;
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { Sha256 } = await import('@aws-crypto/sha256-js');
  const { AwsClient } = await import('aws4fetch');
  const reSigned = {
    'client-iam': job.signatureOf(sdkAuth),
    'keyflip signRequest': kf.signRequest({ method: sdk.method, url, headers, body: sdk.body },
      { credentials: job.credentials, region: job.region, service: job.service, date: new Date(job.DATE_MS) }).signature,
    smithy: job.signatureOf((await new SignatureV4({ credentials: job.credentials, region: job.region, service: job.service, sha256: Sha256, applyChecksum: false })
      .sign({ method: sdk.method, protocol: sdk.protocol, hostname: sdk.hostname, path: sdk.path, query: {}, headers: { ...headers, host: sdk.hostname }, body: sdk.body },
        { signingDate: new Date(job.DATE_MS) })).headers.authorization),
    aws4fetch: job.signatureOf((await new AwsClient({ ...job.credentials, region: job.region, service: job.service })
      .sign(url, { method: sdk.method, headers, body: sdk.body, aws: { datetime: job.amzDate(job.DATE_MS), allHeaders: true } })).headers.get('authorization')),
  };
  const distinct = new Set(Object.values(reSigned));
  if (distinct.size !== 1) fail.push(`client-iam's request re-signed differently: ${JSON.stringify(reSigned)}`);
  rows.push({ date: new Date(job.DATE_MS).toISOString(), signedHeaders: signedNames.join(';'), signers: Object.keys(reSigned), signature: [...distinct].join(' | '), note: "client-iam's own request (its body and headers)" });
  return { ok: fail.length === 0, rows, fail };
}

// --- 2. throughput ----------------------------------------------------------

async function nodeThroughput() {
  const out = {};
  for (const name of PEERS) {
    log(`node throughput: ${name}`);
    out[name] = await nodeRun('throughput.mjs', name, String(ROUND_MS), String(ROUNDS), String(WARMUP_MS));
  }
  log('native throughput');
  const native = await run(nativeBin, ['--seconds', String((ROUND_MS * ROUNDS) / 1000)]);
  out.native = { cached: native.cached, derived: native.derived };
  return out;
}

// --- 3. cold start in Node --------------------------------------------------

async function nodeCold() {
  const out = {};
  for (const name of ['none', ...PEERS]) {
    log(`node cold start: ${name}`);
    await nodeRun('cold.mjs', name); // first run warms the OS file cache
    const samples = [];
    for (let i = 0; i < COLD_SAMPLES; ++i) {
      const r = await nodeRun('cold.mjs', name);
      if (name !== 'none' && !signedTheJob(name, r.signature)) throw new Error(`${name}: cold start signed ${r.signature}`);
      samples.push(r.ms);
    }
    out[name] = { median: median(samples), p90: quantile(samples, 0.9), samples: samples.length };
  }
  return out;
}

// --- 4. bundles -------------------------------------------------------------

// The calls the bytes pages make: UpdateAccessKey alone until keyflip's
// client has the read calls, then the same five calls on both client pages
// (send-keyflip-reads.mjs, send-client-iam-reads.mjs).
const READ_CALLS = ['listUsers', 'listAccessKeys', 'getAccessKeyLastUsed', 'getUser'];
async function pageCalls() {
  const { createClient } = await import('../../wasm/js/index.js');
  const client = createClient({ credentials: job.credentials });
  const reads = READ_CALLS.every((name) => typeof client[name] === 'function');
  return reads
    ? { label: 'UpdateAccessKey + ListUsers + ListAccessKeys + GetAccessKeyLastUsed + GetUser', suffix: '-reads' }
    : { label: 'UpdateAccessKey', suffix: '' };
}

// keyflip's module: the glue and the .wasm beside it.
function keyflipModule() {
  const wasmFile = join(root, 'dist', 'keyflip-core.wasm');
  return { wasm: readFileSync(wasmFile), glue: readFileSync(join(root, 'dist', 'keyflip-core.js')), wasmFile };
}

async function bundles() {
  const esbuild = await import('esbuild');
  mkdirSync(wwwDir, { recursive: true });
  const common = { bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'error' };
  const gz = (buf) => gzipSync(buf, { level: 9 }).length;
  const mod = keyflipModule();
  // esbuild leaves `new URL('./keyflip-core.wasm', import.meta.url)` as a
  // runtime URL: the wasm is fetched beside the bundle, so it is copied there
  // and counted in the page's bytes.
  copyFileSync(mod.wasmFile, join(wwwDir, 'keyflip-core.wasm'));
  const calls = await pageCalls();
  const sizes = { calls: calls.label };
  // What a page ships to send UpdateAccessKey (scripts/bench/pages/send-*.mjs).
  for (const entry of ['keyflip', 'keyflip-sign', 'client-iam', 'smithy', 'aws4fetch']) {
    const file = ['keyflip', 'client-iam'].includes(entry) ? `send-${entry}${calls.suffix}.mjs` : `send-${entry}.mjs`;
    const r = await esbuild.build({ ...common, entryPoints: [join(here, 'pages', file)], metafile: true });
    const code = r.outputFiles[0].contents;
    writeFileSync(join(wwwDir, `send-${entry}.js`), code);
    const inputs = Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs)
      .map(([input, v]) => [input, v.bytesInOutput]).sort((a, b) => b[1] - a[1]);
    const wasmToo = Buffer.from(code).includes('keyflip-core.wasm');
    sizes[entry] = {
      page: file,
      minified: code.length + (wasmToo ? mod.wasm.length : 0),
      gzip: gz(code) + (wasmToo ? gz(mod.wasm) : 0),
      js: { minified: code.length, gzip: gz(code) },
      ...(wasmToo ? { wasmFile: { bytes: mod.wasm.length, gzip: gz(mod.wasm) } } : {}),
      biggestInputs: inputs.slice(0, 5),
    };
  }
  try {
    const { breakdown, relinkWithNames } = await import('./wasm-breakdown.mjs');
    sizes.wasmBreakdown = breakdown(relinkWithNames(), mod.wasm);
  } catch (error) {
    log(`wasm breakdown skipped: ${error.message.split('\n')[0]}`);
  }
  sizes.keyflipParts = {
    wasm: { bytes: mod.wasm.length, gzip: gz(mod.wasm) },
    glue: { bytes: mod.glue.length, gzip: gz(mod.glue) },
  };
  // The benchmark pages: one signer each, signing once at load (cold start)
  // and exposing the throughput harness.
  for (const name of PEERS) {
    const r = await esbuild.build({
      ...common,
      stdin: {
        resolveDir: here,
        sourcefile: `bench-${name}.mjs`,
        contents: `import * as peer from './peers/${name}.mjs';
import { throughput } from './harness.mjs';
import { DATE_MS } from './job.mjs';
const signer = await peer.create();
const signature = await signer.sign(DATE_MS);
window.__cold = { ms: performance.now(), signature };
window.__throughput = (options) => throughput(peer, options);`,
      },
    });
    writeFileSync(join(wwwDir, `bench-${name}.js`), r.outputFiles[0].contents);
    writeFileSync(join(wwwDir, `bench-${name}.html`), `<!doctype html><meta charset="utf-8"><title>${name}</title><script type="module" src="bench-${name}.js"></script>\n`);
  }
  // What a page can add: the wasm download starts with the HTML, beside the
  // bundle's (crossorigin: the loader's fetch() is a CORS request; without it
  // the preloaded response is not reused).
  writeFileSync(join(wwwDir, `bench-${PRELOAD_PAGE}.html`), `<!doctype html><meta charset="utf-8"><title>${PRELOAD_PAGE}</title><link rel="preload" as="fetch" crossorigin href="keyflip-core.wasm"><script type="module" src="bench-keyflip.js"></script>\n`);
  return sizes;
}

// --- Chromium: throughput and cold start -------------------------------------

function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    const file = join(dir, name);
    if (name.includes('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function browser() {
  const { chromium } = await import('playwright-core');
  const server = await serve(wwwDir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browserApp = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', // Debian's; never a downloaded one
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = { version: browserApp.version(), throughput: {}, cold: {} };
  try {
    for (const name of [...PEERS, PRELOAD_PAGE]) {
      log(`chromium cold start: ${name}`);
      const samples = [];
      for (let i = 0; i <= COLD_SAMPLES; ++i) {
        const context = await browserApp.newContext(); // no HTTP or code cache from earlier samples
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${origin}/bench-${name}.html`);
        const cold = await page.waitForFunction(() => window.__cold, null, { timeout: 30_000 })
          .then((h) => h.jsonValue()).catch((e) => { throw new Error(`${name} page: ${errors.join('; ') || e.message}`); });
        if (!signedTheJob(name === PRELOAD_PAGE ? 'keyflip' : name, cold.signature)) throw new Error(`${name} in Chromium signed ${cold.signature}`);
        if (i > 0) samples.push(cold.ms); // the first sample warms the OS file cache
        await context.close();
      }
      out.cold[name] = { median: median(samples), p90: quantile(samples, 0.9), samples: samples.length };
    }
    for (const name of PEERS) {
      log(`chromium throughput: ${name}`);
      const context = await browserApp.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/bench-${name}.html`);
      await page.waitForFunction(() => window.__cold);
      out.throughput[name] = await page.evaluate((o) => window.__throughput(o), { roundMs: ROUND_MS, rounds: ROUNDS, warmupMs: WARMUP_MS });
      await context.close();
    }
  } finally {
    await browserApp.close();
    server.close();
  }
  return out;
}

// --- the tables -------------------------------------------------------------

const fmtInt = (x) => Math.round(x).toLocaleString('en-US');
const fmtMs = (x) => `${x.toFixed(1)} ms`;
const fmtKB = (x) => `${(x / 1000).toFixed(1)} KB`;
const ratio = (k, p) => (p ? `${(k / p).toFixed(2)}×` : '–');

// The issue's targets, each a ratio from this run: { target, measured, ratio, limit, met, by }.
// "by": how far from the limit, in the target's own terms (KB, ms, ×).
function targets(r) {
  const rows = [];
  const add = (target, measured, value, limit, higherIsBetter, by) => {
    const met = higherIsBetter ? value >= limit : value <= limit;
    rows.push({ target, measured, ratio: value, limit, met, by: met ? '' : by });
  };
  // Bytes: the keyflip client page against client-iam's page for the same calls.
  const kb = r.sizes.keyflip.gzip;
  const sdk = r.sizes['client-iam'].gzip;
  add(`first-visit bytes (gzip -9), client page, ${r.sizes.calls ?? 'UpdateAccessKey'}: ≤ 0.6× client-iam`,
    `${fmtKB(kb)} vs ${fmtKB(sdk)}`, kb / sdk, 0.6, false, `${fmtKB(kb - 0.6 * sdk)} over (limit ${fmtKB(0.6 * sdk)})`);
  // Cold start to the first signed request: at most aws4fetch's.
  for (const [env, c] of [['Chromium', r.chromium?.cold], ['Node', r.nodeCold]]) {
    if (!c) continue;
    add(`cold start, new ${env === 'Node' ? 'Node process' : 'Chromium page'}: ≤ aws4fetch`,
      `${fmtMs(c.keyflip.median)} vs ${fmtMs(c.aws4fetch.median)}`, c.keyflip.median / c.aws4fetch.median, 1, false,
      `${fmtMs(c.keyflip.median - c.aws4fetch.median)} slower`);
  }
  const pre = r.chromium?.cold[PRELOAD_PAGE];
  if (pre) {
    add(`cold start, new Chromium page that preloads the .wasm (what a page can add): ≤ aws4fetch`,
      `${fmtMs(pre.median)} vs ${fmtMs(r.chromium.cold.aws4fetch.median)}`, pre.median / r.chromium.cold.aws4fetch.median, 1, false,
      `${fmtMs(pre.median - r.chromium.cold.aws4fetch.median)} slower`);
  }
  // Signatures per second through the public API: ≥ 0.25× native, ≥ 2× smithy + sha256-js.
  for (const [env, tp] of [['Node', r.node], ['Chromium', r.chromium?.throughput]]) {
    if (!tp) continue;
    for (const mode of ['cached', 'derived']) {
      const k = tp.keyflip[mode].perSecond;
      const native = r.node.native[mode].perSecond;
      const smithy = tp.smithy[mode].perSecond;
      add(`signatures/s, ${env}, key ${mode}: ≥ 0.25× native`, `${fmtInt(k)} vs ${fmtInt(native)}/s`, k / native, 0.25, true,
        `${(0.25 / (k / native)).toFixed(2)}× short (needs ${fmtInt(0.25 * native)}/s)`);
      add(`signatures/s, ${env}, key ${mode}: ≥ 2× smithy + sha256-js`, `${fmtInt(k)} vs ${fmtInt(smithy)}/s`, k / smithy, 2, true,
        `${(2 / (k / smithy)).toFixed(2)}× short (needs ${fmtInt(2 * smithy)}/s)`);
    }
  }
  return rows;
}

function targetsTable(r) {
  const lines = ['| target | measured | ratio | met? |', '| --- | --- | ---: | --- |'];
  for (const x of targets(r)) lines.push(`| ${x.target} | ${x.measured} | ${x.ratio.toFixed(2)}× | ${x.met ? 'yes' : `no: ${x.by}`} |`);
  return lines;
}

function tables(r) {
  const lines = [];
  const t = (...rows) => lines.push(...rows.map((cells) => `| ${cells.join(' | ')} |`));
  lines.push('### Signatures per second (higher is better; ratio = keyflip / peer)', '');
  t(['signer', 'Node cached', 'Node derived', 'Chromium cached', 'Chromium derived', 'keyflip ratio (Node cached / derived; Chromium cached / derived)'],
    ['---', '---:', '---:', '---:', '---:', '---']);
  const k = r.node.keyflip;
  const kc = r.chromium?.throughput.keyflip;
  for (const name of [...PEERS, 'native']) {
    const n = r.node[name];
    const c = r.chromium?.throughput[name];
    const ratios = name === 'keyflip' ? '1' : name === 'native'
      ? `${ratio(k.cached.perSecond, n.cached.perSecond)} / ${ratio(k.derived.perSecond, n.derived.perSecond)}; ${kc ? `${ratio(kc.cached.perSecond, n.cached.perSecond)} / ${ratio(kc.derived.perSecond, n.derived.perSecond)}` : '–'}`
      : `${ratio(k.cached.perSecond, n.cached.perSecond)} / ${ratio(k.derived.perSecond, n.derived.perSecond)}; ${c ? `${ratio(kc.cached.perSecond, c.cached.perSecond)} / ${ratio(kc.derived.perSecond, c.derived.perSecond)}` : '–'}`;
    t([LABEL[name], fmtInt(n.cached.perSecond), fmtInt(n.derived.perSecond),
      c ? fmtInt(c.cached.perSecond) : (name === 'native' ? '(n/a)' : '–'), c ? fmtInt(c.derived.perSecond) : (name === 'native' ? '(n/a)' : '–'), ratios]);
  }
  lines.push('', '### Cold start to the first signed request (median; lower is better; ratio = keyflip / peer)', '');
  t(['signer', 'new Node process', 'ratio', 'new Chromium page', 'ratio'], ['---', '---:', '---:', '---:', '---:']);
  for (const name of PEERS) {
    const n = r.nodeCold[name];
    const c = r.chromium?.cold[name];
    t([LABEL[name], `${fmtMs(n.median)} (p90 ${fmtMs(n.p90)})`, ratio(r.nodeCold.keyflip.median, n.median),
      c ? `${fmtMs(c.median)} (p90 ${fmtMs(c.p90)})` : '–', c ? ratio(r.chromium.cold.keyflip.median, c.median) : '–']);
  }
  const pre = r.chromium?.cold[PRELOAD_PAGE];
  if (pre) t([LABEL[PRELOAD_PAGE], '', '', `${fmtMs(pre.median)} (p90 ${fmtMs(pre.p90)})`, ratio(r.chromium.cold.keyflip.median, pre.median)]);
  t([`Node itself (empty script)`, fmtMs(r.nodeCold.none.median), '', '', '']);
  lines.push('', `### Bytes a first visit downloads for a page that sends ${r.sizes.calls ?? 'UpdateAccessKey'} (esbuild --minify, gzip -9 of each file; lower is better)`, '');
  t(['page', 'minified', 'gzip', 'of which the .wasm file (gzip)', 'keyflip client / this'], ['---', '---:', '---:', '---:', '---:']);
  const sizeLabel = { keyflip: 'keyflip createClient()', 'keyflip-sign': 'keyflip init().buildUpdateAccessKey + fetch', 'client-iam': LABEL['client-iam'], smithy: `${LABEL.smithy} + fetch`, aws4fetch: 'aws4fetch AwsClient.fetch' };
  for (const name of ['keyflip', 'keyflip-sign', 'client-iam', 'smithy', 'aws4fetch']) {
    const s = r.sizes[name];
    t([sizeLabel[name], fmtKB(s.minified), fmtKB(s.gzip), s.wasmFile ? fmtKB(s.wasmFile.gzip) : '–', ratio(r.sizes.keyflip.gzip, s.gzip)]);
  }
  const p = r.sizes.keyflipParts;
  lines.push('', `keyflip's module: wasm ${fmtKB(p.wasm.bytes)} (${fmtKB(p.wasm.gzip)} gzip, its own file), Emscripten glue ${fmtKB(p.glue.bytes)} (${fmtKB(p.glue.gzip)} gzip).`);
  const wb = r.sizes.wasmBreakdown;
  if (wb) {
    const code = wb.sections.find((x) => x.name === 'code')?.size ?? 0;
    const data = wb.sections.find((x) => x.name === 'data')?.size ?? 0;
    lines.push('', `Where keyflip's wasm bytes go (${fmtInt(wb.shipped.bytes)} bytes: code section ${fmtInt(code)}, data section ${fmtInt(data)}, the rest ${fmtInt(wb.shipped.bytes - code - data)}); code by component, from a re-link with --profiling-funcs (scripts/bench/wasm-breakdown.mjs):`, '');
    const named = wb.components.reduce((a, c) => a + c.bytes, 0);
    t(['component', 'code bytes', 'share', 'functions'], ['---', '---:', '---:', '---:']);
    for (const c of wb.components) t([c.name, fmtInt(c.bytes), `${((100 * c.bytes) / named).toFixed(1)} %`, c.functions]);
    lines.push('', `Largest functions: ${wb.top.slice(0, 8).map((f) => `${f.name} ${fmtInt(f.size)}`).join('; ')}.`);
  }
  if (r.memory) {
    const m = r.memory;
    lines.push('', '### keyflip wasm memory', '');
    t(['signatures', 'wasm memory'], ['---:', '---:']);
    t(['0 (after load)', fmtInt(m.before)], ['1', fmtInt(m.afterFirst)], ...m.checkpoints.map((c) => [fmtInt(c.signatures), fmtInt(c.wasmBytes)]));
    lines.push('', `${fmtInt(m.count)} signatures in ${m.seconds.toFixed(1)} s (${fmtInt(m.count / m.seconds)}/s); growth after the first signature: ${fmtInt(m.after - m.afterFirst)} bytes.`);
  }
  lines.push('', '### Targets (issue 13; every ratio from this run)', '');
  lines.push(...targetsTable(r));
  return lines.join('\n');
}

// --- main -------------------------------------------------------------------

let job_signature = null;
// client-iam's request carries a fresh amz-sdk-invocation-id (a signed header)
// each time, so its signature differs per request: it is checked in identity().
const signedTheJob = (name, signature) =>
  (name === 'client-iam' ? /^[0-9a-f]{64}$/.test(signature) : signature === job_signature);

/** The whole Markdown report of a run (what is printed and written to results.md). */
function report(r) {
  const m = r.machine;
  const header = [
    `## Run of ${m.date}${m.quick ? ' (--quick)' : ''}`, '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB; load average ${m.loadavgAtStart} at start, ${m.loadavgAtEnd} at end.`,
    `Node ${m.node}; Chromium ${m.chromium ?? '(not run)'}; ${m.emcc}.`,
    `keyflip ${m.keyflip}; peers (package-lock): ${Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    `Identical signatures: ${r.identity.rows.map((x) => `${x.date.slice(0, 10)} [${x.signedHeaders}] ${x.signature.slice(0, 16)}… (${x.signers.length} signers)`).join('; ')}.`,
    '', '',
  ].join('\n');
  return `${header}${tables(r)}\n`;
}

async function main() {
  if (REPORT) {
    // --report=FILE: print the tables of a saved results.json again, nothing measured.
    console.log(report(JSON.parse(readFileSync(REPORT, 'utf8'))));
    return;
  }
  if (!existsSync(nativeBin)) throw new Error(`${relative(root, nativeBin)} missing: run scripts/bench.sh`);
  mkdirSync(outDir, { recursive: true });
  const r = { machine: { ...machine(), quick: QUICK } };
  log('versions:', Object.entries(r.machine.versions).map(([k, v]) => `${k}@${v}`).join(' '));

  log('1/5 checking identical signatures');
  r.identity = await identity();
  for (const row of r.identity.rows) log(`  ${row.date} [${row.signedHeaders}] ${row.signers.join(', ')} -> ${row.signature}`);
  if (!r.identity.ok) {
    console.error(r.identity.fail.join('\n'));
    process.exit(1);
  }
  job_signature = r.identity.rows[0].signature;

  log('2/5 throughput in Node and native');
  r.node = await nodeThroughput();
  log('3/5 cold start in Node');
  r.nodeCold = await nodeCold();
  log('4/5 bundles');
  r.sizes = await bundles();
  if (BROWSER) {
    log('5/5 Chromium');
    r.chromium = await browser();
    r.machine.chromium = r.chromium.version;
  }
  if (MEMORY) {
    log(`memory: ${MEMORY_SIGNATURES} signatures`);
    r.memory = await nodeRun('memory.mjs', String(MEMORY_SIGNATURES));
  }
  r.machine.loadavgAtEnd = loadavg().map((x) => x.toFixed(2)).join(' ');

  const md = report(r);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), md);
  console.log(md);
  log(`written: ${relative(root, join(outDir, 'results.md'))}, ${relative(root, join(outDir, 'results.json'))}`);
}

await main();
