// aws4fetch: WebCrypto (crypto.subtle) SigV4. AwsClient.sign() gives the
// Request that AwsClient.fetch() would send. allHeaders:true because
// aws4fetch leaves content-type unsigned by default.
import { AwsClient } from 'aws4fetch';
import { amzDate, contentType, credentials, formBody, params, region, service, signatureOf, url } from '../job.mjs';

export const name = 'aws4fetch';
export const sync = false;

export async function create({ derived = false } = {}) {
  const client = new AwsClient({ ...credentials, region, service });
  const full = (ms) => client.sign(url, {
    method: 'POST', headers: { 'content-type': contentType }, body: formBody(params),
    // Its key cache is an unbounded Map: a fresh one per derived signature
    // keeps it from growing (no day repeats, so it would never hit anyway).
    aws: { datetime: amzDate(ms), allHeaders: true, ...(derived ? { cache: new Map() } : {}) },
  });
  return { sign: async (ms) => signatureOf((await full(ms)).headers.get('authorization')), full };
}
