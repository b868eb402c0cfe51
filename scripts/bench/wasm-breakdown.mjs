// Where keyflip's wasm bytes go: by section, and by function grouped into
// components (the C++ core, pugixml, OpenSSL's SHA-256, Embind, libc++, libc,
// malloc; printf if it ever comes back). The shipped module carries no names,
// so this re-links the objects of the last wasm build (build/wasm-release)
// with --profiling-funcs into build/bench/names/ (dist/ is left alone) and
// reads the name section.
//
//   node scripts/bench/wasm-breakdown.mjs            # prints JSON
// Used by run.mjs; needs scripts/build.sh to have run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];

// Components by (demangled) function name; first match wins.
const COMPONENTS = [
  // With -flto, pugixml's parser (load_buffer ... parse_tree) is inlined into
  // read_iam_document (the generic core's reader; parse_iam_response before
  // it): this row holds most of the XML parsing, the pugixml row below only
  // the pugi:: functions that stayed out of line. (Before the pugixml row,
  // whose pattern also matches these functions' pugi:: parameters.)
  ['IAM answer parsing (+ pugixml inlined)', /keyflip::iam::(parse_iam_response|read_iam_document)|keyflip::iam::\(anonymous namespace\)::(Reader::|text_of|child|classify|local_name|unparsable)/],
  ['pugixml (IAM XML answers), out of line', /pugi::/],
  ['OpenSSL SHA-256 + cleanse', /sha256_block|SHA256_|OPENSSL_|CRYPTO_|sha256_block_data_order/],
  ['keyflip bindings (embind.cpp)', /^\(anonymous namespace\)::/],
  ['Embind runtime (wasm side)', /emscripten::|_embind_|emval|__getTypeName|EmscriptenBindingInitializer/],
  ['keyflip core: iam', /keyflip::iam::/],
  ['keyflip core: sigv4, crypto, util', /keyflip::/],
  ['printf family (snprintf)', /^(printf_core|fmt_fp|pop_arg|pop_arg_long_double|snprintf|vsnprintf|fmt_[xuo]|out|pad|getint|wctomb|wcrtomb|sn_write|frexp|__fwritex|__towrite)$/],
  ['libc++abi, RTTI, exceptions', /__cxa|__cxxabiv1|typeinfo|type_info|__dynamic_cast|std::exception|std::bad_|std::logic_error|std::length_error|std::out_of_range/],
  ['libc++ (strings, vectors, sort, map)', /std::__2::/],
  ['malloc (emmalloc)', /emmalloc|^malloc$|^free$|^sbrk$|memalign|claim_more_memory|attempt_allocate|malloc_usable_size/],
  ['libc (memcpy, memset, str*)', /^(__memcpy|memcpy|memset|memmove|memcmp|memchr|strlen|strcmp|strncmp|strchr|__strchrnul|isdigit|isspace|abort|__errno_location|__ashlti3|__lshrti3|__multi3|__udivti3|__umodti3|__divti3|__modti3)$/],
];

function leb(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return [result, pos];
  }
}

