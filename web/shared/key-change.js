// One key's change of status, from the request to IAM's read-back: the
// outcome every flip, lookup and bulk run reports. Errors are told apart by
// class (an IamError's name is whatever code the endpoint sent).
// No DOM: tested with a stand-in client (tests/web/key-change.test.js).
import { IamError, NetworkError, TimeoutError, ValidationError } from '../../wasm/js/index.js';
import { listKeyMetadata } from './keys-source.js';
import { readBack, readBackText } from './readback.js';

/**
 * Sets row's key to status and reads it back. Never rejects; resolves to an
 * outcome: { userName, accessKeyId, from, to, sentAt, result, text,
 * requestId?, attempts?, error?, seenStatus?, seenAt?, conflict? }
 * (seenAt: when the read-back ended). result is one of
 *   'confirmed'   IAM answered OK and the read-back shows the new status
 *   'unconfirmed' IAM answered OK; the read-back does not show it (yet), or its answers conflict
 *   'failed'      IAM refused (error: { code, message, requestId, statusCode })
 *   'no-answer'   sent, no answer read; the read-back says what IAM shows now
 *   'not-sent'    refused before sending (bad input)
 *   'cancelled'   stopped by the page; it may have been sent
 */
export async function changeKeyStatus(client, row, status, { signal, clock, windowMs } = {}) {
  const outcome = { userName: row.userName, accessKeyId: row.accessKeyId, from: row.status, to: status, sentAt: new Date().toISOString() };
  const read = (readSignal) => listKeyMetadata(client, row.userName, { signal: readSignal });
  // An IAM refusal that is not worth retrying (the signing key just turned
  // off, a denied read) will not change within the window.
  const giveUpOn = (error) => error instanceof IamError && !error.retryable;
  const check = () => readBack({ read, accessKeyId: row.accessKeyId, userName: row.userName, expected: status, clock, windowMs, signal, giveUpOn });
  try {
    const answer = await client.updateAccessKey({ UserName: row.userName, AccessKeyId: row.accessKeyId, Status: status }, { signal });
    Object.assign(outcome, { requestId: answer.requestId, attempts: answer.attempts });
    const seen = await check();
    return {
      ...outcome,
      result: seen.confirmed ? 'confirmed' : 'unconfirmed',
      text: readBackText(seen),
      seenStatus: seen.seenStatus,
      seenAt: new Date().toISOString(),
      ...(seen.conflict ? { conflict: seen.conflict } : {}),
    };
  } catch (error) {
    if (error instanceof IamError) {
      return {
        ...outcome,
        result: 'failed',
        attempts: error.attempts,
        requestId: error.requestId || undefined,
        error: { code: error.code, message: error.message, requestId: error.requestId, statusCode: error.statusCode },
        text: `IAM refused: ${error.code}${error.message ? ` (${error.message})` : ''}`,
      };
    }
    if (error instanceof ValidationError) {
      return { ...outcome, result: 'not-sent', error: { code: 'ValidationError', message: error.message }, text: `not sent: ${error.message}` };
    }
    if (signal?.aborted) {
      return { ...outcome, result: 'cancelled', text: 'cancelled; it may have been sent already' };
    }
    if (error instanceof NetworkError || error instanceof TimeoutError) {
      // No answer: the change may or may not have been made. Ask IAM.
      const seen = await check();
      const now = seen.confirmed ? 'IAM now shows the new status' : readBackText(seen).replace(/^sent; /, '');
      return {
        ...outcome,
        result: 'no-answer',
        attempts: error.attempts,
        seenStatus: seen.seenStatus,
        error: { code: error.name, message: error.message },
        text: `sent, but no answer could be read; ${now}`,
      };
    }
    return { ...outcome, result: 'failed', error: { code: error?.name ?? 'Error', message: String(error?.message ?? error) }, text: `failed: ${error?.message ?? error}` };
  }
}
