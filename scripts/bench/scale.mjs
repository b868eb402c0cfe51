// The scale section of scripts/bench.sh (issue 18, BENCHMARKS.md "Scale"):
// against the local IAM endpoint with its default throttle (reads 20/s burst
// 40, writes 10/s burst 20, throttle.js's THROTTLE_DEFAULTS), in one run:
//   1. the whole account's key table for 1,000 and 10,000 users: IAM calls,
//      throttled answers and wall time, the per-user path (ListUsers, one
//      ListAccessKeys per user, one GetAccessKeyLastUsed per key: the page's
//      keys-source.js) vs the report path (fetchCredentialReport and the
//      page's report-source.js);
//   2. bulk deactivation of 1,000 keys (the page's changeKeyStatus, read-back
//      included): wall time against the throttle's ideal (keys / write rate),
//      throttled answers, failed keys; a fixed 4 in flight (standard retry
//      mode) vs the page's pace (adaptive mode, pace.js);
//   3. the page with 10,000 keys in Debian's Chromium: time to show the
//      table, to filter, to sort (each including style, layout and the next
//      frame), and the page's memory.
// Prints every target with its ratio and writes build/bench/scale.{json,md}.
//   node scripts/bench/scale.mjs [--quick] [--no-browser] [--per-user-cap-s=N] [--only=table,bulk,page]
// --per-user-cap-s (default 90; 0: none): the per-user path stops after N s
// (at IAM's read rate it takes about 17 min for 10,000 users); its time is
// then projected from the calls made, and printed as a projection.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { createClient, fetchCredentialReport, init } from '../../wasm/js/index.js';
import { startIamEndpoint } from '../local-iam/index.js';
import { THROTTLE_DEFAULTS } from '../local-iam/throttle.js';
import { DEMO_KEYS } from '../local-iam/demo-keys.js';
import { listAllUserNames, listKeyMetadata, readLastUses, rowFromMetadata } from '../../web/shared/keys-source.js';
import { rowsFromReport } from '../../web/shared/report-source.js';
import { changeKeyStatus } from '../../web/shared/key-change.js';
import { createPace } from '../../web/shared/pace.js';
import { runBounded } from '../../web/shared/run-bounded.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, 'build', 'bench');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only='));
const ONLY = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : ['table', 'bulk', 'page']);
const BROWSER = !argv.includes('--no-browser') && ONLY.has('page');
const capArg = argv.find((a) => a.startsWith('--per-user-cap-s='));
const PER_USER_CAP_MS = (capArg ? Number(capArg.split('=')[1]) : 90) * 1000;
const SIZES = QUICK ? [1_000] : [1_000, 10_000];
const BULK_KEYS = QUICK ? 200 : 1_000;
const PAGE_KEYS = QUICK ? 2_000 : 10_000;
// Samples per page interaction (each redraws up to PAGE_KEYS rows).
const SAMPLES = 3;
const REGION = 'us-east-1';
const log = (...a) => console.error('scale:', ...a);
const kf = await init();
const MAX_ATTEMPTS = kf.limits().defaultMaxAttempts;

const TARGETS = {
  reportSeconds: 5,
  reportCalls: 5, // plus polling (GenerateCredentialReport's repeats)
  bulkIdealRatio: 0.9,
  bulkThrottledShare: 0.05,
  pageMs: 100,
};

async function endpoint(syntheticUsers) {
  // The default throttle: what the command line runs with (--throttle on).
  return startIamEndpoint({ port: 0, log: false, throttle: 'on', syntheticUsers });
}

const client = (iam, retryMode) => createClient({ endpoint: iam.url, region: REGION, credentials: DEMO_KEYS.alice1, retryMode, maxAttempts: MAX_ATTEMPTS });
const counts = (iam) => {
  const { requests, rateLimits } = iam.state.snapshot();
  return { calls: requests.total, byAction: requests.byAction, throttled: rateLimits.throttled.total };
};
const since = (a, b) => ({
  calls: b.calls - a.calls,
  throttled: b.throttled - a.throttled,
  byAction: Object.fromEntries(Object.entries(b.byAction).map(([k, v]) => [k, v - (a.byAction[k] ?? 0)]).filter(([, v]) => v > 0)),
});

