// A stand-in endpoint for the web tests that answers whatever a test tells it
// to (an IAM error with any code or message, a redirect), with CORS as IAM
// answers it (any origin). For answers the local IAM endpoint would never give.
import http from 'node:http';

export const iamError = ({ code, message = 'scripted error', status = 400, requestId = '11111111-2222-3333-4444-555555555555' }) => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
    + `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
});

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amzn-RequestId, Date' };

/** Starts the endpoint; answerNext(answer) queues { status, headers, body } for the next request. */
export async function startScriptedEndpoint() {
  const queue = [];
  const requests = [];
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
    request.resume();
    request.on('end', () => {
      const answer = queue.shift() ?? iamError({ code: 'NoScriptedAnswer', status: 500 });
      response.writeHead(answer.status, { ...CORS, ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    answerNext: (answer) => queue.push(answer),
    reset: () => { queue.length = 0; requests.length = 0; },
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
