#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>

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

// Rare (a message cut inside a character): nlohmann's own replacement.
[[gnu::noinline]] std::string replaced(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void JsonWriter::escaped_with_care(std::string_view text) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // Where the string starts, to take it back if it is not UTF-8: either in
  // the buffer, or (once the buffer has gone to `out` since) in `out`.
  const std::size_t out_mark = out_.size(), used_mark = used_;
  put('"');
  std::size_t run = 0;  // start of the bytes not written yet
  std::size_t i = 0;
  for (;;) {
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word_needs_care(word)) break;
      i += 8;
    }
    if (i == n) break;
    char kind = kBytes.kind[p[i]];
    if (kind == kPlain) {
      ++i;
      continue;
    }
    if (kind >= 2 && kind <= 4) {
      if (i + static_cast<std::size_t>(kind) <= n && well_formed(p + i, kind)) {
        i += static_cast<std::size_t>(kind);
        continue;
      }
      kind = kBad;
    }
    if (kind == kBad) {
      if (out_.size() == out_mark) {
        used_ = used_mark;
      } else {
        out_.resize(out_mark + used_mark);
        used_ = 0;
      }
      std::string whole = replaced(text);
      put(whole.data(), whole.size());
      return;
    }
    put(text.data() + run, i - run);
    if (kind == 'u') {
      static const char hex[] = "0123456789abcdef";
      char u[6] = {'\\', 'u', '0', '0', hex[p[i] >> 4], hex[p[i] & 0xF]};
      put(u, 6);
    } else {
      put('\\');
      put(kind);
    }
    run = ++i;
  }
  put(text.data() + run, n - run);
  put('"');
}

JsonWriter& JsonWriter::date(Date day) {
  if (day.is_special()) return string(format_date(day));
  separate();
  // YYYY-MM-DD, as format_date writes it, without a string in between.
  unsigned y = static_cast<unsigned>(day.year()), m = static_cast<unsigned>(day.month()),
           d = static_cast<unsigned>(day.day());
  char text[12] = {'"', static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                   static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                   static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                   static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10), '"'};
  put(text, 12);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::number(std::uint64_t value) {
  separate();
  char digits[24];
  int n = 24;
  do {
    digits[--n] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  put(digits + n, static_cast<std::size_t>(24 - n));
  after_value_ = true;
  return *this;
}

}  // namespace talent::detail
