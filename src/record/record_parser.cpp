#include "record/record_parser.hpp"

#include "record/json_tree.hpp"
#include "record/field_reader.hpp"
#include "record/json_record.hpp"
#include "record/input_forms.hpp"
#include "record/record_access.hpp"
#include "pack/rule_set_access.hpp"
#include "base/text.hpp"
#include "talent/rule_set.hpp"
#include "pack/yaml_read.hpp"
#include "lang/compiled.hpp"

#include <limits>

namespace talent::detail {
namespace {

// What a value was, for a message: the value itself, or "a list".
LocalizedText shown(const YamlNode& n) {
  if (!n.is_scalar()) return localized(std::string("record.kind.") + n.kind_name());
  return LocalizedText{"", shown(ScalarText{n.value, n.quoted})};
}

// Walks a record's node tree section by section; the values go through the
// FieldReader. Every problem is noted and the walk goes on, so that a record
// reports all of them at once; only the first `limit` are kept, then how
// many more there were. A key that is not a member's own name may still name
// one in the forms the schema allows (a label, a dotted path: input_forms.hpp).
class RecordBuilder {
 public:
  RecordBuilder(const Schema& schema, bool json, const RecordLimits& limits, UnknownFields unknown, Record& record)
      : schema_(schema), record_(record), fields_(schema, json, limits, record), limit_(limits.max_errors),
        unknown_(unknown), given_(schema.fields.size() + schema.sections.size()) {}

  void section(const YamlNode& map, int index) {
    const SectionDef& sec = schema_.sections[static_cast<std::size_t>(index)];
    for (const auto& [key, value] : map.entries) {
      if (!valid_utf8(key.value)) {
        problem(Rejection{"", ErrorCode::unreadable, "record.key_not_utf8", {}});
        continue;
      }
      int found_field = -1, found_section = -1;
      for (int f : sec.fields) {
        if (schema_.fields[static_cast<std::size_t>(f)].name == key.value) {
          found_field = f;
          break;
        }
      }
      if (found_field < 0) {
        for (int s : sec.sections) {
          if (schema_.sections[static_cast<std::size_t>(s)].name == key.value) {
            found_section = s;
            break;
          }
        }
      }
      if (found_field < 0 && found_section < 0) {
        other_name(sec, index, key.value, value);
        continue;
      }
      if (found_field >= 0) field(found_field, key.value, value);
      else child(found_section, key.value, value);
    }
    for (int f : sec.fields) {
      const FieldDef& def = schema_.fields[static_cast<std::size_t>(f)];
      // A required field given but wrong has its problem already.
      if (def.required && !slots()[static_cast<std::size_t>(def.slot)].present && !named(def.path)) {
        problem(Rejection{def.path, ErrorCode::missing, "record.required", {arg("path", def.path)}});
      }
    }
  }

  // The problems found, in the order of the record's text.
  std::vector<RecordError> errors() const {
    std::vector<RecordError> out;
    for (const Rejection& r : problems_) out.push_back(r.error());
    if (more_ > 0) {
      out.push_back(record_error(ErrorCode::limit, "record.more_problems",
                                 {arg("count", std::to_string(more_)), arg("limit", std::to_string(limit_))}));
    }
    return out;
  }

 private:
  void problem(Rejection r) {
    if (problems_.size() < limit_) problems_.push_back(std::move(r));
    else ++more_;
  }

  bool named(const std::string& path) const {
    for (const Rejection& r : problems_) {
      if (r.field == path) return true;
    }
    return false;
  }

