// fetchCredentialReport against an injected fetch that answers like IAM:
// GenerateCredentialReport's states, GetCredentialReport's report and its
// three errors, the backoff between polls, the time bound and the caller's
// abort (on a mocked clock, so the waits are exact and instant), and the
// report read into typed rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, fetchCredentialReport, init, IamError, TimeoutError, ValidationError } from 'keyflip';
import { mockClock } from './mock-clock.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);

const HEADER = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT = '<root_account>,arn:aws:iam::123456789012:root,2017-06-10T02:35:07+00:00,not_supported,2026-10-30T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const OPS = '"ops,admin","arn:aws:iam::123456789012:user/ops,admin",2020-01-02T03:04:05+00:00,true,no_information,2020-01-02T03:04:05+00:00,N/A,false,true,2020-01-02T03:04:05+00:00,2026-10-31T09:10:11+00:00,eu-west-1,iam,false,2021-02-03T04:05:06+00:00,N/A,N/A,N/A,false,N/A,false,N/A';
const REPORT = `${HEADER}\n${ROOT}\n${OPS}\n`;

const ok = (action, result) => `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`;
const errorXml = (code, message = 'no') => `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`;
const generated = (state) => [200, ok('GenerateCredentialReport', `<State>${state}</State><Description>d</Description>`)];
const report = (csv = REPORT, format = 'text/csv') => [200, ok('GetCredentialReport', `<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>${format}</ReportFormat><GeneratedTime>2026-11-01T07:30:00Z</GeneratedTime>`)];
const failed = (status, code) => [status, errorXml(code)];

/** A fake IAM answering each action from its own script (the last answer repeats). */
function fakeIam(scripts) {
  const calls = [];
  const used = {};
  const fetch = async (_url, init) => {
    const action = new URLSearchParams(init.body).get('Action');
    calls.push({ action, at: Date.now() - T0 });
    const script = scripts[action] ?? [[400, errorXml('InvalidAction')]];
    const i = used[action] = (used[action] ?? -1) + 1;
    const [status, body] = script[Math.min(i, script.length - 1)];
    return new Response(body, { status, headers: { date: new Date().toUTCString() } });
  };
  return { fetch, calls, steps: () => calls.map((c) => `${c.action.replace('CredentialReport', '')}@${c.at}`) };
}

async function setup(t, scripts) {
  await init();
  const clock = mockClock(t, T0);
  const iam = fakeIam(scripts);
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  return { clock, iam, client };
}

test('generate, poll while STARTED/INPROGRESS (1 s, 2 s), get: typed rows', async (t) => {
  const { clock, iam, client } = await setup(t, {
    GenerateCredentialReport: [generated('STARTED'), generated('INPROGRESS'), generated('COMPLETE')],
    GetCredentialReport: [report()],
  });
  const result = await clock.run(fetchCredentialReport(client));
  assert.deepEqual(iam.steps(), ['Generate@0', 'Generate@1000', 'Generate@3000', 'Get@3000']);
  assert.deepEqual(result.GeneratedTime, new Date('2026-11-01T07:30:00Z'));
  assert.equal(result.requestId, 'req-GetCredentialReport');
  assert.deepEqual(result.extraColumns, []);
  assert.equal(result.rows.length, 2);
  const [root, ops] = result.rows;
  assert.equal(root.user, '<root_account>');
  assert.equal(root.root, true);
  assert.equal(root.passwordEnabled, undefined);
  assert.equal(root.absent.password_enabled, 'not_supported');
  assert.equal(root.mfaActive, true);
  assert.deepEqual(root.passwordLastUsed, new Date('2026-10-30T08:00:00Z'));
  assert.equal(ops.user, 'ops,admin');
  assert.equal(ops.arn, 'arn:aws:iam::123456789012:user/ops,admin');
  assert.equal(ops.root, false);
  assert.equal(ops.passwordEnabled, true);
  assert.equal(ops.passwordLastUsed, undefined);
  assert.equal(ops.absent.password_last_used, 'no_information');
  assert.deepEqual(ops.accessKeys[0], {
    active: true, lastRotated: new Date('2020-01-02T03:04:05Z'), lastUsedDate: new Date('2026-10-31T09:10:11Z'),
    lastUsedRegion: 'eu-west-1', lastUsedService: 'iam',
  });
  assert.deepEqual(ops.accessKeys[1], { active: false, lastRotated: new Date('2021-02-03T04:05:06Z') });
  assert.equal(ops.absent.access_key_2_last_used_date, 'N/A');
  assert.equal(ops.absent.access_key_2_last_used_region, 'N/A');
  assert.deepEqual(ops.certificates, [{ active: false }, { active: false }]);
  assert.deepEqual(ops.extra, []);
});

