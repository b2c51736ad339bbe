#include "base/text.hpp"
#include "talent/messages.hpp"

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

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = utf8_sequence_length(static_cast<unsigned char>(text[i]));
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
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

// U+FF01-U+FF5E is EF BC 81-BF and EF BD 80-9E; U+3000 is E3 80 80.
bool has_full_width(std::string_view text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    auto b0 = static_cast<unsigned char>(text[i]), b1 = static_cast<unsigned char>(text[i + 1]);
    if ((b0 == 0xEF && (b1 == 0xBC || b1 == 0xBD)) || (b0 == 0xE3 && b1 == 0x80 && text[i + 2] == '\x80')) return true;
  }
  return false;
}

std::string fold_full_width(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto b0 = static_cast<unsigned char>(text[i]);
    if (i + 2 < text.size()) {
      auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      unsigned cp = b0 == 0xEF || b0 == 0xE3 ? ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu) : 0;
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 3;
        continue;
      }
      if (cp == 0x3000) {
        out += ' ';
        i += 3;
        continue;
      }
    }
    out += static_cast<char>(b0);
    ++i;
  }
  return out;
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

namespace {

// Characters that change how a terminal shows what follows them, though they
// print nothing themselves: C1 controls (U+009B is a CSI), bidirectional
// embeddings, overrides, isolates and marks, line and paragraph separators.
bool invisible_control(unsigned cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0x2028 || cp == 0x2029;
}

}  // namespace

void append_display_text(std::string_view text, std::string& out) {
  static const char* const kHex = "0123456789ABCDEF";
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      }
      ++i;
      continue;
    }
    std::size_t len = utf8_sequence_length(c);
    if (c >= 0x80 && !valid_utf8(text.substr(i, len))) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      ++i;
      continue;
    }
    if (len >= 2) {
      unsigned cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      if (invisible_control(cp)) {
        char code[12];
        int n = 0;
        for (int shift = 12; shift >= 0; shift -= 4) code[n++] = kHex[(cp >> shift) & 0xF];
        out += "<U+";
        out.append(code, static_cast<std::size_t>(n));
        out += '>';
        i += len;
        continue;
      }
    }
    out.append(text.data() + i, len);
    i += len;
  }
}

void append_display_line(std::string_view line, std::string& out) {
  append_display_text(line, out);
  out += '\n';
}

std::string digest_head(std::string_view digest) {
  std::size_t colon = digest.find(':');
  std::size_t hex = colon == std::string_view::npos ? 0 : colon + 1;
  return std::string(digest.substr(hex, 12));
}

std::string display_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_display_text(text, out);
  return out;
}

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions
// and swaps of neighbours ("lable" for "label") each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  // A slip of the keyboard is short: a long word gets no suggestion, and a
  // candidate whose length alone puts it out of reach is not compared, so
  // that the work stays small whatever the input.
  if (word.size() > kMaxSuggestedWord) return {};
  std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    std::size_t apart = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (apart >= best_distance) continue;
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string s = suggest(word, candidates);
  return s.empty() ? "" : " (did you mean '" + s + "'?)";
}

}  // namespace talent::detail

namespace talent {

std::string display_text(std::string_view text) { return detail::display_text(text); }

}  // namespace talent