/** The page's per-user path: ListUsers, ListAccessKeys per user, GetAccessKeyLastUsed per key, paced. */
async function perUser(iam, users) {
  const iamClient = client(iam, 'adaptive');
  const signal = PER_USER_CAP_MS > 0 ? AbortSignal.timeout(PER_USER_CAP_MS) : undefined;
  const before = counts(iam);
  const started = performance.now();
  const { names } = await listAllUserNames(iamClient, { signal, maxItems: 1_000_000 });
  const rows = [];
  const pace = createPace(iamClient);
  await runBounded(names, {
    signal,
    limit: pace.limit,
    worker: pace.timed(async (userName) => {
      for (const meta of await listKeyMetadata(iamClient, userName, { signal })) rows.push(rowFromMetadata(meta, userName));
    }),
  });
  await readLastUses(iamClient, rows.filter((r) => !r.unreadable), { signal, limit: createPace(iamClient).limit });
  const seconds = (performance.now() - started) / 1000;
  const used = since(before, counts(iam));
  const keysTotal = iam.state.snapshot().users.reduce((sum, u) => sum + u.accessKeys.length, 0);
  const needed = Math.ceil(names.length / 100) + iam.state.snapshot().users.length + keysTotal;
  const complete = !signal?.aborted;
  const okCalls = used.calls - used.throttled;
  return {
    path: 'per-user', users, complete, seconds, calls: used.calls, throttled: used.throttled, byAction: used.byAction,
    keysRead: rows.filter((r) => r.lastUse && !r.lastUse.error).length, keysTotal, callsNeeded: needed,
    projectedSeconds: complete ? seconds : (seconds * needed) / Math.max(1, okCalls),
  };
}

/** The report path: fetchCredentialReport, then the page's rows. */
async function report(iam, users) {
  const iamClient = client(iam, 'adaptive');
  const before = counts(iam);
  const started = performance.now();
  const got = await fetchCredentialReport(iamClient, { timeoutMs: 120_000 });
  const rows = rowsFromReport(got.rows);
  const seconds = (performance.now() - started) / 1000;
  const used = since(before, counts(iam));
  const polls = Math.max(0, (used.byAction.GenerateCredentialReport ?? 0) - 1);
  return { path: 'report', users, complete: true, seconds, calls: used.calls, polls, throttled: used.throttled, byAction: used.byAction, keysRead: rows.length };
}

async function keyTable() {
  const results = [];
  for (const users of SIZES) {
    // A fresh endpoint per path: the report path must not meet a bucket the other emptied.
    for (const path of [report, perUser]) {
      const iam = await endpoint(users);
      log(`key table, ${users} users, ${path.name}…`);
      try {
        results.push(await path(iam, users));
      } finally {
        await iam.close();
      }
    }
  }
  return results;
}

/** Bulk deactivation of BULK_KEYS active keys with the page's changeKeyStatus. */
async function bulk(mode) {
  const iam = await endpoint(Math.ceil(BULK_KEYS * 1.35));
  try {
    const keys = iam.state.snapshot().users
      .filter((u) => !u.userName.match(/^(alice|bob|carol)$/))
      .flatMap((u) => u.accessKeys.filter((k) => k.status === 'Active' && k.accessKeyId.startsWith('AKIASYN')).map((k) => ({ userName: u.userName, accessKeyId: k.accessKeyId, status: 'Active' })))
      .slice(0, BULK_KEYS);
    if (keys.length < BULK_KEYS) throw new Error(`only ${keys.length} active synthetic keys`);
    const iamClient = client(iam, mode === 'fixed' ? 'standard' : 'adaptive');
    const pace = createPace(iamClient);
    const worker = (row) => changeKeyStatus(iamClient, row, 'Inactive');
    log(`bulk deactivation of ${keys.length} keys, ${mode}…`);
    const before = counts(iam);
    const started = performance.now();
    const results = mode === 'fixed'
      ? await runBounded(keys, { limit: 4, worker })
      : await runBounded(keys, { limit: pace.limit, worker: pace.timed(worker) });
    const seconds = (performance.now() - started) / 1000;
    const used = since(before, counts(iam));
    const failed = results.filter((r) => !r.ok || r.value.result !== 'confirmed').length;
    const stillActive = keys.filter((k) => iam.state.snapshot().users.find((u) => u.userName === k.userName).accessKeys.find((x) => x.accessKeyId === k.accessKeyId).status !== 'Inactive').length;
    const idealSeconds = keys.length / THROTTLE_DEFAULTS.writes.rate;
    return {
      mode, keys: keys.length, seconds, idealSeconds, idealRatio: idealSeconds / seconds, calls: used.calls, throttled: used.throttled,
      throttledShare: used.throttled / used.calls, failed, stillActive, byAction: used.byAction, learntRate: iamClient.sendingRate(),
    };
  } finally {
    await iam.close();
  }
}

