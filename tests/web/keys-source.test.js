// web/shared/keys-source.js against a stand-in client: every page of users and keys,
// each key's last use, a failed read confined to its row, the "add users" box;
// pages without end stopped by the bounds and by the signal mid-read; members
// that cannot be read as unreadable rows with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from '../../wasm/js/index.js';
import { READ_BOUNDS, ReadBoundError, listAllUserNames, listKeyMetadata, readLastUses, rowFromMetadata, userNamesFromText } from '../../web/shared/keys-source.js';
import { fakeClient } from './fake-client.js';

const created = new Date('2025-01-01T00:00:00Z');
const account = () => ({
  pageSize: 2,
  users: [
    { userName: 'alice', keys: [{ id: 'AKIAA1', status: 'Active', created }, { id: 'AKIAA2', status: 'Inactive', created }] },
    { userName: 'bob', keys: [{ id: 'AKIAB1', status: 'Active', created, lastUsed: { LastUsedDate: new Date('2026-11-01T00:00:00Z'), ServiceName: 's3', Region: 'eu-west-1' } }] },
    { userName: 'carol', keys: [] },
    { userName: 'dave', keys: [{ id: 'AKIAD1', status: 'Active', created }] },
    { userName: 'erin', keys: [{ id: 'AKIAE1', status: 'Active', created }] },
  ],
});

test('lists every user across pages', async () => {
  const pages = [];
  const { names, pages: count } = await listAllUserNames(fakeClient(account()), { onPage: (n, total) => pages.push([n, total]) });
  assert.deepEqual(names, ['alice', 'bob', 'carol', 'dave', 'erin']);
  assert.equal(count, 3);
  assert.deepEqual(pages, [[1, 2], [2, 4], [3, 5]]);
});

test('lists a user\'s keys (or the signer\'s) and makes rows of them', async () => {
  const client = fakeClient({ ...account(), pageSize: 1 });
  const keys = await listKeyMetadata(client, 'alice');
  assert.deepEqual(keys.map((k) => k.AccessKeyId), ['AKIAA1', 'AKIAA2'], 'both pages');
  await listKeyMetadata(client, undefined);
  assert.deepEqual(client.calls, ['ListAccessKeys alice', 'ListAccessKeys (signer)']);
  assert.deepEqual(rowFromMetadata(keys[1]), { userName: 'alice', accessKeyId: 'AKIAA2', status: 'Inactive', createDate: created, lastUse: null });
});

test('reads each key\'s last use; a failure marks only its row', async () => {
  const client = fakeClient(account());
  client.failNext('GetAccessKeyLastUsed', new IamError({ code: 'AccessDenied', message: 'no', statusCode: 403, attempts: 1 }), { accessKeyId: 'AKIAD1' });
  const rows = ['AKIAA1', 'AKIAB1', 'AKIAD1'].map((accessKeyId) => ({ accessKeyId, lastUse: null }));
  const shown = [];
  await readLastUses(client, rows, { onRow: (row) => shown.push(row.accessKeyId) });
  assert.deepEqual(rows[0].lastUse, { date: null, service: 'N/A', region: 'N/A' });
  assert.deepEqual(rows[1].lastUse, { date: new Date('2026-11-01T00:00:00Z'), service: 's3', region: 'eu-west-1' });
  assert.deepEqual(rows[2].lastUse, { error: 'AccessDenied' });
  assert.deepEqual(shown.sort(), ['AKIAA1', 'AKIAB1', 'AKIAD1']);
});

test('user names typed or pasted: separated by commas, spaces or new lines; blanks and repeats dropped', () => {
  assert.deepEqual(userNamesFromText(' alice \r\n\nbob\n alice\n\tcarol@example \n'), ['alice', 'bob', 'carol@example']);
  assert.deepEqual(userNamesFromText('alice, bob, trent'), ['alice', 'bob', 'trent']);
  assert.deepEqual(userNamesFromText('alice bob,trent,,\nwalter'), ['alice', 'bob', 'trent', 'walter']);
  assert.deepEqual(userNamesFromText('   \n'), []);
});

/** A client whose every list page says there is more, with a fresh Marker, until the signal aborts. */
function endlessClient({ pageDelayMs = 0 } = {}) {
  const asked = { users: 0, keys: 0 };
  const wait = (ms, signal) => new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
  return {
    asked,
    async* paginateListUsers(_params, { signal } = {}) {
      for (;;) {
        await wait(pageDelayMs, signal);
        asked.users += 1;
        yield { Users: Array.from({ length: 100 }, (_, i) => ({ UserName: `u${asked.users}-${i}` })), IsTruncated: true, Marker: `m${asked.users}` };
      }
    },
    async* paginateListAccessKeys(_params, { signal } = {}) {
      for (;;) {
        await wait(pageDelayMs, signal);
        asked.keys += 1;
        yield { AccessKeyMetadata: [{ UserName: 'alice', AccessKeyId: `AKIAENDLESS${asked.keys}`, Status: 'Active', CreateDate: created }], IsTruncated: true, Marker: `m${asked.keys}` };
      }
    },
  };
}

