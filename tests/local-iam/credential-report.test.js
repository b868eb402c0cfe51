// The credential report as IAM serves it: the CSV's 22 columns in IAM's
// order, the root row, lowercase booleans, +00:00 times, N/A and
// no_information, quoted names with commas; GenerateCredentialReport's
// STARTED / INPROGRESS / COMPLETE with the 4-hour reuse; GetCredentialReport's
// Content, ReportFormat and GeneratedTime, and its three errors (which IAM
// sends without a <Message>).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialReportCsv } from '../../scripts/local-iam/credential-report.js';
import { loadIamData } from '../../scripts/local-iam/iam-data.js';
import { callIam, control, errorParts, IAM_XMLNS, xmlValue, startTestEndpoint } from './iam-client.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

const ADMIN = { accessKeyId: 'AKIAREPORTADMIN0001', secretAccessKey: 'report-admin-secret-not-real' };
const GENERATION_MS = 400;

const DATA = {
  accountId: '111122223333',
  root: { createDate: '2016-01-02T03:04:05Z', passwordLastUsed: '2024-05-06T07:08:09Z', mfaActive: true },
  users: [
    {
      userName: 'admin',
      createDate: '2019-12-31T23:00:00Z',
      password: { lastChanged: '2024-01-15T10:00:00Z', lastUsed: '2024-07-01T08:30:00Z' },
      mfaActive: true,
      accessKeys: [{ ...ADMIN, createDate: '2020-01-01T00:00:00Z' }],
    },
    {
      // A comma in the name (IAM allows it): quoted, ARN included.
      userName: 'doe,jane',
      path: '/staff/',
      createDate: '2021-03-04T05:06:07Z',
      password: {},
      accessKeys: [
        // Listed first, created second: slot 2.
        { accessKeyId: 'AKIAREPORTJANE00002', secretAccessKey: 's2', status: 'Inactive', createDate: '2023-02-02T00:00:00Z' },
        {
          accessKeyId: 'AKIAREPORTJANE00001',
          secretAccessKey: 's1',
          createDate: '2022-02-02T00:00:00Z',
          lastUsed: { date: '2024-04-04T04:04:04Z', service: 's3', region: 'eu-west-1' },
        },
      ],
    },
    { userName: 'nokeys', createDate: '2022-08-09T10:11:12Z' },
    {
      userName: 'iam-only',
      createDate: '2023-01-01T00:00:00Z',
      accessKeys: [
        {
          accessKeyId: 'AKIAREPORTIAMONLY01',
          secretAccessKey: 's3',
          createDate: '2023-01-02T00:00:00Z',
          lastUsed: { date: '2024-09-09T09:09:09Z', service: 'iam', region: 'us-east-1' },
        },
      ],
    },
  ],
};

