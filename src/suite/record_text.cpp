#include "suite/record_text.hpp"

#include "base/text.hpp"

#include <algorithm>
#include <vector>

namespace talent::detail {
namespace {

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

bool blank_or_comment(const std::string& line) {
  std::size_t i = line.find_first_not_of(" \t");
  return i == std::string::npos || line[i] == '#';
}

}  // namespace

std::string record_lines(const YamlDocument& doc, const YamlNode& key, const YamlNode& value) {
  std::size_t key_indent = static_cast<std::size_t>(key.pos.column - 1);
  std::size_t first = static_cast<std::size_t>(value.pos.line - 1);
  std::vector<std::string> lines;
  std::string head = doc.lines[first];
  std::size_t start = byte_offset_of_column(head, value.pos.column);
  lines.push_back(std::string(start, ' ') + head.substr(start));
  for (std::size_t i = first + 1; i < doc.lines.size(); ++i) {
    const std::string& line = doc.lines[i];
    if (!blank_or_comment(line) && indent_of(line) <= key_indent) break;
    lines.push_back(line);
  }
  while (!lines.empty() && blank_or_comment(lines.back())) lines.pop_back();
  std::size_t strip = std::string::npos;
  for (const auto& line : lines) {
    if (!blank_or_comment(line)) strip = std::min(strip, indent_of(line));
  }
  std::string text;
  for (const auto& line : lines) {
    if (blank_or_comment(line)) text += "\n";
    else text += line.substr(strip) + "\n";
  }
  return text;
}

}  // namespace talent::detail
