// The packed format that carries one query::Value across the wasm boundary in
// each direction (wasm/js/wire.js is the JS half). One buffer per call
// instead of one Embind property access per field, and bytes the C++ side
// can wipe (the input holds the secret key and the session token).
//
// A value is a tag byte followed by its payload; integers are little-endian:
//   0 null | 1 false | 2 true
//   3 number     f64
//   4 string     u32 byte length, UTF-8 bytes
//   5 timestamp  f64 milliseconds since the epoch
//   6 list       u32 count, then count values
//   7 map        u32 count, then count x (u32 key length, key bytes, value)
// Not JSON: no text parsing, no escapes, and a length is never guessed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "query/value.h"

namespace keyflip::wire {

enum class Tag : std::uint8_t {
  Null = 0, False = 1, True = 2, Number = 3, String = 4, Timestamp = 5, List = 6, Map = 7,
  Bytes = 8,  // output only: a blob (Uint8Array in JS)
};

// Deeper nesting than any call needs is refused (no stack exhaustion).
constexpr int kMaxDepth = 32;

// The exact number of bytes encode() writes for value.
std::size_t encoded_size(const query::Value& value);

// Appends the packing of value to out (reserve encoded_size first: every
// reallocation of a buffer that may hold the session token is one more wipe).
void encode(const query::Value& value, std::vector<std::uint8_t>& out);
std::vector<std::uint8_t> encode(const query::Value& value);

struct Decoded {
  bool ok = false;
  query::Value value;
  std::string error;  // "wire: ..." with the byte offset; never quotes the bytes
};

// Reads exactly one value filling all of [data, data + size).
Decoded decode(const std::uint8_t* data, std::size_t size);

}  // namespace keyflip::wire
