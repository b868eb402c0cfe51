// "Check with IAM" after a single-call UpdateAccessKey whose answer the page
// could not read (no answer, timeout, cancel): one ListAccessKeys read (every
// page, the keys table's own reader) and the words for exactly what it shows.
// No DOM: tested with a stand-in client (tests/web/key-check.test.js).
import { listKeyMetadata } from '../shared/keys-source.js';

/**
 * params: the UpdateAccessKey params that were sent ({ UserName?,
 * AccessKeyId, Status }). Resolves to { seenStatus } (undefined: the key is
 * not among the user's keys) or { error } (the read failed); never rejects.
 */
export async function checkKey(client, params, { signal } = {}) {
  try {
    const keys = await listKeyMetadata(client, params.UserName, { signal });
    return { seenStatus: keys.find((key) => key.AccessKeyId === params.AccessKeyId)?.Status };
  } catch (error) {
    return { error };
  }
}

/** What a check found, in one sentence; describe(error) words a failed read (secrets removed). */
export function checkText(params, found, describe) {
  const whose = params.UserName === undefined ? 'the signing user' : `user ${params.UserName}`;
  if (found.error) return `The check itself failed, so IAM's current status of ${params.AccessKeyId} is not known: ${describe(found.error)}`;
  if (found.seenStatus === undefined) {
    return `${params.AccessKeyId} is not among the access keys IAM lists for ${whose}, so it shows no status for it.`;
  }
  const asked = found.seenStatus === params.Status
    ? `the status the lost request asked for`
    : `not the ${params.Status} the lost request asked for (IAM is eventually consistent: check again in a few seconds to be sure)`;
  return `IAM shows ${params.AccessKeyId} as ${found.seenStatus} now: ${asked}.`;
}
