// The read calls of createClient (listUsers, listAccessKeys,
// getAccessKeyLastUsed, getUser) and the paginators, with an injected fetch
// that answers like IAM (a small in-memory account, paging with MaxItems and
// an opaque Marker): the results' shapes and types as the AWS SDK v3 gives
// them, validation before any fetch, retries and the retry quota shared by
// every method of a client, unreadable members refused, paging that follows
// Marker, stops on IsTruncated false, on abort, and refuses a Marker it
// cannot follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, IamError, ValidationError } from 'keyflip';
import { withRandom } from './with-random.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

const USERS = [
  { Path: '/', UserName: 'alice', UserId: 'AIDAALICE0000000001', Arn: 'arn:aws:iam::123456789012:user/alice', CreateDate: '2020-01-02T03:04:05Z', PasswordLastUsed: '2024-05-06T07:08:09.123Z' },
  { Path: '/ops/', UserName: 'bob', UserId: 'AIDABOB000000000002', Arn: 'arn:aws:iam::123456789012:user/ops/bob', CreateDate: '2021-02-03T04:05:06Z' },
  { Path: '/', UserName: 'carol', UserId: 'AIDACAROL0000000003', Arn: 'arn:aws:iam::123456789012:user/carol', CreateDate: '2022-03-04T05:06:07Z' },
];
const KEYS = [
  { UserName: 'alice', AccessKeyId: 'AKIAALICE00000000001', Status: 'Active', CreateDate: '2020-01-02T03:04:05Z' },
  { UserName: 'alice', AccessKeyId: 'AKIAALICE00000000002', Status: 'Inactive', CreateDate: '2020-06-07T08:09:10Z' },
];

