// wasm only: every block freed in the module's memory is wiped first.
//
// Canonical requests, presigned URLs and headers can hold the session token,
// and std::string copies them freely; rather than thread a wiping allocator
// through every type, the wasm build replaces the global operator delete so
// that no freed C++ allocation keeps its bytes. (Natively, sanitizers own
// operator delete, and memory is not inspectable by a web page anyway.)
//
// free() and realloc() are replaced too (emmalloc defines them weak): Embind
// passes every JS string into C++ through a buffer it malloc()s and then
// free()s from JS, and an IAM answer or a caller's header may carry the
// session token, so those buffers must not keep it either (found by
// tests/js/secret-hygiene.test.js: an error body echoing the request stayed
// in memory after parseIamResponse/handleAttempt).
#include <malloc.h>
#include <openssl/crypto.h>

#include <cstdlib>
#include <cstring>
#include <new>

extern "C" {
// emmalloc's own entry points (aliases it defines next to the weak ones).
void emscripten_builtin_free(void* p);
void* emscripten_builtin_malloc(std::size_t size);

void free(void* p) {
  if (p == nullptr) return;
  OPENSSL_cleanse(p, malloc_usable_size(p));
  emscripten_builtin_free(p);
}

// Always moves, so the old block goes through the wiping free() above
// (emmalloc's realloc would release it without wiping).
void* realloc(void* p, std::size_t size) {
  if (p == nullptr) return emscripten_builtin_malloc(size);
  if (size == 0) {
    free(p);
    return nullptr;
  }
  void* grown = emscripten_builtin_malloc(size);
  if (grown == nullptr) return nullptr;  // p stays valid, as realloc promises
  const std::size_t old_size = malloc_usable_size(p);
  std::memcpy(grown, p, old_size < size ? old_size : size);
  free(p);
  return grown;
}
}

// operator delete reaches free() above, which wipes.
void operator delete(void* p) noexcept { free(p); }
void operator delete[](void* p) noexcept { free(p); }
void operator delete(void* p, std::size_t) noexcept { free(p); }
void operator delete[](void* p, std::size_t) noexcept { free(p); }
