// A stand-in endpoint for the web tests that answers whatever a test tells it
// to (an IAM error with any code or message, a redirect, pages without end,
// malformed members), with CORS as IAM answers it (any origin). For answers
// the local IAM endpoint would never give.
import http from 'node:http';

const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
let requestCount = 0;
const requestId = () => `00000000-0000-4000-8000-${String(++requestCount).padStart(12, '0')}`;

export const iamError = ({ code, message = 'scripted error', status = 400, requestId: id = '11111111-2222-3333-4444-555555555555', headers = {} }) => ({
  status,
  headers: { 'content-type': 'text/xml', ...headers },
  body: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type>`
    + `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
});

/** A successful answer to action with result's XML inside <ActionResult> (none for an action without output). */
export function iamOk(action, result = null, { id = requestId() } = {}) {
  const inner = result === null ? '' : `<${action}Result>${result}</${action}Result>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<${action}Response xmlns="${XMLNS}">${inner}<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

const tag = (name, value) => (value === undefined ? '' : `<${name}>${value}</${name}>`);

/** An AccessKeyMetadata member; a field left undefined is left out (a malformed member). */
export const keyMember = ({ UserName, AccessKeyId, Status, CreateDate }) => `<member>${tag('UserName', UserName)}${tag('AccessKeyId', AccessKeyId)}${tag('Status', Status)}${tag('CreateDate', CreateDate)}</member>`;

export const listAccessKeys = (members, { marker } = {}) => iamOk('ListAccessKeys',
  `<AccessKeyMetadata>${members.join('')}</AccessKeyMetadata><IsTruncated>${Boolean(marker)}</IsTruncated>${tag('Marker', marker)}`);

export const listUsers = (names, { marker } = {}) => iamOk('ListUsers',
  `<Users>${names.map((name) => `<member><Path>/</Path><UserName>${name}</UserName><UserId>AIDA${name.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(17, 'X').slice(0, 17)}</UserId>`
    + `<Arn>arn:aws:iam::123456789012:user/${name}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>`).join('')}</Users>`
  + `<IsTruncated>${Boolean(marker)}</IsTruncated>${tag('Marker', marker)}`);

export const getUser = (name) => iamOk('GetUser', `<User><Path>/</Path><UserName>${name}</UserName><UserId>AIDASCRIPTEDUSER0001</UserId>`
  + `<Arn>arn:aws:iam::123456789012:user/${name}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></User>`);

export const lastUsed = (userName) => iamOk('GetAccessKeyLastUsed',
  `${tag('UserName', userName)}<AccessKeyLastUsed><Region>N/A</Region><ServiceName>N/A</ServiceName></AccessKeyLastUsed>`);

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amzn-RequestId, Date, Retry-After' };

/** The access key ID a SigV4 Authorization header names. */
export const signedBy = (authorization = '') => /Credential=([^/]+)\//.exec(authorization)?.[1];

/**
 * Starts the endpoint. answerNext(answer) queues { status, headers, body,
 * delayMs? } for the next request; respond(fn) answers every request the
 * queue does not: fn({ action, params, headers }) returns an answer (or a
 * promise of one), or undefined for the default error. requests: "METHOD
 * URL" per request; calls: { action, params, signedBy } per request.
 */
export async function startScriptedEndpoint() {
  const queue = [];
  const requests = [];
  const calls = [];
  let responder = null;
  const server = http.createServer((request, response) => {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
      });
      response.end();
      return;
    }
    requests.push(`${request.method} ${request.url}`);
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      const query = new URL(request.url, 'http://x').searchParams;
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      for (const [name, value] of query) params[name] ??= value;
      const call = { action: params.Action, params, signedBy: signedBy(request.headers.authorization) };
      calls.push(call);
      let answer = queue.shift();
      if (!answer && responder) {
        try {
          answer = await responder(call);
        } catch {
          answer = undefined;
        }
      }
      answer ??= iamError({ code: 'NoScriptedAnswer', status: 500 });
      if (answer.delayMs) await new Promise((resolve) => { setTimeout(resolve, answer.delayMs); });
      if (response.destroyed) return;
      response.writeHead(answer.status, { ...CORS, ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    calls,
    count: (action) => calls.filter((call) => call.action === action).length,
    answerNext: (answer) => queue.push(answer),
    respond: (fn) => { responder = fn; },
    reset: () => { queue.length = 0; requests.length = 0; calls.length = 0; responder = null; },
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
