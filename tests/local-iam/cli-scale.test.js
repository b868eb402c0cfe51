// The command line's scale flags: throttling on by default (what
// scripts/start.sh runs), --throttle, --report-generation-ms,
// --synthetic-users and --synthetic-seed, and their refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { callIam, control, errorParts } from './iam-client.js';
import { refusedCli, startCli } from './cli-process.js';
import { readIamData } from '../../scripts/local-iam/iam-data.js';

test('by default the command line throttles with the documented defaults; reports take 2 s', async (t) => {
  const { url } = await startCli(t, ['--port', '0', '--test-mode', '--quiet']);
  const state = (await control(url)).json;
  assert.equal(state.rateLimits.spec, 'reads=20:40,writes=10:20');
  assert.equal(state.credentialReport.generationMs, 2000);
  assert.equal(state.users.length, readIamData().users.length, 'no synthetic users unless asked');
});

test('scripts/start.sh starts the endpoint with throttling on', () => {
  const start = readFileSync(new URL('../../scripts/start.sh', import.meta.url), 'utf8');
  const line = start.split('\n').find((l) => l.includes('scripts/local-iam/server.js'));
  assert.ok(line, 'start.sh runs the endpoint');
  assert.match(line, /--throttle on\b/);
});

test('--throttle, --report-generation-ms, --synthetic-users and --synthetic-seed', async (t) => {
  const { url } = await startCli(t, ['--port', '0', '--test-mode', '--quiet', '--throttle', 'reads=0.001:2', '--report-generation-ms', '50', '--synthetic-users', '25', '--synthetic-seed', '9']);
  const state = (await control(url)).json;
  assert.equal(state.rateLimits.spec, 'reads=0.001:2,writes=10:20');
  assert.equal(state.credentialReport.generationMs, 50);
  const demo = readIamData().users.length;
  assert.equal(state.users.length, demo + 25);
  assert.ok(state.users.slice(demo).every((u) => /-\d{7}(@example\.com)?$/.test(u.userName)), 'synthetic names after the demo users');
  for (let i = 0; i < 2; i++) assert.equal((await callIam(url, { Action: 'ListUsers' })).status, 200);
  assert.equal(errorParts(await callIam(url, { Action: 'ListUsers' })).code, 'Throttling');

  // The same seed gives the same users.
  const again = await startCli(t, ['--port', '0', '--test-mode', '--quiet', '--synthetic-users', '25', '--synthetic-seed', '9', '--throttle', 'off']);
  const names = (s) => s.users.map((u) => u.userName);
  assert.deepEqual(names((await control(again.url)).json), names(state));
  assert.equal((await control(again.url)).json.rateLimits.spec, 'off');
});

test('bad scale flags are refused with exit code 2, naming the flag and the rule', async () => {
  for (const [args, message] of [
    [['--throttle', 'reads=fast'], /--throttle: reads must be rate:burst/],
    [['--throttle', 'sometimes'], /'sometimes' must be name=rate:burst/],
    [['--report-generation-ms=-5'], /--report-generation-ms must be a whole number 0-3600000, got '-5'/],
    [['--report-generation-ms', '9999999'], /--report-generation-ms must be a whole number 0-3600000, got '9999999'/],
    [['--synthetic-users', '2000000'], /--synthetic-users must be a whole number 0-1000000/],
    [['--synthetic-seed', 'abc'], /--synthetic-seed must be a whole number 0-4294967295/],
  ]) {
    const { code, stderr } = await refusedCli(['--port', '0', ...args]);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, message);
    assert.match(stderr, /usage: node scripts\/local-iam\/server\.js/);
  }
});
