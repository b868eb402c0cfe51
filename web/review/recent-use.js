// Keys used within the last few days: deactivating a key still in use before
// its replacement is deployed is an outage, so a bulk run lists them first.
// Pure (tests/web/recent-use.test.js).
import { daysBetween } from '../shared/key-age.js';

/** The default window of "recently used", in days; the person changes it beside the button. */
export const RECENT_USE_DAYS = 7;

/**
 * The rows used within `days` days before now, and those whose last use is
 * not known (not read yet, or unreadable): neither may be assumed unused.
 */
export function recentlyUsed(rows, days, now = new Date()) {
  const used = [];
  const unknown = [];
  for (const row of rows) {
    if (!row.lastUse || row.lastUse.error) unknown.push(row);
    else if (row.lastUse.date && daysBetween(row.lastUse.date, now) < days) used.push(row);
  }
  return { used, unknown };
}
