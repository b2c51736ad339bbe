#include "cli/rule_words.hpp"

namespace talent::cli {

const ParameterInfo* find_parameter(const RuleSet& rules, const std::string& id) {
  for (const ParameterInfo& p : rules.parameters()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string value_words(const std::string& type, const std::string& text, Language language) {
  bool zh = language == Language::zh;
  if (type == "money") return text + (zh ? " 元" : " yuan");
  if (type == "rate") {
    if (auto rate = Rate::parse(text)) return rate->to_percent();
  }
  if (type == "bool") return text == "true" ? (zh ? "是" : "yes") : (zh ? "否" : "no");
  return text;
}

std::string enum_words(const RuleSet& rules, const std::string& field, const std::string& value, Language language) {
  if (const FieldInfo* f = rules.find_field(field)) {
    for (const EnumValueInfo& v : f->values) {
      if (v.id == value && !v.label.in(language).empty()) return v.label.in(language);
    }
  }
  return value;
}

std::string parameter_words(const RuleSet& rules, const ParameterInfo& parameter, Date on, Language language) {
  bool zh = language == Language::zh;
  const ParameterValueInfo* value = nullptr;
  for (const auto& h : parameter.history) {
    if (!(on < h.since)) value = &h;
  }
  if (!value) return "";
  if (parameter.by.empty()) return value_words(parameter.type, value->value, language);
  const LocalizedText* by = rules.field_label(parameter.by);
  std::string out = (zh ? "按" : "by ") + (by && !by->in(language).empty() ? by->in(language) : parameter.by) + (zh ? "，" : ", ");
  for (std::size_t i = 0; i < value->rows.size(); ++i) {
    if (i) out += zh ? "、" : ", ";
    out += enum_words(rules, parameter.by, value->rows[i].first, language) + " " +
           value_words(parameter.type, value->rows[i].second, language);
  }
  return out;
}

}  // namespace talent::cli
