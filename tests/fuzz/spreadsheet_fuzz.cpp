// Fuzz target: spreadsheets and the forms people type. The first byte picks
// the encoding and the limits; the rest is the CSV file. Every row must come
// out as exactly one record or error, numbered in order, with a line that
// never goes back; the direct JSON reader and the node tree must agree on
// every row; and every value rewritten from another form must be a fixed
// point: its canonical text, read again, is taken as it is, with no note,
// into the same slot.
#include "fuzz_records.hpp"

#include "lang/compiled.hpp"
#include "record/record_access.hpp"
#include "record/record_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

namespace {

using namespace talent;

// {"id":"N","a":{"b":VALUE}} for field path a.b, VALUE as the field's type
// is written canonically in JSON.
std::string canonical_record(const detail::FieldDef& f, const std::string& value) {
  bool bare = f.type == detail::ValueType::boolean || f.type == detail::ValueType::integer;
  std::string json_value = bare ? value : "\"" + value + "\"";
  std::string out = f.path == "id" ? "{" : "{\"id\":\"N\",";
  std::string path = f.path;
  int depth = 0;
  for (std::size_t dot; (dot = path.find('.')) != std::string::npos; path.erase(0, dot + 1), ++depth) {
    out += "\"" + path.substr(0, dot) + "\":{";
  }
  out += "\"" + path + "\":" + json_value;
  out.append(static_cast<std::size_t>(depth) + 1, '}');
  return out;
}

void check_fixed_points(const RuleSet& rules, const Record& record) {
  const detail::Schema& schema = rules.compiled().schema;
  for (const Normalization& n : record.normalized()) {
    if (n.to == n.field) continue;  // a field's name
    int index = schema.find_field(n.field);
    if (index < 0) __builtin_trap();
    const detail::FieldDef& f = schema.fields[static_cast<std::size_t>(index)];
    if (f.type == detail::ValueType::string) __builtin_trap();  // text is never rewritten
    ParsedRecord again = parse_record(rules, canonical_record(f, n.to));
    if (!again.record || !again.record->normalized().empty()) __builtin_trap();
    const detail::Slot& a = detail::RecordAccess::slots(*again.record)[static_cast<std::size_t>(f.slot)];
    const detail::Slot& b = detail::RecordAccess::slots(record)[static_cast<std::size_t>(f.slot)];
    if (!a.present || !b.present || a.number != b.number || a.date != b.date) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const RuleSet> rules = builtin_rule_set();
  if (size == 0) return 0;
  static const char* const encodings[] = {"", "utf-8", "gb18030", "gbk", "utf-16"};
  SpreadsheetOptions options;
  options.encoding = encodings[data[0] % 5];
  options.name = "fuzz.csv";
  if (data[0] & 0x80) {  // small limits, so that the size checks are reached too
    options.limits.max_record_bytes = 256;
    options.limits.max_string_bytes = 16;
  }
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::istringstream in(text);
  SpreadsheetReader sheet(*rules, in, options);
  RecordParser parser(*rules, options.limits);
  RecordText row;
  ParsedRecord p;
  std::size_t expected = 0, last_line = 0;
  while (sheet.next_text(row)) {
    if (row.number != ++expected || row.line < last_line || row.line == 0) __builtin_trap();
    last_line = row.line;
    parser.parse(row, p);
    if (p.number != row.number || p.line != row.line) __builtin_trap();
    if (p.record.has_value() == p.error.has_value()) __builtin_trap();
    if (!row.error) {
      ParsedRecord tree = detail::parse_record_with_tree(*rules, row.text, row.number, options.limits);
      if (tree.record.has_value() != p.record.has_value()) __builtin_trap();
      if (tree.error && (tree.error->message != p.error->message || tree.error->field != p.error->field)) __builtin_trap();
    }
    if (p.record) {
      check_fixed_points(*rules, *p.record);
      fuzz::decide_all(*rules, *p.record);
      std::string csv;
      try {
        append_csv(*rules, evaluate(*rules, *p.record, *parse_date("2025-06-30")), p.number, p.line, Language::zh, csv);
      } catch (const EvaluationError&) {
      }
    } else {
      std::string csv;
      append_csv(*rules, p, *parse_date("2025-06-30"), Language::en, csv);
      (void)to_json(p);
    }
  }
  return 0;
}
