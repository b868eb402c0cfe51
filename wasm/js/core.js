// Loads the Emscripten module (load-wasm.js), and makes every call into it:
// one packed input, one packed output (wire.js).
//
// A module that failed inside a call (a wasm trap, out of memory) may be left
// half-way: its stack not unwound, its heap inconsistent. It is discarded for
// good: every later call on it throws, and the next loadCore()/init() loads
// a fresh module.
import { instantiateCore } from './load-wasm.js';
import { readOutput, writeInput } from './wire.js';

let loading = null;
let loaded = null;

export function loadCore() {
  if (loaded?.keyflipDiscarded) {
    loading = null;
    loaded = null;
  }
  if (!loading) {
    loading = instantiateCore().then((core) => {
      // Limits, endpoints and member names are fixed per build: read once.
      core.keyflipFacts = Object.freeze(readOutputOnce(core, core.facts()));
      loaded = core;
      return core;
    }).catch((error) => {
      loading = null; // a failed load may be retried
      throw error;
    });
  }
  return loading;
}

function readOutputOnce(core, view) {
  try {
    return readOutput(view);
  } finally {
    core.releaseOutput();
  }
}

/** The module's error after a failure inside it; it will not be used again. */
export class CoreFailedError extends Error {
  constructor(cause) {
    super('keyflip: the wasm module failed inside a call and was discarded; init() loads a fresh one', cause ? { cause } : undefined);
    this.name = 'CoreFailedError';
  }
}

function discard(core) {
  core.keyflipDiscarded = true;
  if (loaded === core) {
    loading = null;
    loaded = null;
  }
}

/**
 * core[name](packed input) -> the decoded output. Packing happens before the
 * call (a value that cannot be packed is a TypeError and the module is
 * untouched); a failure during the call discards the module.
 */
export function callCore(core, name, input) {
  if (core.keyflipDiscarded) throw new CoreFailedError();
  const [ptr, len] = writeInput(core, input);
  let out;
  try {
    const view = core[name](ptr, len);
    try {
      out = readOutput(view);
    } finally {
      core.releaseOutput();
    }
  } catch (error) {
    discard(core);
    throw new CoreFailedError(error);
  }
  // The two halves of the package disagree on a field: a bug of ours, the
  // module itself is fine.
  if (out.wireError) throw new Error(`keyflip internal error: ${out.wireError}`);
  return out;
}

/** Test hook: what a failure inside a call does, without provoking a real trap. */
export function discardForTesting(core) {
  discard(core);
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
