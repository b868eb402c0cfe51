#include "wire/value_codec.h"

#include <cstring>

namespace keyflip::wire {

namespace {

void put_u32(std::vector<std::uint8_t>& out, std::size_t n) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>((n >> (8 * i)) & 0xff));
}

void put_f64(std::vector<std::uint8_t>& out, double d) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &d, sizeof bits);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>((bits >> (8 * i)) & 0xff));
}

void put_bytes(std::vector<std::uint8_t>& out, const std::string& s) {
  put_u32(out, s.size());
  out.insert(out.end(), s.begin(), s.end());
}

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool value(query::Value& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    std::uint8_t tag = 0;
    if (!byte(tag)) return false;
    switch (static_cast<Tag>(tag)) {
      case Tag::Null: out = query::Value::null(); return true;
      case Tag::False: out = query::Value::of_bool(false); return true;
      case Tag::True: out = query::Value::of_bool(true); return true;
      case Tag::Number:
      case Tag::Timestamp: {
        double d = 0;
        if (!f64(d)) return false;
        out = static_cast<Tag>(tag) == Tag::Number ? query::Value::of_number(d)
                                                    : query::Value::of_timestamp(d);
        return true;
      }
      case Tag::String:
        out.kind = query::Value::Kind::String;
        return text(out.text);  // read in place: no temporary copy of a secret
      case Tag::Bytes:
        out.kind = query::Value::Kind::Bytes;
        return text(out.text);
      case Tag::List: {
        std::uint32_t count = 0;
        if (!u32(count) || !room_for(count)) return false;
        out = query::Value::list();
        out.items.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
          out.items.emplace_back();
          if (!value(out.items.back(), depth + 1)) return false;
        }
        return true;
      }
      case Tag::Map: {
        std::uint32_t count = 0;
        if (!u32(count) || !room_for(count)) return false;
        out = query::Value::map();
        out.entries.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
          out.entries.emplace_back();
          auto& [key, item] = out.entries.back();
          if (!text(key)) return false;
          for (std::uint32_t j = 0; j < i; ++j)
            if (out.entries[j].first == key) return fail("a map repeats a key");
          if (!value(item, depth + 1)) return false;
        }
        return true;
      }
    }
    --at_;
    return fail("unknown tag " + std::to_string(tag));
  }

  bool finished() {
    if (at_ != size_) return fail(std::to_string(size_ - at_) + " bytes after the value");
    return true;
  }

  std::string error;

 private:
  bool fail(const std::string& what) {
    error = "wire: " + what + " at byte " + std::to_string(at_);
    return false;
  }
  bool need(std::size_t n) {
    if (size_ - at_ < n) return fail("truncated input");
    return true;
  }
  // Every item takes at least one byte: a count larger than what is left is
  // a lie, refused before reserving memory for it.
  bool room_for(std::uint32_t count) {
    if (count > size_ - at_) return fail("a count beyond the input");
    return true;
  }
  bool byte(std::uint8_t& b) {
    if (!need(1)) return false;
    b = data_[at_++];
    return true;
  }
  bool u32(std::uint32_t& n) {
    if (!need(4)) return false;
    n = 0;
    for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(data_[at_ + i]) << (8 * i);
    at_ += 4;
    return true;
  }
  bool f64(double& d) {
    if (!need(8)) return false;
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= static_cast<std::uint64_t>(data_[at_ + i]) << (8 * i);
    std::memcpy(&d, &bits, sizeof d);
    at_ += 8;
    return true;
  }
  bool text(std::string& s) {
    std::uint32_t n = 0;
    if (!u32(n) || !need(n)) return false;
    s.assign(reinterpret_cast<const char*>(data_ + at_), n);
    at_ += n;
    return true;
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace

void encode(const query::Value& value, std::vector<std::uint8_t>& out) {
  using Kind = query::Value::Kind;
  switch (value.kind) {
    case Kind::Null: out.push_back(static_cast<std::uint8_t>(Tag::Null)); return;
    case Kind::Bool:
      out.push_back(static_cast<std::uint8_t>(value.boolean ? Tag::True : Tag::False));
      return;
    case Kind::Number:
    case Kind::Timestamp:
      out.push_back(static_cast<std::uint8_t>(value.kind == Kind::Number ? Tag::Number : Tag::Timestamp));
      put_f64(out, value.number);
      return;
    case Kind::String:
    case Kind::Bytes:
      out.push_back(static_cast<std::uint8_t>(value.kind == Kind::String ? Tag::String : Tag::Bytes));
      put_bytes(out, value.text);
      return;
    case Kind::List:
      out.push_back(static_cast<std::uint8_t>(Tag::List));
      put_u32(out, value.items.size());
      for (const auto& item : value.items) encode(item, out);
      return;
    case Kind::Map:
      out.push_back(static_cast<std::uint8_t>(Tag::Map));
      put_u32(out, value.entries.size());
      for (const auto& [key, item] : value.entries) {
        put_bytes(out, key);
        encode(item, out);
      }
      return;
  }
}

std::size_t encoded_size(const query::Value& value) {
  using Kind = query::Value::Kind;
  switch (value.kind) {
    case Kind::Null:
    case Kind::Bool: return 1;
    case Kind::Number:
    case Kind::Timestamp: return 9;
    case Kind::String:
    case Kind::Bytes: return 5 + value.text.size();
    case Kind::List: {
      std::size_t n = 5;
      for (const auto& item : value.items) n += encoded_size(item);
      return n;
    }
    case Kind::Map: {
      std::size_t n = 5;
      for (const auto& [key, item] : value.entries) n += 4 + key.size() + encoded_size(item);
      return n;
    }
  }
  return 0;
}

std::vector<std::uint8_t> encode(const query::Value& value) {
  std::vector<std::uint8_t> out;
  out.reserve(encoded_size(value));
  encode(value, out);
  return out;
}

Decoded decode(const std::uint8_t* data, std::size_t size) {
  Decoded result;
  Reader reader(data, size);
  result.ok = reader.value(result.value, 0) && reader.finished();
  if (!result.ok) {
    result.error = reader.error;
    result.value = query::Value::null();
  }
  return result;
}

}  // namespace keyflip::wire
