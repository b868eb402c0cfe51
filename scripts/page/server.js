#!/usr/bin/env node
// The page server: serves keyflip's web page and the package files it imports,
// with the page's Content-Security-Policy, and tells the page which endpoint
// is the local demo (so it is preselected and labelled as not AWS).
//
// URL layout mirrors the repository, so web/app.js's relative import of
// '../wasm/js/index.js' works both here and for the single-file bundler:
//   /                    web/index.html (demo endpoint filled in)
//   /<file>              the browser files in web/ (not the Node-only ones)
//   /wasm/js/<file>.js   the package's JS (as published)
//   /dist/keyflip-core.js  the package's wasm module (built by scripts/build.sh)
//   /precache.json       what the service worker keeps for offline use
//
//   node web/server.js [--port 8080] [--demo-endpoint URL [--demo-region R]] [--endpoint URL]...
import http from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { originOf, servedPageCsp, serviceWorkerCsp } from './csp.js';

const webDir = dirname(fileURLToPath(import.meta.url));
const repoDir = join(webDir, '..');
const NODE_ONLY = new Set(['server.js', 'csp.js', 'build-single-file.mjs']);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** URL path -> file on disk, for every file the page may load. */
async function servedFiles() {
  const files = new Map();
  for (const name of await readdir(webDir)) {
    if (!NODE_ONLY.has(name) && TYPES[extname(name)] && name !== 'index.html') files.set(`/${name}`, join(webDir, name));
  }
  for (const name of await readdir(join(repoDir, 'wasm', 'js'))) {
    if (name.endsWith('.js')) files.set(`/wasm/js/${name}`, join(repoDir, 'wasm', 'js', name));
  }
  files.set('/dist/keyflip-core.js', join(repoDir, 'dist', 'keyflip-core.js'));
  return files;
}

const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function pageHtml(template, demoEndpoint, demoRegion) {
  if (!demoEndpoint) return template;
  return template
    .replace('<meta name="keyflip-demo-endpoint" content="">', `<meta name="keyflip-demo-endpoint" content="${escapeAttribute(demoEndpoint)}">`)
    .replace('<meta name="keyflip-demo-region" content="">', `<meta name="keyflip-demo-region" content="${escapeAttribute(demoRegion)}">`);
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
  const pageCsp = servedPageCsp({ endpoints: configured });
  const common = {
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };

  async function answer(request) {
    const path = new URL(request.url, 'http://page').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405, body: 'method not allowed\n' };
    if (path === '/' || path === '/index.html') {
      const html = pageHtml(await readFile(join(webDir, 'index.html'), 'utf8'), demoEndpoint, demoRegion);
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