test('a ListAccessKeys that pages forever stops at the bound on pages, with what was read', async () => {
  const client = endlessClient();
  await assert.rejects(listKeyMetadata(client, 'alice'), (error) => {
    assert.ok(error instanceof ReadBoundError);
    assert.equal(error.message, `stopped after ${READ_BOUNDS.keysMaxPages} pages and ${READ_BOUNDS.keysMaxPages} keys: the page reads at most ${READ_BOUNDS.keysMaxPages} pages or ${READ_BOUNDS.keysMaxItems} keys here`);
    return true;
  });
  assert.equal(client.asked.keys, READ_BOUNDS.keysMaxPages, 'no page past the bound');
});

test('a ListUsers that pages forever stops at the bound on users; the names read are kept, up to the bound', async () => {
  const client = endlessClient();
  await assert.rejects(listAllUserNames(client, { maxItems: 250 }), (error) => {
    assert.ok(error instanceof ReadBoundError);
    assert.equal(error.names.length, 250);
    assert.equal(error.pages, 3);
    return true;
  });
  assert.equal(client.asked.users, 3);
});

test('an abort stops an endless read at once, mid-page', async () => {
  const client = endlessClient({ pageDelayMs: 50 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('stop')), 180);
  const started = Date.now();
  await assert.rejects(listAllUserNames(client, { signal: controller.signal, maxItems: 1e9, maxPages: 1e9 }), /stop/);
  assert.ok(Date.now() - started < 400);
  const asked = client.asked.users;
  await new Promise((resolve) => { setTimeout(resolve, 200); });
  assert.equal(client.asked.users, asked, 'nothing read after the abort');
});

test('a ListUsers member without a UserName is counted, never listed (it would read the signer\'s keys)', async () => {
  const client = {
    async* paginateListUsers() { yield { Users: [{ UserName: 'alice' }, {}, { UserName: '' }, { UserName: 'bob' }], IsTruncated: false }; },
  };
  assert.deepEqual(await listAllUserNames(client), { names: ['alice', 'bob'], pages: 1, unreadable: 2 });
});

test('members that cannot be read are unreadable rows with the reason; texts pass the redactor', () => {
  const hide = (text) => text.replace('SECRET', '‹hidden›');
  assert.deepEqual(rowFromMetadata({ UserName: 'alice', AccessKeyId: 'AKIAOK', Status: 'Active', CreateDate: created }, undefined, hide).unreadable, undefined);
  assert.equal(rowFromMetadata({ UserName: 'alice', AccessKeyId: 'AKIAX', CreateDate: created }).unreadable, "IAM's entry has no Status");
  assert.equal(rowFromMetadata({ UserName: 'alice', AccessKeyId: 'AKIAX', Status: 'Active' }).unreadable, "IAM's entry has no CreateDate");
  assert.equal(rowFromMetadata({ AccessKeyId: 'AKIAX', Status: 'Active', CreateDate: created }, 'bob').unreadable, "IAM's entry has no UserName");
  assert.equal(rowFromMetadata({ AccessKeyId: 'AKIAX', Status: 'Active', CreateDate: created }, 'bob').userName, 'bob', 'shown under the user it was listed for');
  assert.equal(rowFromMetadata({ UserName: 'a', AccessKeyId: 'AKIAX', Status: 'Deleted-SECRET', CreateDate: created }, undefined, hide).unreadable,
    'IAM\'s entry has Status "Deleted-‹hidden›" is neither Active nor Inactive');
  assert.equal(rowFromMetadata({ UserName: 'a', AccessKeyId: 'AKIAX', Status: 'Active', CreateDate: new Date('x') }).unreadable, "IAM's entry has CreateDate is not a date");
  const empty = rowFromMetadata({});
  assert.equal(empty.unreadable, "IAM's entry has no AccessKeyId, no UserName, no Status, no CreateDate");
  assert.match(empty.accessKeyId, /^\(unreadable entry \d+\)$/);
  assert.notEqual(rowFromMetadata(null).accessKeyId, empty.accessKeyId, 'each unreadable entry its own row');
  assert.equal(rowFromMetadata({ UserName: 'SECRET-user', AccessKeyId: 'AKIAX', Status: 'Active', CreateDate: created }, undefined, hide).userName, '‹hidden›-user');
});
