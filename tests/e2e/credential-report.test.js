// fetchCredentialReport and the adaptive retry mode against the local IAM
// endpoint: a synthetic account of 2,000 users (names with commas, 0-2 keys
// each) read from the report in a few calls and checked against ListUsers
// and ListAccessKeys; the report's STARTED / INPROGRESS / COMPLETE polled and
// its 4-hour reuse; the time bound; and many calls at IAM's pace through the
// endpoint's throttle with nothing failed.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, fetchCredentialReport, init, TimeoutError } from 'keyflip';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { DEMO_KEYS } from '../../scripts/local-iam/demo-keys.js';

const REGION = 'us-east-1';
const SYNTHETIC_USERS = 2000;
const GENERATION_MS = 300;

function endpointFor(options) {
  const e = { endpoint: null };
  before(async () => {
    await init();
    e.endpoint = await startIamEndpoint({ port: 0, testMode: true, allowOrigins: [], log: false, ...options });
  });
  after(() => e.endpoint?.close());
  beforeEach(() => e.endpoint.state.resetData());
  e.client = (config = {}) => createClient({ endpoint: e.endpoint.url, region: REGION, credentials: DEMO_KEYS.alice1, ...config });
  e.calls = () => e.endpoint.state.snapshot().requests.byAction;
  return e;
}

describe('the credential report of a synthetic account', () => {
  const e = endpointFor({ syntheticUsers: SYNTHETIC_USERS, reportGenerationMs: GENERATION_MS });

  test('every user in a few calls, typed, agreeing with ListUsers and ListAccessKeys', async () => {
    const client = e.client();
    const started = Date.now();
    const report = await fetchCredentialReport(client);
    const calls = e.calls();
    // STARTED, then polls of about 1 s while INPROGRESS (300 ms here), then one Get.
    assert.equal(calls.GetCredentialReport, 1);
    assert.ok(calls.GenerateCredentialReport >= 2 && calls.GenerateCredentialReport <= 3, JSON.stringify(calls));
    assert.ok(Date.now() - started < 5000);
    assert.ok(report.GeneratedTime instanceof Date);

    const [root, ...users] = report.rows;
    assert.equal(root.user, '<root_account>');
    assert.equal(root.root, true);
    assert.equal(root.absent.password_enabled, 'not_supported');
    assert.ok(users.every((row) => row.root === false));

    const listed = [];
    for await (const page of client.paginateListUsers({ MaxItems: 1000 })) listed.push(...page.Users);
    assert.ok(listed.length >= SYNTHETIC_USERS);
    assert.deepEqual(users.map((row) => row.user), listed.map((u) => u.UserName));
    assert.deepEqual(users.map((row) => row.arn), listed.map((u) => u.Arn));
    assert.ok(users.some((row) => row.user.includes(',')), 'a name with a comma came through whole');

    // Key slots against ListAccessKeys, for a sample of users (slot order is creation order).
    const sample = users.filter((_, i) => i % 97 === 0);
    for (const row of sample) {
      const { AccessKeyMetadata } = await client.listAccessKeys({ UserName: row.user });
      const keys = [...AccessKeyMetadata].sort((a, b) => a.CreateDate - b.CreateDate);
      for (let slot = 0; slot < 2; slot += 1) {
        const key = keys[slot];
        const cell = row.accessKeys[slot];
        assert.equal(cell.active, key ? key.Status === 'Active' : false, `${row.user} slot ${slot + 1}`);
        if (key) assert.equal(cell.lastRotated.getTime(), key.CreateDate.getTime(), `${row.user} slot ${slot + 1}`);
        else assert.equal(row.absent[`access_key_${slot + 1}_last_rotated`], 'N/A');
      }
    }
  });

  test('a second report within 4 hours reuses the first: one Generate (COMPLETE), one Get', async () => {
    const client = e.client();
    const first = await fetchCredentialReport(client);
    const before = e.calls();
    const second = await fetchCredentialReport(client);
    const after = e.calls();
    assert.equal(after.GenerateCredentialReport - before.GenerateCredentialReport, 1);
    assert.equal(after.GetCredentialReport - before.GetCredentialReport, 1);
    assert.equal(second.GeneratedTime.getTime(), first.GeneratedTime.getTime());
    assert.equal(second.rows.length, first.rows.length);
  });
});

describe('bounds', () => {
  const e = endpointFor({ reportGenerationMs: 60_000 });

  test('a report still INPROGRESS at the bound: TimeoutError, and a later call finds it being made', async () => {
    const client = e.client();
    const started = Date.now();
    await assert.rejects(fetchCredentialReport(client, { timeoutMs: 2500 }), (error) => {
      assert.ok(error instanceof TimeoutError);
      assert.match(error.message, /not ready within 2500 ms \(IAM may still be generating it/);
      return true;
    });
    assert.ok(Date.now() - started <= 2500 + 500);
    assert.equal(e.endpoint.state.snapshot().credentialReport.state, 'INPROGRESS');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(fetchCredentialReport(client, { signal: controller.signal }), { name: 'AbortError' });
  });
});

describe('the adaptive retry mode against the endpoint\'s throttle', () => {
  // Reads at 10 a second, burst 5 (16 callers at once always meet it): 90
  // calls take about 9 s at that pace.
  const e = endpointFor({ throttle: 'reads=10:5' });

  test('16 callers: none failed; once learnt, few throttled and the pace near the throttle\'s', async () => {
    const client = e.client({ retryMode: 'adaptive', maxAttempts: 10 });
    const run = async (calls) => {
      let next = 0;
      const failures = [];
      const worker = async () => {
        while (next < calls) {
          next += 1;
          await client.getUser().catch((error) => failures.push(error.code ?? error.name));
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: 16 }, worker));
      return { failures, ms: Date.now() - started, ...counts() };
    };
    const counts = () => ({ sent: e.calls().GetUser ?? 0, throttled: e.endpoint.state.snapshot().rateLimits.throttled.total });
    // Learning: the first burst meets the throttle before anything is known.
    const learning = await run(30);
    assert.deepEqual(learning.failures, []);
    assert.ok(learning.throttled > 0, 'the throttle was met');
    const rate = client.sendingRate();
    assert.equal(typeof rate, 'number');
    // Learnt: the same client, 60 more calls.
    const learnt = await run(60);
    assert.deepEqual(learnt.failures, []);
    const sent = learnt.sent - learning.sent;
    const throttled = learnt.throttled - learning.throttled;
    assert.equal(sent - throttled, 60);
    // (CUBIC probes above the learnt rate every few seconds: a probe that
    // meets the throttle costs the answers then in flight.)
    assert.ok(throttled / sent <= 0.2, `${throttled} of ${sent} answers throttled once learnt`);
    // CUBIC: each throttle cuts to 0.7 x the rate met, and the climb back
    // takes seconds; over a few seconds the pace stays between the two.
    const pace = 60 / (learnt.ms / 1000);
    assert.ok(pace > 0.5 * 10 && pace < 1.3 * 10, `${pace.toFixed(1)}/s against 10/s`);
  });
});
