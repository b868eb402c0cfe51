// Which keys the table shows, and in what order: the filters ("active, not
// used for 90 days") and sorts of the keys table. Pure functions of the rows
// and "now" (tests/web/key-filter.test.js).
// A row: { userName, accessKeyId, status, createDate: Date, lastUse } (see key-age.js).
import { daysBetween, idleDays } from '../shared/key-age.js';

export const STATUS_FILTERS = ['any', 'Active', 'Inactive'];
export const SORTS = {
  user: 'user name',
  age: 'age',
  idle: 'time since last use',
  status: 'status',
};

/**
 * filter: { status: 'any' | 'Active' | 'Inactive', minIdleDays, minAgeDays,
 * userText }. A key whose last use is not known yet (or could not be read)
 * never passes a minIdleDays filter: the table does not guess.
 */
export function filterKeys(rows, { status = 'any', minIdleDays = 0, minAgeDays = 0, userText = '' } = {}, now = new Date()) {
  const needle = userText.trim().toLowerCase();
  return rows.filter((row) => {
    if (status !== 'any' && row.status !== status) return false;
    if (needle && !row.userName.toLowerCase().includes(needle)) return false;
    if (minAgeDays > 0 && daysBetween(row.createDate, now) < minAgeDays) return false;
    if (minIdleDays > 0) {
      const idle = idleDays(row, now);
      if (idle === null || idle < minIdleDays) return false;
    }
    return true;
  });
}

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** A sort key per row; rows with an unknown value go last whatever the direction. */
function sortValue(row, by, now) {
  switch (by) {
    case 'age': return daysBetween(row.createDate, now);
    case 'idle': return idleDays(row, now);
    case 'status': return row.status;
    default: return row.userName;
  }
}

/** A sorted copy; ties keep user name, then key ID order, so the order is stable. */
export function sortKeys(rows, { by = 'user', descending = false } = {}, now = new Date()) {
  if (!Object.hasOwn(SORTS, by)) throw new RangeError(`sort by must be one of ${Object.keys(SORTS).join(', ')}, got ${by}`);
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, by, now);
    const vb = sortValue(b, by, now);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const order = typeof va === 'number' ? va - vb : byText(va, vb);
      if (order !== 0) return sign * order;
    }
    return byText(a.userName, b.userName) || byText(a.accessKeyId, b.accessKeyId);
  });
}
