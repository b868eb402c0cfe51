// Test-side client for the local IAM endpoint: signs requests with
// @smithy/signature-v4 the way an AWS SDK does (independently of keyflip),
// plus small readers for IAM's XML answers and the /__control route.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { startIamEndpoint } from '../../scripts/local-iam/index.js';
import { DEMO_KEYS } from '../../scripts/local-iam/demo-keys.js';

// The demo credentials, read from the shipped data rather than copied here.
export const KEYS = DEMO_KEYS;

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const API_VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' };
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export function startTestEndpoint(options = {}) {
  return startIamEndpoint({ testMode: true, log: false, ...options });
}

function signerFor(credentials, region, service = 'iam') {
  return new SignatureV4({ service, region, credentials, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
}

async function answer(res) {
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/**
 * A SigV4 header-signed IAM call, POST with a form body by default.
 * options: credentials, region, signingDate, method ('POST' | 'GET'),
 * headers (extra, signed), sendBody (replaces the body after signing),
 * service ('iam' or 'sts': the credential scope, and the Version sent).
 */
export async function callIam(url, params, options = {}) {
  const { credentials = KEYS.alice1, region = 'us-east-1', signingDate = new Date(), method = 'POST', headers = {}, service = 'iam' } = options;
  const target = new URL(url);
  const form = { Version: API_VERSIONS[service] ?? API_VERSIONS.iam, ...params };
  const request = {
    method,
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: '/',
    query: method === 'GET' ? form : {},
    headers: { host: target.host, ...headers },
  };
  if (method === 'POST') {
    request.headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    request.body = new URLSearchParams(form).toString();
  }
  const signed = await signerFor(credentials, region, service).sign(request, { signingDate });
  const { host, ...sendHeaders } = signed.headers; // fetch sets Host itself, to the same value
  const query = method === 'GET' ? `?${new URLSearchParams(form)}` : '';
  const body = 'sendBody' in options ? options.sendBody : request.body;
  return answer(await fetch(`${target.origin}/${query}`, { method, headers: sendHeaders, body }));
}

// An STS call (credential scope 'sts', Version 2011-06-15) to the same address.
export function callSts(url, params, options = {}) {
  return callIam(url, params, { ...options, service: 'sts' });
}

// A presigned GET URL for an IAM action, as an SDK presigner makes it.
export async function presignIam(url, params, { credentials = KEYS.alice1, signingDate = new Date(), expiresIn = 60 } = {}) {
  const target = new URL(url);
  const request = {
    method: 'GET',
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: '/',
    query: { Version: '2010-05-08', ...params },
    headers: { host: target.host },
  };
  const presigned = await signerFor(credentials, 'us-east-1').presign(request, { signingDate, expiresIn });
  const query = Object.entries(presigned.query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${target.origin}/?${query}`;
}

export async function getUrl(url, init = {}) {
  return answer(await fetch(url, init));
}

const unescapeXml = (s) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function xmlValues(xml, tag) {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => unescapeXml(m[1]));
}

export function xmlValue(xml, tag) {
  return xmlValues(xml, tag)[0];
}

// [{ userName, accessKeyId, status, createDate }] from a ListAccessKeys answer.
export function listedKeys(xml) {
  return [...xml.matchAll(/<member>([\s\S]*?)<\/member>/g)].map(([, m]) => ({
    userName: xmlValue(m, 'UserName'),
    accessKeyId: xmlValue(m, 'AccessKeyId'),
    status: xmlValue(m, 'Status'),
    createDate: xmlValue(m, 'CreateDate'),
  }));
}

// [{ userId, path, userName, arn, createDate }] from a ListUsers answer.
export function listedUsers(xml) {
  return [...xml.matchAll(/<member>([\s\S]*?)<\/member>/g)].map(([, m]) => ({
    userId: xmlValue(m, 'UserId'),
    path: xmlValue(m, 'Path'),
    userName: xmlValue(m, 'UserName'),
    arn: xmlValue(m, 'Arn'),
    createDate: xmlValue(m, 'CreateDate'),
  }));
}

// Asserts nothing; returns the parts of an IAM <ErrorResponse> for asserting.
export function errorParts({ status, text, headers }, xmlns = IAM_XMLNS) {
  return {
    status,
    rootOk: text.startsWith(`<ErrorResponse xmlns="${xmlns}">`) && text.trimEnd().endsWith('</ErrorResponse>'),
    type: xmlValue(text, 'Type'),
    code: xmlValue(text, 'Code'),
    message: xmlValue(text, 'Message'),
    requestId: xmlValue(text, 'RequestId'),
    headerRequestId: headers.get('x-amzn-requestid'),
  };
}

export async function control(url, body) {
  const res = await fetch(`${url}/__control`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export function keyStatus(snapshot, accessKeyId) {
  for (const user of snapshot.users) {
    const key = user.accessKeys.find((k) => k.accessKeyId === accessKeyId);
    if (key) return key.status;
  }
  return undefined;
}