const xmlFields = (o) => Object.entries(o).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
const ok = (action, result) => `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`;
const errorXml = (code, message = 'no') =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`;

/** IAM paging: MaxItems (default 100) from an opaque Marker; `short` returns one item fewer than asked while more remain. */
function page(items, query, { short = false } = {}) {
  const start = query.Marker ? Number(atob(query.Marker)) : 0;
  const max = Number(query.MaxItems ?? 100);
  const take = short && max > 1 ? max - 1 : max;
  const slice = items.slice(start, start + take);
  const next = start + slice.length;
  const more = next < items.length;
  return { slice, more, marker: more ? btoa(String(next)) : undefined };
}

function answer(query, options) {
  switch (query.Action) {
    case 'ListUsers': {
      const { slice, more, marker } = page(USERS, query, options);
      return [200, ok('ListUsers', `<Users>${slice.map((u) => `<member>${xmlFields(u)}</member>`).join('')}</Users><IsTruncated>${more}</IsTruncated>${marker ? `<Marker>${marker}</Marker>` : ''}`)];
    }
    case 'ListAccessKeys': {
      const { slice, more, marker } = page(KEYS.filter((k) => k.UserName === (query.UserName ?? 'alice')), query, options);
      return [200, ok('ListAccessKeys', `<AccessKeyMetadata>${slice.map((k) => `<member>${xmlFields(k)}</member>`).join('')}</AccessKeyMetadata><IsTruncated>${more}</IsTruncated>${marker ? `<Marker>${marker}</Marker>` : ''}`)];
    }
    case 'GetAccessKeyLastUsed':
      if (query.AccessKeyId === 'AKIAALICE00000000002') return [200, ok('GetAccessKeyLastUsed', '<UserName>alice</UserName><AccessKeyLastUsed><ServiceName>N/A</ServiceName><Region>N/A</Region></AccessKeyLastUsed>')];
      if (query.AccessKeyId === 'AKIAALICE00000000001') return [200, ok('GetAccessKeyLastUsed', '<UserName>alice</UserName><AccessKeyLastUsed><LastUsedDate>2024-07-08T09:10:00Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1</Region></AccessKeyLastUsed>')];
      return [400, errorXml('NoSuchEntity', 'The Access Key with id ... cannot be found.')];
    case 'GetUser':
      if (query.UserName === 'bob') return [200, ok('GetUser', `<User>${xmlFields(USERS[1])}<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::aws:policy/ReadOnlyAccess</PermissionsBoundaryArn></PermissionsBoundary><Tags><member><Key>team</Key><Value>ops</Value></member></Tags></User>`)];
      return [200, ok('GetUser', `<User>${xmlFields(USERS[0])}</User>`)];
    default:
      return [400, errorXml('InvalidAction')];
  }
}

/** A fetch standing in for IAM; calls lists each request's form parameters. */
function fakeIam({ before, short } = {}) {
  const iam = { calls: [] };
  iam.fetch = async (url, init) => {
    const query = Object.fromEntries(new URLSearchParams(init.body));
    iam.calls.push(query);
    const [status, body] = before?.(iam.calls.length - 1, query) ?? answer(query, { short });
    return new Response(body, { status, headers: { date: new Date().toUTCString() } });
  };
  return iam;
}

const client = (iam, config = {}) => createClient({ credentials: CREDENTIALS, fetch: iam.fetch, ...config });

test('listUsers: the model\'s member names and nesting, Dates, booleans, absent optionals, plus requestId, attempts, statusCode', async () => {
  const iam = fakeIam();
  const result = await client(iam).listUsers();
  assert.deepEqual(iam.calls, [{ Action: 'ListUsers', Version: '2010-05-08' }]);
  assert.equal(result.requestId, 'req-ListUsers');
  assert.equal(result.attempts, 1);
  assert.equal(result.statusCode, 200);
  assert.equal(result.IsTruncated, false);
  assert.ok(!('Marker' in result), 'no Marker on the last page');
  assert.equal(result.Users.length, 3);
  const [alice, bob] = result.Users;
  assert.deepEqual(Object.keys(alice), ['Path', 'UserName', 'UserId', 'Arn', 'CreateDate', 'PasswordLastUsed']);
  assert.ok(alice.CreateDate instanceof Date);
  assert.equal(alice.CreateDate.toISOString(), '2020-01-02T03:04:05.000Z');
  assert.equal(alice.PasswordLastUsed.toISOString(), '2024-05-06T07:08:09.123Z');
  assert.ok(!('PasswordLastUsed' in bob) && !('Tags' in bob) && !('PermissionsBoundary' in bob), 'IAM left them out: absent');
  assert.equal(bob.Path, '/ops/');
});

test('listUsers: an empty <Users/> is [] (as the AWS SDK v3), a missing one is absent', async () => {
  const empty = fakeIam({ before: () => [200, ok('ListUsers', '<Users/><IsTruncated>false</IsTruncated>')] });
  assert.deepEqual((await client(empty).listUsers()).Users, []);
  const missing = fakeIam({ before: () => [200, ok('ListUsers', '<IsTruncated>false</IsTruncated>')] });
  const result = await client(missing).listUsers();
  assert.ok(!('Users' in result));
  assert.equal(result.IsTruncated, false);
});

test('listAccessKeys, getAccessKeyLastUsed (the owner of a key from its ID), getUser: shapes and types', async () => {
  const iam = fakeIam();
  const c = client(iam);
  const keys = await c.listAccessKeys({ UserName: 'alice' });
  assert.deepEqual(keys.AccessKeyMetadata.map((k) => [k.AccessKeyId, k.Status, k.CreateDate instanceof Date]),
    [['AKIAALICE00000000001', 'Active', true], ['AKIAALICE00000000002', 'Inactive', true]]);
  assert.equal(keys.IsTruncated, false);

  const used = await c.getAccessKeyLastUsed({ AccessKeyId: 'AKIAALICE00000000001' });
  assert.equal(used.UserName, 'alice');
  assert.deepEqual(Object.keys(used.AccessKeyLastUsed), ['LastUsedDate', 'ServiceName', 'Region']);
  assert.equal(used.AccessKeyLastUsed.LastUsedDate.toISOString(), '2024-07-08T09:10:00.000Z');
  const never = await c.getAccessKeyLastUsed({ AccessKeyId: 'AKIAALICE00000000002' });
  assert.deepEqual(never.AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' }, 'never used: no LastUsedDate');

  const me = await c.getUser();
  assert.equal(me.User.UserName, 'alice');
  assert.deepEqual(iam.calls.at(-1), { Action: 'GetUser', Version: '2010-05-08' }, 'no UserName: the signing user');
  const bob = await c.getUser({ UserName: 'bob' });
  assert.deepEqual(bob.User.PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
  assert.deepEqual(bob.User.Tags, [{ Key: 'team', Value: 'ops' }]);

  const missing = await c.getAccessKeyLastUsed({ AccessKeyId: 'AKIANOSUCHKEY0000000' }).catch((e) => e);
  assert.ok(missing instanceof IamError);
  assert.equal(missing.code, 'NoSuchEntity');
  assert.equal(missing.attempts, 1);
});

test('integers are sent as IAM expects them and MaxItems/Marker reach the request', async () => {
  const iam = fakeIam();
  const first = await client(iam).listUsers({ MaxItems: 2, PathPrefix: '/' });
  assert.deepEqual(iam.calls[0], { Action: 'ListUsers', Version: '2010-05-08', PathPrefix: '/', MaxItems: '2' });
  assert.equal(first.Users.length, 2);
  assert.equal(first.IsTruncated, true);
  assert.equal(typeof first.Marker, 'string');
  const second = await client(iam).listUsers({ MaxItems: 2, Marker: first.Marker });
  assert.equal(iam.calls[1].Marker, first.Marker);
  assert.deepEqual(second.Users.map((u) => u.UserName), ['carol']);
});

test('bad params: ValidationError naming the field and the rule, before any fetch or credentials', async () => {
  let provided = 0;
  const iam = fakeIam();
  const c = createClient({ credentials: () => { provided += 1; return CREDENTIALS; }, fetch: iam.fetch });
  const cases = [
    [() => c.listUsers({ MaxItems: 0 }), [['MaxItems', 'min']]],
    [() => c.listUsers({ MaxItems: 1001 }), [['MaxItems', 'max']]],
    [() => c.listUsers({ MaxItems: 1.5 }), [['MaxItems', 'type']]],
    [() => c.listUsers({ MaxItems: '10' }), [['MaxItems', 'type']]],
    [() => c.listUsers({ PathPrefix: 'no-slash' }), [['PathPrefix', 'pattern']]],
    [() => c.listUsers({ Marker: '' }), [['Marker', 'minLength']]],
    [() => c.listUsers({ Colour: 'red' }), [['Colour', 'unknown']]],
    [() => c.listAccessKeys({ UserName: 'al ice' }), [['UserName', 'pattern']]],
    [() => c.getAccessKeyLastUsed({}), [['AccessKeyId', 'required']]],
    [() => c.getAccessKeyLastUsed({ AccessKeyId: 'AKIA' }), [['AccessKeyId', 'minLength']]],
    [() => c.getUser({ UserName: 42 }), [['UserName', 'type']]],
    [() => c.paginateListUsers({ MaxItems: -1 }).next(), [['MaxItems', 'min']]],
  ];
  for (const [call, expected] of cases) {
    const error = await call().catch((e) => e);
    assert.ok(error instanceof ValidationError, `${call}: ${error}`);
    assert.deepEqual(error.issues.map((i) => [i.field, i.rule]), expected, `${call}`);
    for (const issue of error.issues) assert.ok(issue.message.startsWith(`${issue.field}: `), issue.message);
  }
  const listed = await c.listUsers({ Colour: 'red' }).catch((e) => e);
  assert.match(listed.message, /Colour: is not a parameter of ListUsers \(known: PathPrefix, Marker, MaxItems\)/);
  // Required params cannot be left out; optional ones can.
  await assert.rejects(c.getAccessKeyLastUsed(), TypeError);
  await assert.rejects(c.listUsers(null), TypeError);
  assert.equal(provided, 0);
  assert.equal(iam.calls.length, 0);
});

test('retries and the retry quota are shared by every method of one client', async () => {
  await withRandom(0, async () => { // no backoff wait
    // Every call fails first with a 503, then succeeds: each call costs 5
    // tokens and gets them back, so the quota ends where it began...
    const flaky = fakeIam({ before: (n) => (n % 2 === 0 ? [503, errorXml('ServiceUnavailable')] : undefined) });
    const c = client(flaky);
    for (const call of [() => c.listUsers(), () => c.listAccessKeys(), () => c.getAccessKeyLastUsed({ AccessKeyId: 'AKIAALICE00000000001' }), () => c.getUser()]) {
      assert.equal((await call()).attempts, 2);
    }
    // ...while a client whose calls always fail drains one quota across methods:
    // 500 / (2 retries x 5) = 50 calls, whichever methods they are.
    const down = fakeIam({ before: () => [503, errorXml('ServiceUnavailable')] });
    const d = client(down);
    const methods = [() => d.listUsers(), () => d.listAccessKeys(), () => d.getUser(), () => d.getAccessKeyLastUsed({ AccessKeyId: 'AKIAALICE00000000001' })];
    for (let i = 0; i < 50; i += 1) assert.equal((await methods[i % 4]().catch((e) => e)).attempts, 3, `call ${i}`);
    const last = await d.updateAccessKey({ AccessKeyId: 'AKIAALICE00000000001', Status: 'Inactive' }).catch((e) => e);
    assert.equal(last.attempts, 1, 'the quota drained by the read calls stops updateAccessKey\'s retries too');
  });
});

test('the clock offset learnt by one method signs the others', async () => {
  const skewMs = 3_600_000;
  const serverDate = () => new Date(Date.now() + skewMs).toUTCString();
  const dates = [];
  const fetch = async (url, init) => {
    const query = Object.fromEntries(new URLSearchParams(init.body));
    const amzDate = init.headers['x-amz-date'];
    dates.push(amzDate);
    const signedAt = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    if (Math.abs(signedAt - (Date.now() + skewMs)) > 5 * 60_000) {
      return new Response(errorXml('SignatureDoesNotMatch', 'Signature expired: is now earlier than ...'), { status: 403, headers: { date: serverDate() } });
    }
    const [status, body] = answer(query, {});
    return new Response(body, { status, headers: { date: serverDate() } });
  };
  const c = createClient({ credentials: CREDENTIALS, fetch });
  assert.equal((await c.listUsers()).attempts, 2, 'the first call learns the offset');
  assert.equal((await c.getUser()).attempts, 1, 'another method signs with it at once');
  assert.equal(dates.length, 3);
});

test('an answer with a member that cannot be read by its shape is an IamError naming it, not a silently missing value', async () => {
  const bad = fakeIam({ before: () => [200, ok('GetAccessKeyLastUsed', '<UserName>alice</UserName><AccessKeyLastUsed><LastUsedDate>last tuesday</LastUsedDate><ServiceName>s3</ServiceName><Region>us-east-1</Region></AccessKeyLastUsed>')] });
  const error = await client(bad).getAccessKeyLastUsed({ AccessKeyId: 'AKIAALICE00000000001' }).catch((e) => e);
  assert.ok(error instanceof IamError, `${error}`);
  assert.equal(error.code, 'UnknownError');
  assert.equal(error.statusCode, 200);
  assert.equal(error.retryable, false);
  assert.equal(error.attempts, 1, 'not retried: the same answer would come again');
  assert.match(error.message, /AccessKeyLastUsed\.LastUsedDate: is not an ISO 8601 timestamp: "last tuesday"/);
  const badBool = fakeIam({ before: () => [200, ok('ListUsers', '<Users/><IsTruncated>maybe</IsTruncated>')] });
  const boolError = await client(badBool).listUsers().catch((e) => e);
  assert.match(boolError.message, /IsTruncated: is not true or false/);
  // Another action's answer is not this one's success.
  const other = fakeIam({ before: () => [200, ok('ListUsers', '<Users/><IsTruncated>false</IsTruncated>')] });
  assert.equal((await client(other).getUser().catch((e) => e)).code, 'UnknownError');
});

test('paginateListUsers follows Marker while IsTruncated is true, also when IAM returns fewer items than MaxItems', async () => {
  const iam = fakeIam({ short: true });
  const pages = [];
  for await (const p of client(iam).paginateListUsers({ MaxItems: 2 })) pages.push(p);
  // MaxItems 2, but IAM gives one per page while more remain.
  assert.deepEqual(pages.map((p) => p.Users.map((u) => u.UserName)), [['alice'], ['bob'], ['carol']]);
  assert.deepEqual(pages.map((p) => p.IsTruncated), [true, true, false]);
  assert.equal(iam.calls.length, 3);
  assert.ok(!('Marker' in iam.calls[0]));
  assert.equal(iam.calls[1].Marker, pages[0].Marker);
  assert.equal(iam.calls[2].Marker, pages[1].Marker);
  assert.ok(iam.calls.every((q) => q.MaxItems === '2'));
  for (const p of pages) assert.equal(p.requestId, 'req-ListUsers');

  const keys = [];
  for await (const p of client(fakeIam()).paginateListAccessKeys({ UserName: 'alice', MaxItems: 1 })) keys.push(...p.AccessKeyMetadata);
  assert.deepEqual(keys.map((k) => k.AccessKeyId), ['AKIAALICE00000000001', 'AKIAALICE00000000002']);
  // Without params: one page of everything.
  const all = [];
  for await (const p of client(fakeIam()).paginateListUsers()) all.push(p);
  assert.equal(all.length, 1);
});

test('a paginator stops on abort: the pending page rejects with the abort, nothing more is fetched', async () => {
  const controller = new AbortController();
  const iam = fakeIam();
  const pages = client(iam).paginateListUsers({ MaxItems: 1 }, { signal: controller.signal });
  assert.equal((await pages.next()).value.Users[0].UserName, 'alice');
  controller.abort();
  const error = await pages.next().catch((e) => e);
  assert.ok(error instanceof DOMException && error.name === 'AbortError', `${error}`);
  assert.equal(iam.calls.length, 1);
  assert.deepEqual(await pages.next(), { value: undefined, done: true });
  // Breaking out of a for await loop stops it too.
  const again = fakeIam();
  for await (const p of client(again).paginateListUsers({ MaxItems: 1 })) {
    assert.ok(p.IsTruncated);
    break;
  }
  assert.equal(again.calls.length, 1);
});

test('a paginator refuses paging it cannot follow instead of ending a list early or looping', async () => {
  const noMarker = fakeIam({ before: () => [200, ok('ListUsers', '<Users/><IsTruncated>true</IsTruncated>')] });
  const pages = [];
  const error = await (async () => {
    for await (const p of client(noMarker).paginateListUsers()) pages.push(p);
  })().catch((e) => e);
  assert.equal(pages.length, 1, 'the page that came is given');
  assert.ok(error instanceof IamError);
  assert.match(error.message, /IsTruncated is true but no Marker/);
  assert.equal(error.requestId, 'req-ListUsers');

  const sameMarker = fakeIam({ before: () => [200, ok('ListUsers', '<Users/><IsTruncated>true</IsTruncated><Marker>m1</Marker>')] });
  const loop = await (async () => {
    for await (const p of client(sameMarker).paginateListUsers()) assert.ok(p);
  })().catch((e) => e);
  assert.match(loop.message, /already followed/);
  assert.equal(sameMarker.calls.length, 2);
});

test('the client has one method per action of the model and a paginator per action that pages', () => {
  const c = client(fakeIam());
  assert.deepEqual(Object.keys(c).sort(), [
    // IAM
    'createAccessKey', 'deleteAccessKey', 'deleteUserPolicy', 'generateCredentialReport', 'getAccessKeyLastUsed',
    'getCredentialReport', 'getUser', 'getUserPolicy', 'listAccessKeys', 'listAttachedUserPolicies', 'listUserPolicies',
    'listUsers', 'paginateListAccessKeys', 'paginateListAttachedUserPolicies', 'paginateListUserPolicies',
    'paginateListUsers', 'putUserPolicy', 'updateAccessKey',
    // STS
    'getAccessKeyInfo', 'getCallerIdentity', 'getSessionToken',
    // the adaptive retry mode's learnt rate
    'sendingRate',
  ].sort());
  assert.ok(Object.isFrozen(c));
});
