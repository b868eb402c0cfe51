// After a change, read it back: IAM is eventually consistent, so a key's new
// status may take a moment to show in ListAccessKeys. Reads until IAM shows
// the expected status or READBACK_WINDOW_MS pass, and reports exactly what it
// saw: confirmed, not (yet), or a conflicting answer, never a guess.
// The window holds mid-read too: a read still paging when it ends is
// aborted (an endpoint that pages forever cannot hold a change at "sending").
// Pure: the read and the clock are injected (tests/web/readback.test.js).

export const READBACK_WINDOW_MS = 10_000;
// First re-read soon (a local endpoint or a quick IAM shows it at once), then
// back off so a slow one is not read a dozen times.
const READBACK_DELAYS_MS = [0, 500, 1000, 2000, 3000];

const realClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  }),
  /** A signal that aborts ms from now. */
  after: (ms) => AbortSignal.timeout(ms),
};

/** What one listing says of the key: its status, or a conflict between entries. */
export function seenIn(keys, { accessKeyId, userName }) {
  const entries = (Array.isArray(keys) ? keys : []).filter((key) => key?.AccessKeyId === accessKeyId);
  const elsewhere = userName === undefined ? [] : entries.filter((key) => key.UserName !== undefined && key.UserName !== userName);
  const mine = entries.filter((key) => !elsewhere.includes(key));
  if (elsewhere.length) {
    return { conflict: `the key is listed under user ${elsewhere.map((key) => String(key.UserName)).join(', ')}, not ${userName}` };
  }
  const statuses = [...new Set(mine.map((key) => key.Status))];
  if (statuses.length > 1) return { conflict: `the key is listed ${mine.length} times, as ${statuses.map(String).join(' and ')}` };
  return { seenStatus: statuses[0] };
}

/**
 * read(signal): resolves to the user's AccessKeyMetadata (every page), or
 * throws; it must stop when signal aborts (the window's end or the caller's).
 * userName: the user the key was changed for (an entry under another user
 * is a conflict, never a confirmation). giveUpOn(error): true when reading
 * again cannot help (IAM refused the read itself, e.g. the credentials were
 * just turned off), so the window is not waited out for nothing.
 * Returns { confirmed, reads, seenStatus, readError, conflict? }: seenStatus
 * is what the last successful read showed for the key (undefined: the key
 * was not listed; null: no read succeeded); readError the last read's error
 * message, if any; conflict: the last read's entries disagree.
 */
export async function readBack({
  read, accessKeyId, userName, expected, clock = realClock, windowMs = READBACK_WINDOW_MS, signal, giveUpOn = () => false,
}) {
  const start = clock.now();
  const windowEnd = clock.after?.(windowMs);
  const stop = AbortSignal.any([signal, windowEnd].filter(Boolean));
  let reads = 0;
  let seenStatus = null;
  let readError = null;
  let conflict;
  for (let step = 0; ; step += 1) {
    const delay = READBACK_DELAYS_MS[Math.min(step, READBACK_DELAYS_MS.length - 1)];
    if (step > 0 && clock.now() + delay - start > windowMs) break;
    if (delay > 0) await clock.sleep(delay, stop);
    if (stop.aborted) break;
    reads += 1;
    try {
      const seen = seenIn(await read(stop), { accessKeyId, userName });
      ({ seenStatus, conflict } = seen);
      readError = null;
      if (!conflict && seenStatus === expected) return { confirmed: true, reads, seenStatus, readError };
    } catch (error) {
      if (stop.aborted) {
        readError = signal?.aborted ? 'stopped' : `no read finished within ${Math.round(windowMs / 1000)} s`;
        break;
      }
      readError = error?.message ?? String(error);
      if (giveUpOn(error)) break;
    }
  }
  const outcome = { confirmed: false, reads, seenStatus, readError };
  if (conflict) outcome.conflict = conflict;
  return outcome;
}

/** The words for a read-back's result, as the page and the summary say them. */
export function readBackText({ confirmed, seenStatus, readError, conflict }) {
  if (confirmed) return 'confirmed by IAM';
  if (conflict) return `sent; not confirmed: IAM's answers conflict (${conflict})`;
  if (readError && seenStatus === null) return `sent; not confirmed: reading it back failed (${readError})`;
  if (seenStatus === undefined) return 'sent; IAM does not show it yet (the key was not in the list read back)';
  return `sent; IAM does not show it yet (it still lists the key as ${seenStatus})`;
}
