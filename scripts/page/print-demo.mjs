#!/usr/bin/env node
// What scripts/start.sh prints about the local demo: the fake credentials of
// the demo data, and how to try each part of the page with them (who signs,
// the keys table, the owner lookup, a bulk run, temporary credentials, key
// rotation). Everything named is read from the data file, so it stays true
// when the demo data changes. With the endpoint's URL it also prints AWS CLI
// commands to try against it.
//
//   node scripts/page/print-demo.mjs scripts/local-iam/demo-data.json [http://127.0.0.1:9090]
import { readFileSync } from 'node:fs';
import { DEFAULT_KEY_PROPAGATION_MS, MAX_KEYS_PER_USER } from '../local-iam/iam-limits.js';

const data = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const endpointUrl = process.argv[3] ?? '<the local demo IAM URL>';
const activeKey = (user) => user.accessKeys.find((key) => (key.status ?? 'Active') === 'Active');
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

// Users to rotate: those under /rotation/, described by their keys.
const rotation = data.users.filter((user) => user.path === '/rotation/');
const admin = data.users.find((user) => user.path === '/admins/' && activeKey(user));
if (rotation.length > 0 && admin) {
  const adminKey = activeKey(admin);
  lines.push('', `Rotate a key (users under /rotation/; sign as ${admin.userName}, ${adminKey.accessKeyId}, to act on them):`);
  for (const user of rotation) {
    const [first] = user.accessKeys;
    const inactive = user.accessKeys.find((key) => key.status === 'Inactive');
    let how;
    if (user.accessKeys.length < MAX_KEYS_PER_USER) {
      how = `one key (${first.accessKeyId}): press Rotate on its row; the new key is shown once, works after the propagation delay, then retire the old one.`;
    } else if (inactive) {
      how = `at the ${MAX_KEYS_PER_USER}-key limit, ${inactive.accessKeyId} Inactive: Rotate ${activeKey(user).accessKeyId}; the Inactive key must be deleted first.`;
    } else {
      how = `at the ${MAX_KEYS_PER_USER}-key limit with both keys Active: Rotate is refused until you pick one of them to delete.`;
    }
    lines.push(`  ${user.userName.padEnd(width)}  ${how}`);
  }
  const env = `AWS_ACCESS_KEY_ID=${adminKey.accessKeyId} AWS_SECRET_ACCESS_KEY=${adminKey.secretAccessKey} AWS_DEFAULT_REGION=us-east-1`;
  lines.push(
    `  A new key is refused (InvalidClientTokenId) for ${DEFAULT_KEY_PROPAGATION_MS / 1000} s after it is created, as on AWS (the endpoint's --key-propagation-ms).`,
    '  With the AWS CLI: the same address answers IAM and STS (told apart by the signature\'s service):',
    `    ${env} aws iam create-access-key --user-name ${rotation[0].userName} --endpoint-url ${endpointUrl}`,
    `    AWS_ACCESS_KEY_ID=<new key> AWS_SECRET_ACCESS_KEY=<its secret> aws sts get-caller-identity --endpoint-url ${endpointUrl}`,
    `    ${env} aws iam delete-access-key --user-name ${rotation[0].userName} --access-key-id <old key> --endpoint-url ${endpointUrl}`,
  );
}
// The incident: the user with the demo MFA device holds the "leaked" key;
// the quarantined user has an AWSCompromisedKeyQuarantine policy attached.
const leakedOwner = data.users.find((user) => user.mfaDevice && activeKey(user));
const quarantined = data.users.find((user) => (user.attachedPolicies ?? []).some((arn) => arn.includes('AWSCompromisedKeyQuarantine')));
if (leakedOwner && admin) {
  const leaked = activeKey(leakedOwner);
  const { serialNumber, tokenCode } = leakedOwner.mfaDevice;
  const as = (key) => `AWS_ACCESS_KEY_ID=${key.accessKeyId} AWS_SECRET_ACCESS_KEY=${key.secretAccessKey} AWS_DEFAULT_REGION=us-east-1`;
  lines.push(
    '',
    `Play the leaked-key incident (${leakedOwner.userName}'s key ${leaked.accessKeyId} is the "leaked" one):`,
    `  1. The attacker mints a session from it, with ${leakedOwner.userName}'s demo MFA device (serial ${serialNumber}, code ${tokenCode}):`,
    `    ${as(leaked)} aws sts get-session-token --serial-number ${serialNumber} --token-code ${tokenCode} --endpoint-url ${endpointUrl}`,
    '     (without MFA the session can call STS GetCallerIdentity but IAM refuses it: InvalidClientTokenId.)',
    `  2. The defender signs as ${admin.userName} (${activeKey(admin).accessKeyId}) in the page, pastes ${leaked.accessKeyId} into "A key leaked"`,
    '     and presses "Respond to this leak": whose key, owner, then Deactivate (asked first): the key is refused',
    '     from then on, the attacker\'s session still works (as on AWS).',
    `  3. The same response cuts the sessions (asked first): an inline Deny on ${leakedOwner.userName}`,
    '     with DateLessThan aws:TokenIssueTime <now, UTC>; the attacker\'s session is then refused with an explicit deny,',
    '     the key itself is untouched by it. Save the record as JSON or Markdown.',
  );
  if (quarantined) {
    const key = activeKey(quarantined);
    lines.push(
      `  Quarantine: ${quarantined.userName} has AWSCompromisedKeyQuarantineV2 attached; signing with its own key ${key.accessKeyId},`,
      '    ListUsers, CreateAccessKey, UpdateAccessKey, DeleteAccessKey, PutUserPolicy and GetSessionToken are denied',
      `    (explicit deny); signed as ${admin.userName}, the same calls on ${quarantined.userName} work. In the page: respond to`,
      `    ${key.accessKeyId} signed as ${quarantined.userName}, see the deny explained, change the credentials to ${admin.userName}'s, Continue.`,
      `    ${as(key)} aws iam list-users --endpoint-url ${endpointUrl}`,
    );
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
