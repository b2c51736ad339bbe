#include "record/record_parser.hpp"

#include "record/json_tree.hpp"
#include "record/record_access.hpp"
#include "pack/rule_set_access.hpp"
#include "base/decimal.hpp"
#include "base/text.hpp"
#include "talent/rule_set.hpp"
#include "pack/yaml_read.hpp"
#include "lang/compiled.hpp"

#include <limits>

namespace talent::detail {
namespace {

// Thrown by the builder at the first problem; becomes the record's error.
struct Rejection {
  std::string field;
  ErrorCode code;
  std::string message;
};

std::string shown(const YamlNode& n) {
  if (!n.is_scalar()) return std::string("a ") + n.kind_name();
  std::string v = n.value;
  if (v.size() > 40) v = v.substr(0, 37) + "...";
  return n.quoted ? "\"" + v + "\"" : "'" + v + "'";
}

class RecordBuilder {
 public:
  RecordBuilder(const Schema& schema, bool json, const RecordLimits& limits, Record& record)
      : schema_(schema), json_(json), limits_(limits), record_(record) {}

  void section(const YamlNode& map, int index) {
    const SectionDef& sec = schema_.sections[static_cast<std::size_t>(index)];
    for (const auto& [key, value] : map.entries) {
      if (!valid_utf8(key.value)) throw Rejection{"", ErrorCode::unreadable, "a field name is not valid UTF-8 text"};
      int found_field = -1, found_section = -1;
      for (int f : sec.fields) {
        if (schema_.fields[static_cast<std::size_t>(f)].name == key.value) {
          found_field = f;
          break;
        }
      }
      if (found_field >= 0) {
        field(schema_.fields[static_cast<std::size_t>(found_field)], value);
        continue;
      }
      for (int s : sec.sections) {
        if (schema_.sections[static_cast<std::size_t>(s)].name == key.value) {
          found_section = s;
          break;
        }
      }
      if (found_section < 0) throw unknown_field(sec, key.value);
      const SectionDef& child = schema_.sections[static_cast<std::size_t>(found_section)];
      if (value.kind == YamlNode::Kind::null) continue;  // given as empty: the applicant has none
      if (!value.is_map()) {
        throw Rejection{child.path, ErrorCode::wrong_type, "expected a group of fields (an object), found " + shown(value)};
      }
      slots()[static_cast<std::size_t>(child.slot)].present = true;
      section(value, found_section);
    }
    for (int f : sec.fields) {
      const FieldDef& def = schema_.fields[static_cast<std::size_t>(f)];
      if (def.required && !slots()[static_cast<std::size_t>(def.slot)].present) {
        throw Rejection{def.path, ErrorCode::missing, "required field '" + def.path + "' is missing"};
      }
    }
  }

 private:
  // Built only when needed: the names a section allows, for the message.
  Rejection unknown_field(const SectionDef& sec, const std::string& key) const {
    std::vector<std::string> names;
    for (int f : sec.fields) names.push_back(schema_.fields[static_cast<std::size_t>(f)].name);
    for (int s : sec.sections) names.push_back(schema_.sections[static_cast<std::size_t>(s)].name);
    std::string shown_key = key;
    if (shown_key.size() > 64) {  // a hostile key is named, not echoed whole
      std::size_t cut = 60;
      while (cut > 0 && (static_cast<unsigned char>(shown_key[cut]) & 0xC0) == 0x80) --cut;
      shown_key = shown_key.substr(0, cut) + "...";
    }
    std::string path = sec.path.empty() ? shown_key : sec.path + "." + shown_key;
    return Rejection{path, ErrorCode::unknown_name,
                     "unknown field '" + path + "'" + did_you_mean(key.size() > 64 ? "" : key, names) +
                         (names.empty() ? "" : "; this part of the record has: " + join(names))};
  }

  std::vector<Slot>& slots() { return RecordAccess::slots(record_); }

  [[noreturn]] static void reject(const FieldDef& f, ErrorCode code, std::string message) {
    throw Rejection{f.path, code, std::move(message)};
  }

