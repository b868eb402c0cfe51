// Where the keys table's rows come from: ListUsers and ListAccessKeys (every
// page), and GetAccessKeyLastUsed for each key, through a keyflip client.
// No DOM: tested with a stand-in client (tests/web/keys-source.test.js).
import { runBounded } from './bulk.js';
import { lastUseFromIam } from './key-age.js';

/** A table row from one AccessKeyMetadata member; its last use is read later. */
export function rowFromMetadata(meta) {
  return { userName: meta.UserName, accessKeyId: meta.AccessKeyId, status: meta.Status, createDate: meta.CreateDate, lastUse: null };
}

/** Every AccessKeyMetadata of a user (undefined: the signing user's own), following Marker. */
export async function listKeyMetadata(client, userName, { signal } = {}) {
  const keys = [];
  for await (const page of client.paginateListAccessKeys(userName === undefined ? {} : { UserName: userName }, { signal })) {
    keys.push(...page.AccessKeyMetadata);
  }
  return keys;
}

/** Every user name of the account, following Marker; onPage(pageCount, namesSoFar) after each page. */
export async function listAllUserNames(client, { signal, onPage = () => {} } = {}) {
  const names = [];
  let pages = 0;
  for await (const page of client.paginateListUsers({}, { signal })) {
    pages += 1;
    names.push(...page.Users.map((user) => user.UserName));
    onPage(pages, names.length);
  }
  return { names, pages };
}

/**
 * Fills each row's lastUse (GetAccessKeyLastUsed, a few at a time), calling
 * onRow(row) as each is known. A failed read leaves { error } on that row
 * alone, the message already free of secrets (the package redacts them).
 */
export function readLastUses(client, rows, { signal, onRow = () => {}, limit } = {}) {
  return runBounded(rows, {
    limit,
    signal,
    worker: async (row) => {
      try {
        const answer = await client.getAccessKeyLastUsed({ AccessKeyId: row.accessKeyId }, { signal });
        row.lastUse = lastUseFromIam(answer.AccessKeyLastUsed);
      } catch (error) {
        row.lastUse = { error: error?.code || error?.name || 'error' };
      }
      onRow(row);
    },
  });
}

/** Lines typed or pasted into the "add users" box: trimmed, blank lines and repeats dropped. */
export function userNamesFromText(text) {
  return [...new Set(String(text).split(/[\r\n]+/).map((line) => line.trim()).filter(Boolean))];
}
