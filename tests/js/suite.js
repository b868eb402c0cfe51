// Reads the aws-c-auth SigV4 test suite (shared test data beside the repo;
// KEYFLIP_SIGV4_SUITE overrides) into keyflip's JS request/options shapes.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const suiteDir = process.env.KEYFLIP_SIGV4_SUITE ?? join(repo, '..', 'shared', 'testdata', 'aws-sigv4-suite');

export function caseNames() {
  if (!existsSync(suiteDir)) return [];
  return readdirSync(suiteDir)
    .filter((name) => statSync(join(suiteDir, name)).isDirectory() && existsSync(join(suiteDir, name, 'request.txt')))
    .sort();
}

export const expected = (name, file) => readFileSync(join(suiteDir, name, file), 'utf8');

/** request.txt -> { method, url, headers: { name: value | value[] }, body } */
function parseRequest(text) {
  const headEnd = text.indexOf('\n\n');
  const head = headEnd === -1 ? text : text.slice(0, headEnd);
  const body = headEnd === -1 ? '' : text.slice(headEnd + 2);
  const [requestLine, ...lines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' HTTP/'));
  const pairs = [];
  for (const line of lines.filter((l) => l !== '')) {
    if (line.startsWith(' ') || line.startsWith('\t')) pairs.at(-1)[1] += `\n${line}`; // obs-fold
    else pairs.push([line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]);
  }
  const headers = {};
  for (const [name, value] of pairs) {
    if (!(name in headers)) headers[name] = value;
    else headers[name] = [].concat(headers[name], value);
  }
  const host = pairs.find(([name]) => name.toLowerCase() === 'host')[1];
  return { method, url: `https://${host}${target}`, headers, body };
}

export function loadCase(name) {
  const context = JSON.parse(expected(name, 'context.json'));
  const { credentials: c } = context;
  const options = {
    credentials: { accessKeyId: c.access_key_id, secretAccessKey: c.secret_access_key, ...(c.token ? { sessionToken: c.token } : {}) },
    region: context.region,
    service: context.service,
    date: new Date(context.timestamp),
    normalizePath: context.normalize,
    signBody: context.sign_body,
    omitSessionToken: context.omit_session_token ?? false,
  };
  return { request: parseRequest(expected(name, 'request.txt')), options, expiresIn: context.expiration_in_seconds };
}

/** The suite's text form of a signed request. */
export function render({ method, url, headers, body }) {
  const target = url.slice(url.indexOf('/', url.indexOf('://') + 3));
  let text = `${method} ${target} HTTP/1.1\n`;
  for (const [name, value] of Object.entries(headers ?? {})) {
    for (const v of [].concat(value)) text += `${name}:${v}\n`;
  }
  return `${text}\n${body ?? ''}`;
}

/**
 * Header names are case-insensitive (RFC 9110 5.1); keyflip adds its headers
 * in lowercase where the suite writes X-Amz-Date. Lowercase only the names.
 */
export function lowercaseHeaderNames(text) {
  const headEnd = text.indexOf('\n\n');
  const [requestLine, ...lines] = text.slice(0, headEnd).split('\n');
  const fixed = lines.map((line) =>
    line.startsWith(' ') || line.startsWith('\t') ? line : line.slice(0, line.indexOf(':')).toLowerCase() + line.slice(line.indexOf(':')));
  return [requestLine, ...fixed].join('\n') + text.slice(headEnd);
}
