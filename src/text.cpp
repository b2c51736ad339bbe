#include "text.hpp"

#include <algorithm>

namespace talent::detail {

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

int utf8_length(std::string_view text) {
  int n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::size_t byte_offset_of_column(std::string_view line, int column) {
  std::size_t i = 0;
  for (int c = 1; c < column && i < line.size(); ++c) i += utf8_sequence_length(static_cast<unsigned char>(line[i]));
  return std::min(i, line.size());
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = utf8_sequence_length(c);
    if ((len == 1 && c >= 0x80) || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    if (len == 2 && c < 0xC2) return false;  // overlong
    if (len == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return false;  // overlong, surrogates
    }
    if (len == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return false;
    }
    i += len;
  }
  return true;
}

WholeNumber parse_whole_number(std::string_view text, std::int64_t& out) {
  bool negative = !text.empty() && text[0] == '-';
  std::size_t i = negative ? 1 : 0;
  if (i == text.size()) return WholeNumber::malformed;
  std::int64_t v = 0;
  bool too_large = false;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return WholeNumber::malformed;
    int digit = text[i] - '0';
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, negative ? -digit : digit, &v)) too_large = true;
  }
  if (too_large) return WholeNumber::too_large;
  out = v;
  return WholeNumber::ok;
}

}  // namespace talent::detail
