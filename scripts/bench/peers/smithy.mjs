// @smithy/signature-v4 (the AWS SDK v3 signer) with @aws-crypto/sha256-js
// (pure JS SHA-256, the hash the SDK uses in browsers). applyChecksum:false so
// it signs the same headers as the others (content-type;host;x-amz-date);
// by default it also adds and signs x-amz-content-sha256.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { contentType, credentials, formBody, host, params, region, service, signatureOf } from '../job.mjs';

export const name = 'smithy';
export const sync = false;

export async function create() {
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum: false });
  const request = () => ({
    method: 'POST', protocol: 'https:', hostname: host, path: '/', query: {},
    headers: { 'content-type': contentType, host }, body: formBody(params),
  });
  const full = (ms) => signer.sign(request(), { signingDate: new Date(ms) });
  return { sign: async (ms) => signatureOf((await full(ms)).headers.authorization), full, signer };
}
