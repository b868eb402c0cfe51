// The SDK's signer on its own with the pure-JS SHA-256, plus fetch.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

window.setKeyStatus = async (credentials, AccessKeyId, Status, UserName) => {
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'iam', sha256: Sha256 });
  const body = `Action=UpdateAccessKey&Version=2010-05-08&UserName=${enc(UserName)}&AccessKeyId=${enc(AccessKeyId)}&Status=${enc(Status)}`;
  const signed = await signer.sign({
    method: 'POST', protocol: 'https:', hostname: 'iam.amazonaws.com', path: '/', query: {},
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: 'iam.amazonaws.com' }, body,
  });
  delete signed.headers.host;
  return fetch('https://iam.amazonaws.com/', { method: 'POST', headers: signed.headers, body });
};
