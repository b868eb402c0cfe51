// The AWS CLI, unchanged, against the endpoint: the strongest check that the
// signature verification, the Query parsing and the XML match real IAM,
// since botocore signs and parses independently of everything here.
// Fails (never skips) when `aws` is missing. KEYFLIP_AWS_CLI may name a
// particular aws executable; otherwise the first `aws` on PATH is used.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { KEYS, startTestEndpoint } from './iam-client.js';

const AWS = process.env.KEYFLIP_AWS_CLI || 'aws';
let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());

// Only the settings given here: no profile, config file, instance metadata or
// stray AWS_* variable from the machine can change what the CLI does.
function cliEnv(credentials) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}

function aws(args, credentials = KEYS.alice2) {
  return new Promise((resolve, reject) => {
    execFile(
      AWS,
      [...args, '--endpoint-url', endpoint.url, '--output', 'json'],
      { env: cliEnv(credentials), timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`cannot run '${AWS}' (${error.code ?? error.message}); the AWS CLI must be installed for these tests`));
        } else {
          resolve({ code: error ? error.code : 0, stdout, stderr });
        }
      },
    );
  });
}

test('aws iam update-access-key, then list-access-keys shows the new status', async () => {
  const version = await aws(['--version']);
  assert.equal(version.code, 0, version.stderr);

  const update = await aws(['iam', 'update-access-key', '--user-name', 'alice', '--access-key-id', KEYS.alice1.accessKeyId, '--status', 'Inactive']);
  assert.equal(update.code, 0, update.stderr);

  const list = await aws(['iam', 'list-access-keys', '--user-name', 'alice']);
  assert.equal(list.code, 0, list.stderr);
  const keys = JSON.parse(list.stdout).AccessKeyMetadata;
  assert.deepEqual(
    keys.map((k) => [k.UserName, k.AccessKeyId, k.Status]),
    [
      ['alice', KEYS.alice1.accessKeyId, 'Inactive'],
      ['alice', KEYS.alice2.accessKeyId, 'Active'],
    ],
  );
  assert.ok(keys.every((k) => !Number.isNaN(Date.parse(k.CreateDate))), list.stdout);
});

test('aws reports NoSuchEntity and exits non-zero', async () => {
  const res = await aws(['iam', 'list-access-keys', '--user-name', 'nobody']);
  assert.notEqual(res.code, 0);
  assert.match(res.stderr, /NoSuchEntity/);
  assert.match(res.stderr, /The user with name nobody cannot be found\./);
});

test('aws with a wrong secret gets SignatureDoesNotMatch', async () => {
  const res = await aws(['iam', 'list-access-keys'], { accessKeyId: KEYS.bob.accessKeyId, secretAccessKey: 'wrong-secret' });
  assert.notEqual(res.code, 0);
  assert.match(res.stderr, /SignatureDoesNotMatch/);
});
