// Instantiates the Emscripten module with its wasm compiled here, not by the
// glue (Emscripten 3.1.6's glue cannot load a file in Node 20, and would
// fetch a data: URL where a strict CSP forbids it):
//   - browsers: fetch the .wasm beside the glue and compile it while it
//     downloads (instantiateStreaming; an ArrayBuffer if the server does not
//     send Content-Type application/wasm);
//   - Node (a file: URL): read the file;
//   - the single-file page: the bytes are inlined in place of the URL.
import createKeyflipCore, { wasmSource } from '../../dist/keyflip-core.js';

// A variable, so that bundlers for browsers do not try to resolve it.
const NODE_FS = 'node:fs/promises';

/** Resolves to the Emscripten module; rejects if the wasm cannot be loaded or compiled. */
export function instantiateCore() {
  return new Promise((resolve, reject) => {
    createKeyflipCore({
      instantiateWasm(imports, receive) {
        compile(imports).then((instance) => receive(instance), reject);
        return {}; // the exports arrive later, through receive()
      },
    }).then(resolve, reject);
  });
}

async function compile(imports) {
  if (!(wasmSource instanceof URL)) return (await WebAssembly.instantiate(wasmSource, imports)).instance;
  if (wasmSource.protocol === 'file:') {
    const { readFile } = await import(/* @vite-ignore */ NODE_FS);
    return (await WebAssembly.instantiate(await readFile(wasmSource), imports)).instance;
  }
  let response;
  try {
    response = await fetch(wasmSource, { credentials: 'same-origin' });
  } catch (error) {
    throw new Error(`keyflip: could not fetch its wasm from ${wasmSource} (is keyflip-core.wasm beside the bundle, and does the page's connect-src allow it?)`, { cause: error });
  }
  if (!response.ok) throw new Error(`keyflip: could not fetch its wasm from ${wasmSource}: HTTP ${response.status}`);
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}
