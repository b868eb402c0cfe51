// createClient's config and credentials: the provider is called once per
// call and that identity signs every attempt of it, its garbage is a ValidationError, and nothing (provider or fetch)
// runs before the params and the call's options are known to be valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, IamError, ValidationError } from 'keyflip';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const PARAMS = { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const OK_XML = '<UpdateAccessKeyResponse><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></UpdateAccessKeyResponse>';

function fakeIam(statuses = [200]) {
  const calls = [];
  const fetch = async (url, init) => {
    const status = statuses[Math.min(calls.length, statuses.length - 1)];
    calls.push({ url, ...init });
    return new Response(status === 200 ? OK_XML : '', { status });
  };
  return { fetch, calls };
}

const keyIdOf = (call) => call.headers.authorization.match(/Credential=([^/]+)\//)[1];
const regionOf = (call) => call.headers.authorization.match(/Credential=[^/]+\/\d{8}\/([^/]+)\//)[1];

function issuesOf(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `${error}`);
    return error.issues.map((i) => [i.field, i.rule]);
  }
  return assert.fail('did not throw');
}

test('an async credentials provider is called once per call, and every attempt of the call is signed by what it returned', async () => {
  const iam = fakeIam([503, 503, 200]);
  let n = 0;
  const provider = async () => {
    n += 1;
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { accessKeyId: `ASIATEMPORARY000${n}`, secretAccessKey: `secret-${n}`, sessionToken: `token-${n}` };
  };
  const original = Math.random;
  Math.random = () => 0;
  try {
    const result = await createClient({ credentials: provider, fetch: iam.fetch }).updateAccessKey(PARAMS);
    assert.equal(result.attempts, 3);
  } finally {
    Math.random = original;
  }
  assert.equal(n, 1);
  assert.deepEqual(iam.calls.map(keyIdOf), ['ASIATEMPORARY0001', 'ASIATEMPORARY0001', 'ASIATEMPORARY0001']);
  assert.deepEqual(iam.calls.map((c) => c.headers['x-amz-security-token']), ['token-1', 'token-1', 'token-1']);
  assert.match(iam.calls[0].headers.authorization, /SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,/);
});

// The lock-out race of issue 16: the caller checked that key B is not the
// signing key (A signs), IAM answers 503 with a retry hint, and during the
// wait the person types B's credentials. The retry must still be signed by A:
// signed by B it would turn off the key that signs, with no dialog.
test('credentials typed during a retry wait never sign that call\'s retry (the lock-out race)', async () => {
  const iam = fakeIam([503, 200]);
  const A = { accessKeyId: 'AKIAKEYA000000000001', secretAccessKey: 'secret-of-key-A-0000000000000000000000000' };
  const B = { accessKeyId: 'AKIAKEYB000000000002', secretAccessKey: 'secret-of-key-B-0000000000000000000000000' };
  let typed = A; // what the form holds
  const client = createClient({
    credentials: () => typed,
    fetch: async (url, init) => {
      const response = await iam.fetch(url, init);
      if (response.status === 503) typed = B; // typed while the client waits
      return response;
    },
  });
  const original = Math.random;
  Math.random = () => 0;
  try {
    const result = await client.updateAccessKey({ UserName: 'bob', AccessKeyId: B.accessKeyId, Status: 'Inactive' });
    assert.equal(result.attempts, 2);
  } finally {
    Math.random = original;
  }
  assert.deepEqual(iam.calls.map(keyIdOf), [A.accessKeyId, A.accessKeyId]);
  // The next call reads the provider again and signs with B.
  await client.updateAccessKey(PARAMS);
  assert.equal(keyIdOf(iam.calls[2]), B.accessKeyId);
});