/** The page with PAGE_KEYS keys in Chromium. */
async function page() {
  const { launchChromium, waitReady, checkCredentials, keysStatus, DEMO } = await import('../../tests/web/harness.js');
  const { startPageServer } = await import('../page/server.js');
  // About 1.05 keys per synthetic user (synthetic-users.js): enough users for PAGE_KEYS keys.
  const iam = await startIamEndpoint({ port: 0, log: false, throttle: 'on', syntheticUsers: Math.ceil(PAGE_KEYS / 1.05) });
  const server = await startPageServer({ port: 0, demoEndpoint: iam.url });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(server.url);
    await waitReady(tab);
    await checkCredentials(tab, DEMO.alice);
    await keysStatus(tab, /^Listed \d+ keys? of the signer\./);
    const keys = iam.state.snapshot().users.reduce((sum, u) => sum + u.accessKeys.length, 0);
    log(`page with ${keys} keys…`);
    const clickedAt = performance.now();
    await tab.getByRole('button', { name: 'All users of the account' }).click();
    await tab.locator('#keys-count').filter({ hasText: `Showing ${keys} of ${keys} keys` }).waitFor({ timeout: 120_000 });
    const showWithReportSeconds = (performance.now() - clickedAt) / 1000;
    // One interaction: set a control, fire its event, then style, layout and the next frame.
    const interact = (id, value, event) => tab.evaluate(async ([fieldId, fieldValue, eventName]) => {
      const field = document.getElementById(fieldId);
      const t0 = performance.now();
      if (field.type === 'checkbox') field.checked = fieldValue;
      else field.value = fieldValue;
      field.dispatchEvent(new Event(eventName, { bubbles: true }));
      document.body.getBoundingClientRect();
      await new Promise((resolve) => { requestAnimationFrame(() => setTimeout(resolve, 0)); });
      return { ms: performance.now() - t0, shown: document.getElementById('keys-count').textContent };
    }, [id, value, event]);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const measure = async (label, steps) => {
      const samples = [];
      let shown = '';
      for (let i = 0; i < SAMPLES; i += 1) {
        for (const [id, value, event, timed] of steps) {
          const r = await interact(id, value, event);
          if (timed) { samples.push(r.ms); shown = r.shown; }
        }
      }
      return { label, ms: median(samples), samples: samples.map((ms) => Math.round(ms)), shown };
    };
    const interactions = [
      // The whole table drawn again: every row (from an empty view).
      await measure('show the table (all rows drawn)', [['filter-user', 'no such user', 'input', false], ['filter-user', '', 'input', true]]),
      await measure('filter: Active and unused for 90 days', [['filter-status', 'any', 'change', false], ['filter-idle', '', 'input', false], ['filter-status', 'Active', 'change', false], ['filter-idle', '90', 'input', true]]),
      await measure('filter: user name contains "okafor"', [['filter-status', 'any', 'change', false], ['filter-idle', '', 'input', false], ['filter-user', '', 'input', false], ['filter-user', 'okafor', 'input', true]]),
      await measure('sort by age, all rows', [['filter-user', '', 'input', false], ['sort-by', 'user', 'change', false], ['sort-by', 'age', 'change', true]]),
      await measure('sort by time since last use, all rows', [['sort-by', 'user', 'change', false], ['sort-by', 'idle', 'change', true]]),
    ];
    const cdp = await context.newCDPSession(tab);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value;
    return {
      keys, showWithReportSeconds, interactions,
      memory: { jsHeapUsedBytes: metric('JSHeapUsedSize'), jsHeapTotalBytes: metric('JSHeapTotalSize'), domNodes: metric('Nodes') },
    };
  } finally {
    await browser.close();
    await server.close();
    await iam.close();
  }
}

