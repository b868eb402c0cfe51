// Shared set-up for the end-to-end tests: the keyflip package (imported by
// its own name, as a user would) against the local IAM endpoint, started
// in-process in test mode, one per test file.
//
//   const e2e = useEndpoint();   // before/after/beforeEach hooks of the file
//   const client = e2e.client({ credentials: KEYS.bob, maxAttempts: 1 });
//
// Every test starts from the demo data with no pending fault and zeroed
// request counts: beforeEach waits until the requests of the previous test
// have finished on the server (a request the client gave up on may still be
// sleeping there), then posts {"reset":true} to /__control.
import { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { createClient, IamError, init } from 'keyflip';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { DEMO_KEYS } from '../../scripts/local-iam/demo-keys.js';

// The demo credentials, read from the shipped data rather than copied here.
export const KEYS = DEMO_KEYS;
const demo = JSON.parse(readFileSync(new URL('../../scripts/local-iam/demo-data.json', import.meta.url), 'utf8'));

export const REGION = 'us-east-1';
export const WRONG_SECRET = 'e2e-wrong-secret-that-must-never-be-echoed';
export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

// Every secret the tests hold: none may show up in an error's message, stack,
// properties or cause chain.
const SECRETS = [
  ...demo.users.flatMap((u) => u.accessKeys.map((k) => k.secretAccessKey)),
  ...demo.sessions.flatMap((s) => [s.secretAccessKey, s.sessionToken]),
  WRONG_SECRET,
];

export function assertNoSecrets(error) {
  const seen = [String(error?.message), String(error?.stack), inspect(error, { depth: 10, showHidden: true })];
  for (let cause = error?.cause; cause; cause = cause.cause) seen.push(String(cause.message), String(cause.stack));
  for (const text of seen) {
    for (const secret of SECRETS) {
      assert.ok(!text.includes(secret), `an error exposes a secret or token: ${text.slice(0, 300)}`);
    }
  }
}

// fetch that remembers what came back (status and IAM's request id header),
// so tests can match an error's requestId against x-amzn-RequestId.
export function recordingFetch() {
  const responses = [];
  const fetchImpl = async (url, init) => {
    const response = await fetch(url, init);
    responses.push({ status: response.status, requestId: response.headers.get('x-amzn-requestid') });
    return response;
  };
  return { fetch: fetchImpl, responses, last: () => responses.at(-1) };
}

/** Starts the endpoint for this test file and registers the hooks. */
export function useEndpoint() {
  const e2e = {
    url: '',
    endpoint: null,
    kf: null,
    finished: 0, // IAM requests the server has answered (or reset) since the last reset
    // The server clock's offset as set through /__control; requests the tests
    // sign by hand (ListAccessKeys read-backs) are dated by the server clock.
    clockOffsetSeconds: 0,
  };
  // One log line per IAM request, written once the server is done with it.
  const onLog = (line) => {
    const m = /^local-iam: (\S+) (\S+) /.exec(line);
    if (m && m[1] !== 'OPTIONS' && m[2] !== '/__control') e2e.finished += 1;
  };

  before(async () => {
    e2e.kf = await init();
    e2e.endpoint = await startIamEndpoint({ port: 0, testMode: true, allowOrigins: [], log: onLog });
    e2e.url = e2e.endpoint.url;
  });
  after(() => e2e.endpoint?.close());
  beforeEach(() => e2e.control({ reset: true }));

  /** Waits (up to 10 s) until every IAM request counted by the server has been answered. */
  e2e.settle = async () => {
    const deadline = Date.now() + 10_000;
    while (e2e.finished < e2e.endpoint.state.requests.total) {
      if (Date.now() > deadline) throw new Error('the endpoint still has requests in flight after 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /** POST /__control; resolves with the new state. A reset first lets requests in flight finish. */
  e2e.control = async (body) => {
    if (body.reset === true) await e2e.settle();
    const response = await fetch(`${e2e.url}/__control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const state = await response.json();
    assert.equal(response.status, 200, `control ${JSON.stringify(body)}: ${JSON.stringify(state)}`);
    e2e.clockOffsetSeconds = state.clockOffsetSeconds;
    if (body.reset === true) e2e.finished = 0;
    return state;
  };

  /** GET /__control: users, statuses, request counts, pending faults. */
  e2e.state = async () => {
    const response = await fetch(`${e2e.url}/__control`);
    assert.equal(response.status, 200);
    return response.json();
  };

  /** A keyflip client on the local endpoint; its fetch records every answer. */
  e2e.client = ({ credentials = KEYS.alice1, ...config } = {}) => {
    const recorder = recordingFetch();
    const client = createClient({ endpoint: e2e.url, region: REGION, credentials, fetch: recorder.fetch, ...config });
    return { ...client, responses: recorder.responses, last: recorder.last };
  };

  /** A hand-built IAM Query request, signed with kf.signRequest and sent with fetch. */
  e2e.signedPost = async (form, credentials = KEYS.alice1) => {
    const signed = e2e.kf.signRequest(
      { method: 'POST', url: `${e2e.url}/`, headers: { 'content-type': FORM_CONTENT_TYPE }, body: new URLSearchParams(form).toString() },
      { credentials, region: REGION, service: 'iam', date: new Date(Date.now() + e2e.clockOffsetSeconds * 1000) },
    );
    const response = await fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
    return { status: response.status, requestId: response.headers.get('x-amzn-requestid'), text: await response.text() };
  };

  /**
   * ListAccessKeys (signed by keyflip), checked to be IAM's success XML:
   * resolves with [{ userName, accessKeyId, status }].
   */
  e2e.listAccessKeys = async (userName, credentials = KEYS.alice1) => {
    const form = { Action: 'ListAccessKeys', Version: '2010-05-08' };
    if (userName !== undefined) form.UserName = userName;
    const answer = await e2e.signedPost(form, credentials);
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, /^<ListAccessKeysResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
    assert.match(answer.text, /<IsTruncated>false<\/IsTruncated>/);
    assert.equal(e2e.kf.parseIamResponse(answer.status, answer.text).requestId, answer.requestId);
    return [...answer.text.matchAll(/<member>([\s\S]*?)<\/member>/g)].map(([, member]) => {
      const field = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(member)?.[1];
      return { userName: field('UserName'), accessKeyId: field('AccessKeyId'), status: field('Status') };
    });
  };

  /** The status of one key, as ListAccessKeys reports it. */
  e2e.statusOf = async (userName, accessKeyId) => {
    const keys = await e2e.listAccessKeys(userName);
    const key = keys.find((k) => k.accessKeyId === accessKeyId);
    assert.ok(key, `${accessKeyId} is not listed under ${userName}`);
    return key.status;
  };

  return e2e;
}

/**
 * Awaits a promise that must reject; checks the rejection is an IamError with
 * the expected fields and no secret in it, and returns it.
 */
export async function rejectsWithIam(promise, expected) {
  let error;
  await assert.rejects(promise, (e) => {
    error = e;
    return true;
  });
  assert.ok(error instanceof IamError, `expected an IamError, got ${inspect(error)}`);
  assert.equal(error.name, error.code, 'the IAM code is the error name');
  for (const [key, value] of Object.entries(expected)) {
    if (value instanceof RegExp) assert.match(error[key], value, key);
    else assert.deepEqual(error[key], value, `${key} of ${inspect(error)}`);
  }
  assertNoSecrets(error);
  return error;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
