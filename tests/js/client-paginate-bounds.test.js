// The paginators' bounds (issue 16): an endpoint that pages forever with
// fresh Markers ends with a PaginationLimitError at maxPages (default from
// the core's limits), a list past maxItems ends before the page that passes
// it, both raisable per call; an abort stops the page being read at once
// (its fetch aborted), even when the injected fetch ignores its signal; a
// Marker outside the model's pattern ends paging with the IamError README
// documents, not a ValidationError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, IamError, PaginationLimitError, ValidationError } from 'keyflip';
import { LIMITS } from '../../wasm/js/generated-facts.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

const usersPage = (n, from, marker) => `<ListUsersResponse xmlns="${XMLNS}"><ListUsersResult><Users>${
  Array.from({ length: n }, (_, i) => `<member><Path>/</Path><UserName>user${from + i}</UserName><UserId>AIDAEXAMPLE${from + i}</UserId><Arn>arn:aws:iam::123456789012:user/user${from + i}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>`).join('')
}</Users><IsTruncated>${marker !== undefined}</IsTruncated>${marker !== undefined ? `<Marker>${marker}</Marker>` : ''}</ListUsersResult><ResponseMetadata><RequestId>req-page</RequestId></ResponseMetadata></ListUsersResponse>`;

/** A ListUsers that never ends: perPage users a page, a fresh Marker every time. */
function endless({ perPage = 1, marker = (i) => `fresh-marker-${i}` } = {}) {
  const iam = { calls: 0, markers: [] };
  iam.fetch = async (_url, init) => {
    const sent = new URLSearchParams(init.body).get('Marker');
    iam.markers.push(sent);
    const i = iam.calls;
    iam.calls += 1;
    return new Response(usersPage(perPage, i * perPage, marker(i)), { status: 200 });
  };
  return iam;
}

const client = (fetch) => createClient({ credentials: CREDENTIALS, fetch });

/** Drains a paginator: { pages, error }. */
async function drain(iterable) {
  const pages = [];
  try {
    for await (const page of iterable) pages.push(page);
  } catch (error) {
    return { pages, error };
  }
  return { pages, error: null };
}

test('the bounds come from the core, written once', () => {
  assert.equal(LIMITS.defaultMaxPages, 1000);
  assert.equal(LIMITS.defaultMaxItems, 100000);
});

test('endless pages with fresh Markers end at the default maxPages with a PaginationLimitError, never silently', { timeout: 120_000 }, async () => {
  const iam = endless();
  const { pages, error } = await drain(client(iam.fetch).paginateListUsers());
  assert.ok(error instanceof PaginationLimitError, `${error}`);
  assert.equal(error.limit, 'maxPages');
  assert.equal(error.value, LIMITS.defaultMaxPages);
  assert.equal(error.pages, LIMITS.defaultMaxPages);
  assert.match(error.message, /maxPages 1000 .*with more to come; the list is incomplete/);
  assert.equal(pages.length, LIMITS.defaultMaxPages);
  assert.equal(iam.calls, LIMITS.defaultMaxPages, 'no request past the bound');
});

test('maxPages is raisable (and lowerable) per paginate call', { timeout: 120_000 }, async () => {
  const iam = endless();
  const { pages, error } = await drain(client(iam.fetch).paginateListUsers({}, { maxPages: 1200 }));
  assert.equal(error?.limit, 'maxPages');
  assert.equal(pages.length, 1200);
  const few = endless();
  const short = await drain(client(few.fetch).paginateListUsers(undefined, { maxPages: 3 }));
  assert.equal(short.pages.length, 3);
  assert.equal(few.calls, 3);
  // A list that ends within the bound ends normally.
  let n = 0;
  const finite = await drain(client(async () => { n += 1; return new Response(usersPage(1, n, n < 3 ? `m${n}` : undefined)); }).paginateListUsers(undefined, { maxPages: 3 }));
  assert.equal(finite.error, null);
  assert.equal(finite.pages.length, 3);
});

