// What scripts/start.sh prints about the demo (scripts/page/print-demo.mjs):
// it names, from the data file, how to try each part, the rotation users
// and the AWS CLI commands for the endpoint's URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/page/print-demo.mjs', import.meta.url));
const demoData = fileURLToPath(new URL('../../scripts/local-iam/demo-data.json', import.meta.url));
const print = (...args) => execFileSync(process.execPath, [script, demoData, ...args], { encoding: 'utf8' });

test('print-demo: each user to rotate, how to try it, and AWS CLI commands for the given URL', () => {
  const text = print('http://127.0.0.1:9999');
  assert.match(text, /^Rotate a key \(users under \/rotation\/; sign as grace, AKIADEMOGRACE00001, to act on them\):$/m);
  assert.match(text, /^ {2}erin +one key \(AKIADEMOERIN000001\): press Rotate on its row/m);
  assert.match(text, /^ {2}frank +at the 2-key limit, AKIADEMOFRANK00002 Inactive: Rotate AKIADEMOFRANK00001; the Inactive key must be deleted first\.$/m);
  assert.match(text, /^ {2}nina +at the 2-key limit with both keys Active: Rotate is refused until you pick one of them to delete\.$/m);
  assert.match(text, /refused \(InvalidClientTokenId\) for 10 s after it is created/);
  assert.match(text, /aws iam create-access-key --user-name erin --endpoint-url http:\/\/127\.0\.0\.1:9999$/m);
  assert.match(text, /aws sts get-caller-identity --endpoint-url http:\/\/127\.0\.0\.1:9999$/m);
  // Without a URL, a placeholder rather than a wrong address.
  assert.match(print(), /--endpoint-url <the local demo IAM URL>$/m);
});

test('print-demo: how to play the incident, with the leaked key, the MFA serial and code, and the quarantined user', () => {
  const text = print('http://127.0.0.1:9999');
  assert.match(text, /^Play the leaked-key incident \(dave's key AKIADEMODAVE000001 is the "leaked" one\):$/m);
  assert.match(text, /serial arn:aws:iam::123456789012:mfa\/dave, code 123456/);
  assert.match(text, /aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa\/dave --token-code 123456 --endpoint-url http:\/\/127\.0\.0\.1:9999$/m);
  assert.match(text, /DateLessThan aws:TokenIssueTime/);
  assert.match(text, /^ {2}Quarantine: quentin has AWSCompromisedKeyQuarantineV2 attached; signing with its own key AKIADEMOQUENTIN001,$/m);
});
