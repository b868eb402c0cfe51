#!/usr/bin/env node
// Command line for the local IAM endpoint (npm run iam-endpoint -- --port N).
// Prints "listening on http://127.0.0.1:<port>" on stdout once it accepts
// connections, so scripts can wait for that line and read the port from it.
import { parseArgs } from 'node:util';
import { startIamEndpoint } from './index.js';
import { DEFAULT_KEY_PROPAGATION_MS } from './iam-limits.js';
import { parseThrottleSpec, ThrottleSpecError, THROTTLE_DEFAULTS } from './throttle.js';
import { REPORT_GENERATION_MS_DEFAULT } from './credential-report.js';
import { SYNTHETIC_MAX_USERS, SYNTHETIC_SEED_DEFAULT } from './synthetic-users.js';

const { reads, writes } = THROTTLE_DEFAULTS;

const USAGE = `usage: node scripts/local-iam/server.js --port <port> [--data <file>] [--test-mode] [--allow-origin <origin>]... [--no-cors]
       [--throttle <spec>] [--report-generation-ms <ms>] [--synthetic-users <n>] [--synthetic-seed <seed>] [--quiet]
       [--key-propagation-ms <ms>]

  --port <port>           port on 127.0.0.1; 0 picks a free one (default 0)
  --data <file>           JSON users and access keys; the shipped demo-data.json when absent
  --test-mode             enable POST/GET /__control (fault injection, clock offset)
  --allow-origin <origin> narrow CORS to this origin (repeatable); without it any origin
                          is allowed with '*', as IAM answers
  --no-cors               send no CORS headers (an endpoint that refuses browser pages)
  --quiet                 no per-request log lines on stderr
  --throttle <spec>       IAM-like token buckets per action, answering 400 Throttling "Rate exceeded":
                          on (default: List*/Get* ${reads.rate}/s burst ${reads.burst}, others ${writes.rate}/s burst ${writes.burst}),
                          off, or name=rate:burst,... where name is reads, writes or an action
                          (e.g. reads=${reads.rate}:${reads.burst},writes=${writes.rate}:${writes.burst},UpdateAccessKey=5:10)
  --report-generation-ms <ms>
                          how long a credential report stays INPROGRESS (default ${REPORT_GENERATION_MS_DEFAULT})
  --synthetic-users <n>   add n synthetic users (0-2 keys each, varied ages, uses and statuses,
                          some names with commas) after the data's own (default 0)
  --synthetic-seed <seed> their seed, an integer (default ${SYNTHETIC_SEED_DEFAULT}); the same seed gives the same users
  --key-propagation-ms <ms>
                          a new access key is refused (InvalidClientTokenId) for this
                          long after CreateAccessKey, as on AWS (default ${DEFAULT_KEY_PROPAGATION_MS}; 0: off)`;

function fail(message) {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      'test-mode': { type: 'boolean', default: false },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      'no-cors': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      throttle: { type: 'string', default: 'on' },
      'report-generation-ms': { type: 'string', default: String(REPORT_GENERATION_MS_DEFAULT) },
      'synthetic-users': { type: 'string', default: '0' },
      'synthetic-seed': { type: 'string', default: String(SYNTHETIC_SEED_DEFAULT) },
      'key-propagation-ms': { type: 'string', default: String(DEFAULT_KEY_PROPAGATION_MS) },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail(err.message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) fail(`--port must be 0-65535, got '${values.port}'`);
if (!/^\d{1,9}$/.test(values['key-propagation-ms'])) {
  fail(`--key-propagation-ms must be a whole number of milliseconds (0 turns the delay off), got '${values['key-propagation-ms']}'`);
}
if (values['no-cors'] && values['allow-origin'].length > 0) fail('--no-cors and --allow-origin cannot be combined');
try {
  parseThrottleSpec(values.throttle);
} catch (err) {
  if (!(err instanceof ThrottleSpecError)) throw err;
  fail(`--${err.message}`);
}
// A whole number 0..max, or a usage error naming the flag.
function wholeNumber(flag, max) {
  const text = values[flag];
  if (!/^\d{1,10}$/.test(text) || Number(text) > max) fail(`--${flag} must be a whole number 0-${max}, got '${text}'`);
  return Number(text);
}
const reportGenerationMs = wholeNumber('report-generation-ms', 60 * 60 * 1000);
const syntheticUsers = wholeNumber('synthetic-users', SYNTHETIC_MAX_USERS);
const syntheticSeed = wholeNumber('synthetic-seed', 0xffffffff);
// undefined: IAM's default (any origin).
let allowOrigins;
if (values['no-cors']) allowOrigins = [];
else if (values['allow-origin'].length > 0) allowOrigins = values['allow-origin'];

let endpoint;
try {
  endpoint = await startIamEndpoint({
    port: Number(values.port),
    data: values.data,
    testMode: values['test-mode'],
    allowOrigins,
    log: !values.quiet,
    throttle: values.throttle,
    reportGenerationMs,
    syntheticUsers,
    syntheticSeed,
    keyPropagationMs: Number(values['key-propagation-ms']),
  });
} catch (err) {
  process.stderr.write(`local-iam: ${err.message}\n`);
  process.exit(1);
}
process.stdout.write(`listening on ${endpoint.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    endpoint.close().then(() => process.exit(0));
  });
}
