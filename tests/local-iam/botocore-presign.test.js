// Presigned URLs made by botocore's own presigner (python3-botocore, which
// scripts/setup.sh installs), so presigned verification is checked against
// a signer other than the @smithy one the server recomputes with. Fails
// (never skips) when python3 or botocore is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { control, errorParts, getUrl, KEYS, listedKeys, startTestEndpoint } from './iam-client.js';

const PRESIGN = `
import json, sys, botocore.session
a = json.loads(sys.argv[1])
s = botocore.session.Session()
c = s.create_client('iam', region_name='us-east-1', endpoint_url=a['endpoint'],
    aws_access_key_id=a['accessKeyId'], aws_secret_access_key=a['secretAccessKey'])
print(c.generate_presigned_url(a['method'], Params=a['params'], ExpiresIn=a['expires']))
`;

// botocore presigns with the operation's modelled method, POST for IAM, so
// its URLs are sent as a POST with an empty body (a GET would, rightly, not
// match the signature).
const send = (url) => getUrl(url, { method: 'POST' });

let endpoint;
before(async () => {
  endpoint = await startTestEndpoint();
});
after(() => endpoint.close());

function botocorePresign(method, params, expires = 60, credentials = KEYS.bob) {
  const args = JSON.stringify({ endpoint: endpoint.url, method, params, expires, ...credentials });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  env.AWS_CONFIG_FILE = '/dev/null';
  env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', PRESIGN, args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`botocore presign failed (python3 with botocore is required): ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

test('a botocore-presigned ListAccessKeys URL works until it expires', async () => {
  const url = await botocorePresign('list_access_keys', { UserName: 'alice' }, 60);
  const ok = await send(url);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(listedKeys(ok.text).map((k) => k.accessKeyId), [KEYS.alice1.accessKeyId, KEYS.alice2.accessKeyId]);

  await control(endpoint.url, { clockOffsetSeconds: 120 });
  try {
    const expired = errorParts(await send(url));
    assert.deepEqual([expired.status, expired.code], [403, 'AccessDenied']);
  } finally {
    await control(endpoint.url, { reset: true });
  }
});

test('a botocore-presigned UpdateAccessKey URL flips the key', async () => {
  const url = await botocorePresign('update_access_key', { AccessKeyId: KEYS.bob.accessKeyId, Status: 'Inactive' });
  assert.equal(errorParts(await getUrl(url)).code, 'SignatureDoesNotMatch', 'signed for POST, sent as GET');
  const res = await send(url);
  assert.equal(res.status, 200, res.text);
  const state = (await control(endpoint.url)).json;
  assert.equal(state.users.find((u) => u.userName === 'bob').accessKeys[0].status, 'Inactive');
});