  // Built only when needed: the names a section allows, for the message.
  Rejection unknown_field(const SectionDef& sec, const std::string& key) const {
    std::vector<std::string> names;
    LocalizedText listed;
    auto list = [&](const std::string& name, const LocalizedText& label) {
      names.push_back(name);
      if (!listed.en.empty()) listed.en += ", ", listed.zh += "、";
      listed.en += name;
      listed.zh += label.zh.empty() ? name : label.zh + " (" + name + ")";
    };
    for (int f : sec.fields) list(schema_.fields[static_cast<std::size_t>(f)].name, schema_.fields[static_cast<std::size_t>(f)].label);
    for (int s : sec.sections) {
      list(schema_.sections[static_cast<std::size_t>(s)].name, schema_.sections[static_cast<std::size_t>(s)].label);
    }
    std::string shown_key = key;
    if (shown_key.size() > 64) {  // a hostile key is named, not echoed whole
      std::size_t cut = 60;
      while (cut > 0 && (static_cast<unsigned char>(shown_key[cut]) & 0xC0) == 0x80) --cut;
      shown_key = shown_key.substr(0, cut) + "...";
    }
    std::string path = sec.path.empty() ? shown_key : sec.path + "." + shown_key;
    std::string near = key.size() > 64 ? "" : suggest(key, names);
    return Rejection{path, ErrorCode::unknown_name, "record.unknown_field",
                     {arg("path", path),
                      arg("hint", near.empty() ? LocalizedText{} : localized("record.did_you_mean", {arg("name", near)})),
                      arg("has", names.empty() ? LocalizedText{} : localized("record.section_has", {arg("names", listed)}))}};
  }

  std::vector<Slot>& slots() { return RecordAccess::slots(record_); }

  // A member given twice under two names (degree and 学历) is a duplicate
  // key, as the same name twice is.
  // False (and the problem noted) when it was given before.
  bool given(std::size_t mark, const std::string& path, const std::string& key) {
    if (given_[mark].empty()) {
      given_[mark] = key;
      return true;
    }
    problem(Rejection{path, ErrorCode::duplicate, "record.given_twice",
                      {arg("path", path), arg("first", given_[mark]), arg("second", key)}});
    return false;
  }

  void field(int index, const std::string& key, const YamlNode& value) {
    const FieldDef& f = schema_.fields[static_cast<std::size_t>(index)];
    if (!given(static_cast<std::size_t>(index), f.path, key)) return;
    if (value.kind == YamlNode::Kind::null) return;  // null: unknown, as if absent
    if (!value.is_scalar()) {
      problem(Rejection{f.path, ErrorCode::wrong_type, "record.expected", {arg("expected", expectation(f)), arg("value", shown(value))}});
      return;
    }
    try {
      fields_.read(f, ScalarText{value.value, value.quoted});
    } catch (Rejection& r) {
      problem(std::move(r));
    }
  }

  void child(int index, const std::string& key, const YamlNode& value) {
    const SectionDef& sec = schema_.sections[static_cast<std::size_t>(index)];
    if (!given(schema_.fields.size() + static_cast<std::size_t>(index), sec.path, key)) return;
    if (value.kind == YamlNode::Kind::null) return;  // given as empty: the applicant has none
    if (!value.is_map()) {
      problem(Rejection{sec.path, ErrorCode::wrong_type, "record.section.wrong_type", {arg("value", shown(value))}});
      return;
    }
    slots()[static_cast<std::size_t>(sec.slot)].present = true;
    section(value, index);
  }

  // A key that is not the name of a member of section `index`: a label or a
  // dotted path the schema's forms allow, or an unknown field.
  void other_name(const SectionDef& sec, int index, const std::string& key, const YamlNode& value) {
    MemberName name;
    if (!find_member(schema_, index, key, name)) {
      if (unknown_ == UnknownFields::reject) problem(unknown_field(sec, key));
      if (unknown_ == UnknownFields::warn) RecordAccess::ignored(record_).push_back(sec.path.empty() ? key : sec.path + "." + key);
      return;
    }
    RecordAccess::normalized(record_).push_back(Normalization{name.path, key, name.path});
    // A dotted name puts the sections on its way in the record, unless its
    // value is empty: an optional section whose fields are all empty is absent.
    if (value.kind != YamlNode::Kind::null) {
      for (int s : name.through) slots()[static_cast<std::size_t>(schema_.sections[static_cast<std::size_t>(s)].slot)].present = true;
    }
    if (name.field >= 0) field(name.field, key, value);
    else child(name.section, key, value);
  }

