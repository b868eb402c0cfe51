#!/usr/bin/env node
// The page's bytes, for BENCHMARKS.md: everything a first visit downloads
// (the page, its service worker, and what the worker keeps for offline use,
// which is every file the page can load), raw and gzip -9, asked of the page
// server itself so the list is the one it serves.
//
//   node scripts/page/page-bytes.mjs
import { gzipSync } from 'node:zlib';
import { startPageServer } from './server.js';

const server = await startPageServer({ port: 0 });
try {
  const get = async (path) => Buffer.from(await (await fetch(new URL(path, server.url))).arrayBuffer());
  const paths = [...JSON.parse((await get('/precache.json')).toString()).filter((path) => path !== '/index.html'), '/sw.js', '/precache.json'];
  const groups = new Map();
  for (const path of paths) {
    const body = await get(path);
    const group = path.startsWith('/dist/') ? 'wasm module and glue (dist/)' : path.startsWith('/wasm/js/') ? 'package JS (wasm/js/)' : 'page (web/)';
    const sum = groups.get(group) ?? { files: 0, raw: 0, gzip: 0 };
    sum.files += 1;
    sum.raw += body.length;
    sum.gzip += gzipSync(body, { level: 9 }).length;
    groups.set(group, sum);
  }
  const total = [...groups.values()].reduce((a, b) => ({ files: a.files + b.files, raw: a.raw + b.raw, gzip: a.gzip + b.gzip }));
  const row = (name, { files, raw, gzip }) => `${name.padEnd(36)} ${String(files).padStart(3)} files ${String(raw).padStart(9)} B raw ${String(gzip).padStart(8)} B gzip -9`;
  for (const [name, sum] of groups) process.stdout.write(`${row(name, sum)}\n`);
  process.stdout.write(`${row('total, first visit', total)}\n`);
} finally {
  await server.close();
}
