// Report stage: JSON written straight into a string as it goes, with no tree
// in between, byte for byte as nlohmann's dump() writes the same values
// (compact, UTF-8 kept as it is, control characters escaped, invalid UTF-8
// replaced by U+FFFD). The decision writer (decision_writer.cpp) is built on
// it; report.cpp's tree writer is the reference it is compared with.
#pragma once

#include "talent/date.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace talent::detail {

#define TALENT_HOT [[gnu::always_inline]] inline

// Appends to `out`; separators are its own business: open, key, value,
// close, in the order of the document. Small pieces gather in the writer
// and reach `out` a few hundred bytes at a time, and all of them by the time
// the writer is gone (or flush() is called).
//
//   JsonWriter w(out);
//   w.open_object().key("id").string("A-1").key("record").number(3).close_object();
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& open_object() { return open('{'); }
  JsonWriter& close_object() { return close('}'); }
  JsonWriter& open_array() { return open('['); }
  JsonWriter& close_array() { return close(']'); }
  // A key of the object being written; its value comes next.
  TALENT_HOT JsonWriter& key(std::string_view name) {
    separate();
    escaped(name);
    put(':');
    after_value_ = false;
    return *this;
  }
  // A key written in the code itself, a string literal of plain ASCII
  // letters and '_' that needs no escaping: copied as it is.
  template <std::size_t N>
  TALENT_HOT JsonWriter& key(const char (&name)[N]) {
    separate();
    put('"');
    put(name, N - 1);
    put("\":", 2);
    after_value_ = false;
    return *this;
  }
  // A value already written as JSON (a string escaped once, quotes and all).
  TALENT_HOT JsonWriter& json(std::string_view text) {
    separate();
    put(text.data(), text.size());
    after_value_ = true;
    return *this;
  }
  TALENT_HOT JsonWriter& string(std::string_view text) {
    separate();
    escaped(text);
    after_value_ = true;
    return *this;
  }
  // The text, or null when there is none.
  JsonWriter& string_or_null(const std::optional<std::string>& text) { return text ? string(*text) : null(); }
  JsonWriter& date(Date day);
  JsonWriter& number(std::uint64_t value);
  JsonWriter& boolean(bool value) { return json(value ? std::string_view("true") : std::string_view("false")); }
  JsonWriter& null() { return json("null"); }

  // Moves what has gathered to `out`.
  void flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

 private:
  TALENT_HOT JsonWriter& open(char bracket) {
    separate();
    put(bracket);
    after_value_ = false;
    return *this;
  }
  TALENT_HOT JsonWriter& close(char bracket) {
    put(bracket);
    after_value_ = true;
    return *this;
  }
  TALENT_HOT void separate() {
    if (after_value_) put(',');
  }
  TALENT_HOT void put(char c) {
    if (used_ == sizeof buffer_) flush();
    buffer_[used_++] = c;
  }
  TALENT_HOT void put(const char* text, std::size_t n) {
    if (n > sizeof buffer_ - used_) {
      flush();
      if (n > sizeof buffer_) {
        out_.append(text, n);
        return;
      }
    }
    std::memcpy(buffer_ + used_, text, n);
    used_ += n;
  }
  // `text` as a JSON string, quotes included, as nlohmann writes it. Most
  // strings are short and plain ASCII, copied as they are; the rest go
  // through escaped_with_care.
  TALENT_HOT void escaped(std::string_view text) {
    if (text.size() <= 64 && used_ + text.size() + 2 <= sizeof buffer_ && plain(text.data(), text.size())) {
      buffer_[used_] = '"';
      std::memcpy(buffer_ + used_ + 1, text.data(), text.size());
      buffer_[used_ + 1 + text.size()] = '"';
      used_ += text.size() + 2;
      return;
    }
    escaped_with_care(text);
  }
  // Whether any of the 8 bytes in `x` may need more than copying: below
  // 0x20, '"', '\\' or 0x80 and above. (False positives only cost a look
  // at each byte.)
  TALENT_HOT static bool word_needs_care(std::uint64_t x) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    return (((x | (x - 0x20 * ones)) & highs) | has_zero(x ^ ('"' * ones)) | has_zero(x ^ ('\\' * ones))) != 0;
  }
  // Whether the `n` bytes at `p` are ASCII that JSON takes as it is: 8 at a
  // time, the last 8 overlapping the ones before.
  TALENT_HOT static bool plain(const char* p, std::size_t n) {
    std::uint64_t x;
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8) {
        std::memcpy(&x, p + i, 8);
        if (word_needs_care(x)) return false;
      }
      std::memcpy(&x, p + n - 8, 8);
      return !word_needs_care(x);
    }
    bool all = true;
    for (std::size_t i = 0; i < n; ++i) {
      unsigned char u = static_cast<unsigned char>(p[i]);
      all &= u >= 0x20 && u < 0x80 && u != '"' && u != '\\';
    }
    return all;
  }
  void escaped_with_care(std::string_view text);

  std::string& out_;
  bool after_value_ = false;  // a ',' goes before the next key or value
  std::size_t used_ = 0;
  char buffer_[480];
};

// `text` as a JSON string, quotes included.
inline std::string json_string(std::string_view text) {
  std::string out;
  JsonWriter(out).string(text);
  return out;
}

#undef TALENT_HOT

}  // namespace talent::detail
