// How old a key is and when it was last used, in the words and numbers the
// page shows and filters on; every time in UTC, with the zone named. Pure
// functions of dates and "now" (no DOM, no package), so they are tested on
// their own (tests/web/key-age.test.js).

const DAY_MS = 86_400_000;

/** Whole days from date to now (0 on the day itself; never negative). */
export function daysBetween(date, now) {
  return Math.max(0, Math.floor((now.getTime() - date.getTime()) / DAY_MS));
}

/** The UTC calendar day of a date, e.g. 2024-03-01 (IAM's dates are UTC). */
export function utcDay(date) {
  return date.toISOString().slice(0, 10);
}

/** The UTC time of day with its zone, e.g. 04:05:12 UTC. */
export function utcClock(date) {
  return `${date.toISOString().slice(11, 19)} UTC`;
}

/** A moment in UTC with its zone, to the second, e.g. 2026-12-08 04:05:12 UTC. */
export function utcSecond(date) {
  return `${utcDay(date)} ${utcClock(date)}`;
}

/** A moment in UTC with its zone, to the minute, e.g. 2026-12-08 04:05 UTC. */
export function utcMinute(date) {
  return `${utcDay(date)} ${date.toISOString().slice(11, 16)} UTC`;
}

const days = (count) => `${count} day${count === 1 ? '' : 's'}`;
/** "today", "1 day ago", "40 days ago". */
export const daysAgo = (count) => (count === 0 ? 'today' : `${days(count)} ago`);

/** "2024-03-01 (275 days)", "2026-12-08 (today)": the created column. */
export function createdText(createDate, now) {
  const age = daysBetween(createDate, now);
  return `${utcDay(createDate)} (${age === 0 ? 'today' : days(age)})`;
}

/**
 * The last-used column. lastUse: null while not yet read; { error } when it
 * could not be read; else { date (null: never used), service, region }, as
 * GetAccessKeyLastUsed tells it.
 */
export function lastUseText(lastUse, now) {
  if (lastUse === null || lastUse === undefined) return 'reading…';
  if (lastUse.error) return `unknown (${lastUse.error})`;
  if (!lastUse.date) return 'never';
  const where = [lastUse.service, lastUse.region].filter((part) => part && part !== 'N/A').join(', ');
  return `${utcMinute(lastUse.date)} (${daysAgo(daysBetween(lastUse.date, now))})${where ? `, ${where}` : ''}`;
}

/**
 * Days a key has gone unused: since its last use, or since it was created
 * when it was never used (a key made 3 days ago and never used has been
 * unused for 3 days, not forever). null when its last use is not known.
 */
export function idleDays(row, now) {
  if (!row.lastUse || row.lastUse.error) return null;
  return daysBetween(row.lastUse.date ?? row.createDate, now);
}

/** GetAccessKeyLastUsed's AccessKeyLastUsed member as the table's lastUse; hide: the redactor for its texts. */
export function lastUseFromIam(accessKeyLastUsed, hide = (text) => text) {
  const date = accessKeyLastUsed?.LastUsedDate;
  return {
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : null,
    service: hide(String(accessKeyLastUsed?.ServiceName ?? 'N/A')),
    region: hide(String(accessKeyLastUsed?.Region ?? 'N/A')),
  };
}
