// The read calls around UpdateAccessKey, as IAM answers them: ListUsers
// (PathPrefix, paging), GetUser (named, the signer, temporary credentials),
// GetAccessKeyLastUsed (owner from the key ID alone, last verified use), and
// ListAccessKeys paging; MaxItems and Marker validated like IAM.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { callIam, control, errorParts, IAM_XMLNS, listedKeys, listedUsers, startTestEndpoint, xmlValue } from './iam-client.js';

const ACCOUNT = '210987654321';
const key = (accessKeyId, extra = {}) => ({ accessKeyId, secretAccessKey: `secret-of-${accessKeyId}`, ...extra });
const DATA = {
  accountId: ACCOUNT,
  users: [
    {
      userName: 'root-admin',
      path: '/admins/',
      userId: 'AIDAROOTADMIN00000001',
      createDate: '2019-04-01T10:00:00Z',
      accessKeys: [
        key('AKIAREADROOTADMIN1', { createDate: '2019-04-02T10:00:00Z', lastUsed: { date: '2024-03-01T09:00:00Z', service: 's3', region: 'eu-west-1' } }),
        key('AKIAREADROOTADMIN2', { status: 'Inactive', createDate: '2023-05-06T07:08:09Z' }),
      ],
    },
    { userName: 'ops', path: '/admins/ops/', createDate: '2020-01-01T00:00:00Z', accessKeys: [key('AKIAREADOPS0000001')] },
    { userName: 'plain', createDate: '2021-06-30T12:00:00Z', accessKeys: [key('AKIAREADPLAIN00001')] },
    { userName: 'service', path: '/service/', accessKeys: [] },
  ],
  sessions: [{ accessKeyId: 'ASIAREADSESSION001', secretAccessKey: 'session-secret', sessionToken: 'session-token' }],
};
const ADMIN = { accessKeyId: 'AKIAREADROOTADMIN1', secretAccessKey: 'secret-of-AKIAREADROOTADMIN1' };
const PLAIN = { accessKeyId: 'AKIAREADPLAIN00001', secretAccessKey: 'secret-of-AKIAREADPLAIN00001' };
const SESSION = DATA.sessions[0];

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint({ data: DATA });
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const call = (params, credentials = PLAIN, options = {}) => callIam(endpoint.url, params, { credentials, ...options });

function assertError(res, status, code, message) {
  const e = errorParts(res);
  assert.deepEqual([e.status, e.code, e.message], [status, code, message], res.text);
  assert.ok(e.rootOk, res.text);
}

// Follows Marker until IsTruncated is false; returns every page's answer.
async function allPages(params, credentials = PLAIN) {
  const pages = [];
  let marker;
  for (let guard = 0; guard < 20; guard++) {
    const res = await call({ ...params, ...(marker === undefined ? {} : { Marker: marker }) }, credentials);
    assert.equal(res.status, 200, res.text);
    pages.push(res.text);
    if (xmlValue(res.text, 'IsTruncated') === 'false') {
      assert.equal(xmlValue(res.text, 'Marker'), undefined, 'no Marker on the last page');
      return pages;
    }
    marker = xmlValue(res.text, 'Marker');
    assert.ok(marker, 'a truncated page carries a Marker');
  }
  throw new Error('paging did not end');
}

test('GetUser with UserName: the User in IAM\'s XML, exactly', async () => {
  const res = await call({ Action: 'GetUser', UserName: 'ops' });
  assert.equal(res.status, 200, res.text);
  const requestId = res.headers.get('x-amzn-requestid');
  const userId = xmlValue(res.text, 'UserId');
  assert.match(userId, /^AIDA[A-Z0-9]{17}$/, 'a derived id when the data gives none');
  assert.equal(
    res.text,
    `<GetUserResponse xmlns="${IAM_XMLNS}">\n` +
      '  <GetUserResult>\n' +
      '    <User>\n' +
      `      <UserId>${userId}</UserId>\n` +
      '      <Path>/admins/ops/</Path>\n' +
      '      <UserName>ops</UserName>\n' +
      `      <Arn>arn:aws:iam::${ACCOUNT}:user/admins/ops/ops</Arn>\n` +
      '      <CreateDate>2020-01-01T00:00:00Z</CreateDate>\n' +
      '    </User>\n' +
      '  </GetUserResult>\n' +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
      '</GetUserResponse>\n',
  );
  // The same name always gets the same id.
  assert.equal(xmlValue((await call({ Action: 'GetUser', UserName: 'ops' })).text, 'UserId'), userId);
});

