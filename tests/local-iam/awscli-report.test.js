// The AWS CLI, unchanged, against the credential report and the throttle:
// botocore parses GenerateCredentialReport and GetCredentialReport (Content a
// blob) independently of this endpoint, prints the report errors as it does
// for IAM's (no message: "Unknown"), and retries IAM's Throttling answer.
// The CSV is read back with Python's csv module, an RFC 4180 reader
// independent of the writer here. Fails (never skips) when `aws` is missing;
// KEYFLIP_AWS_CLI may name a particular aws executable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { control, KEYS, startTestEndpoint } from './iam-client.js';

const AWS = process.env.KEYFLIP_AWS_CLI || 'aws';

// Only the settings given here reach the CLI: no profile, config file,
// instance metadata or stray AWS_* variable.
function cliEnv(credentials, extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}

function aws(url, args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    execFile(AWS, [...args, '--endpoint-url', url, '--output', 'json'], { env: cliEnv(KEYS.alice2, extraEnv), timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`cannot run '${AWS}' (${error.code ?? error.message}); the AWS CLI must be installed for these tests`));
      } else {
        resolve({ code: error ? error.code : 0, stdout, stderr });
      }
    });
  });
}

// Rows of a CSV text, read by Python's csv module.
function pythonCsvRows(text) {
  const script = 'import csv, json, sys\nprint(json.dumps(list(csv.reader(sys.stdin))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' }));
}

const HEADER = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
];
const GLOBAL = new Set(['iam', 'cloudfront', 'route53', 'organizations']);
const reportTime = (date) => date.replace(/Z$/, '+00:00');

describe('aws iam generate-credential-report / get-credential-report', () => {
  let endpoint;
  before(async () => {
    // Synthetic users too: names with commas must survive the round trip.
    endpoint = await startTestEndpoint({ syntheticUsers: 40, syntheticSeed: 5, reportGenerationMs: 3_600_000 });
  });
  after(() => endpoint.close());

  test('before any report: ReportNotPresent, shown as botocore shows IAM\'s (no message)', async () => {
    const version = await aws(endpoint.url, ['--version']);
    assert.equal(version.code, 0, version.stderr);
    const res = await aws(endpoint.url, ['iam', 'get-credential-report']);
    assert.notEqual(res.code, 0);
    assert.match(res.stderr, /An error occurred \(ReportNotPresent\) when calling the GetCredentialReport operation: Unknown/);
  });

  test('STARTED, INPROGRESS (ReportInProgress), COMPLETE; the CSV matches the endpoint\'s users and keys', async () => {
    const started = await aws(endpoint.url, ['iam', 'generate-credential-report']);
    assert.equal(started.code, 0, started.stderr);
    assert.deepEqual(JSON.parse(started.stdout), { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' });
    const state = (await control(endpoint.url)).json; // the data as the report captured it

    const again = await aws(endpoint.url, ['iam', 'generate-credential-report']);
    assert.deepEqual(JSON.parse(again.stdout), { State: 'INPROGRESS' });
    const early = await aws(endpoint.url, ['iam', 'get-credential-report']);
    assert.match(early.stderr, /An error occurred \(ReportInProgress\) when calling the GetCredentialReport operation: Unknown/);

    await control(endpoint.url, { credentialReport: { generationMs: 0 } });
    const complete = await aws(endpoint.url, ['iam', 'generate-credential-report']);
    assert.deepEqual(JSON.parse(complete.stdout), { State: 'COMPLETE' });

    const got = await aws(endpoint.url, ['iam', 'get-credential-report']);
    assert.equal(got.code, 0, got.stderr);
    const report = JSON.parse(got.stdout);
    assert.equal(report.ReportFormat, 'text/csv');
    assert.match(report.GeneratedTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\+00:00|Z)$/);
    const rows = pythonCsvRows(Buffer.from(report.Content, 'base64').toString('utf8'));
    assert.deepEqual(rows[0], HEADER);
    const byName = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(HEADER.map((h, i) => [h, r[i]]))]));
    assert.equal(rows.length, 1 + 1 + state.users.length, 'header, root, one row a user');
    assert.ok(rows.every((r) => r.length === 22), 'every row has 22 fields');
    assert.equal(rows[1][0], '<root_account>');
    assert.equal(rows[1][1], `arn:aws:iam::${state.accountId}:root`);
    assert.ok(state.users.some((u) => u.userName.includes(',')), 'names with commas are in the data');

    for (const user of state.users) {
      const row = byName.get(user.userName);
      assert.ok(row, `a row for ${user.userName}`);
      assert.equal(row.arn, `arn:aws:iam::${state.accountId}:user${user.path}${user.userName}`);
      const slots = [...user.accessKeys].sort((a, b) => (a.createDate < b.createDate ? -1 : a.createDate > b.createDate ? 1 : 0));
      for (const n of [1, 2]) {
        const key = slots[n - 1];
        const at = (f) => row[`access_key_${n}_${f}`];
        if (!key) {
          assert.deepEqual([at('active'), at('last_rotated'), at('last_used_date')], ['false', 'N/A', 'N/A'], user.userName);
          continue;
        }
        assert.equal(at('active'), String(key.status === 'Active'), `${user.userName} slot ${n}`);
        assert.equal(at('last_rotated'), reportTime(key.createDate));
        assert.equal(at('last_used_date'), key.lastUsed ? reportTime(key.lastUsed.date) : 'N/A');
        assert.equal(at('last_used_service'), key.lastUsed ? key.lastUsed.service : 'N/A');
        assert.equal(at('last_used_region'), key.lastUsed && !GLOBAL.has(key.lastUsed.service) ? key.lastUsed.region : 'N/A');
      }
    }
  });
});

test('awscli retries the endpoint\'s Throttling answer as it retries IAM\'s, then reports it', async (t) => {
  const endpoint = await startTestEndpoint({ throttle: 'reads=0.001:1' });
  t.after(() => endpoint.close());
  const first = await aws(endpoint.url, ['iam', 'list-users']);
  assert.equal(first.code, 0, first.stderr);
  const second = await aws(endpoint.url, ['iam', 'list-users'], { AWS_RETRY_MODE: 'standard', AWS_MAX_ATTEMPTS: '3' });
  assert.notEqual(second.code, 0);
  assert.match(second.stderr, /An error occurred \(Throttling\) when calling the ListUsers operation \(reached max retries: 2\): Rate exceeded/);
  const state = (await control(endpoint.url)).json;
  assert.equal(state.requests.byAction.ListUsers, 4, 'one call, then three attempts');
  assert.equal(state.rateLimits.throttled.byAction.ListUsers, 3);
});