const fmt = (n, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (bytes) => `${fmt(bytes / 1024 / 1024)} MiB`;
const met = (ok) => (ok ? 'met' : 'NOT met');

function markdown({ tables, bulks, browser, machine }) {
  const lines = [];
  lines.push(`Local endpoint, default throttle: reads ${THROTTLE_DEFAULTS.reads.rate}/s burst ${THROTTLE_DEFAULTS.reads.burst}, writes ${THROTTLE_DEFAULTS.writes.rate}/s burst ${THROTTLE_DEFAULTS.writes.burst}; `
    + `client maxAttempts ${MAX_ATTEMPTS} (the package's default). ${machine}`);
  lines.push('', '### The whole account\'s key table', '');
  lines.push('| users | path | keys read | IAM calls | throttled | wall time |', '| ---: | --- | ---: | ---: | ---: | ---: |');
  for (const t of tables) {
    const time = t.complete ? `${fmt(t.seconds, 2)} s` : `stopped at ${fmt(t.seconds)} s; projected ${fmt(t.projectedSeconds / 60)} min for the ${t.callsNeeded.toLocaleString('en-US')} calls needed`;
    const calls = t.path === 'report' ? `${t.calls} (${t.polls} of them polling)` : t.calls.toLocaleString('en-US');
    lines.push(`| ${t.users.toLocaleString('en-US')} | ${t.path} | ${t.keysRead.toLocaleString('en-US')}${t.keysTotal ? ` of ${t.keysTotal.toLocaleString('en-US')}` : ''} | ${calls} | ${t.throttled} | ${time} |`);
  }
  lines.push('', `### Bulk deactivation of ${BULK_KEYS.toLocaleString('en-US')} keys (UpdateAccessKey and its read-back)`, '');
  lines.push('| in flight | wall time | ideal (keys / write rate) | ideal / wall | IAM calls | throttled | failed keys | learnt rate |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const b of bulks) {
    lines.push(`| ${b.mode === 'fixed' ? 'fixed 4 (standard mode)' : 'the learnt rate (adaptive mode, pace.js)'} | ${fmt(b.seconds)} s | ${fmt(b.idealSeconds)} s | ${fmt(b.idealRatio, 2)} | ${b.calls} | ${b.throttled} (${fmt(100 * b.throttledShare)} %) | ${b.failed} | ${b.learntRate === null ? 'none' : `${fmt(b.learntRate)}/s`} |`);
  }
  if (browser) {
    lines.push('', `### The page with ${browser.keys.toLocaleString('en-US')} keys (Chromium)`, '');
    lines.push(`"All users of the account" to the table shown, report generation and polling included: ${fmt(browser.showWithReportSeconds, 2)} s.`, '');
    lines.push(`| interaction | median of ${SAMPLES} | samples (ms) |`, '| --- | ---: | --- |');
    for (const i of browser.interactions) lines.push(`| ${i.label} (${i.shown.replace(/;.*/, '')}) | ${fmt(i.ms, 0)} ms | ${i.samples.join(', ')} |`);
    lines.push('', `Page memory after a garbage collection: JS heap ${mib(browser.memory.jsHeapUsedBytes)} used of ${mib(browser.memory.jsHeapTotalBytes)}; ${browser.memory.domNodes.toLocaleString('en-US')} DOM nodes.`);
  }
  lines.push('', '### Targets', '');
  const big = tables.filter((t) => t.path === 'report').at(-1);
  if (big) {
    lines.push(`- report path, ${big.users.toLocaleString('en-US')} users, under ${TARGETS.reportSeconds} s: ${fmt(big.seconds, 2)} s, ratio ${fmt(big.seconds / TARGETS.reportSeconds, 2)} of the bound: ${met(big.seconds < TARGETS.reportSeconds)}`);
    const nonPolling = big.calls - big.polls;
    lines.push(`- report path, at most ${TARGETS.reportCalls} IAM calls plus polling: ${nonPolling} + ${big.polls} polling, ratio ${fmt(nonPolling / TARGETS.reportCalls, 2)}: ${met(nonPolling <= TARGETS.reportCalls)}`);
  }
  for (const b of bulks) {
    const name = b.mode === 'fixed' ? 'bulk, fixed 4' : 'bulk, learnt rate';
    lines.push(`- ${name}: at least ${TARGETS.bulkIdealRatio}× the ideal: ${fmt(b.idealRatio, 2)}× (${met(b.idealRatio >= TARGETS.bulkIdealRatio)}); 0 failed: ${b.failed} (${met(b.failed === 0)}); at most ${TARGETS.bulkThrottledShare * 100} % throttled: ${fmt(100 * b.throttledShare)} %, ratio ${fmt(b.throttledShare / TARGETS.bulkThrottledShare, 2)} (${met(b.throttledShare <= TARGETS.bulkThrottledShare)})`);
  }
  if (browser) {
    for (const i of browser.interactions) lines.push(`- page, ${i.label}, at most ${TARGETS.pageMs} ms: ${fmt(i.ms, 0)} ms, ratio ${fmt(i.ms / TARGETS.pageMs, 2)}: ${met(i.ms <= TARGETS.pageMs)}`);
  }
  return lines.join('\n');
}

const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the start; Node ${process.version}.`;
const tables = ONLY.has('table') ? await keyTable() : [];
const bulks = ONLY.has('bulk') ? [await bulk('fixed'), await bulk('adaptive')] : [];
const browser = BROWSER ? await page() : null;
const result = { quick: QUICK, machine, targets: TARGETS, tables, bulks, browser };
const md = markdown(result);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'scale.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(outDir, 'scale.md'), `${md}\n`);
console.log(`\n## Scale\n\n${md}`);
