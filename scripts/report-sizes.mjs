// Prints what a browser downloads for the wasm module: the glue JS and the
// .wasm beside it, in bytes and gzip -9.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = process.argv[2] ?? 'dist/keyflip-core.js';
const wasmFile = file.replace(/\.js$/, '.wasm');
const gz = (data) => gzipSync(data, { level: 9 }).length;
const row = (name, data) => `${name.padEnd(28)} ${String(data.length).padStart(8)} B   ${String(gz(data)).padStart(7)} B gzip`;
const glue = readFileSync(file);
const wasm = readFileSync(wasmFile);
console.log(row(wasmFile, wasm));
console.log(row(`${file} (glue)`, glue));
console.log(`${'both'.padEnd(28)} ${String(wasm.length + glue.length).padStart(8)} B   ${String(gz(wasm) + gz(glue)).padStart(7)} B gzip`);
