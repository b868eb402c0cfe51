// The packed format across the wasm boundary (wasm/src/wire): round trips of
// every kind, byte-exact layout (wasm/js/wire.js writes the same bytes), and
// every malformed input refused with an error instead of a crash or a guess.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "wire/fields.h"
#include "wire/value_codec.h"

namespace keyflip::wire {
namespace {

using query::Value;
using Bytes = std::vector<std::uint8_t>;

Value sample() {
  Value v = Value::map();
  v.set("null", Value::null());
  v.set("yes", Value::of_bool(true));
  v.set("no", Value::of_bool(false));
  v.set("n", Value::of_number(-1.5));
  v.set("s", Value::of_string("h\xC3\xA9llo"));
  v.set("empty", Value::of_string(""));
  v.set("nul", Value::of_string(std::string("a\0b", 3)));
  v.set("t", Value::of_timestamp(1440938160000.0));
  Value list = Value::list();
  list.items.push_back(Value::of_string("x"));
  list.items.push_back(Value::map());
  v.set("list", list);
  return v;
}

bool same(const Value& a, const Value& b) {
  if (a.kind != b.kind || a.boolean != b.boolean || a.text != b.text) return false;
  if (!(a.number == b.number || (std::isnan(a.number) && std::isnan(b.number)))) return false;
  if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same(a.items[i], b.items[i])) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i)
    if (a.entries[i].first != b.entries[i].first || !same(a.entries[i].second, b.entries[i].second))
      return false;
  return true;
}

Decoded decode(const Bytes& b) { return wire::decode(b.data(), b.size()); }

TEST(WireCodec, RoundTripsEveryKind) {
  const Value v = sample();
  const Bytes bytes = encode(v);
  const auto d = decode(bytes);
  ASSERT_TRUE(d.ok) << d.error;
  EXPECT_TRUE(same(d.value, v));
  EXPECT_EQ(encode(d.value), bytes);
  EXPECT_EQ(encoded_size(v), bytes.size());
  // Special numbers survive: they are the core's to judge.
  for (double n : {0.0, -0.0, 1e308, std::nan(""), HUGE_VAL, 9007199254740993.0}) {
    const auto r = decode(encode(Value::of_number(n)));
    ASSERT_TRUE(r.ok);
    EXPECT_TRUE(same(r.value, Value::of_number(n)));
  }
}

TEST(WireCodec, LayoutIsLittleEndianTagLengthValue) {
  Value m = Value::map();
  m.set("k", Value::of_string("ab"));
  m.set("b", Value::of_bool(true));
  m.set("n", Value::of_number(1.0));
  const Bytes expected = {7, 3, 0, 0, 0,                       // map of 3
                          1, 0, 0, 0, 'k', 4, 2, 0, 0, 0, 'a', 'b',
                          1, 0, 0, 0, 'b', 2,
                          1, 0, 0, 0, 'n', 3, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f};
  EXPECT_EQ(encode(m), expected);
}

TEST(WireCodec, RefusesMalformedInput) {
  const std::vector<std::pair<Bytes, std::string>> cases = {
      {{}, "truncated input at byte 0"},
      {{9}, "unknown tag 9 at byte 0"},
      {{4, 5, 0, 0, 0, 'a'}, "truncated input"},
      {{3, 0, 0}, "truncated input"},
      {{0, 0}, "1 bytes after the value"},
      {{6, 0xff, 0xff, 0xff, 0xff}, "a count beyond the input"},
      {{7, 2, 0, 0, 0, 1, 0, 0, 0, 'a', 0, 1, 0, 0, 0, 'a', 0}, "a map repeats a key"},
      {{7, 1, 0, 0, 0, 9, 0, 0, 0, 'a'}, "truncated input"},
  };
  for (const auto& [bytes, error] : cases) {
    const auto d = decode(bytes);
    EXPECT_FALSE(d.ok);
    EXPECT_NE(d.error.find(error), std::string::npos) << d.error;
    EXPECT_EQ(d.error.rfind("wire: ", 0), 0u);
    EXPECT_TRUE(d.value.is_null());
  }
  // Nesting beyond kMaxDepth.
  Bytes deep;
  for (int i = 0; i <= kMaxDepth + 1; ++i) deep.insert(deep.end(), {6, 1, 0, 0, 0});
  deep.push_back(0);
  const auto d = decode(deep);
  EXPECT_FALSE(d.ok);
  EXPECT_NE(d.error.find("nesting deeper"), std::string::npos) << d.error;
}

TEST(WireFields, ReadsDeclaredFieldsStrictly) {
  Value in = Value::map();
  in.set("url", Value::of_string("https://x/"));
  in.set("presign", Value::of_bool(true));
  in.set("expiresIn", Value::of_number(300));
  in.set("headers", [] { Value l = Value::list(); l.items.push_back(Value::of_string("a")); return l; }());
  in.set("secret", Value::of_string("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
  Fields f(in);
  EXPECT_EQ(f.string("url"), "https://x/");
  EXPECT_TRUE(f.boolean("presign"));
  EXPECT_EQ(f.whole("expiresIn", -1), 300);
  EXPECT_EQ(f.strings("headers"), std::vector<std::string>{"a"});
  EXPECT_EQ(f.secret("secret").view(), "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  EXPECT_TRUE(in.find("secret")->text.empty());  // the Value's copy is gone
  EXPECT_TRUE(f.ok()) << f.error();
}

TEST(WireFields, MissingMisspeltOrWrongKindIsAnError) {
  Value in = Value::map();
  in.set("presing", Value::of_bool(true));
  {
    Fields f(in);
    EXPECT_FALSE(f.boolean("presign"));
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.error(), "wire: field 'presign' is missing");
  }
  {
    Fields f(in);
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.error(), "wire: unexpected field 'presing'");
  }
  {
    Fields f(in);
    f.string("presing");
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.error(), "wire: field 'presing' is not a string");
  }
  {
    Value n = Value::map();
    n.set("epochMs", Value::of_number(1.5));
    Fields f(n);
    EXPECT_EQ(f.whole("epochMs", -7), -7);  // not whole: the core reports the range
    EXPECT_TRUE(f.ok());
  }
  {
    Value not_map = Value::list();
    Fields f(not_map);
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.error(), "wire: the call input is not a map");
  }
}

}  // namespace
}  // namespace keyflip::wire
