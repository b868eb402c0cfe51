// wasm only: every block the C++ core frees is wiped first.
//
// Canonical requests, presigned URLs and headers can hold the session token,
// and std::string copies them freely; rather than thread a wiping allocator
// through every type, the wasm build replaces the global operator delete so
// that no freed C++ allocation keeps its bytes. (Natively, sanitizers own
// operator delete, and memory is not inspectable by a web page anyway.)
#include <malloc.h>
#include <openssl/crypto.h>

#include <cstdlib>
#include <new>

void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  OPENSSL_cleanse(p, malloc_usable_size(p));
  std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
