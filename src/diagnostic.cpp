#include "talent/diagnostic.hpp"

#include <algorithm>

namespace talent {
namespace {

// Display width of a UTF-8 prefix: wide (CJK) characters take two cells.
std::size_t display_width(const std::string& text, std::size_t bytes) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < bytes && i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
}

// Byte offset of the 1-based character column `column` in `line`; never
// past its end, even when the line ends inside a broken UTF-8 sequence.
std::size_t byte_offset(const std::string& line, int column) {
  std::size_t i = 0;
  for (int c = 1; c < column && i < line.size(); ++c) {
    unsigned char b = static_cast<unsigned char>(line[i]);
    i += b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  }
  return std::min(i, line.size());
}

}  // namespace

std::string format(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
  out += ": error: " + d.message + "\n";
  if (d.line > 0 && !d.source_line.empty()) {
    out += "    " + d.source_line + "\n";
    std::size_t start = byte_offset(d.source_line, d.column);
    std::size_t end = byte_offset(d.source_line, d.column + (d.length > 0 ? d.length : 1));
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

}  // namespace talent
