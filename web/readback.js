// After a change, read it back: IAM is eventually consistent, so a key's new
// status may take a moment to show in ListAccessKeys. Reads until IAM shows
// the expected status or about READBACK_WINDOW_MS pass, and reports exactly
// what it saw: confirmed, or not (yet), never a guess.
// Pure: the read and the clock are injected (tests/web/readback.test.js).

export const READBACK_WINDOW_MS = 10_000;
// First re-read soon (a local endpoint or a quick IAM shows it at once), then
// back off so a slow one is not read a dozen times.
const READBACK_DELAYS_MS = [0, 500, 1000, 2000, 3000];

const realClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => { setTimeout(resolve, ms); }),
};

/**
 * read(): resolves to the user's AccessKeyMetadata (every page), or throws;
 * giveUpOn(error): true when reading again cannot help (IAM refused the read
 * itself, e.g. the credentials were just turned off), so the window is not
 * waited out for nothing.
 * Returns { confirmed, reads, seenStatus, readError }: seenStatus is what the
 * last successful read showed for the key (undefined: the key was not listed;
 * null: no read succeeded); readError the last read's error message, if any.
 */
export async function readBack({ read, accessKeyId, expected, clock = realClock, windowMs = READBACK_WINDOW_MS, signal, giveUpOn = () => false }) {
  const start = clock.now();
  let reads = 0;
  let seenStatus = null;
  let readError = null;
  for (let step = 0; ; step += 1) {
    const delay = READBACK_DELAYS_MS[Math.min(step, READBACK_DELAYS_MS.length - 1)];
    if (step > 0 && clock.now() + delay - start > windowMs) break;
    if (delay > 0) await clock.sleep(delay);
    if (signal?.aborted) break;
    reads += 1;
    try {
      const keys = await read();
      seenStatus = keys.find((key) => key.AccessKeyId === accessKeyId)?.Status;
      readError = null;
      if (seenStatus === expected) return { confirmed: true, reads, seenStatus, readError };
    } catch (error) {
      readError = error?.message ?? String(error);
      if (giveUpOn(error)) break;
    }
  }
  return { confirmed: false, reads, seenStatus, readError };
}

/** The words for a read-back's result, as the page and the summary say them. */
export function readBackText({ confirmed, seenStatus, readError }) {
  if (confirmed) return 'confirmed by IAM';
  if (readError && seenStatus === null) return `sent; not confirmed: reading it back failed (${readError})`;
  if (seenStatus === undefined) return 'sent; IAM does not show it yet (the key was not in the list read back)';
  return `sent; IAM does not show it yet (it still lists the key as ${seenStatus})`;
}
