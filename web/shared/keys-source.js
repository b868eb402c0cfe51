// Where the page's rows of keys come from: ListUsers and ListAccessKeys
// (following Marker), and GetAccessKeyLastUsed for each key, through a
// keyflip client. Every read is bounded (READ_BOUNDS: pages, items, and a
// time window the caller sets through its signal) and stops at once, mid-read,
// when the signal aborts. An answer is untrusted: a member that cannot be
// read becomes an unreadable row with the reason, never a crash.
// No DOM: tested with a stand-in client (tests/web/keys-source.test.js).
import { runBounded } from './run-bounded.js';
import { lastUseFromIam } from './key-age.js';

/**
 * The page's own bounds on one list read (the package bounds its paginators
 * too). IAM holds at most 2 keys per user, so a ListAccessKeys of more than a
 * few pages is an endpoint gone wrong; ListUsers pages 100 names at a time by
 * default. The person changes usersMaxItems and the listing's time window in
 * "Review keys" > "Read limits" (within the ranges below).
 */
export const READ_BOUNDS = Object.freeze({
  keysMaxPages: 10,
  keysMaxItems: 100,
  usersMaxItems: 5_000,
  usersMaxItemsRange: [1, 1_000_000],
  usersMaxPages: 10_000,
  /** The longest a listing (the keys of some users, all users) reads, then it stops (ms). */
  windowMs: 120_000,
  windowSecondsRange: [1, 3_600],
});

/** A bound was reached: the list read so far is not the whole list. */
export class ReadBoundError extends Error {
  constructor(message, { partial }) {
    super(message);
    this.name = 'ReadBoundError';
    this.partial = partial;
  }
}

const STATUSES = ['Active', 'Inactive'];
const isText = (value) => typeof value === 'string' && value !== '';
const isDate = (value) => value instanceof Date && !Number.isNaN(value.getTime());
let unreadableCount = 0;

/**
 * A table row from one AccessKeyMetadata member; its last use is read later.
 * A member missing what a row needs (a key ID, a user name, a status of
 * Active or Inactive, a creation date) is an unreadable row: { unreadable:
 * the reason }, shown as such, never selected or changed. hide: the
 * redactor every text from the answer passes (the page's session's).
 */
export function rowFromMetadata(meta, listedFor, hide = (text) => text) {
  const member = meta && typeof meta === 'object' ? meta : {};
  const problems = [];
  if (!isText(member.AccessKeyId)) problems.push('no AccessKeyId');
  if (!isText(member.UserName)) problems.push('no UserName');
  if (member.Status === undefined) problems.push('no Status');
  else if (!STATUSES.includes(member.Status)) problems.push(`Status "${hide(String(member.Status)).slice(0, 40)}" is neither Active nor Inactive`);
  if (member.CreateDate === undefined) problems.push('no CreateDate');
  else if (!isDate(member.CreateDate)) problems.push('CreateDate is not a date');
  const row = {
    userName: isText(member.UserName) ? hide(member.UserName) : (listedFor ?? '(unknown user)'),
    accessKeyId: isText(member.AccessKeyId) ? hide(member.AccessKeyId) : `(unreadable entry ${++unreadableCount})`,
    status: STATUSES.includes(member.Status) ? member.Status : 'unreadable',
    createDate: isDate(member.CreateDate) ? member.CreateDate : null,
    lastUse: null,
  };
  if (problems.length) row.unreadable = `IAM's entry has ${problems.join(', ')}`;
  return row;
}

async function* bounded(pages, { maxPages, maxItems, itemsOf, what }) {
  let pageCount = 0;
  let itemCount = 0;
  for await (const page of pages) {
    pageCount += 1;
    itemCount += itemsOf(page).length;
    yield page;
    if ((pageCount >= maxPages || itemCount >= maxItems) && page.IsTruncated) {
      // The loop's end stops the paginator: no further page is asked for.
      throw new ReadBoundError(`stopped after ${pageCount} page${pageCount === 1 ? '' : 's'} and ${itemCount} ${what}: `
        + `the page reads at most ${maxPages} pages or ${maxItems} ${what} here`, { partial: { pages: pageCount, items: itemCount } });
    }
  }
}

/**
 * Every AccessKeyMetadata of a user (undefined: the signing user's own),
 * following Marker, at most READ_BOUNDS.keysMaxPages pages and keysMaxItems
 * members (a ReadBoundError past them). signal: aborts at once, mid-read.
 */
export async function listKeyMetadata(client, userName, { signal, maxPages = READ_BOUNDS.keysMaxPages, maxItems = READ_BOUNDS.keysMaxItems } = {}) {
  const keys = [];
  const pages = client.paginateListAccessKeys(userName === undefined ? {} : { UserName: userName }, { signal });
  for await (const page of bounded(pages, { maxPages, maxItems, itemsOf: (p) => p.AccessKeyMetadata ?? [], what: 'keys' })) {
    keys.push(...(page.AccessKeyMetadata ?? []));
  }
  return keys;
}

/**
 * Every user name of the account, following Marker; onPage(pageCount,
 * namesSoFar) after each page. At most maxItems names (ReadBoundError with
 * .names past it). A member without a UserName is counted in `unreadable`,
 * never read as the signer (an absent UserName means the signer to ListAccessKeys).
 */
export async function listAllUserNames(client, { signal, onPage = () => {}, maxItems = READ_BOUNDS.usersMaxItems, maxPages = READ_BOUNDS.usersMaxPages } = {}) {
  const names = [];
  let pages = 0;
  let unreadable = 0;
  try {
    for await (const page of bounded(client.paginateListUsers({}, { signal }), { maxPages, maxItems, itemsOf: (p) => p.Users ?? [], what: 'users' })) {
      pages += 1;
      for (const user of page.Users ?? []) {
        if (isText(user?.UserName)) names.push(user.UserName);
        else unreadable += 1;
      }
      onPage(pages, names.length);
    }
  } catch (error) {
    if (error instanceof ReadBoundError) Object.assign(error, { names: [...new Set(names)].slice(0, maxItems), pages, unreadable });
    throw error;
  }
  return { names: [...new Set(names)], pages, unreadable };
}

/**
 * Fills each row's lastUse (GetAccessKeyLastUsed, a few at a time), calling
 * onRow(row) as each is known. A failed read leaves { error } on that row
 * alone. hide: the redactor the answer's texts pass.
 */
export function readLastUses(client, rows, { signal, onRow = () => {}, limit, hide = (text) => text } = {}) {
  return runBounded(rows, {
    limit,
    signal,
    worker: async (row) => {
      try {
        const answer = await client.getAccessKeyLastUsed({ AccessKeyId: row.accessKeyId }, { signal });
        row.lastUse = lastUseFromIam(answer.AccessKeyLastUsed, hide);
      } catch (error) {
        row.lastUse = { error: signal?.aborted ? 'stopped' : hide(String(error?.code || error?.name || 'error')) };
      }
      onRow(row);
    },
  });
}

/**
 * The user names typed or pasted into "Add users by name": separated by
 * commas, spaces, tabs or new lines (IAM user names hold none of them);
 * blanks and repeats dropped.
 */
export function userNamesFromText(text) {
  return [...new Set(String(text).split(/[\s,]+/).filter(Boolean))];
}