test('a synchronous provider and a plain object work too; a provider is called again on every call', async () => {
  let n = 0;
  const iam = fakeIam();
  const client = createClient({ credentials: () => { n += 1; return CREDENTIALS; }, fetch: iam.fetch });
  await client.updateAccessKey(PARAMS);
  await client.updateAccessKey(PARAMS);
  assert.equal(n, 2);
  const plain = fakeIam();
  await createClient({ credentials: CREDENTIALS, fetch: plain.fetch }).updateAccessKey(PARAMS);
  assert.equal(keyIdOf(plain.calls[0]), 'AKIDEXAMPLE');
  assert.equal(plain.calls[0].headers['x-amz-security-token'], undefined);
});

test('a provider returning garbage gives ValidationError, and nothing is sent', async () => {
  const garbage = [
    [null, 'credentials'], [undefined, 'credentials'], ['AKIDEXAMPLE', 'credentials'], [42, 'credentials'],
    [{}, 'credentials.accessKeyId'], [{ accessKeyId: 'AKIDEXAMPLE' }, 'credentials.secretAccessKey'],
    [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 7 }, 'credentials.secretAccessKey'],
    [{ ...CREDENTIALS, sessionToken: 12 }, 'credentials.sessionToken'],
  ];
  for (const [value, field] of garbage) {
    const iam = fakeIam();
    const error = await createClient({ credentials: async () => value, fetch: iam.fetch }).updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(error instanceof ValidationError, `${JSON.stringify(value)}: ${error}`);
    assert.ok(error.issues.some((i) => i.field === field), `${JSON.stringify(value)}: ${JSON.stringify(error.issues)}`);
    assert.equal(iam.calls.length, 0);
  }
});

test('a provider that throws rejects the call with its error, and nothing is sent', async () => {
  const iam = fakeIam();
  const failure = new Error('the session expired; sign in again');
  const error = await createClient({ credentials: async () => { throw failure; }, fetch: iam.fetch }).updateAccessKey(PARAMS).catch((e) => e);
  assert.equal(error, failure);
  assert.equal(iam.calls.length, 0);
});