test('GetUser without UserName returns the signer; Path / by default', async () => {
  const res = await call({ Action: 'GetUser' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(listedUsers(res.text.replace(/<\/?User>/g, (t) => t.replace('User', 'member'))), [
    { userId: xmlValue(res.text, 'UserId'), path: '/', userName: 'plain', arn: `arn:aws:iam::${ACCOUNT}:user/plain`, createDate: '2021-06-30T12:00:00Z' },
  ]);
  assert.equal(xmlValue((await call({ Action: 'GetUser' }, ADMIN)).text, 'UserId'), 'AIDAROOTADMIN00000001');
});

test('GetUser with temporary credentials needs a UserName, as IAM says', async () => {
  assertError(await call({ Action: 'GetUser' }, SESSION), 400, 'ValidationError', 'Must specify userName when calling with non-User credentials');
  const named = await call({ Action: 'GetUser', UserName: 'root-admin' }, SESSION);
  assert.equal(named.status, 200, named.text);
  assert.equal(xmlValue(named.text, 'UserName'), 'root-admin');
  assertError(await call({ Action: 'GetUser', UserName: 'ghost' }, SESSION), 404, 'NoSuchEntity', 'The user with name ghost cannot be found.');
});

test('ListUsers lists every user in IAM\'s XML; PathPrefix filters by path', async () => {
  const res = await call({ Action: 'ListUsers' });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.text.startsWith(`<ListUsersResponse xmlns="${IAM_XMLNS}">\n  <ListUsersResult>\n    <Users>\n      <member>\n        <UserId>`), res.text);
  assert.match(res.text, /<\/Users>\n    <IsTruncated>false<\/IsTruncated>\n  <\/ListUsersResult>\n  <ResponseMetadata>/);
  const users = listedUsers(res.text);
  assert.deepEqual(users.map((u) => [u.userName, u.path, u.arn]), [
    ['root-admin', '/admins/', `arn:aws:iam::${ACCOUNT}:user/admins/root-admin`],
    ['ops', '/admins/ops/', `arn:aws:iam::${ACCOUNT}:user/admins/ops/ops`],
    ['plain', '/', `arn:aws:iam::${ACCOUNT}:user/plain`],
    ['service', '/service/', `arn:aws:iam::${ACCOUNT}:user/service/service`],
  ]);
  assert.equal(users[3].createDate, '2024-01-01T00:00:00Z', 'the default create date');

  const admins = listedUsers((await call({ Action: 'ListUsers', PathPrefix: '/admins/' })).text);
  assert.deepEqual(admins.map((u) => u.userName), ['root-admin', 'ops']);
  const ops = listedUsers((await call({ Action: 'ListUsers', PathPrefix: '/admins/o' })).text);
  assert.deepEqual(ops.map((u) => u.userName), ['ops'], 'a prefix of the path, not only whole segments');
  const none = await call({ Action: 'ListUsers', PathPrefix: '/nobody/' });
  assert.match(none.text, /<Users>\n    <\/Users>\n    <IsTruncated>false<\/IsTruncated>/);
  assertError(
    await call({ Action: 'ListUsers', PathPrefix: 'admins' }),
    400,
    'ValidationError',
    "1 validation error detected: Value 'admins' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*",
  );
});

test('ListUsers with MaxItems 1 pages through every user, one per page', async () => {
  const pages = await allPages({ Action: 'ListUsers', MaxItems: '1' });
  assert.equal(pages.length, 4);
  assert.deepEqual(pages.map((p) => listedUsers(p).map((u) => u.userName)), [['root-admin'], ['ops'], ['plain'], ['service']]);
  assert.match(pages[0], /<\/Users>\n    <IsTruncated>true<\/IsTruncated>\n    <Marker>[^<]+<\/Marker>\n  <\/ListUsersResult>/);
  // With a PathPrefix the pages stay inside it.
  const admins = await allPages({ Action: 'ListUsers', PathPrefix: '/admins/', MaxItems: '1' });
  assert.deepEqual(admins.map((p) => listedUsers(p).map((u) => u.userName)), [['root-admin'], ['ops']]);
  const two = await allPages({ Action: 'ListUsers', MaxItems: '3' });
  assert.deepEqual(two.map((p) => listedUsers(p).length), [3, 1]);
});

test('ListAccessKeys with MaxItems 1 pages across the keys', async () => {
  const pages = await allPages({ Action: 'ListAccessKeys', UserName: 'root-admin', MaxItems: '1' });
  assert.deepEqual(pages.map((p) => listedKeys(p)), [
    [{ userName: 'root-admin', accessKeyId: 'AKIAREADROOTADMIN1', status: 'Active', createDate: '2019-04-02T10:00:00Z' }],
    [{ userName: 'root-admin', accessKeyId: 'AKIAREADROOTADMIN2', status: 'Inactive', createDate: '2023-05-06T07:08:09Z' }],
  ]);
  assert.match(pages[0], /<\/AccessKeyMetadata>\n    <IsTruncated>true<\/IsTruncated>\n    <Marker>[^<]+<\/Marker>\n  <\/ListAccessKeysResult>/);
  const none = await call({ Action: 'ListAccessKeys', UserName: 'service' });
  assert.match(none.text, /<AccessKeyMetadata>\n    <\/AccessKeyMetadata>\n    <IsTruncated>false<\/IsTruncated>/);
});

test('a bad, foreign or edited Marker is ValidationError "Invalid Marker."', async () => {
  const first = await call({ Action: 'ListUsers', MaxItems: '1' });
  const usersMarker = xmlValue(first.text, 'Marker');
  const keysMarker = xmlValue((await call({ Action: 'ListAccessKeys', UserName: 'root-admin', MaxItems: '1' })).text, 'Marker');
  const bad = [
    ['ListUsers', {}, 'not-a-marker'],
    ['ListUsers', {}, 'AAAA'],
    ['ListUsers', {}, keysMarker], // another listing's marker
    ['ListUsers', { PathPrefix: '/admins/' }, usersMarker], // another filter's marker
    ['ListUsers', {}, Buffer.from('v1\nListUsers /\n99').toString('base64url')], // past the end
    ['ListAccessKeys', { UserName: 'root-admin' }, usersMarker],
    ['ListAccessKeys', { UserName: 'plain' }, keysMarker], // another user's marker
  ];
  for (const [Action, extra, Marker] of bad) {
    assertError(await call({ Action, ...extra, Marker }), 400, 'ValidationError', 'Invalid Marker.');
  }
  // The genuine marker still works.
  assert.equal(listedUsers((await call({ Action: 'ListUsers', MaxItems: '1', Marker: usersMarker })).text)[0].userName, 'ops');
  assertError(
    await call({ Action: 'ListUsers', Marker: '' }),
    400,
    'ValidationError',
    "1 validation error detected: Value '' at 'marker' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
});

// Markers are authenticated (an HMAC under a key the endpoint draws at
// start): one forged from what a genuine marker shows, or a genuine one with
// its position or MAC edited, is refused exactly like any other bad Marker.
test('a forged or edited Marker is refused with "Invalid Marker."; the genuine ones page on', async () => {
  const firstPage = await call({ Action: 'ListUsers', MaxItems: '1' });
  const genuine = xmlValue(firstPage.text, 'Marker');
  const second = await call({ Action: 'ListUsers', MaxItems: '1', Marker: genuine });
  const genuineNext = xmlValue(second.text, 'Marker');
  assert.ok(genuine && genuineNext, 'two genuine markers');

  const bytes = Buffer.from(genuine, 'base64url');
  const withOffset = (offset) => {
    const edited = Buffer.from(bytes);
    edited.writeUInt32BE(offset, 1);
    return edited.toString('base64url');
  };
  const flippedMac = Buffer.from(bytes);
  flippedMac[flippedMac.length - 1] ^= 1;
  const { createHmac, randomBytes } = await import('node:crypto');
  const otherKeyMac = createHmac('sha256', randomBytes(32)).update('2\nListUsers /\n2').digest();
  const forgedV2 = Buffer.concat([Buffer.from([2, 0, 0, 0, 2]), otherKeyMac]).toString('base64url');
  const forged = [
    Buffer.from('v1\nListUsers /\n1').toString('base64url'), // the plain, unauthenticated form
    Buffer.from('v1\nListUsers /\n2').toString('base64url'),
    withOffset(2), // the genuine marker with its position moved on
    withOffset(0),
    flippedMac.toString('base64url'),
    forgedV2, // well formed, MAC under another key
    `${genuine}A`, // trailing characters
  ];
  for (const Marker of forged) {
    assertError(await call({ Action: 'ListUsers', MaxItems: '1', Marker }), 400, 'ValidationError', 'Invalid Marker.');
  }
  // Not the shape of the old one: nothing in the marker reads as text.
  assert.doesNotMatch(Buffer.from(genuine, 'base64url').toString('latin1'), /ListUsers/);
  assert.ok(genuine.length <= 320, 'inside markerType');
  assert.equal(listedUsers((await call({ Action: 'ListUsers', MaxItems: '1', Marker: genuineNext })).text)[0].userName, 'plain');
  assert.equal(listedUsers(second.text)[0].userName, 'ops');
});

test('MaxItems outside 1..1000 or not a number is a ValidationError naming maxItems', async () => {
  const expectations = [
    ['0', 'Member must have value greater than or equal to 1'],
    ['1001', 'Member must have value less than or equal to 1000'],
    ['many', 'Member must be an integer'],
  ];
  for (const Action of ['ListUsers', 'ListAccessKeys']) {
    for (const [MaxItems, rule] of expectations) {
      assertError(
        await call({ Action, MaxItems }),
        400,
        'ValidationError',
        `1 validation error detected: Value '${MaxItems}' at 'maxItems' failed to satisfy constraint: ${rule}`,
      );
    }
    assert.equal((await call({ Action, MaxItems: '1000' })).status, 200);
  }
});

test('GetAccessKeyLastUsed: owner from the key ID alone; never used is N/A without a date', async () => {
  const used = await call({ Action: 'GetAccessKeyLastUsed', AccessKeyId: 'AKIAREADROOTADMIN1' }, PLAIN);
  assert.equal(used.status, 200, used.text);
  assert.equal(
    used.text,
    `<GetAccessKeyLastUsedResponse xmlns="${IAM_XMLNS}">\n` +
      '  <GetAccessKeyLastUsedResult>\n' +
      '    <AccessKeyLastUsed>\n' +
      '      <Region>eu-west-1</Region>\n' +
      '      <LastUsedDate>2024-03-01T09:00:00Z</LastUsedDate>\n' +
      '      <ServiceName>s3</ServiceName>\n' +
      '    </AccessKeyLastUsed>\n' +
      '    <UserName>root-admin</UserName>\n' +
      '  </GetAccessKeyLastUsedResult>\n' +
      `  <ResponseMetadata>\n    <RequestId>${used.headers.get('x-amzn-requestid')}</RequestId>\n  </ResponseMetadata>\n` +
      '</GetAccessKeyLastUsedResponse>\n',
  );
  const never = await call({ Action: 'GetAccessKeyLastUsed', AccessKeyId: 'AKIAREADROOTADMIN2' }, SESSION);
  assert.equal(never.status, 200, never.text);
  assert.equal(xmlValue(never.text, 'UserName'), 'root-admin');
  assert.equal(xmlValue(never.text, 'LastUsedDate'), undefined);
  assert.equal(xmlValue(never.text, 'ServiceName'), 'N/A');
  assert.equal(xmlValue(never.text, 'Region'), 'N/A');

  assertError(
    await call({ Action: 'GetAccessKeyLastUsed', AccessKeyId: 'AKIAREADNOSUCHKEY1' }),
    404,
    'NoSuchEntity',
    'The Access Key with id AKIAREADNOSUCHKEY1 cannot be found.',
  );
  assertError(
    await call({ Action: 'GetAccessKeyLastUsed' }),
    400,
    'ValidationError',
    "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
  );
});

test('every accepted signed request becomes the signing key\'s last use (date, iam, signing region)', async () => {
  let offsetMs = 0; // requests are dated by the server's (offset) clock
  const lastUse = async (AccessKeyId) => {
    const res = await call({ Action: 'GetAccessKeyLastUsed', AccessKeyId }, SESSION, { signingDate: new Date(Date.now() + offsetMs) });
    assert.equal(res.status, 200, res.text);
    return ['LastUsedDate', 'ServiceName', 'Region'].map((tag) => xmlValue(res.text, tag));
  };
  const ops = { accessKeyId: 'AKIAREADOPS0000001', secretAccessKey: 'secret-of-AKIAREADOPS0000001' };
  assert.deepEqual(await lastUse(ops.accessKeyId), [undefined, 'N/A', 'N/A']);

  await control(endpoint.url, { clockOffsetSeconds: 3600 });
  offsetMs = 3600_000;
  const before = Date.now() + offsetMs;
  // Any accepted request counts, even one IAM then answers with an error.
  const res = await call({ Action: 'GetUser', UserName: 'ghost' }, ops, { region: 'eu-west-3', signingDate: new Date(before) });
  assert.equal(res.status, 404);
  const [date, service, region] = await lastUse(ops.accessKeyId);
  assert.deepEqual([service, region], ['iam', 'eu-west-3']);
  assert.match(date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.ok(Math.abs(Date.parse(date) - before) < 5000, `the server's (offset) clock: ${date}`);

  // A refused request is not a use.
  await control(endpoint.url, { reset: true });
  offsetMs = 0;
  const wrong = await call({ Action: 'GetUser' }, { ...ops, secretAccessKey: 'wrong' });
  assert.equal(wrong.status, 403);
  assert.deepEqual(await lastUse(ops.accessKeyId), [undefined, 'N/A', 'N/A']);
  // The session signed every lookup above; it is no user's key, and nothing else changed.
  assert.deepEqual(await lastUse('AKIAREADROOTADMIN2'), [undefined, 'N/A', 'N/A']);
  const state = (await control(endpoint.url)).json;
  assert.equal(state.users.find((u) => u.userName === 'ops').accessKeys[0].lastUsed, null);
});