const ROOT_ROW = '<root_account>,arn:aws:iam::111122223333:root,2016-01-02T03:04:05+00:00,not_supported,2024-05-06T07:08:09+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
// adminUse: the admin key's last use as the report shows it (date,region,service).
const expectedCsv = (adminUse) =>
  [
    HEADER,
    ROOT_ROW,
    `admin,arn:aws:iam::111122223333:user/admin,2019-12-31T23:00:00+00:00,true,2024-07-01T08:30:00+00:00,2024-01-15T10:00:00+00:00,N/A,true,true,2020-01-01T00:00:00+00:00,${adminUse},false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    '"doe,jane","arn:aws:iam::111122223333:user/staff/doe,jane",2021-03-04T05:06:07+00:00,true,no_information,2021-03-04T05:06:07+00:00,N/A,false,' +
      'true,2022-02-02T00:00:00+00:00,2024-04-04T04:04:04+00:00,eu-west-1,s3,false,2023-02-02T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
    'nokeys,arn:aws:iam::111122223333:user/nokeys,2022-08-09T10:11:12+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    // iam is a global service: region N/A.
    'iam-only,arn:aws:iam::111122223333:user/iam-only,2023-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2023-01-02T00:00:00+00:00,2024-09-09T09:09:09+00:00,N/A,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  ].join('\n');

test("the CSV as IAM formats it: IAM's 22 columns, the root row first, N/A, no_information, quoting, slots by creation", () => {
  const data = loadIamData(DATA);
  const csv = credentialReportCsv(data);
  assert.equal(csv.split('\n')[0].split(',').length, 22);
  assert.equal(csv, expectedCsv('N/A,N/A,N/A'));
});

test('the root row defaults: created with the earliest user, password never used (no_information), no MFA', () => {
  const data = loadIamData({ accountId: '444455556666', users: [{ userName: 'b', createDate: '2020-05-05T00:00:00Z' }, { userName: 'a', createDate: '2018-01-01T00:00:00Z' }] });
  assert.equal(
    credentialReportCsv(data).split('\n')[1],
    '<root_account>,arn:aws:iam::444455556666:root,2018-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  );
  assert.throws(() => loadIamData({ users: [{ userName: 'u', password: 'hunter2' }] }), /users\[0\]\.password must be an object/);
  assert.throws(() => loadIamData({ users: [{ userName: 'u', mfaActive: 'yes' }] }), /users\[0\]\.mfaActive must be true or false/);
  assert.throws(() => loadIamData({ users: [], root: { createDate: 'then' } }), /root\.createDate is not a date/);
});

describe('the endpoint', () => {
  let endpoint;
  before(async () => {
    endpoint = await startTestEndpoint({ data: DATA, reportGenerationMs: GENERATION_MS });
  });
  after(() => endpoint.close());
  // The server clock's offset (clockOffsetSeconds): requests are signed on it.
  let offsetSeconds = 0;
  const setOffset = (seconds) => {
    offsetSeconds = seconds;
    return control(endpoint.url, { clockOffsetSeconds: seconds });
  };
  beforeEach(() => {
    offsetSeconds = 0;
    return control(endpoint.url, { reset: true });
  });

  const signed = (params) => callIam(endpoint.url, params, { credentials: ADMIN, signingDate: new Date(Date.now() + offsetSeconds * 1000) });
  const call = (Action) => signed({ Action });
  const generate = async () => {
    const res = await call('GenerateCredentialReport');
    assert.equal(res.status, 200, res.text);
    return { state: xmlValue(res.text, 'State'), description: xmlValue(res.text, 'Description'), text: res.text };
  };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // IAM's report errors carry a Code and no Message.
  const assertReportError = (res, status, code) => {
    const e = errorParts(res);
    assert.deepEqual([e.status, e.rootOk, e.type, e.code, e.message], [status, true, 'Sender', code, undefined], res.text);
    assert.ok(!res.text.includes('<Message>'), 'no Message element');
    assert.equal(e.headerRequestId, e.requestId);
  };
  const adminUse = (state) => {
    const used = state.users.find((u) => u.userName === 'admin').accessKeys[0].lastUsed;
    return `${used.date.replace(/Z$/, '+00:00')},N/A,iam`;
  };

  test('ReportNotPresent 410 before any report', async () => {
    assertReportError(await call('GetCredentialReport'), 410, 'ReportNotPresent');
  });

  test('STARTED with IAM\'s Description, INPROGRESS (ReportInProgress 404), then COMPLETE and the report', async () => {
    const started = await generate();
    const requestId = xmlValue(started.text, 'RequestId');
    assert.equal(
      started.text,
      `<GenerateCredentialReportResponse xmlns="${IAM_XMLNS}">\n` +
        '  <GenerateCredentialReportResult>\n' +
        '    <Description>No report exists. Starting a new report generation task</Description>\n' +
        '    <State>STARTED</State>\n' +
        '  </GenerateCredentialReportResult>\n' +
        `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
        '</GenerateCredentialReportResponse>\n',
    );
    const atGeneration = (await control(endpoint.url)).json;
    const inProgress = await generate();
    assert.deepEqual([inProgress.state, inProgress.description], ['INPROGRESS', undefined]);
    assertReportError(await call('GetCredentialReport'), 404, 'ReportInProgress');

    await sleep(GENERATION_MS + 50);
    const complete = await generate();
    assert.deepEqual([complete.state, complete.description], ['COMPLETE', undefined]);
    const res = await call('GetCredentialReport');
    assert.equal(res.status, 200, res.text);
    const content = xmlValue(res.text, 'Content');
    assert.match(content, /^[A-Za-z0-9+/]+={0,2}$/, 'base64');
    assert.equal(Buffer.from(content, 'base64').toString('utf8'), expectedCsv(adminUse(atGeneration)));
    assert.equal(xmlValue(res.text, 'ReportFormat'), 'text/csv');
    const generated = xmlValue(res.text, 'GeneratedTime');
    assert.match(generated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Math.abs(Date.parse(generated) - Date.parse(atGeneration.serverTime)) < 2000, 'generated when it was started');
    const order = [...res.text.matchAll(/<(Content|ReportFormat|GeneratedTime)>/g)].map((m) => m[1]);
    assert.deepEqual(order, ['Content', 'ReportFormat', 'GeneratedTime'], "IAM's element order");
    assert.equal((await control(endpoint.url)).json.credentialReport.state, 'COMPLETE');
  });

  test('within 4 hours the latest report is reused; after them a new one is generated', async () => {
    await generate();
    await sleep(GENERATION_MS + 50);
    const first = xmlValue((await call('GetCredentialReport')).text, 'Content');
    // A change after generation does not show in the reused report.
    const change = await signed({ Action: 'UpdateAccessKey', UserName: 'doe,jane', AccessKeyId: 'AKIAREPORTJANE00002', Status: 'Active' });
    assert.equal(change.status, 200, change.text);
    await setOffset(4 * 3600 - 60);
    assert.equal((await generate()).state, 'COMPLETE');
    assert.equal(xmlValue((await call('GetCredentialReport')).text, 'Content'), first, 'the same report');

    await setOffset(4 * 3600 + 60);
    assert.equal((await generate()).state, 'STARTED', 'over 4 hours old: a new one');
    assertReportError(await call('GetCredentialReport'), 404, 'ReportInProgress');
    await sleep(GENERATION_MS + 50);
    const csv = Buffer.from(xmlValue((await call('GetCredentialReport')).text, 'Content'), 'base64').toString('utf8');
    assert.match(csv.split('\n')[3], /^"doe,jane",.*,true,2023-02-02T00:00:00\+00:00,N\/A,N\/A,N\/A,false,N\/A,false,N\/A$/, 'slot 2 now active');
  });

  test('ReportExpired 410 once expired (credentialReport control), until a new report; clear: ReportNotPresent', async () => {
    await generate();
    await sleep(GENERATION_MS + 50);
    assert.equal((await call('GetCredentialReport')).status, 200);
    const expired = await control(endpoint.url, { credentialReport: { expire: true } });
    assert.equal(expired.json.credentialReport.state, 'expired');
    assertReportError(await call('GetCredentialReport'), 410, 'ReportExpired');
    assert.equal((await generate()).state, 'STARTED', 'an expired report is not reused');
    await sleep(GENERATION_MS + 50);
    assert.equal((await call('GetCredentialReport')).status, 200);

    await control(endpoint.url, { credentialReport: { clear: true } });
    assertReportError(await call('GetCredentialReport'), 410, 'ReportNotPresent');
  });

  test('generationMs applies to the report in progress too', async () => {
    await control(endpoint.url, { credentialReport: { generationMs: 3_600_000 } });
    assert.equal((await generate()).state, 'STARTED');
    assertReportError(await call('GetCredentialReport'), 404, 'ReportInProgress');
    await control(endpoint.url, { credentialReport: { generationMs: 0 } });
    assert.equal((await generate()).state, 'COMPLETE');
    assert.equal((await call('GetCredentialReport')).status, 200);
  });

  test('generationMs changes at run time; reset forgets reports; bad bodies are refused', async () => {
    const set = await control(endpoint.url, { credentialReport: { generationMs: 0 } });
    assert.deepEqual(set.json.credentialReport, { generationMs: 0, state: 'none', generatedTime: null });
    assert.equal((await generate()).state, 'STARTED');
    assert.equal((await call('GetCredentialReport')).status, 200, 'ready at once');
    const reset = await control(endpoint.url, { reset: true });
    assert.deepEqual(reset.json.credentialReport, { generationMs: GENERATION_MS, state: 'none', generatedTime: null });
    for (const [body, message] of [
      [{ credentialReport: { expire: 1 } }, /credentialReport\.expire must be true when given/],
      [{ credentialReport: { generationMs: -1 } }, /credentialReport\.generationMs must be an integer 0-3600000/],
      [{ credentialReport: { soon: true } }, /credentialReport: unknown field\(s\) soon/],
      [{ credentialReport: { expire: true, clear: true } }, /expire and clear cannot be combined/],
      [{ credentialReport: null }, /credentialReport must be an object/],
    ]) {
      const res = await control(endpoint.url, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.json.error, message);
    }
  });
});