  void field(const FieldDef& f, const YamlNode& value) {
    if (value.kind == YamlNode::Kind::null) return;  // null: unknown, as if absent
    if (!value.is_scalar()) {
      reject(f, ErrorCode::wrong_type, "expected " + expectation(f) + ", found " + shown(value));
    }
    if (!valid_utf8(value.value)) reject(f, ErrorCode::unreadable, "the value is not valid UTF-8 text");
    Slot& slot = slots()[static_cast<std::size_t>(f.slot)];
    const std::string& text = value.value;
    bool plain = !value.quoted;
    std::string why;
    ErrorCode code = ErrorCode::invalid_value;  // set by Money::parse and Rate::parse
    switch (f.type) {
      case ValueType::boolean:
        if (!plain || (text != "true" && text != "false")) {
          reject(f, ErrorCode::wrong_type, "expected true or false, found " + shown(value));
        }
        slot.number = text == "true";
        break;
      case ValueType::integer: {
        std::int64_t v = 0;
        WholeNumber read = plain ? parse_whole_number(text, v) : WholeNumber::malformed;
        if (read == WholeNumber::too_large) reject(f, ErrorCode::limit, "number is too large, found " + shown(value));
        if (read != WholeNumber::ok) {
          reject(f, ErrorCode::wrong_type, "expected " + expectation(f) + ", found " + shown(value));
        }
        if (f.min && v < *f.min) {
          reject(f, ErrorCode::invalid_value, "must be at least " + std::to_string(*f.min) + ", found " + text);
        }
        if (f.max && v > *f.max) {
          reject(f, ErrorCode::invalid_value, "must be at most " + std::to_string(*f.max) + ", found " + text);
        }
        slot.number = v;
        break;
      }
      case ValueType::money: {
        auto m = Money::parse(text, &why, &code);
        if (!m) reject(f, code, "invalid amount " + shown(value) + ": " + why);
        if (m->fen() < 0) reject(f, ErrorCode::invalid_value, "amount cannot be negative, found " + shown(value));
        slot.number = m->fen();
        break;
      }
      case ValueType::rate: {
        auto r = Rate::parse(text, &why, &code);
        if (!r) reject(f, code, "invalid rate " + shown(value) + ": " + why);
        if (r->units() < 0 || r->units() >= Rate::kScale) {
          reject(f, ErrorCode::invalid_value, "rate must be at least 0 and below 1 (100%), found " + shown(value));
        }
        slot.number = r->units();
        break;
      }
      case ValueType::decimal: {
        auto units = parse_decimal_units(text, f.places, &why, &code);
        if (!units) reject(f, code, "invalid number " + shown(value) + ": " + why);
        if (f.min && *units < *f.min) {
          reject(f, ErrorCode::invalid_value, "must be at least " + format_decimal_units(*f.min, f.places) + ", found " + text);
        }
        if (f.max && *units > *f.max) {
          reject(f, ErrorCode::invalid_value, "must be at most " + format_decimal_units(*f.max, f.places) + ", found " + text);
        }
        slot.number = *units;
        break;
      }
      case ValueType::date: {
        if (json_ && plain) {
          reject(f, ErrorCode::wrong_type, "expected a date as text \"YYYY-MM-DD\", found " + shown(value));
        }
        auto d = parse_date(text);
        if (!d) reject(f, ErrorCode::invalid_value, "expected a real calendar date YYYY-MM-DD, found " + shown(value));
        slot.date = *d;
        break;
      }
      case ValueType::enumeration: {
        const EnumDef& e = schema_.enums[static_cast<std::size_t>(f.enum_id)];
        int index = e.find(text);
        if (index < 0) {
          std::string options;
          for (const auto& v : e.values) {
            options += (options.empty() ? "" : ", ") + v.id + (v.label.zh.empty() ? "" : " (" + v.label.zh + ")");
          }
          reject(f, ErrorCode::unknown_name,
                 "unknown value " + shown(value) + did_you_mean(text, e.ids()) + "; expected one of: " + options);
        }
        slot.number = index;
        break;
      }
      case ValueType::string: {
        if (json_ && plain) reject(f, ErrorCode::wrong_type, "expected text in quotes, found " + shown(value));
        if (text.size() > limits_.max_string_bytes) {
          reject(f, ErrorCode::limit, "text longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
        }
        auto& strings = RecordAccess::strings(record_);
        slot.number = static_cast<std::int64_t>(strings.size());
        strings.push_back(text);
        if (&f == &schema_.fields[static_cast<std::size_t>(schema_.id_field)]) RecordAccess::id(record_) = text;
        break;
      }
      default: break;
    }
    slot.present = true;
  }

  static std::string expectation(const FieldDef& f) {
    switch (f.type) {
      case ValueType::boolean: return "true or false";
      case ValueType::integer: return "a whole number";
      case ValueType::money: return "an amount in yuan like 1234.50";
      case ValueType::rate: return "a rate like 0.0385 or \"3.85%\"";
      case ValueType::decimal: return "a number with at most " + std::to_string(f.places) + " decimals";
      case ValueType::date: return "a date YYYY-MM-DD";
      case ValueType::enumeration: return "one of the listed values";
      default: return "text";
    }
  }

  const Schema& schema_;
  bool json_;
  const RecordLimits& limits_;
  Record& record_;
};

}  // namespace

ParsedRecord build_record(const RuleSet& rules, const YamlNode& root, bool json, std::size_t number,
                          const RecordLimits& limits) {
  const Schema& schema = rules.compiled().schema;
  ParsedRecord out;
  out.number = number;
  if (root.is_map()) {
    if (const YamlNode* id = root.find("id"); id && id->is_scalar() && valid_utf8(id->value) && id->value.size() <= 256) {
      out.id = id->value;
    }
  }
  if (!root.is_map()) {
    out.error = RecordError{"", ErrorCode::wrong_type,
                            std::string("a record must be an object of fields (key: value), found ") +
                                (root.kind == YamlNode::Kind::null ? "nothing" : std::string("a ") + root.kind_name())};
    return out;
  }
  Record record;
  RecordAccess::slots(record).resize(schema.slot_count);
  try {
    RecordBuilder(schema, json, limits, record).section(root, 0);
  } catch (const Rejection& r) {
    out.error = RecordError{r.field, r.code, r.message};
    return out;
  }
  RecordAccess::rule_set_serial(record) = RuleSetAccess::serial(rules);
  out.record = std::move(record);
  return out;
}

}  // namespace talent::detail

namespace talent {

ParsedRecord parse_record(const RuleSet& rules, std::string_view text, std::size_t number, const RecordLimits& limits) {
  ParsedRecord out;
  out.number = number;
  if (text.size() > limits.max_record_bytes) {
    out.error = RecordError{"", ErrorCode::limit,
                            "record is " + std::to_string(text.size()) + " bytes; the limit is " +
                                std::to_string(limits.max_record_bytes) + " bytes"};
    return out;
  }
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  detail::YamlNode root;
  // Text that opens like JSON is JSON, and a JSON syntax error rejects it:
  // YAML would read `{"degree": }` as an unknown degree. Only a mapping whose
  // first key is unquoted ({id: A-1, degree: master}) is a YAML flow record.
  bool json = false;
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    std::size_t next = text.find_first_not_of(" \t\r\n", first + 1);
    json = text[first] == '[' || next == std::string_view::npos || text[next] == '"' || text[next] == '}';
  }
  if (json) {
    RecordError json_error{"", ErrorCode::syntax, ""};
    if (!detail::parse_json_tree(text, limits, root, json_error)) {
      // The JSON parser stops at an ill-formed byte with a syntax message;
      // text that is not UTF-8 is unreadable, as a YAML record's would be.
      if (json_error.code == ErrorCode::syntax && !detail::valid_utf8(text)) json_error.code = ErrorCode::unreadable;
      out.error = std::move(json_error);
      return out;
    }
    return detail::build_record(rules, root, true, number, limits);
  }
  if (!detail::valid_utf8(text)) {
    out.error = RecordError{"", ErrorCode::unreadable, "the record is not valid UTF-8 text"};
    return out;
  }
  detail::YamlDocument doc;
  Diagnostic error;
  detail::YamlLimits yaml_limits;
  yaml_limits.max_depth = limits.max_depth;
  if (!detail::parse_yaml("record", text, yaml_limits, doc, error)) {
    out.error = RecordError{"", error.code,
                            "not valid YAML at line " + std::to_string(error.line) + ", column " +
                                std::to_string(error.column) + ": " + error.message};
    return out;
  }
  return detail::build_record(rules, doc.root, false, number, limits);
}

}  // namespace talent
