// The verifier against AWS's own published example (the IAM ListUsers GET
// from the Signature Version 4 documentation), so header-auth verification is
// checked against a signature no code in this repository computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifySigV4 } from '../../scripts/local-iam/sigv4-verify.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
const lookupCredential = (id) => (id === 'AKIDEXAMPLE' ? { secretAccessKey: SECRET } : null);

function exampleRequest(signature = SIGNATURE, amzDate = '20150830T123600Z') {
  return {
    method: 'GET',
    path: '/',
    query: [
      ['Action', 'ListUsers'],
      ['Version', '2010-05-08'],
    ],
    headers: {
      'content-type': ['application/x-www-form-urlencoded; charset=utf-8'],
      host: ['iam.amazonaws.com'],
      'x-amz-date': [amzDate],
      authorization: [
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, ' +
          `SignedHeaders=content-type;host;x-amz-date, Signature=${signature}`,
      ],
    },
    body: Buffer.alloc(0),
  };
}

const at = Date.parse('2015-08-30T12:36:00Z');

test("AWS's documented IAM example verifies", async () => {
  assert.deepEqual(await verifySigV4(exampleRequest(), { nowMs: at, lookupCredential }), {
    accessKeyId: 'AKIDEXAMPLE',
    region: 'us-east-1',
    presigned: false,
  });
});

test('one changed hex digit fails', async () => {
  const bad = SIGNATURE.slice(0, -1) + (SIGNATURE.endsWith('7') ? '8' : '7');
  await assert.rejects(verifySigV4(exampleRequest(bad), { nowMs: at, lookupCredential }), { code: 'SignatureDoesNotMatch', status: 403 });
});

test('the 5-minute window is inclusive at its edge and closed past it', async () => {
  await verifySigV4(exampleRequest(), { nowMs: at + 5 * 60 * 1000, lookupCredential });
  await assert.rejects(verifySigV4(exampleRequest(), { nowMs: at + 5 * 60 * 1000 + 1000, lookupCredential }), {
    code: 'SignatureDoesNotMatch',
    message: 'Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)',
  });
});

test('a malformed X-Amz-Date is an IncompleteSignature', async () => {
  await assert.rejects(verifySigV4(exampleRequest(SIGNATURE, '2015-08-30T12:36:00Z'), { nowMs: at, lookupCredential }), {
    code: 'IncompleteSignature',
  });
});
