// Running the AWS CLI, unchanged, against a local endpoint: only the settings
// given here (no profile, config file, instance metadata or stray AWS_*
// variable from the machine can change what the CLI does). A missing CLI is a
// failure, never a skip. KEYFLIP_AWS_CLI may name a particular aws
// executable (scripts/test.sh names Debian's); otherwise the first `aws` on
// PATH is used.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';

export const AWS = process.env.KEYFLIP_AWS_CLI || 'aws';

// credentials: { accessKeyId, secretAccessKey, sessionToken? }.
function cliEnv(credentials) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}

/** Runs `aws <args> --endpoint-url <url> --output json`; resolves { code, stdout, stderr }. */
export function runAws(url, args, credentials) {
  return new Promise((resolve, reject) => {
    execFile(AWS, [...args, '--endpoint-url', url, '--output', 'json'], { env: cliEnv(credentials), timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`cannot run '${AWS}' (${error.code ?? error.message}); the AWS CLI must be installed for these tests`));
      } else {
        resolve({ code: error ? error.code : 0, stdout, stderr });
      }
    });
  });
}

/** A run that must have succeeded: its JSON output (the CLI's stderr in the failure). */
export function jsonOf(res) {
  assert.equal(res.code, 0, res.stderr);
  return JSON.parse(res.stdout);
}
