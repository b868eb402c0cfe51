// Prints what a browser downloads for the wasm module: the glue JS and the
// wasm it embeds (SINGLE_FILE, base64), in bytes and gzip -9.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = process.argv[2] ?? 'dist/keyflip-core.js';
const js = readFileSync(file, 'utf8');
const match = js.match(/data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/);
if (!match) throw new Error(`${file}: no embedded wasm found`);
const wasm = Buffer.from(match[1], 'base64');
const glue = js.replace(match[1], '');
const gz = (data) => gzipSync(data, { level: 9 }).length;
const row = (name, data) => `${name.padEnd(28)} ${String(data.length).padStart(8)} B   ${String(gz(data)).padStart(7)} B gzip`;
console.log(row('wasm (embedded)', wasm));
console.log(row('glue JS (without the wasm)', Buffer.from(glue)));
console.log(row(`${file} (shipped)`, Buffer.from(js)));
