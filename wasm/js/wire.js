// The JS half of the packed boundary format (wasm/src/wire/value_codec.h
// describes the bytes). Inputs are written straight into a buffer malloc'ed
// in wasm memory (TextEncoder.encodeInto: no JS copy of a secret is made);
// outputs are decoded from the typed_memory_view the core hands back.
// Only the package's own plain values are packed here, never a caller's
// object: null, booleans, numbers, strings, Dates, arrays, plain objects.

const TAG = { null: 0, false: 1, true: 2, number: 3, string: 4, timestamp: 5, list: 6, map: 7, bytes: 8 };
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// TextEncoder/TextDecoder cost more than a loop for short strings (field
// names, header names, dates, IDs): ASCII up to this length is copied directly.
const SHORT_ASCII = 32;

/** An upper bound of the packed size (a UTF-16 unit is at most 3 UTF-8 bytes). */
function maxSize(value) {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'number' || value instanceof Date) return 9;
  if (typeof value === 'string') return 5 + 3 * value.length;
  if (Array.isArray(value)) return value.reduce((n, item) => n + maxSize(item), 5);
  if (typeof value === 'object') {
    return Object.keys(value).reduce((n, key) => n + 5 + 3 * key.length + maxSize(value[key]), 5);
  }
  throw new TypeError(`keyflip wire: cannot pack a ${typeof value}`);
}

function writeValue(heap, view, at, value) {
  if (value === null) return (heap[at] = TAG.null), at + 1;
  if (typeof value === 'boolean') return (heap[at] = value ? TAG.true : TAG.false), at + 1;
  if (typeof value === 'number' || value instanceof Date) {
    heap[at] = typeof value === 'number' ? TAG.number : TAG.timestamp;
    view.setFloat64(at + 1, typeof value === 'number' ? value : value.getTime(), true);
    return at + 9;
  }
  if (typeof value === 'string') return writeString(heap, view, at, value, true);
  if (Array.isArray(value)) {
    heap[at] = TAG.list;
    view.setUint32(at + 1, value.length, true);
    let next = at + 5;
    for (const item of value) next = writeValue(heap, view, next, item);
    return next;
  }
  const keys = Object.keys(value);
  heap[at] = TAG.map;
  view.setUint32(at + 1, keys.length, true);
  let next = at + 5;
  for (const key of keys) next = writeValue(heap, view, writeString(heap, view, next, key, false), value[key]);
  return next;
}

// Short ASCII is written by the loop straight into the buffer; anything else
// (or a string that turns out not to be ASCII) by encodeInto, from its start.
function writeString(heap, view, at, text, tagged) {
  const start = tagged ? at + 1 : at;
  if (tagged) heap[at] = TAG.string;
  const n = text.length;
  let written = 0;
  if (n <= SHORT_ASCII) {
    const bytes = start + 4;
    while (written < n) {
      const unit = text.charCodeAt(written);
      if (unit >= 0x80) break;
      heap[bytes + written] = unit;
      written += 1;
    }
  }
  if (written < n) ({ written } = encoder.encodeInto(text, heap.subarray(start + 4, start + 4 + 3 * n)));
  view.setUint32(start, written, true);
  return start + 4 + written;
}

/**
 * Packs value into a buffer malloc'ed in the module's memory: [ptr, length].
 * The core's call takes ownership (it decodes, wipes and frees the buffer);
 * if packing fails the buffer is freed here (the module's free wipes).
 */
export function writeInput(core, value) {
  const size = maxSize(value);
  const ptr = core._malloc(size);
  if (!ptr) throw new RangeError(`keyflip: no memory for a ${size}-byte call input`);
  try {
    const heap = core.HEAPU8; // read after malloc: growing the memory replaces the view
    const end = writeValue(heap, new DataView(heap.buffer), ptr, value);
    return [ptr, end - ptr];
  } catch (error) {
    core._free(ptr);
    throw error;
  }
}


function shortText(bytes, at, n) {
  let s = '';
  for (let i = at; i < at + n; i += 1) {
    const b = bytes[i];
    if (b >= 0x80) return decoder.decode(bytes.subarray(at, at + n));
    s += String.fromCharCode(b);
  }
  return s;
}

/** Decodes one packed value from a Uint8Array (the core's output view). */
export function readOutput(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n) => {
    if (at + n > bytes.length) throw new Error('keyflip wire: truncated output');
  };
  const u32 = () => {
    need(4);
    const n = view.getUint32(at, true);
    at += 4;
    return n;
  };
  const text = () => {
    const n = u32();
    need(n);
    const s = n <= SHORT_ASCII ? shortText(bytes, at, n) : decoder.decode(bytes.subarray(at, at + n));
    at += n;
    return s;
  };
  const value = () => {
    need(1);
    const tag = bytes[at++];
    switch (tag) {
      case TAG.null: return null;
      case TAG.false: return false;
      case TAG.true: return true;
      case TAG.number:
      case TAG.timestamp: {
        need(8);
        const n = view.getFloat64(at, true);
        at += 8;
        return tag === TAG.number ? n : new Date(n);
      }
      case TAG.string: return text();
      case TAG.bytes: {
        // A blob (GetCredentialReport's Content): its own copy, not a view of the wasm heap.
        const n = u32();
        need(n);
        const blob = bytes.slice(at, at + n);
        at += n;
        return blob;
      }
      case TAG.list: {
        const n = u32();
        const items = [];
        for (let i = 0; i < n; i += 1) items.push(value());
        return items;
      }
      case TAG.map: {
        const n = u32();
        const out = {};
        for (let i = 0; i < n; i += 1) {
          // Keys are the core's own field names (never "__proto__"): plain assignment.
          const key = text();
          out[key] = value();
        }
        return out;
      }
      default: throw new Error(`keyflip wire: unknown tag ${tag} in the output`);
    }
  };
  const out = value();
  if (at !== bytes.length) throw new Error('keyflip wire: bytes after the output');
  return out;
}