test('GetCredentialReport ReportInProgress (404): Get is polled with backoff', async (t) => {
  const { clock, iam, client } = await setup(t, {
    GenerateCredentialReport: [generated('COMPLETE')],
    GetCredentialReport: [failed(404, 'ReportInProgress'), failed(404, 'ReportInProgress'), report()],
  });
  const result = await clock.run(fetchCredentialReport(client));
  assert.deepEqual(iam.steps(), ['Generate@0', 'Get@0', 'Get@1000', 'Get@3000']);
  assert.equal(result.rows.length, 2);
});

for (const code of ['ReportNotPresent', 'ReportExpired']) {
  test(`GetCredentialReport ${code} (410): a new report is generated, at most 3 in all`, async (t) => {
    const { clock, iam, client } = await setup(t, {
      GenerateCredentialReport: [generated('COMPLETE')],
      GetCredentialReport: [failed(410, code), report()],
    });
    const result = await clock.run(fetchCredentialReport(client));
    assert.deepEqual(iam.steps(), ['Generate@0', 'Get@0', 'Generate@0', 'Get@0']);
    assert.equal(result.rows.length, 2);

    const again = fakeIam({ GenerateCredentialReport: [generated('COMPLETE')], GetCredentialReport: [failed(410, code)] });
    const stubborn = createClient({ credentials: CREDENTIALS, fetch: again.fetch });
    await assert.rejects(clock.run(fetchCredentialReport(stubborn)), (error) => {
      assert.ok(error instanceof IamError);
      assert.equal(error.code, code); // IAM's own error, as it came
      return true;
    });
    assert.deepEqual(again.steps(), ['Generate@0', 'Get@0', 'Generate@0', 'Get@0', 'Generate@0', 'Get@0']);
  });
}

test('bounded in time: a report never COMPLETE ends in a TimeoutError that says IAM may still be making it', async (t) => {
  const { clock, iam, client } = await setup(t, { GenerateCredentialReport: [generated('STARTED'), generated('INPROGRESS')] });
  await assert.rejects(clock.run(fetchCredentialReport(client, { timeoutMs: 5000 })), (error) => {
    assert.ok(error instanceof TimeoutError, error.name);
    assert.equal(error.message, 'the credential report was not ready within 5000 ms (IAM may still be generating it; a later call picks it up)');
    return true;
  });
  // 0, +1 s, +2 s; the next wait (4 s) would end past 5 s: not waited for.
  assert.deepEqual(iam.steps(), ['Generate@0', 'Generate@1000', 'Generate@3000']);
  assert.equal(Date.now() - T0 < 5000, true);
});

test('bounded in time: a call still in flight at the bound is aborted', async (t) => {
  await init();
  const clock = mockClock(t, T0);
  const calls = [];
  const hang = (_url, init) => {
    calls.push(Date.now() - T0);
    return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  };
  const client = createClient({ credentials: CREDENTIALS, fetch: hang, timeoutMs: 60_000, maxAttempts: 1 });
  const started = Date.now();
  await assert.rejects(clock.run(fetchCredentialReport(client, { timeoutMs: 2000 })), TimeoutError);
  assert.deepEqual(calls, [0]);
  assert.equal(Date.now() - started, 2000);
});

