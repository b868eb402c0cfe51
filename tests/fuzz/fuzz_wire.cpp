// The packed boundary format (wasm/src/wire): any bytes decode to a value or
// to an error, never a crash; a decoded value re-encodes to the same bytes;
// Fields never fails open on what it was given.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.h"
#include "wire/fields.h"
#include "wire/value_codec.h"

using namespace keyflip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto decoded = wire::decode(data, size);
  if (!decoded.ok) {
    FUZZ_CHECK(!decoded.error.empty() && decoded.error.rfind("wire: ", 0) == 0, decoded.error);
    return 0;
  }
  const std::vector<std::uint8_t> again = wire::encode(decoded.value);
  FUZZ_CHECK(again.size() == size && std::equal(again.begin(), again.end(), data),
             "re-encoding changed the bytes");
  wire::Fields fields(decoded.value);
  fields.string("url");
  fields.whole("epochMs", -1);
  fields.strings("headers");
  fields.secret("secretAccessKey");
  const bool ok = fields.ok();
  FUZZ_CHECK(ok == fields.error().empty(), fields.error());
  return 0;
}
