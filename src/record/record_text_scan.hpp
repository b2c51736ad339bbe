// Record stage: byte-level helpers for cutting input into records
// (record_reader.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace talent::detail {

// The bytes that cutting JSON into records must stop at, inside a string:
// its end, an escape, and a line break or NUL, which no string holds.
inline constexpr std::array<bool, 256> kStringStops = [] {
  std::array<bool, 256> stops{};
  for (unsigned char c : {'"', '\\', '\n', '\0'}) stops[c] = true;
  return stops;
}();
// Outside strings, within an object or array: strings, brackets, NUL.
inline constexpr std::array<bool, 256> kNestedStops = [] {
  std::array<bool, 256> stops{};
  for (unsigned char c : {'"', '{', '}', '[', ']', '\0'}) stops[c] = true;
  return stops;
}();
// Outside any object or array: also what ends a bare value.
inline constexpr std::array<bool, 256> kTopStops = [] {
  std::array<bool, 256> stops = kNestedStops;
  for (unsigned char c : {',', '\n'}) stops[c] = true;
  return stops;
}();

// Up to 40 bytes of `text` for a message, anything but printable ASCII shown
// as '?': the text may be anything, even a part of a UTF-8 sequence.
inline std::string ascii_excerpt(std::string_view text) {
  std::string out(text.substr(0, 40));
  for (char& c : out) {
    if (c < 0x20 || c > 0x7E) c = '?';
  }
  return out;
}

inline bool is_blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Line breaks in [from, to), found with memchr: fast where they are few (a
// line of a gigabyte) and where they are many alike.
inline std::size_t count_line_breaks(const char* from, const char* to) {
  std::size_t n = 0;
  while (from < to) {
    const void* nl = std::memchr(from, '\n', static_cast<std::size_t>(to - from));
    if (nl == nullptr) break;
    ++n;
    from = static_cast<const char*>(nl) + 1;
  }
  return n;
}

// Whether the last byte before base[at] that is not blank space, in
// [from, at) or else in the text kept so far, is a ':'.
inline bool after_colon(const char* base, std::size_t from, std::size_t at, const std::string& text) {
  for (std::size_t i = at; i > from; --i) {
    if (!is_blank(static_cast<unsigned char>(base[i - 1]))) return base[i - 1] == ':';
  }
  for (std::size_t i = text.size(); i > 0; --i) {
    if (!is_blank(static_cast<unsigned char>(text[i - 1]))) return text[i - 1] == ':';
  }
  return true;
}

// The message id saying why input opening with `head` (its first bytes) is
// not UTF-8 text to read at all — UTF-16 or UTF-32, with or without a byte
// order mark, or NUL bytes at its start — or nullptr.
inline const char* not_utf8_text(std::string_view head) {
  if (head.rfind("\xFF\xFE", 0) == 0 || head.rfind("\xFE\xFF", 0) == 0) return "reader.utf16_bom";
  if (head.substr(0, 4).find('\0') == std::string_view::npos) return nullptr;
  bool wide = head.size() >= 2 && (head[0] == '\0') != (head[1] == '\0');
  return wide ? "reader.utf16_no_bom" : "reader.nul_bytes";
}

// A line that separates YAML documents: `---` alone or followed by a space or
// a tab (and what follows it), after an optional byte order mark.
inline bool yaml_separator(std::string_view line, std::size_t& content) {
  std::size_t at = line.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  if (line.compare(at, 3, "---") != 0) return false;
  at += 3;
  if (at < line.size() && line[at] != ' ' && line[at] != '\t') return false;
  content = line.find_first_not_of(" \t", at);
  if (content != std::string_view::npos && line[content] == '#') content = std::string_view::npos;
  return true;
}

// The first index in [from, to) of data holding a byte that ends a plain run
// inside a JSON string ('"', '\\', a line break or NUL), or `to`: what a
// record being skipped can pass over without looking at each byte.
inline std::size_t string_stop(const char* data, std::size_t from, std::size_t to) {
  std::size_t stop = to;
  for (char c : {'"', '\\', '\n', '\0'}) {
    const void* at = std::memchr(data + from, c, stop - from);
    if (at != nullptr) stop = static_cast<std::size_t>(static_cast<const char*>(at) - data);
  }
  return stop;
}

// Whether line[0, n) — a line without its line break, starting with '{' —
// is exactly one JSON object, its brackets balancing first at its last byte:
// the common case of JSON Lines, told without looking at each byte. False
// when unsure (a backslash in the line, no SSE2): the caller then cuts the
// record byte by byte, which is always exact. line[0, readable) may be read
// (readable >= n): bytes after the line are read but not looked at.
inline bool whole_json_line(const char* line, std::size_t n, std::size_t readable) {
#if defined(__SSE2__)
  if (n == 0 || line[0] != '{' || line[n - 1] != '}') return false;
  auto mask = [](__m128i bytes, char c) {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c))));
  };
  std::uint32_t in_string = 0;  // 0xFFFF when a string runs on from the previous 16 bytes
  long depth = 0;
  for (std::size_t at = 0; at < n; at += 16) {
    char tail[16];
    const char* from = line + at;
    std::uint32_t inside = n - at >= 16 ? 0xFFFF : (1u << (n - at)) - 1;  // the bytes of the line
    if (at + 16 > readable) {  // the last bytes of the buffer: copied, so as not to read past it
      std::memset(tail, ' ', sizeof tail);
      std::memcpy(tail, from, n - at);
      from = tail;
    }
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
    if ((mask(bytes, '\\') & inside) != 0) return false;
    // Bit i set when byte i is inside a string (or is its opening quote):
    // the parity of the quotes up to it.
    std::uint32_t strings = mask(bytes, '"');
    strings ^= strings << 1;
    strings ^= strings << 2;
    strings ^= strings << 4;
    strings ^= strings << 8;
    strings = (strings ^ in_string) & 0xFFFF;
    in_string = (strings >> 15) != 0 ? 0xFFFF : 0;
    std::uint32_t opens = (mask(bytes, '{') | mask(bytes, '[')) & ~strings & inside;
    std::uint32_t closes = (mask(bytes, '}') | mask(bytes, ']')) & ~strings & inside;
    for (std::uint32_t brackets = opens | closes; brackets != 0; brackets &= brackets - 1) {
      unsigned bit = static_cast<unsigned>(__builtin_ctz(brackets));
      if ((opens >> bit) & 1) {
        ++depth;
      } else if (--depth == 0) {
        return at + bit == n - 1;
      }
    }
  }
  return false;
#else
  (void)line;
  (void)n;
  (void)readable;
  return false;
#endif
}

}  // namespace talent::detail