test('maxItems: the page that would pass it is not yielded; the error says how far paging got', { timeout: 120_000 }, async () => {
  const iam = endless({ perPage: 100 });
  const { pages, error } = await drain(client(iam.fetch).paginateListUsers({ MaxItems: 100 }, { maxItems: 250 }));
  assert.ok(error instanceof PaginationLimitError);
  assert.equal(error.limit, 'maxItems');
  assert.equal(error.value, 250);
  assert.deepEqual([error.pages, error.items], [3, 300]);
  assert.equal(pages.length, 2);
  assert.equal(pages.flatMap((p) => p.Users).length, 200);
  // Default: 100,000 items, here 1000 a page: the 101st page is refused.
  const big = endless({ perPage: 1000 });
  const all = await drain(client(big.fetch).paginateListUsers());
  assert.equal(all.error?.limit, 'maxItems');
  assert.equal(all.pages.length, LIMITS.defaultMaxItems / 1000);
});

test('bad bounds are a ValidationError naming the option, before anything is sent', async () => {
  let sent = 0;
  const c = client(async () => { sent += 1; return new Response(usersPage(1, 0)); });
  for (const [options, field] of [[{ maxPages: 0 }, 'maxPages'], [{ maxItems: 1.5 }, 'maxItems'], [{ maxPages: Infinity }, 'maxPages'], [{ maxItems: '10' }, 'maxItems'], [{ maxPage: 3 }, 'maxPage']]) {
    const error = await c.paginateListUsers({}, options).next().catch((e) => e);
    assert.ok(error instanceof ValidationError, `${error}`);
    assert.deepEqual(error.issues.map((i) => i.field), [field]);
  }
  assert.equal(sent, 0);
});

test('an abort stops paging mid-read: the page in flight is aborted at once, even by a fetch that ignores its signal', async () => {
  for (const honoursSignal of [true, false]) {
    const controller = new AbortController();
    let fetchSignal;
    let calls = 0;
    const fetch = (_url, init) => {
      calls += 1;
      if (calls === 1) return Promise.resolve(new Response(usersPage(1, 0, 'm1')));
      fetchSignal = init.signal;
      // Page 2 never answers on its own.
      return new Promise((_, reject) => {
        if (honoursSignal) init.signal.addEventListener('abort', () => reject(init.signal.reason));
      });
    };
    const pages = client(fetch).paginateListUsers(undefined, { signal: controller.signal });
    assert.equal((await pages.next()).value.Users.length, 1);
    const pending = pages.next();
    await new Promise((resolve) => setTimeout(resolve, 20)); // page 2 is being read
    assert.equal(calls, 2);
    const abortedAt = Date.now();
    controller.abort();
    const error = await pending.catch((e) => e);
    assert.ok(error instanceof DOMException && error.name === 'AbortError', `${error}`);
    assert.ok(Date.now() - abortedAt < 500, 'stopped at once, not after a timeout');
    assert.equal(fetchSignal.aborted, true, 'the fetch in flight was aborted');
    assert.deepEqual(await pages.next(), { value: undefined, done: true });
    assert.equal(calls, 2);
  }
});

test('a Marker outside the model\'s pattern ends paging with IamError UnknownError, not a ValidationError', { timeout: 60_000 }, async () => {
  // ListUsers' Marker: [\u0020-\u00FF]+, at most 320 characters.
  for (const marker of ['bad\u0001marker', 'x'.repeat(321), 'snow\u2603man']) {
    let calls = 0;
    const { pages, error } = await drain(client(async () => { calls += 1; return new Response(usersPage(1, 0, marker)); }).paginateListUsers());
    assert.equal(pages.length, 1, 'the page that came is given');
    assert.ok(error instanceof IamError, `${error?.name}: ${error?.message}`);
    assert.ok(!(error instanceof ValidationError));
    assert.equal(error.code, 'UnknownError');
    assert.equal(error.retryable, false);
    assert.equal(error.requestId, 'req-page');
    assert.match(error.message, /^IAM's paging cannot be followed: the Marker IAM sent is not one IAM accepts \(Marker: /);
    assert.equal(calls, 1, 'nothing is sent with it');
  }
});
