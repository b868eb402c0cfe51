// A proxy in front of the local IAM endpoint that can lose answers the way a
// browser does: the request reaches IAM and is carried out, but the answer
// comes back without CORS headers, so the browser hides it from the page
// (a NetworkError there). For "sent, but no answer could be read" while the
// change really was made.
import http from 'node:http';

/** Starts the proxy to target (a URL); loseNext(action, count) hides the next count answers to action. */
export async function startLossyProxy(target) {
  const losses = []; // { action, remaining }
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = new URLSearchParams(body.toString('utf8')).get('Action');
      const loss = request.method === 'POST' && losses.find((l) => l.action === action && l.remaining > 0);
      if (loss) loss.remaining -= 1;
      // The Host header is passed on as the page sent it: the signature covers it.
      const forward = http.request(new URL(request.url, target), { method: request.method, headers: request.headers }, (answer) => {
        const headers = { ...answer.headers };
        if (loss) for (const name of Object.keys(headers)) if (name.startsWith('access-control-')) delete headers[name];
        response.writeHead(answer.statusCode, headers);
        answer.pipe(response);
      });
      forward.on('error', () => { response.destroy(); });
      forward.end(body);
    });
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    loseNext: (action, count) => losses.push({ action, remaining: count }),
    reset: () => { losses.length = 0; },
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
