#include "report/json_writer.hpp"

#include "base/text.hpp"

#include <nlohmann/json.hpp>

namespace talent::detail {
namespace {

// What each byte below 0x80 becomes inside a JSON string: 0 for itself, 1
// for \u00XX, or the letter after the backslash.
struct EscapeTable {
  char code[128] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) code[c] = 1;
    code[static_cast<int>('\b')] = 'b';
    code[static_cast<int>('\t')] = 't';
    code[static_cast<int>('\n')] = 'n';
    code[static_cast<int>('\f')] = 'f';
    code[static_cast<int>('\r')] = 'r';
    code[static_cast<int>('"')] = '"';
    code[static_cast<int>('\\')] = '\\';
  }
};
constexpr EscapeTable kEscape;

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (!valid_utf8(text)) {
    // Rare (a message cut inside a character): nlohmann's own replacement.
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  std::size_t run = 0;  // start of the bytes not written yet
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 || kEscape.code[c] == 0) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    char code = kEscape.code[c];
    if (code == 1) {
      static const char hex[] = "0123456789abcdef";
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
      out.append(u, 6);
    } else {
      out += '\\';
      out += code;
    }
  }
  out.append(text.data() + run, text.size() - run);
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
