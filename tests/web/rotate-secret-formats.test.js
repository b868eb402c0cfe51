// The formats a new key leaves the page in (web/rotate/secret-formats.js),
// byte for byte: the Console's .csv (UTF-8 BOM, CRLF, its header, no user
// column), the credentials-file block and the environment lines. Plain
// node:test: these are pure functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialsBlock, csvBytes, csvFileName, environmentLines } from '../../web/rotate/secret-formats.js';

const KEY = { userName: 'erin', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

test('the .csv is the Console\'s: BOM, header, one row, CRLF line ends', () => {
  const expected = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n', 'ascii'),
  ]);
  assert.deepEqual(Buffer.from(csvBytes(KEY)), expected);
  assert.equal(csvFileName('erin'), 'erin_accessKeys.csv');
  assert.equal(csvFileName('ci-deploy'), 'ci-deploy_accessKeys.csv');
});

test('a field with a comma or a quote is quoted as RFC 4180 says (never the case for IDs and secrets, but never a broken file)', () => {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csvBytes({ accessKeyId: 'A,B', secretAccessKey: 'x"y' }));
  assert.equal(text, '\uFEFFAccess key ID,Secret access key\r\n"A,B","x""y"\r\n');
});

test('the credentials-file block and the environment lines', () => {
  assert.equal(credentialsBlock(KEY), '[erin]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  assert.equal(environmentLines(KEY), 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
});
