#include "talent/diagnostic.hpp"
#include "talent/error_code.hpp"

#include "base/text.hpp"

#include <algorithm>

namespace talent {
namespace {

// Display width of a UTF-8 prefix: wide (CJK) characters take two cells.
std::size_t display_width(const std::string& text, std::size_t bytes) {
  return detail::display_width(std::string_view(text).substr(0, std::min(bytes, text.size())));
}

// The line as shown: a control character (other than tab) as its picture
// (U+2400-U+241F, U+2421 for DEL), one cell wide like the byte it stands
// for, so that the caret below still points at it and nothing in a pack can
// move the terminal's cursor.
std::string shown(const std::string& line) {
  std::string out;
  for (char ch : line) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      unsigned picture = c == 0x7F ? 0x2421 : 0x2400 + c;
      out += static_cast<char>(0xE0 | (picture >> 12));
      out += static_cast<char>(0x80 | ((picture >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (picture & 0x3F));
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace

std::string format(const Diagnostic& d) {
  std::string head = d.file;
  if (d.line > 0) head += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
  head += ": error: " + d.message;
  std::string out;
  detail::append_display_line(head, out);
  if (d.line > 0 && !d.source_line.empty()) {
    out += "    " + shown(d.source_line) + "\n";
    std::size_t start = detail::byte_offset_of_column(d.source_line, d.column);
    std::size_t end = detail::byte_offset_of_column(d.source_line, d.column + (d.length > 0 ? d.length : 1));
    std::size_t pad = display_width(d.source_line, start);
    std::size_t width = display_width(d.source_line.substr(start), end - start);
    if (width == 0) width = 1;
    out += "    " + std::string(pad, ' ') + "^" + std::string(width - 1, '~') + "\n";
  }
  return out;
}

std::string format(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += format(d);
  return out;
}

const char* to_string(ErrorCode code) {
  switch (code) {  // no default: the compiler names a code left out
    case ErrorCode::syntax: return "syntax";
    case ErrorCode::unknown_name: return "unknown_name";
    case ErrorCode::missing: return "missing";
    case ErrorCode::wrong_type: return "wrong_type";
    case ErrorCode::invalid_value: return "invalid_value";
    case ErrorCode::duplicate: return "duplicate";
    case ErrorCode::limit: return "limit";
    case ErrorCode::unreadable: return "unreadable";
  }
  return "?";
}

}  // namespace talent