  const Schema& schema_;
  Record& record_;
  FieldReader fields_;
  std::size_t limit_;
  std::vector<Rejection> problems_;
  std::size_t more_ = 0;  // problems past the limit
  UnknownFields unknown_;
  std::vector<std::string> given_;  // the key each member was given by, fields then sections
};

// The schema's choice when the caller leaves it to the schema.
UnknownFields chosen(const Schema& schema, UnknownFields unknown) {
  return unknown == UnknownFields::schema ? schema.forms.unknown_fields : unknown;
}

// The record's id for a result, when readable: under `id`, or the id field's
// label or alias where the schema's forms allow those.
const YamlNode* id_node(const Schema& schema, const YamlNode& root) {
  if (const YamlNode* id = root.find("id")) return id;
  for (const auto& [key, value] : root.entries) {
    MemberName name;
    if (find_member(schema, 0, key.value, name) && name.field == schema.id_field) return &value;
  }
  return nullptr;
}

}  // namespace

// A rejected record's result: `errors`, the first of them as `error`.
void set_errors(ParsedRecord& out, std::vector<RecordError> errors) {
  out.record.reset();
  out.errors = std::move(errors);
  if (out.errors.empty()) out.error.reset();
  else out.error = out.errors.front();
}

ParsedRecord build_record(const RuleSet& rules, const YamlNode& root, bool json, std::size_t number,
                          const RecordLimits& limits, UnknownFields unknown) {
  const Schema& schema = rules.compiled().schema;
  ParsedRecord out;
  out.number = number;
  if (root.is_map()) {
    if (const YamlNode* id = id_node(schema, root); id && id->is_scalar() && valid_utf8(id->value) &&
                                                  id->value.size() <= limits.max_string_bytes) {
      out.id = id->value;
    }
  }
  if (!root.is_map()) {
    set_errors(out, {record_error(ErrorCode::wrong_type, "record.not_an_object",
                                  {arg("found", localized(std::string("record.kind.") + root.kind_name()))})});
    return out;
  }
  Record record;
  RecordAccess::slots(record).resize(schema.slot_count);
  RecordBuilder builder(schema, json, limits, chosen(schema, unknown), record);
  builder.section(root, 0);
  std::vector<RecordError> errors = builder.errors();
  if (!errors.empty()) {
    set_errors(out, std::move(errors));
    return out;
  }
  RecordAccess::rule_set_serial(record) = RuleSetAccess::serial(rules);
  out.record = std::move(record);
  return out;
}

namespace {

// A record over the size limit, before anything reads it.
ParsedRecord too_large(std::size_t size, std::size_t number, const RecordLimits& limits) {
  ParsedRecord out;
  out.number = number;
  set_errors(out, {record_error(ErrorCode::limit, "record.too_large",
                                {arg("size", std::to_string(size)), arg("limit", std::to_string(limits.max_record_bytes))})});
  return out;
}

// The text without a byte order mark; whether it is JSON. Text that opens
// like JSON is JSON, and a JSON syntax error rejects it: YAML would read
// `{"degree": }` as an unknown degree. Only a mapping whose first key is
// unquoted ({id: A-1, degree: master}) is a YAML flow record.
bool opens_as_json(std::string_view& text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || (text[first] != '{' && text[first] != '[')) return false;
  std::size_t next = text.find_first_not_of(" \t\r\n", first + 1);
  return text[first] == '[' || next == std::string_view::npos || text[next] == '"' || text[next] == '}';
}

// A record read through the node tree: YAML always, JSON when the direct
// reader gave it back. `text` has no byte order mark.
ParsedRecord parse_through_tree(const RuleSet& rules, std::string_view text, bool json, std::size_t number,
                                const RecordLimits& limits, UnknownFields unknown) {
  ParsedRecord out;
  out.number = number;
  YamlNode root;
  if (json) {
    RecordError json_error{"", ErrorCode::syntax, ""};
    if (!parse_json_tree(text, limits, root, json_error)) {
      // The JSON parser stops at an ill-formed byte with a syntax message;
      // text that is not UTF-8 is unreadable, as a YAML record's would be.
      if (json_error.code == ErrorCode::syntax && !valid_utf8(text)) json_error.code = ErrorCode::unreadable;
      set_errors(out, {std::move(json_error)});
      return out;
    }
    return build_record(rules, root, true, number, limits, unknown);
  }
  if (!valid_utf8(text)) {
    set_errors(out, {record_error(ErrorCode::unreadable, "record.not_utf8")});
    return out;
  }
  YamlDocument doc;
  Diagnostic error;
  YamlLimits yaml_limits;
  yaml_limits.max_depth = limits.max_depth;
  if (!parse_yaml("record", text, yaml_limits, doc, error)) {
    // The parser's own words stay in the English message; the Chinese one
    // says what kind of problem it is.
    const char* kind = error.code == ErrorCode::limit       ? "record.yaml.limit"
                       : error.code == ErrorCode::duplicate  ? "record.yaml.duplicate"
                       : error.code == ErrorCode::wrong_type ? "record.yaml.wrong_type"
                                                             : "record.yaml.syntax";
    set_errors(out, {record_error(error.code, "record.yaml",
                                  {arg("line", std::to_string(error.line)), arg("column", std::to_string(error.column)),
                                   arg("what", LocalizedText{message(kind, Language::zh), error.message})})});
    return out;
  }
  return build_record(rules, doc.root, false, number, limits, unknown);
}

}  // namespace

