// Loads the Emscripten module once (load-wasm.js), and moves values across the boundary.
import { instantiateCore } from './load-wasm.js';

let loading = null;

export function loadCore() {
  if (!loading) {
    loading = instantiateCore().catch((error) => {
      loading = null; // a failed load may be retried
      throw error;
    });
  }
  return loading;
}

const encoder = new TextEncoder();

/**
 * Writes a secret's UTF-8 bytes into a buffer malloc'ed in wasm memory; the
 * C++ side copies them, wipes the buffer and frees it. Returns [ptr, len].
 * Call it immediately before the wasm call that takes ownership.
 */
export function writeSecret(core, text) {
  if (!text) return [0, 0];
  const bytes = encoder.encode(text);
  const ptr = core._malloc(bytes.length);
  core.HEAPU8.set(bytes, ptr);
  bytes.fill(0);
  return [ptr, bytes.length];
}

/** [name, value, name, value, ...] -> { name: value | value[] } */
export function headersFromFlat(flat) {
  const headers = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [name, value] = [flat[i], flat[i + 1]];
    if (!Object.hasOwn(headers, name)) headers[name] = value;
    else if (Array.isArray(headers[name])) headers[name].push(value);
    else headers[name] = [headers[name], value];
  }
  return headers;
}