test('stoppable: an abort during a wait rejects with the signal\'s reason and sends nothing more', async (t) => {
  const { clock, iam, client } = await setup(t, { GenerateCredentialReport: [generated('STARTED')] });
  const controller = new AbortController();
  const pending = clock.run(fetchCredentialReport(client, { signal: controller.signal }), { maxMs: 500 }).catch((e) => e);
  await clock.settle();
  controller.abort();
  const error = await pending;
  assert.ok(error instanceof DOMException && error.name === 'AbortError', String(error));
  assert.deepEqual(iam.steps(), ['Generate@0']);
  // an already-aborted signal sends nothing
  const before = iam.calls.length;
  await assert.rejects(fetchCredentialReport(client, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(iam.calls.length, before);
});

test('another error (AccessDenied) is the caller\'s, as it came; nothing polled', async (t) => {
  const { clock, iam, client } = await setup(t, { GenerateCredentialReport: [failed(403, 'AccessDenied')] });
  await assert.rejects(clock.run(fetchCredentialReport(client)), { name: 'AccessDenied', code: 'AccessDenied' });
  assert.deepEqual(iam.steps(), ['Generate@0']);
});

test('GetCredentialReport denied (AccessDenied): that error as it came, nothing more sent', async (t) => {
  const { clock, iam, client } = await setup(t, {
    GenerateCredentialReport: [generated('COMPLETE')],
    GetCredentialReport: [failed(403, 'AccessDenied')],
  });
  await assert.rejects(clock.run(fetchCredentialReport(client)), (error) => error instanceof IamError && error.code === 'AccessDenied' && error.statusCode === 403);
  assert.deepEqual(iam.steps(), ['Generate@0', 'Get@0']);
});

test('a report that cannot be read is an IamError naming the column; never a short report', async (t) => {
  const missing = REPORT.replace(',mfa_active', '').split('\n').map((line, i) => (i === 0 ? line : line.replace(/,(true|false),(true|false),/, ',$2,'))).join('\n');
  const { clock, client } = await setup(t, { GenerateCredentialReport: [generated('COMPLETE')], GetCredentialReport: [report(missing)] });
  await assert.rejects(clock.run(fetchCredentialReport(client)), (error) => {
    assert.ok(error instanceof IamError);
    assert.equal(error.code, 'UnknownError');
    assert.match(error.message, /^the credential report cannot be read: mfa_active: the report has no such column/);
    assert.equal(error.requestId, 'req-GetCredentialReport');
    return true;
  });
  const wrongFormat = fakeIam({ GenerateCredentialReport: [generated('COMPLETE')], GetCredentialReport: [report(REPORT, 'text/html')] });
  const c2 = createClient({ credentials: CREDENTIALS, fetch: wrongFormat.fetch });
  await assert.rejects(clock.run(fetchCredentialReport(c2)), /ReportFormat: 'text\/html' is not text\/csv/);
});

test('an unknown State is refused', async (t) => {
  const { clock, client } = await setup(t, { GenerateCredentialReport: [generated('PAUSED')] });
  await assert.rejects(clock.run(fetchCredentialReport(client)), (error) => error instanceof IamError && /State 'PAUSED'/.test(error.message));
});

test('bad options fail before any request', async () => {
  await init();
  const iam = fakeIam({});
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  for (const timeoutMs of [0, -1, 1.5, '100', 3_600_001, Infinity]) {
    await assert.rejects(fetchCredentialReport(client, { timeoutMs }), (error) => error instanceof ValidationError && error.issues[0].field === 'timeoutMs' && error.issues[0].rule === 'range');
  }
  await assert.rejects(fetchCredentialReport(client, { timeout: 5 }), (error) => error instanceof ValidationError && error.issues[0].field === 'timeout');
  await assert.rejects(fetchCredentialReport(client, { signal: 'stop' }), ValidationError);
  await assert.rejects(fetchCredentialReport(client, 5), TypeError);
  await assert.rejects(fetchCredentialReport({}, {}), TypeError);
  assert.equal(iam.calls.length, 0);
});
