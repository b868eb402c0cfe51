// The whole account's keys from IAM's credential report (the package's
// fetchCredentialReport: a few calls and some polling instead of one
// ListAccessKeys per user): one table row per key slot in use, with its age
// and last use but no key ID (the report names none), the report's age in
// words, and matching a user's slots to the keys ListAccessKeys lists, once
// the person acts on that user or asks for the IDs. Pure: no DOM, no network
// (tests/web/report-source.test.js).
import { IamError } from '../../wasm/js/index.js';

const isDate = (value) => value instanceof Date && !Number.isNaN(value.getTime());

/** The table's key for a slot row (never an access key ID: those start with 4 capitals). */
export const slotId = (userName, slot) => `slot ${slot} of ${userName}`;

/**
 * Table rows from the report's rows: a slot is in use when it has a
 * last_rotated date (IAM writes N/A for an empty slot). A row: { id,
 * userName, accessKeyId: null, slot: 1 | 2, root, status, createDate (the
 * slot's last_rotated: when its key was made), lastUse ({ date | null,
 * service, region }, the report's), fromReport: true }.
 * hide: the redactor every text from the answer passes.
 */
export function rowsFromReport(reportRows, hide = (text) => text) {
  const rows = [];
  for (const entry of reportRows) {
    entry.accessKeys.forEach((slot, index) => {
      if (!isDate(slot?.lastRotated)) return;
      const userName = hide(String(entry.user));
      rows.push({
        id: slotId(userName, index + 1),
        userName,
        accessKeyId: null,
        slot: index + 1,
        root: entry.root === true,
        status: slot.active ? 'Active' : 'Inactive',
        createDate: slot.lastRotated,
        lastUse: {
          date: isDate(slot.lastUsedDate) ? slot.lastUsedDate : null,
          service: hide(String(slot.lastUsedService ?? 'N/A')),
          region: hide(String(slot.lastUsedRegion ?? 'N/A')),
        },
        fromReport: true,
      });
    });
  }
  return rows;
}

/** "generated 2 h 10 min ago; changes since then may not show" (under a minute: "just now"). */
export function reportAgeText(generatedTime, now = new Date()) {
  if (!isDate(generatedTime)) return 'IAM did not say when it generated the report; changes may not show';
  const minutes = Math.max(0, Math.floor((now.getTime() - generatedTime.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const ago = minutes < 1 ? 'just now' : hours ? `${hours} h ${minutes % 60} min ago` : `${minutes} min ago`;
  return `generated ${ago}; changes since then may not show`;
}

/** Whether IAM refused the report for want of permission (the page then lists user by user). */
export function reportDenied(error) {
  return error instanceof IamError && error.code === 'AccessDenied';
}

/**
 * Pairs a user's slot rows with the rows ListAccessKeys gave for that user:
 * a slot's last_rotated is its key's creation time, so a slot pairs with the
 * listed key made in the same second, and with nothing else (a key made
 * since the report is not the slot's, and its last use is not the slot's).
 * Returns { pairs: [[slotRow, listedRow]], unmatchedSlots (their key is gone),
 * newKeys (keys the report does not hold) }.
 */
export function matchSlots(slotRows, listedRows) {
  const second = (date) => Math.floor(date.getTime() / 1000);
  const free = new Set(listedRows.filter((row) => !row.unreadable && isDate(row.createDate)));
  const pairs = [];
  const unmatchedSlots = [];
  for (const slot of [...slotRows].sort((a, b) => a.slot - b.slot)) {
    const same = [...free].find((row) => second(row.createDate) === second(slot.createDate));
    if (same) {
      free.delete(same);
      pairs.push([slot, same]);
    } else unmatchedSlots.push(slot);
  }
  return { pairs, unmatchedSlots, newKeys: listedRows.filter((row) => free.has(row)) };
}
