// Report stage: JSON written straight into a string as it goes, with no tree
// in between, byte for byte as nlohmann's dump() writes the same values
// (compact, UTF-8 kept as it is, control characters escaped, invalid UTF-8
// replaced by U+FFFD). The decision writer (decision_writer.cpp) is built on
// it; report.cpp's tree writer is the reference it is compared with.
#pragma once

#include "talent/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace talent::detail {

// Appends to `out`; separators are its own business: open, key, value,
// close, in the order of the document.
//
//   JsonWriter w(out);
//   w.open_object().key("id").string("A-1").key("record").number(3).close_object();
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& open_object() { return open('{'); }
  JsonWriter& close_object() { return close('}'); }
  JsonWriter& open_array() { return open('['); }
  JsonWriter& close_array() { return close(']'); }
  // A key of the object being written; its value comes next.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view text);
  // The text, or null when there is none.
  JsonWriter& string_or_null(const std::optional<std::string>& text);
  JsonWriter& date(Date day);
  JsonWriter& number(std::uint64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void separate();

  std::string& out_;
  bool after_value_ = false;  // a ',' goes before the next key or value
};

// Appends `text` as a JSON string, quotes included, as nlohmann writes it.
void append_json_string(std::string& out, std::string_view text);

}  // namespace talent::detail
