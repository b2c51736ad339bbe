#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

namespace talent::detail {
namespace {

// What each byte is inside a JSON string: kPlain, copied as it is; 2, 3 or
// 4, the first byte of a UTF-8 sequence of that many bytes; kBad, never
// valid UTF-8 there; or the letter after a backslash ('u': \u00XX).
constexpr char kPlain = 0, kBad = 5;
struct ByteTable {
  char kind[256] = {};
  constexpr ByteTable() {
    for (int c = 0; c < 0x20; ++c) kind[c] = 'u';
    kind[static_cast<int>('\b')] = 'b';
    kind[static_cast<int>('\t')] = 't';
    kind[static_cast<int>('\n')] = 'n';
    kind[static_cast<int>('\f')] = 'f';
    kind[static_cast<int>('\r')] = 'r';
    kind[static_cast<int>('"')] = '"';
    kind[static_cast<int>('\\')] = '\\';
    for (int c = 0x80; c < 0x100; ++c) kind[c] = kBad;  // continuation bytes, and C0, C1, F5-FF
    for (int c = 0xC2; c < 0xE0; ++c) kind[c] = 2;
    for (int c = 0xE0; c < 0xF0; ++c) kind[c] = 3;
    for (int c = 0xF0; c < 0xF5; ++c) kind[c] = 4;
  }
};
constexpr ByteTable kBytes;

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Whether the `length`-byte sequence at `p` (lead byte included, all bytes
// there) is well-formed UTF-8: no overlong form, no surrogate, nothing past
// U+10FFFF.
bool well_formed(const unsigned char* p, int length) {
  for (int k = 1; k < length; ++k) {
    if (!continuation(p[k])) return false;
  }
  if (length == 3) return !((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0));
  if (length == 4) return !((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90));
  return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::size_t start = out.size();
  out += '"';
  std::size_t run = 0;  // start of the bytes not written yet
  std::size_t i = 0;
  while (i < n) {
    char kind = kBytes.kind[p[i]];
    if (kind == kPlain) {
      ++i;
      continue;
    }
    if (kind >= 2 && kind <= 4) {
      if (i + static_cast<std::size_t>(kind) > n || !well_formed(p + i, kind)) kind = kBad;
      else {
        i += static_cast<std::size_t>(kind);
        continue;
      }
    }
    if (kind == kBad) {
      // Rare (a message cut inside a character): nlohmann's own replacement.
      out.resize(start);
      out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    out.append(text.data() + run, i - run);
    if (kind == 'u') {
      static const char hex[] = "0123456789abcdef";
      char u[6] = {'\\', 'u', '0', '0', hex[p[i] >> 4], hex[p[i] & 0xF]};
      out.append(u, 6);
    } else {
      out += '\\';
      out += kind;
    }
    run = ++i;
  }
  out.append(text.data() + run, n - run);
  out += '"';
}

void JsonWriter::separate() {
  if (after_value_) out_ += ',';
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  separate();
  append_json_string(out_, text);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::string_or_null(const std::optional<std::string>& text) {
  return text ? string(*text) : null();
}

JsonWriter& JsonWriter::date(Date day) { return string(format_date(day)); }

JsonWriter& JsonWriter::number(std::uint64_t value) {
  separate();
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out_ += digits[--n];
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  after_value_ = true;
  return *this;
}

}  // namespace talent::detail
