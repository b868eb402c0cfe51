// Debian's AWS CLI against the endpoint for the incident's calls:
// `sts get-session-token` with and without the demo MFA device (and what IAM
// then answers each session), `iam put-user-policy` / `get-user-policy`, and
// `iam list-attached-user-policies` on the quarantined demo user.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { control, KEYS, startTestEndpoint } from './iam-client.js';
import { DEMO_MFA } from '../../scripts/local-iam/demo-keys.js';
import { jsonOf as json, runAws } from './awscli-run.js';

const ACCOUNT = '123456789012';
let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());
beforeEach(() => control(endpoint.url, { reset: true }));

const aws = (args, credentials = KEYS.alice1) => runAws(endpoint.url, args, credentials);
const sessionOf = ({ Credentials }) => ({
  accessKeyId: Credentials.AccessKeyId,
  secretAccessKey: Credentials.SecretAccessKey,
  sessionToken: Credentials.SessionToken,
});

test('aws sts get-session-token without MFA: a session IAM refuses (InvalidClientTokenId) and STS knows as dave', async () => {
  const answer = json(await aws(['sts', 'get-session-token'], KEYS.dave));
  assert.match(answer.Credentials.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.equal(answer.Credentials.SecretAccessKey.length, 40);
  assert.ok(Math.abs(Date.parse(answer.Credentials.Expiration) - (Date.now() + 12 * 3600_000)) < 60_000, answer.Credentials.Expiration);
  const session = sessionOf(answer);
  assert.equal(json(await aws(['sts', 'get-caller-identity'], session)).Arn, `arn:aws:iam::${ACCOUNT}:user/dave`);
  const refused = await aws(['iam', 'get-user'], session);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /\(InvalidClientTokenId\) when calling the GetUser operation: The security token included in the request is invalid/);
});

test('aws sts get-session-token with the demo MFA device: a session IAM accepts; a wrong code is AccessDenied', async () => {
  const answer = json(
    await aws(['sts', 'get-session-token', '--serial-number', DEMO_MFA.serialNumber, '--token-code', DEMO_MFA.tokenCode, '--duration-seconds', '900'], KEYS.dave),
  );
  assert.ok(Math.abs(Date.parse(answer.Credentials.Expiration) - (Date.now() + 900_000)) < 60_000, answer.Credentials.Expiration);
  const keys = json(await aws(['iam', 'list-access-keys'], sessionOf(answer))).AccessKeyMetadata;
  assert.deepEqual(keys.map((k) => k.AccessKeyId), [KEYS.dave.accessKeyId]);

  const wrong = await aws(['sts', 'get-session-token', '--serial-number', DEMO_MFA.serialNumber, '--token-code', '000000'], KEYS.dave);
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /\(AccessDenied\) when calling the GetSessionToken operation: MultiFactorAuthentication failed with invalid MFA one time pass code/);
});

test('aws iam put-user-policy, then get-user-policy gives the same document back (decoded by the CLI)', async () => {
  const document = {
    Version: '2012-10-17',
    Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-12-08T05:00:00Z' } } },
  };
  const put = await aws(['iam', 'put-user-policy', '--user-name', 'dave', '--policy-name', 'revoke-older-sessions', '--policy-document', JSON.stringify(document)], KEYS.alice1);
  assert.equal(put.code, 0, put.stderr);
  const got = json(await aws(['iam', 'get-user-policy', '--user-name', 'dave', '--policy-name', 'revoke-older-sessions']));
  assert.deepEqual(got, { UserName: 'dave', PolicyName: 'revoke-older-sessions', PolicyDocument: document });

  const missing = await aws(['iam', 'get-user-policy', '--user-name', 'dave', '--policy-name', 'nope']);
  assert.match(missing.stderr, /\(NoSuchEntity\) when calling the GetUserPolicy operation: The user policy with name nope cannot be found\./);
  const malformed = await aws(['iam', 'put-user-policy', '--user-name', 'dave', '--policy-name', 'p', '--policy-document', 'not json']);
  assert.match(malformed.stderr, /\(MalformedPolicyDocument\) when calling the PutUserPolicy operation: Syntax errors in policy\./);
});

test('aws iam list-attached-user-policies on the quarantined demo user, one page at a time', async () => {
  const res = json(await aws(['iam', 'list-attached-user-policies', '--user-name', 'quentin', '--page-size', '1']));
  assert.deepEqual(res.AttachedPolicies, [
    { PolicyName: 'AWSCompromisedKeyQuarantineV2', PolicyArn: 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2' },
    { PolicyName: 'IAMUserChangePassword', PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword' },
  ]);
  assert.equal((await control(endpoint.url)).json.requests.byAction.ListAttachedUserPolicies, 2, 'one page per policy');
  // quentin's own key is denied by the quarantine, with IAM's explicit-deny wording.
  const own = await aws(['iam', 'create-access-key'], KEYS.quentin);
  assert.match(
    own.stderr,
    /\(AccessDenied\) when calling the CreateAccessKey operation: User: arn:aws:iam::123456789012:user\/quentin is not authorized to perform: iam:CreateAccessKey on resource: arn:aws:iam::123456789012:user\/quentin with an explicit deny in an identity-based policy/,
  );
});
