#!/usr/bin/env node
// The page server: serves keyflip's web page and the package files it imports,
// with the page's Content-Security-Policy, and tells the page which endpoint
// is the local demo (so it is preselected and labelled as not AWS).
//
// URL layout mirrors the repository, so web/app.js's relative import of
// '../wasm/js/index.js' (and web/<flow>/x.js's '../../wasm/js/index.js')
// works both here and for the single-file bundler:
//   /                    web/index.html (demo endpoint filled in)
//   /<path>              the browser files in web/ and its flow folders, e.g. /leak/key-ids.js
//                        (Node-only code lives here, in scripts/page/)
//   /wasm/js/<file>.js   the package's JS (as published)
//   /dist/keyflip-core.js, /dist/keyflip-core.wasm  the package's wasm module: glue and binary (scripts/build.sh)
//   /precache.json       what the service worker keeps for offline use
//
//   node scripts/page/server.js [--port 8080] [--demo-endpoint URL [--demo-region R]] [--endpoint URL]...
import http from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadIamOrigins, loadStsOrigins, originOf, servedPageCsp, serviceWorkerCsp } from './csp.js';
import { fillPageMeta } from './page-meta.js';

const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDir = join(repoDir, 'web');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm', // the type instantiateStreaming requires
};

/** URL path -> file on disk, for every file the page may load. */
async function servedFiles() {
  const files = new Map();
  // web/ and one level of folders below it (one folder per flow, shared/).
  for (const entry of await readdir(webDir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      for (const name of await readdir(join(webDir, entry.name))) {
        if (TYPES[extname(name)]) files.set(`/${entry.name}/${name}`, join(webDir, entry.name, name));
      }
    } else if (TYPES[extname(entry.name)] && entry.name !== 'index.html') files.set(`/${entry.name}`, join(webDir, entry.name));
  }
  for (const name of await readdir(join(repoDir, 'wasm', 'js'))) {
    if (name.endsWith('.js')) files.set(`/wasm/js/${name}`, join(repoDir, 'wasm', 'js', name));
  }
  for (const name of ['keyflip-core.js', 'keyflip-core.wasm']) files.set(`/dist/${name}`, join(repoDir, 'dist', name));
  return files;
}

/**
 * The path of a request target, or null when it is not one. Resolved against
 * a base, a target such as "//[" reads as a URL with a malformed host, and
 * the URL parser's throw is the client's mistake (400), not the server's.
 */
function requestPath(target) {
  if (typeof target !== 'string' || !target.startsWith('/')) return null;
  try {
    return new URL(target, 'http://page').pathname;
  } catch {
    return null;
  }
}

/**
 * Starts the page server on host:port (0 picks a free port).
 * demoEndpoint: the local IAM endpoint's URL, preselected in the page;
 * endpoints: further endpoint URLs the page may connect to.
 * Returns { url, port, close() }.
 */
export async function startPageServer({
  port = 8080, host = '127.0.0.1', demoEndpoint, demoRegion = 'us-east-1', endpoints = [], log = () => {},
} = {}) {
  const configured = [demoEndpoint, ...endpoints].filter(Boolean);
  configured.forEach(originOf); // fail now on a malformed URL, not on the first request
  const pageCsp = servedPageCsp({ iamOrigins: await loadIamOrigins(), stsOrigins: await loadStsOrigins(), endpoints: configured });
  const common = {
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };

  async function answer(request) {
    const path = requestPath(request.url);
    if (path === null) return { status: 400, body: 'bad request: the request target is not a URL path\n' };
    if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405, body: 'method not allowed\n' };
    if (path === '/' || path === '/index.html') {
      const html = fillPageMeta(await readFile(join(webDir, 'index.html'), 'utf8'), { demoEndpoint, demoRegion, endpoints: configured });
      return { status: 200, type: TYPES['.html'], body: html, csp: pageCsp };
    }
    const files = await servedFiles();
    if (path === '/precache.json') {
      return { status: 200, type: TYPES['.json'], body: JSON.stringify(['/', '/index.html', ...files.keys()].filter((p) => p !== '/sw.js')) };
    }
    const file = files.get(path);
    if (!file) return { status: 404, body: 'not found\n' };
    const body = await readFile(file).catch(() => null);
    if (!body) return { status: 404, body: `not found: ${path} (run scripts/build.sh?)\n` };
    return { status: 200, type: TYPES[extname(file)], body, csp: path === '/sw.js' ? serviceWorkerCsp() : pageCsp };
  }

  const server = http.createServer(async (request, response) => {
    let result;
    try {
      result = await answer(request);
    } catch (error) {
      result = { status: 500, body: 'internal error\n' };
      log(`page server: ${error.message}`);
    }
    const headers = { ...common, 'Content-Type': result.type ?? 'text/plain; charset=utf-8' };
    if (result.csp) headers['Content-Security-Policy'] = result.csp;
    response.writeHead(result.status, headers);
    response.end(request.method === 'HEAD' ? undefined : result.body);
    log(`${request.method} ${request.url} ${result.status}`);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    csp: pageCsp,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.KEYFLIP_PAGE_PORT ?? '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'demo-endpoint': { type: 'string' },
      'demo-region': { type: 'string', default: 'us-east-1' },
      endpoint: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', default: false },
    },
  });
  const page = await startPageServer({
    port: Number(values.port),
    host: values.host,
    demoEndpoint: values['demo-endpoint'],
    demoRegion: values['demo-region'],
    endpoints: values.endpoint,
    log: values.quiet ? () => {} : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`page on ${page.url}\n`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => page.close().then(() => process.exit(0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.stderr.write(`page server: ${error.message}\n`);
    process.exit(1);
  });
}
