#!/usr/bin/env node
// What scripts/start.sh prints about the local demo: the fake credentials of
// the demo data, and how to try each part of the page with them (who signs,
// the keys table, the owner lookup, a bulk run, temporary credentials).
// Everything named is read from the data file, so it stays true when the
// demo data changes.
//
//   node scripts/page/print-demo.mjs scripts/local-iam/demo-data.json
import { readFileSync } from 'node:fs';

const data = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const keys = data.users.flatMap((user) => user.accessKeys.map((key) => ({ ...key, userName: user.userName })));
const width = Math.max(...data.users.map((user) => user.userName.length));

const lines = ['Demo credentials (fake demo data, accepted only by the local demo):'];
for (const key of keys) {
  lines.push(`  user ${key.userName.padEnd(width)}  access key ID ${key.accessKeyId.padEnd(20)} secret ${key.secretAccessKey}`);
}
for (const session of data.sessions ?? []) {
  lines.push(`  temporary credentials: access key ID ${session.accessKeyId}, secret ${session.secretAccessKey}, session token ${session.sessionToken}`);
}

const [signer] = keys;
const other = keys.find((key) => key.userName !== signer.userName) ?? signer;
lines.push(
  '',
  'Try it:',
  `  Who signs, and their keys: enter ${signer.accessKeyId} and its secret, press "Check credentials":`,
  `    the page names user ${signer.userName} and lists their keys with last use; ${signer.accessKeyId} is marked as`,
  '    the signing key (deactivating it asks first).',
  `  Every user: press "All users of the account" (${data.users.length} demo users), then filter, e.g. Status Active and`,
  '    "Not used for at least 90 days", select the rows shown and press "Deactivate selected" (keys used in the',
  '    last 7 days are listed first); save the record as JSON or CSV.',
  `  A key leaked: paste a line such as "export AWS_ACCESS_KEY_ID=${other.accessKeyId}" into "Text with the key ID",`,
  `    press "Find the owner" (user ${other.userName}, their other keys), then "Deactivate"; the result updates in place`,
  '    once IAM shows it.',
);
if (data.sessions?.length) {
  lines.push(`  Temporary credentials: sign with ${data.sessions[0].accessKeyId} and its session token; "Check credentials"`,
    '    says they belong to no IAM user and asks for the user to work on.');
}
lines.push('  One call: sends, inspects, copies as curl or presigns any of the calls above.');
process.stdout.write(`${lines.join('\n')}\n`);
