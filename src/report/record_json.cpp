// Report stage: a record written back in canonical form (report.hpp).
#include "talent/report.hpp"

#include "eval/fact_values.hpp"
#include "pack/rule_set_access.hpp"
#include "record/record_access.hpp"
#include "report/json_writer.hpp"

#include <stdexcept>

namespace talent {
namespace {

using detail::RecordAccess;
using detail::Schema;

bool section_given(const Schema& schema, const Record& record, int index) {
  const detail::SectionDef& sec = schema.sections[static_cast<std::size_t>(index)];
  const auto& slots = RecordAccess::slots(record);
  if (slots[static_cast<std::size_t>(sec.slot)].present) return true;
  for (int f : sec.fields) {
    if (slots[static_cast<std::size_t>(schema.fields[static_cast<std::size_t>(f)].slot)].present) return true;
  }
  for (int s : sec.sections) {
    if (section_given(schema, record, s)) return true;
  }
  return false;
}

void write_section(const Schema& schema, const Record& record, int index, detail::JsonWriter& w) {
  const detail::SectionDef& sec = schema.sections[static_cast<std::size_t>(index)];
  const auto& slots = RecordAccess::slots(record);
  w.open_object();
  for (int f : sec.fields) {
    const detail::FieldDef& def = schema.fields[static_cast<std::size_t>(f)];
    const detail::Slot& slot = slots[static_cast<std::size_t>(def.slot)];
    if (!slot.present) continue;
    w.key(def.name);
    if (def.type == detail::ValueType::string) {
      w.string(RecordAccess::strings(record)[static_cast<std::size_t>(slot.number)]);
      continue;
    }
    std::string text = detail::canonical_text(schema, def, detail::FactValue{slot.number, slot.date});
    if (def.type == detail::ValueType::boolean || def.type == detail::ValueType::integer) w.json(text);
    else w.string(text);
  }
  for (int s : sec.sections) {
    if (!section_given(schema, record, s)) continue;
    w.key(schema.sections[static_cast<std::size_t>(s)].name);
    write_section(schema, record, s, w);
  }
  w.close_object();
}

}  // namespace

std::string canonical_json(const RuleSet& rules, const Record& record) {
  if (RecordAccess::rule_set_serial(record) != detail::RuleSetAccess::serial(rules)) {
    throw std::invalid_argument("talent::canonical_json: the record was not parsed with this rule set");
  }
  std::string out;
  detail::JsonWriter w(out);
  write_section(rules.compiled().schema, record, 0, w);
  return out;
}

}  // namespace talent