ParsedRecord parse_record_with_tree(const RuleSet& rules, std::string_view text, std::size_t number,
                                    const RecordLimits& limits, UnknownFields unknown) {
  if (text.size() > limits.max_record_bytes) return too_large(text.size(), number, limits);
  bool json = opens_as_json(text);
  return parse_through_tree(rules, text, json, number, limits, unknown);
}

}  // namespace talent::detail

namespace talent {

struct RecordParser::State {
  std::shared_ptr<const RuleSet> rules;
  RecordLimits limits;
  UnknownFields unknown = UnknownFields::schema;
  detail::JsonRecordReader json;
  std::string id;
};

RecordParser::RecordParser(const RuleSet& rules, RecordLimits limits) : state_(std::make_unique<State>()) {
  state_->rules = rules.shared_from_this();
  state_->limits = limits;
}
RecordParser::RecordParser(const RuleSet& rules, RecordLimits limits, UnknownFields unknown_fields)
    : RecordParser(rules, limits) {
  state_->unknown = unknown_fields;
}
RecordParser::~RecordParser() = default;
RecordParser::RecordParser(RecordParser&&) noexcept = default;
RecordParser& RecordParser::operator=(RecordParser&&) noexcept = default;

void RecordParser::parse(std::string_view text, std::size_t number, ParsedRecord& out) {
  State& s = *state_;
  const RuleSet& rules = *s.rules;
  if (text.size() > s.limits.max_record_bytes) {
    out = detail::too_large(text.size(), number, s.limits);
    return;
  }
  bool json = detail::opens_as_json(text);
  if (json) {
    const detail::Schema& schema = rules.compiled().schema;
    Record& record = out.record ? *out.record : out.record.emplace();
    detail::reset_record(schema, record);
    bool has_id = false;
    if (s.json.read(schema, s.limits, text, record, s.id, has_id)) {
      detail::RecordAccess::rule_set_serial(record) = detail::RuleSetAccess::serial(rules);
      out.number = number;
      out.line = 0;
      out.error.reset();
      out.errors.clear();
      if (!has_id || s.id.size() > s.limits.max_string_bytes) out.id.reset();
      else if (out.id) out.id->assign(s.id);
      else out.id.emplace(s.id);
      return;
    }
  }
  out = detail::parse_through_tree(rules, text, json, number, s.limits, s.unknown);
}

void RecordParser::parse(const RecordText& text, ParsedRecord& out) {
  if (!text.error) {
    parse(text.text, text.number, out);
  } else {
    out = ParsedRecord{};
    out.number = text.number;
    detail::set_errors(out, {*text.error});
  }
  out.line = text.line;
}

ParsedRecord parse_record(const RuleSet& rules, std::string_view text, std::size_t number, const RecordLimits& limits) {
  ParsedRecord out;
  RecordParser(rules, limits).parse(text, number, out);
  return out;
}

ParsedRecord parse_record(const RuleSet& rules, std::string_view text, std::size_t number, const RecordLimits& limits,
                          UnknownFields unknown_fields) {
  ParsedRecord out;
  RecordParser(rules, limits, unknown_fields).parse(text, number, out);
  return out;
}

}  // namespace talent
