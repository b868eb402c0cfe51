// The one job every signer does in the benchmark: sign IAM UpdateAccessKey
// (POST https://iam.amazonaws.com/, form body, service iam, region us-east-1)
// with fixed credentials at a fixed date. Shared by Node and the browser pages.

export const credentials = Object.freeze({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
});
export const params = Object.freeze({ UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' });
export const url = 'https://iam.amazonaws.com/';
export const host = 'iam.amazonaws.com';
export const region = 'us-east-1';
export const service = 'iam';
export const contentType = 'application/x-www-form-urlencoded; charset=utf-8';
export const DATE_MS = Date.UTC(2015, 7, 30, 12, 36, 0); // 2015-08-30T12:36:00Z (native_bench.cpp too)
export const DAY_MS = 86_400_000;

// What a user of a bare signer writes to make IAM's Query body (keyflip
// builds the same string in C++; client-iam uses its own member order).
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
export function formBody(p) {
  return `Action=UpdateAccessKey&Version=2010-05-08&UserName=${enc(p.UserName)}` +
    `&AccessKeyId=${enc(p.AccessKeyId)}&Status=${enc(p.Status)}`;
}

// "20150830T123600Z"
export const amzDate = (ms) => new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');

// The signature out of an Authorization header value.
export function signatureOf(authorization) {
  const m = /Signature=([0-9a-f]{64})/.exec(authorization ?? '');
  if (!m) throw new Error(`no signature in ${JSON.stringify(authorization)}`);
  return m[1];
}

// "derived": every signature on a day never used before, so no signer's
// cache (keyflip 8 entries, smithy 50, aws4fetch unbounded) can hit.
export function dateSource(derived) {
  let day = 0;
  return derived ? () => DATE_MS + (++day) * DAY_MS : () => DATE_MS;
}
