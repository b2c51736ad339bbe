// Language stage: the record schema a pack declares, as data: enums with
// their aliases, fields with types, and sections, optional or not. It is what
// the checker resolves names against; the pack's schema_loader fills it from
// schema.yaml, and the record parser and the evaluator lay records out by it.
//
// The schema's `forms:` say which other forms a record may write values and
// names in (RecordForms, talent/rule_set.hpp).
//
// Every field and every section gets one slot in a record; an optional
// section's slot says whether the applicant has it at all.
#pragma once

#include "base/value_type.hpp"
#include "talent/rule_set.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

struct EnumValue {
  std::string id;
  LocalizedText label;
  std::vector<std::string> aliases;
};

struct EnumDef {
  std::string name;
  std::vector<EnumValue> values;
  std::vector<std::string> ids() const;
  // Index of a value by id or alias, or -1.
  int find(std::string_view text) const;
};

struct FieldDef {
  std::string path;  // "employment.status"
  std::string name;  // "status"
  ValueType type = ValueType::string;
  int enum_id = -1;
  bool required = false;
  bool changeable = true;  // `mutable: false`: a fact the applicant cannot change (a degree, a graduation date)
  LocalizedText label;
  std::vector<std::string> aliases;  // other names for it (RecordForms::label_names)
  int section = 0;   // owning section (0 = the record itself)
  int slot = 0;
  std::optional<std::int64_t> min;  // int fields; decimal fields, in units of 10^-places
  std::optional<std::int64_t> max;
  int places = 0;                   // decimal fields: the decimals a value may have
};

struct SectionDef {
  std::string path;  // "" for the record itself
  std::string name;
  bool optional = false;  // absent means "the applicant has none"
  LocalizedText label;
  LocalizedText absent;   // an optional section's absence in words: 无购房记录
  std::vector<std::string> aliases;
  int parent = -1;
  int slot = 0;
  std::vector<int> fields;
  std::vector<int> sections;
};

struct Schema {
  std::vector<EnumDef> enums;
  std::vector<FieldDef> fields;
  std::vector<SectionDef> sections;  // [0] is the record itself
  int id_field = -1;
  int name_field = -1;  // the record's `name`, a top-level string field, when the schema has one
  std::size_t slot_count = 0;
  RecordForms forms;  // the schema's `forms:`; canonical only without it

  int find_field(std::string_view path) const;
  int find_section(std::string_view path) const;
  int find_enum(std::string_view name) const;
  std::vector<std::string> field_paths() const;
};

}  // namespace talent::detail
