// web/shared/keys-source.js against a stand-in client: every page of users and keys,
// each key's last use, a failed read confined to its row, the "add users" box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamError } from '../../wasm/js/index.js';
import { listAllUserNames, listKeyMetadata, readLastUses, rowFromMetadata, userNamesFromText } from '../../web/shared/keys-source.js';
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

test('user names typed or pasted one a line: trimmed, blanks and repeats dropped', () => {
  assert.deepEqual(userNamesFromText(' alice \r\n\nbob\n alice\n\tcarol@example \n'), ['alice', 'bob', 'carol@example']);
  assert.deepEqual(userNamesFromText('   \n'), []);
});
