// web/leak/key-ids.js on its own: the key IDs found in pasted texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findKeyIds } from '../../web/leak/key-ids.js';

const ID = 'AKIAIOSFODNN7EXAMPLE';
const DEMO = 'AKIADEMOALICE00001';
const TEMP = 'ASIAY34FZKBOKMUTVV7A';

const CASES = [
  ['a bare ID', ID, [ID]],
  ['a bare ID with spaces around', `   ${ID}\n`, [ID]],
  ['a credentials-file line', `aws_access_key_id = ${ID}`, [ID]],
  ['a credentials-file block with the secret', `[default]\naws_access_key_id=${ID}\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`, [ID]],
  ['an export line', `export AWS_ACCESS_KEY_ID=${ID}`, [ID]],
  ['an export line, quoted', `export AWS_ACCESS_KEY_ID="${ID}"`, [ID]],
  ['single quotes', `'${ID}'`, [ID]],
  ['JSON', `{"AccessKey":{"UserName":"bob","AccessKeyId":"${ID}","Status":"Active"}}`, [ID]],
  ['a log line', `2026-12-08T04:05:12Z WARN auth: request signed by ${ID}, denied`, [ID]],
  ['a leak report with two keys', `Found ${ID} in repo x (commit 1a2b) and ${DEMO} in repo y.`, [ID, DEMO]],
  ['the same key twice', `${ID} ${ID}`, [ID]],
  ['a temporary key', `AWS_ACCESS_KEY_ID=${TEMP}`, [TEMP]],
  ['a presigned URL, the credential percent-encoded', `https://iam.amazonaws.com/?X-Amz-Credential=${ID}%2F20261208%2Fus-east-1%2Fiam%2Faws4_request`, [ID]],
  ['a percent-encoded = before it', `Credential%3D${ID}%2F2026`, [ID]],
  ['a YAML line', `  access_key_id: ${DEMO}  # the CI user`, [DEMO]],
  ['a user ID (AIDA) is not a key', 'UserId: AIDAJQABLZS4A3QDU576Q', []],
  ['a role ID (AROA) is not a key', 'AROA3XFRBF535PLBIFPI4', []],
  ['lower case is not a key ID', ID.toLowerCase(), []],
  ['too short', 'AKIA12345678901', []],
  ['inside a longer word', `X${ID}`, []],
  ['followed by more letters', `${ID}abc`, []],
  ['too long (over 128)', `AKIA${'A'.repeat(125)}`, []],
  ['the longest allowed (128)', `AKIA${'B'.repeat(124)}`, [`AKIA${'B'.repeat(124)}`]],
  ['nothing', '', []],
  ['not a string', undefined, []],
  ['a malformed ID', 'AKIA-bad!', []],
];

for (const [name, text, expected] of CASES) {
  test(`key IDs in ${name}`, () => {
    assert.deepEqual(findKeyIds(text).map((k) => k.accessKeyId), expected);
  });
}

test('each ID says its kind and how often it appears', () => {
  assert.deepEqual(findKeyIds(`${ID} ${TEMP} ${ID}`), [
    { accessKeyId: ID, kind: 'long-term key of an IAM user', temporary: false, count: 2 },
    { accessKeyId: TEMP, kind: 'temporary key (from STS)', temporary: true, count: 1 },
  ]);
});