test('params are validated before the credentials provider is called or fetch is touched', async () => {
  let provided = 0;
  const iam = fakeIam();
  const client = createClient({ credentials: async () => { provided += 1; return CREDENTIALS; }, fetch: iam.fetch });
  const bad = [
    [{ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Off' }, [['Status', 'enum']]],
    [{ Status: 'Active' }, [['AccessKeyId', 'required']]],
    [{ AccessKeyId: 'short', Status: 'Active' }, [['AccessKeyId', 'minLength']]],
    [{ ...PARAMS, UserName: 'al ice' }, [['UserName', 'pattern']]],
    [{ ...PARAMS, Extra: 1 }, [['Extra', 'unknown']]],
    [{ AccessKeyId: 42, Status: true }, [['AccessKeyId', 'type'], ['Status', 'type']]],
  ];
  for (const [params, expected] of bad) {
    const error = await client.updateAccessKey(params).catch((e) => e);
    assert.ok(error instanceof ValidationError, `${JSON.stringify(params)}: ${error}`);
    assert.deepEqual(error.issues.map((i) => [i.field, i.rule]), expected, JSON.stringify(params));
    for (const issue of error.issues) assert.ok(issue.message.startsWith(`${issue.field}: `), issue.message);
  }
  await assert.rejects(client.updateAccessKey(null), TypeError);
  await assert.rejects(client.updateAccessKey(), TypeError);
  assert.equal(provided, 0);
  assert.equal(iam.calls.length, 0);
});

test('createClient checks its config at once', () => {
  assert.throws(() => createClient(), TypeError);
  assert.throws(() => createClient(null), TypeError);
  assert.deepEqual(issuesOf(() => createClient({})), [['credentials', 'required']]);
  assert.deepEqual(issuesOf(() => createClient({ credentials: 'AKID:secret' })), [['credentials', 'required']]);
  for (const maxAttempts of [0, 1.5, 11, '3', Number.NaN]) {
    assert.deepEqual(issuesOf(() => createClient({ credentials: CREDENTIALS, maxAttempts })), [['maxAttempts', 'range']], `maxAttempts ${maxAttempts}`);
  }
  for (const timeoutMs of [0, -1, Number.POSITIVE_INFINITY, 2 ** 31, '50']) {
    assert.deepEqual(issuesOf(() => createClient({ credentials: CREDENTIALS, timeoutMs })), [['timeoutMs', 'range']], `timeoutMs ${timeoutMs}`);
  }
  const fields = issuesOf(() => createClient({
    credentials: CREDENTIALS, fetch: 'fetch', onRetry: 1, fips: 'yes', dualStack: 1, correctClockSkew: 'no',
  }));
  assert.deepEqual(fields, [['fetch', 'type'], ['onRetry', 'type'], ['fips', 'type'], ['dualStack', 'type'], ['correctClockSkew', 'type']]);
});

test('endpoint options reach the request: partition, fips, dualStack, custom endpoint + region', async () => {
  const cases = [
    [{}, 'https://iam.amazonaws.com/', 'us-east-1'],
    [{ partition: 'aws', fips: true }, 'https://iam-fips.amazonaws.com/', 'us-east-1'],
    [{ dualStack: true }, 'https://iam.global.api.aws/', 'us-east-1'],
    [{ partition: 'aws-cn' }, 'https://iam.cn-north-1.amazonaws.com.cn/', 'cn-north-1'],
    [{ partition: 'aws-us-gov' }, 'https://iam.us-gov.amazonaws.com/', 'us-gov-west-1'],
    [{ endpoint: 'http://127.0.0.1:4566/iam', region: 'eu-west-1' }, 'http://127.0.0.1:4566/iam/', 'eu-west-1'],
  ];
  for (const [target, url, region] of cases) {
    const iam = fakeIam();
    await createClient({ credentials: CREDENTIALS, fetch: iam.fetch, ...target }).updateAccessKey(PARAMS);
    assert.equal(iam.calls[0].url, url, JSON.stringify(target));
    assert.equal(regionOf(iam.calls[0]), region, JSON.stringify(target));
  }
});

test('a bad endpoint option is a ValidationError on the call, and nothing is sent', async () => {
  for (const [target, field] of [[{ partition: 'aws-mars' }, 'partition'], [{ endpoint: 'http://127.0.0.1:4566/' }, 'region'], [{ endpoint: 'not a url', region: 'us-east-1' }, 'endpoint']]) {
    const iam = fakeIam();
    const error = await createClient({ credentials: CREDENTIALS, fetch: iam.fetch, ...target }).updateAccessKey(PARAMS).catch((e) => e);
    assert.ok(error instanceof ValidationError, `${JSON.stringify(target)}: ${error}`);
    assert.ok(error.issues.some((i) => i.field === field), JSON.stringify(error.issues));
    assert.equal(iam.calls.length, 0);
  }
});

test('the global fetch is the default', async () => {
  const original = globalThis.fetch;
  const calls = [];
  globalThis.fetch = async (url) => {
    calls.push(url);
    return new Response(OK_XML, { status: 200 });
  };
  try {
    assert.equal((await createClient({ credentials: CREDENTIALS }).updateAccessKey(PARAMS)).requestId, 'req-ok');
  } finally {
    globalThis.fetch = original;
  }
  assert.deepEqual(calls, ['https://iam.amazonaws.com/']);
});

test('the client is frozen and calls are independent', async () => {
  const iam = fakeIam([404]);
  const client = createClient({ credentials: CREDENTIALS, fetch: iam.fetch });
  assert.ok(Object.isFrozen(client));
  const results = await Promise.allSettled([client.updateAccessKey(PARAMS), client.updateAccessKey(PARAMS)]);
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
  assert.ok(results.every((r) => r.reason instanceof IamError && r.reason.attempts === 1));
});