/** Sections, and function body sizes with names when a name section exists. */
export function parseWasm(buf) {
  const sections = [];
  const bodies = [];
  const names = new Map();
  let importedFuncs = 0;
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size;
    [size, pos] = leb(buf, pos);
    const start = pos;
    const end = pos + size;
    let name = SECTION[id] ?? `id${id}`;
    if (id === 0) {
      let n;
      [n, pos] = leb(buf, pos);
      const custom = buf.subarray(pos, pos + n).toString('utf8');
      name = `custom:${custom}`;
      pos += n;
      if (custom === 'name') {
        while (pos < end) {
          const sub = buf[pos++];
          let subSize;
          [subSize, pos] = leb(buf, pos);
          const subEnd = pos + subSize;
          if (sub === 1) {
            let count;
            [count, pos] = leb(buf, pos);
            for (let i = 0; i < count; ++i) {
              let idx;
              let len;
              [idx, pos] = leb(buf, pos);
              [len, pos] = leb(buf, pos);
              names.set(idx, buf.subarray(pos, pos + len).toString('utf8'));
              pos += len;
            }
          }
          pos = subEnd;
        }
      }
    } else if (id === 2) {
      let count;
      [count, pos] = leb(buf, pos);
      for (let i = 0; i < count; ++i) {
        let len;
        [len, pos] = leb(buf, pos); pos += len; // module
        [len, pos] = leb(buf, pos); pos += len; // field
        const kind = buf[pos++];
        if (kind === 0) { [, pos] = leb(buf, pos); importedFuncs++; }
        else if (kind === 1) { pos += 1; const flags = buf[pos++]; [, pos] = leb(buf, pos); if (flags & 1) [, pos] = leb(buf, pos); }
        else if (kind === 2) { const flags = buf[pos++]; [, pos] = leb(buf, pos); if (flags & 1) [, pos] = leb(buf, pos); }
        else if (kind === 3) { pos += 2; }
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 10) {
      let count;
      [count, pos] = leb(buf, pos);
      for (let i = 0; i < count; ++i) {
        let len;
        const at = pos;
        [len, pos] = leb(buf, pos);
        bodies.push({ index: importedFuncs + i, size: len + (pos - at) });
        pos += len;
      }
    }
    sections.push({ name, size: end - start });
    pos = end;
  }
  for (const b of bodies) b.name = names.get(b.index) ?? `func${b.index}`;
  return { sections, bodies };
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/**
 * A demangled name, readable in one line: no parameter list, no return type,
 * template arguments as <…>, std::__2:: as std::, {anon} for anonymous
 * namespaces. "void std::__2::__sort<std::__2::__less<...>, ...>(...)"
 * becomes "std::__sort<…>".
 */
export function shortName(name) {
  const s = name.replaceAll('(anonymous namespace)', '{anon}').replaceAll('std::__2::', 'std::');
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; ++i) {
    if (depth === 0 && s.startsWith('operator', i) && !/[\w$]/.test(s[i - 1] ?? '')) {
      // Copy an operator's own symbol ("operator<=", "operator()") as is: the
      // longest one followed by its template arguments, parameters or the end
      // ("operator<<char>(...)" is operator< with template arguments).
      const sym = ['<=>', '<<=', '>>=', '->*', '<<', '>>', '<=', '>=', '->', '()', '<', '>']
        .find((x) => s.startsWith(x, i + 8) && [undefined, '<', '('].includes(s[i + 8 + x.length])) ?? '';
      const op = `operator${sym}`;
      out += op;
      i += op.length - 1;
      continue;
    }
    const ch = s[i];
    if (ch === '(' && depth === 0) break;
    if (ch === '<') {
      if (depth++ === 0) out += '<…>';
    } else if (ch === '>') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      out += ch;
    }
  }
  out = out.trim();
  // Drop a return type ("unsigned int std::__sort3<…>"), keep "operator new".
  const op = out.search(/\boperator\b/);
  return out.slice(out.lastIndexOf(' ', op < 0 ? out.length : op - 1) + 1);
}

/** Re-links the last wasm build with names; returns the wasm bytes. */
export function relinkWithNames() {
  const buildDir = join(root, 'build', 'wasm-release');
  const outDir = join(root, 'build', 'bench', 'names');
  mkdirSync(outDir, { recursive: true });
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' }; // emcc's optimiser needs Debian's acorn
  const commands = execFileSync('ninja', ['-C', buildDir, '-t', 'commands', 'keyflip_wasm'], { encoding: 'utf8', env }).trim().split('\n');
  const link = commands[commands.length - 1].replace(/^:\s*&&\s*/, '').replace(/\s*&&\s*:\s*$/, '');
  const m = /^(.*?)\s-o\s+(\S+keyflip-core\.js)(.*)$/.exec(link);
  if (!m) throw new Error(`cannot read the link command: ${link}`);
  const out = join(outDir, 'keyflip-core.js');
  const cmd = `${m[1]} -o ${out}${m[3]} --profiling-funcs --closure=0`;
  execFileSync('sh', ['-c', `cd ${JSON.stringify(buildDir)} && ${cmd}`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(join(outDir, 'keyflip-core.wasm'));
}

/** { sections: [{name, size}], components: [{name, bytes, gzip, functions}], top: [...] } */
export function breakdown(named, shipped) {
  const parsed = parseWasm(named);
  const groups = new Map();
  for (const b of parsed.bodies) {
    const component = (COMPONENTS.find(([, re]) => re.test(b.name)) ?? ['other'])[0];
    const g = groups.get(component) ?? { name: component, bytes: 0, functions: 0, names: [] };
    g.bytes += b.size;
    g.functions += 1;
    g.names.push(b.name);
    groups.set(component, g);
  }
  const components = [...groups.values()].sort((a, b) => b.bytes - a.bytes)
    .map(({ names, ...g }) => g);
  const top = [...parsed.bodies].sort((a, b) => b.size - a.size).slice(0, 15)
    .map((b) => ({ name: shortName(b.name), size: b.size }));
  const sections = parseWasm(shipped).sections.filter((s) => !s.name.startsWith('custom'));
  return { shipped: { bytes: shipped.length, gzip: gz(shipped) }, sections, components, top };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const shipped = readFileSync(join(root, 'dist', 'keyflip-core.wasm'));
  console.log(JSON.stringify(breakdown(relinkWithNames(), shipped), null, 2));
}
