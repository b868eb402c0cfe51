// Instantiates the Emscripten module with its wasm compiled here, not by the
// glue (Emscripten 3.1.6's glue cannot load a file in Node 20, and would
// fetch a data: URL where a strict CSP forbids it):
//   - browsers: fetch the .wasm beside the glue and compile it while it
//     downloads (compileStreaming; an ArrayBuffer if the server does not
//     send Content-Type application/wasm);
//   - Node (a file: URL): read the file;
//   - the single-file page: the bytes are inlined in place of the URL.
//
// The download and compilation start when this module is evaluated, not at
// the first init(): compiling needs no imports, so it runs while the rest of
// the package and the page's own code evaluate (in a new Chromium page the
// fetch otherwise started only after all of them had run; BENCHMARKS.md).
// The compiled WebAssembly.Module is kept: a fresh instance after a
// discarded one (core.js) reuses it; a failed download or compilation is
// retried at the next init().
import createKeyflipCore, { wasmSource } from '../../dist/keyflip-core.js';

// A variable, so that bundlers for browsers do not try to resolve it.
const NODE_FS = 'node:fs/promises';

let compiled = startCompiling();

function startCompiling() {
  const promise = compileModule();
  // Nobody may be waiting yet: the error is reported by the init() that needs the module.
  promise.catch(() => { if (compiled === promise) compiled = null; });
  return promise;
}

/** Resolves to the Emscripten module; rejects if the wasm cannot be loaded or compiled. */
export function instantiateCore() {
  const module = compiled ?? (compiled = startCompiling());
  return new Promise((resolve, reject) => {
    createKeyflipCore({
      instantiateWasm(imports, receive) {
        module.then((m) => WebAssembly.instantiate(m, imports)).then((instance) => receive(instance), reject);
        return {}; // the exports arrive later, through receive()
      },
    }).then(resolve, reject);
  });
}

async function compileModule() {
  if (!(wasmSource instanceof URL)) return WebAssembly.compile(wasmSource);
  if (wasmSource.protocol === 'file:') {
    const { readFile } = await import(/* @vite-ignore */ NODE_FS);
    return WebAssembly.compile(await readFile(wasmSource));
  }
  let response;
  try {
    response = await fetch(wasmSource, { credentials: 'same-origin' });
  } catch (error) {
    throw new Error(`keyflip: could not fetch its wasm from ${wasmSource} (is keyflip-core.wasm beside the bundle, and does the page's connect-src allow it?)`, { cause: error });
  }
  if (!response.ok) throw new Error(`keyflip: could not fetch its wasm from ${wasmSource}: HTTP ${response.status}`);
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
    return WebAssembly.compileStreaming(response);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!isWasm(bytes)) throw new Error(notWasmMessage(wasmSource, type, bytes));
  return WebAssembly.compile(bytes);
}

const isWasm = (bytes) => bytes.length >= 4 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;

/**
 * What to do when a server answers the wasm's URL with something else: most
 * often a dev server's index.html, because the bundler moved keyflip's module
 * away from its .wasm (Vite's dev server pre-bundling it, say).
 */
function notWasmMessage(url, type, bytes) {
  const start = new TextDecoder().decode(bytes.subarray(0, 16)).replace(/[^\x20-\x7e]/g, '?');
  return `keyflip: ${url} is not keyflip's wasm (it came as ${type || 'no content type'}, starting "${start}"): `
    + 'the server has no keyflip-core.wasm there. Copy node_modules/keyflip/dist/keyflip-core.wasm beside the bundle; '
    + "with Vite's dev server, set optimizeDeps: { exclude: ['keyflip'] } so that keyflip is served beside its .wasm";
}
