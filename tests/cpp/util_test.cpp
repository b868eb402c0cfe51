// The shared helpers in wasm/src/util: ISO 8601 both ways, hex, ASCII classes.
#include <gtest/gtest.h>

#include <cmath>

#include "util/amz_date.h"
#include "util/ascii.h"
#include "util/hex.h"

namespace keyflip::util {
namespace {

TEST(Iso8601, FormatAsBotocoreWritesTimestamps) {
  EXPECT_EQ(format_iso8601(1440938160000.0), "2015-08-30T12:36:00Z");
  EXPECT_EQ(format_iso8601(1440938160123.0), "2015-08-30T12:36:00.123000Z");
  EXPECT_EQ(format_iso8601(1440938160123.456), "2015-08-30T12:36:00.123456Z");
  EXPECT_EQ(format_iso8601(-1.0), "1969-12-31T23:59:59.999000Z");
  EXPECT_EQ(format_iso8601(kMinIso8601Ms), "0000-01-01T00:00:00Z");
  EXPECT_FALSE(format_iso8601(kMaxIso8601Ms));
  EXPECT_FALSE(format_iso8601(std::nan("")));
}

TEST(Iso8601, Parse) {
  EXPECT_EQ(parse_iso8601("2015-08-30T12:36:00Z"), 1440938160000.0);
  EXPECT_EQ(parse_iso8601("2015-08-30T12:36:00.5Z"), 1440938160500.0);
  EXPECT_EQ(parse_iso8601("2015-08-30T14:36:00+02:00"), 1440938160000.0);
  EXPECT_EQ(parse_iso8601("2015-08-30T10:06:00-02:30"), 1440938160000.0);
  EXPECT_EQ(parse_iso8601("2024-02-29T00:00:00z"), 1709164800000.0);
  for (const char* bad : {"", "2015-08-30T12:36:00", "2015-08-30 12:36:00Z", "2015-02-30T00:00:00Z",
                          "2015-08-30T12:36:00.Z", "2015-08-30T12:36:00+0200", "20150830T123600Z",
                          "2015-08-30T24:00:00Z"})
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
}

TEST(Hex, UpperAndValues) {
  EXPECT_EQ(upper_hex(0xe9, 4), "00E9");
  EXPECT_EQ(upper_hex(0x1f511, 4), "1F511");
  EXPECT_EQ(hex_value('a'), 10);
  EXPECT_EQ(hex_value('F'), 15);
  EXPECT_EQ(hex_value('g'), -1);
  std::string out;
  append_percent_byte(out, 0x2f);
  EXPECT_EQ(out, "%2F");
}

TEST(Ascii, Classes) {
  for (int c = 0; c < 256; ++c) {
    const bool word = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    EXPECT_EQ(is_word_char(static_cast<unsigned char>(c)), word) << c;
  }
  EXPECT_TRUE(is_scope_char('.'));
  EXPECT_FALSE(is_scope_char('/'));
  EXPECT_TRUE(is_hex_digit('f'));
  EXPECT_FALSE(is_visible_ascii(' '));
}

}  // namespace
}  // namespace keyflip::util
