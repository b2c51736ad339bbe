#include "report/what_if.hpp"

#include "base/text.hpp"
#include "report/wording.hpp"

namespace talent {
namespace {

using detail::zh;

// A value as JSON: booleans and whole numbers typed, the rest as text.
Json typed(const FieldInfo* field, const std::string& value) {
  if (field && field->type == FieldType::boolean) return Json(value == "true");
  if (field && field->type == FieldType::integer) return Json(std::stoll(value));
  return Json(value);
}

// A value for a person: yes/no, an enum value's label, a rate as a
// percentage, the text otherwise.
std::string shown(const FieldInfo* field, const std::string& value, Language language) {
  if (!field) return value;
  if (field->type == FieldType::boolean) return value == "true" ? (zh(language) ? "是" : "yes") : (zh(language) ? "否" : "no");
  if (field->type == FieldType::rate) {
    if (auto rate = Rate::parse(value)) return rate->to_percent();
  }
  for (const auto& v : field->values) {
    if (v.id == value && !v.label.in(language).empty()) return v.label.in(language);
  }
  return value;
}

std::string condition_text(const RuleSet& rules, const FieldChange& c, Language language) {
  bool z = zh(language);
  const FieldInfo* field = rules.find_field(c.field);
  std::string name = field && !field->label.in(language).empty() ? field->label.in(language) : c.field;
  bool date = field && field->type == FieldType::date;
  if (c.set) return name + (z ? "为" : " is ") + shown(field, *c.set, language);
  if (!c.one_of.empty()) {
    std::string values;
    for (std::size_t i = 0; i < c.one_of.size(); ++i) {
      values += (i == 0 ? "" : z ? "或" : " or ") + shown(field, c.one_of[i], language);
    }
    return name + (z ? "为" : " is ") + values;
  }
  if (c.at_least && c.at_most) {
    std::string low = shown(field, *c.at_least, language), high = shown(field, *c.at_most, language);
    return z ? name + "在 " + low + " 至 " + high + " 之间" : name + " is between " + low + " and " + high;
  }
  if (c.at_least) return name + (z ? (date ? "不早于 " : "不少于 ") : " is at least ") + shown(field, *c.at_least, language);
  if (c.at_most) return name + (z ? (date ? "不晚于 " : "不超过 ") : " is at most ") + shown(field, *c.at_most, language);
  return name;
}

// "在市域内就业或创业为是", "提供毕业日期（在 … 至 … 之间）", "学习形式为全日制（不可更改）".
std::string change_text(const RuleSet& rules, const FieldChange& c, Language language) {
  bool z = zh(language);
  std::string text = condition_text(rules, c, language);
  if (c.provide) {
    const FieldInfo* field = rules.find_field(c.field);
    std::string name = field && !field->label.in(language).empty() ? field->label.in(language) : c.field;
    std::string rest = text.substr(std::min(text.size(), name.size()));
    if (z && rest.rfind("为", 0) == 0) rest = rest.substr(std::string("为").size());
    return z ? "提供" + name + "（" + rest + "）" : "the " + name + " given (it" + rest + ")";
  }
  return c.can_change ? text : text + (z ? "（不可更改）" : " (cannot change)");
}

}  // namespace

const ProgramSuggestions* suggestions_for(const std::vector<ProgramSuggestions>* what_if, std::size_t program) {
  if (!what_if) return nullptr;
  for (const auto& s : *what_if) {
    if (s.program == program) return &s;
  }
  return nullptr;
}

Json what_if_json(const RuleSet& rules, const ProgramSuggestions& suggestions) {
  Json out = Json::array();
  for (const Suggestion& s : suggestions.suggestions) {
    Json changes = Json::array();
    for (const FieldChange& c : s.changes) {
      const FieldInfo* field = rules.find_field(c.field);
      Json j = {{"field", c.field}};
      if (c.set) j["set"] = typed(field, *c.set);
      if (c.at_least) j["at_least"] = typed(field, *c.at_least);
      if (c.at_most) j["at_most"] = typed(field, *c.at_most);
      if (!c.one_of.empty()) j["one_of"] = c.one_of;
      if (!c.can_change) j["mutable"] = false;
      if (c.provide) j["provide"] = true;
      changes.push_back(std::move(j));
    }
    out.push_back({{"changes", std::move(changes)}});
  }
  return out;
}

std::string what_if_text(const RuleSet& rules, const ProgramInfo& program, const ProgramSuggestions& suggestions,
                         Language language) {
  bool z = zh(language);
  std::string out;
  if (suggestions.suggestions.empty()) {
    detail::append_display_line(z ? "      （改变少数几项事实不足以享受" + program.title.in(language) + "）"
                                  : "      (no change of a few facts would grant " + program.title.in(language) + ")",
                                out);
  }
  for (const Suggestion& s : suggestions.suggestions) {
    std::string changes;
    bool fixed = false;
    for (const FieldChange& c : s.changes) {
      changes += (changes.empty() ? "" : z ? "，且" : ", and ") + change_text(rules, c, language);
      fixed = fixed || !c.can_change;
    }
    const std::string& title = program.title.in(language);
    if (fixed) {
      detail::append_display_line(z ? "      需" + changes + "，方可享受" + title : "      would need: " + changes + " for " + title, out);
    } else {
      detail::append_display_line(z ? "      若" + changes + "，即可享受" + title : "      if " + changes + ": " + title, out);
    }
  }
  return out;
}

}  // namespace talent
