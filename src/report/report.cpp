#include "talent/report.hpp"

#include "report/what_if.hpp"
#include "report/wording.hpp"
#include "base/text.hpp"

#include <nlohmann/json.hpp>

namespace talent {
namespace {


using detail::verdict;
using detail::zh;

// "学习形式 = 全日制": a seen value with the schema's labels in `language`,
// appended to `out`.
void append_seen_item(const RuleSet& rules, const SeenValue& s, Language language, std::string& out) {
  bool z = zh(language);
  if (s.path == "as_of") {
    out += z ? "核定日期 = " : "as-of date = ";
    out += s.value.value_or("");
    return;
  }
  if (s.path == "cycle_start" || s.path == "cycle_end") {
    out += s.path == "cycle_start" ? (z ? "评选周期首日 = " : "cycle's first day = ") : (z ? "评选周期末日 = " : "cycle's last day = ");
    out += s.value.value_or("");
    return;
  }
  const FieldInfo* field = rules.find_field(s.path);
  if (!s.value && field && !field->absent.in(language).empty()) {
    out += field->absent.in(language);  // an optional section the applicant does not have: 无购房记录
    return;
  }
  out += field && !field->label.in(language).empty() ? field->label.in(language) : s.path;
  if (!s.value) {
    out += z ? " 未提供" : " not given";
    return;
  }
  if (field && field->type == FieldType::section) {
    out += z ? " 已提供" : " given";
    return;
  }
  const std::string* value = &*s.value;
  static const std::string yes_zh = "是", no_zh = "否", yes_en = "yes", no_en = "no";
  if (field && field->type == FieldType::boolean) value = *value == "true" ? (z ? &yes_zh : &yes_en) : (z ? &no_zh : &no_en);
  std::string percent;
  if (field && field->type == FieldType::rate) {
    if (auto rate = Rate::parse(*value)) value = &(percent = rate->to_percent());  // 3.85%
  }
  if (field) {
    for (const auto& v : field->values) {
      if (v.id == *value && !v.label.in(language).empty()) value = &v.label.in(language);
    }
  }
  out += " = ";
  out += *value;
}

std::string field_name(const RuleSet& rules, const std::string& path, Language language) {
  const LocalizedText* label = rules.field_label(path);
  if (!label || label->in(language).empty()) return path;
  return label->in(language) + " (" + path + ")";
}

// {"rent_years": {"value": "2", "since": "2024-12-01"}}
Json parameters_json(const std::vector<ParameterUse>& used) {
  Json out = Json::object();
  for (const auto& u : used) {
    out[u.parameter] = {{"value", u.value ? Json(*u.value) : Json(nullptr)}, {"since", format_date(u.since)}};
  }
  return out;
}

}  // namespace

void append_reason_detail(const RuleSet& rules, const Reason& reason, Language language, std::string& out) {
  std::size_t start = out.size();
  auto is_day = [](const SeenValue& s) { return s.path == "as_of" || s.path == "cycle_start" || s.path == "cycle_end"; };
  // The record's values, then the named dates they came to, then the day
  // they are compared with: 毕业日期 = 2023-06-30，毕业满2年之日为 2025-06-30，核定日期 = 2025-07-01.
  for (const auto& s : reason.seen) {
    if (is_day(s)) continue;
    if (out.size() != start) out += zh(language) ? "，" : ", ";
    append_seen_item(rules, s, language, out);
  }
  for (const auto& d : reason.definitions) {
    if (!d.value) continue;
    if (out.size() != start) out += zh(language) ? "，" : ", ";
    const std::string* label = &d.path;
    for (const NamedExpressionInfo& x : rules.named_expressions()) {
      if (x.id == d.path && !x.label.in(language).empty()) label = &x.label.in(language);
    }
    out += *label + (zh(language) ? "为 " : " is ") + *d.value;
  }
  for (const auto& s : reason.seen) {
    if (!is_day(s)) continue;
    if (out.size() != start) out += zh(language) ? "，" : ", ";
    append_seen_item(rules, s, language, out);
  }
  // Another program's outcome, by its title: "高校毕业生购房补贴 = 符合".
  for (const auto& u : reason.programs) {
    if (out.size() != start) out += zh(language) ? "，" : ", ";
    const std::string* title = &u.program;
    for (const ProgramInfo& p : rules.programs()) {
      if (p.id == u.program) title = &p.title.in(language);
    }
    out += *title;
    out += " = ";
    out += verdict(u.status, language);
  }
}

std::string reason_detail(const RuleSet& rules, const Reason& reason, Language language) {
  std::string out;
  append_reason_detail(rules, reason, language, out);
  return out;
}

namespace {

// The decision as a JSON tree; with `what_if`, each program it covers gets
// its suggestions.
Json decision_json(const RuleSet& rules, const Decision& decision, Language language,
                   const std::vector<ProgramSuggestions>* what_if, Reasons style) {
  Json out;
  out["id"] = decision.id;
  out["as_of"] = format_date(decision.as_of);
  out["ruleset"] = {{"id", rules.id()}, {"version", rules.version()}, {"digest", rules.digest()}};
  if (decision.version < rules.versions().size()) {
    const VersionInfo& v = rules.versions()[decision.version];
    out["ruleset"]["in_force"] = {{"version", v.id}, {"since", format_date(v.effective_from)}};
  }
  Json programs = Json::array();
  for (const ProgramDecision& p : decision.programs) {
    const ProgramInfo& info = rules.programs()[p.program];
    Json j;
    j["program"] = info.id;
    j["title"] = info.title.in(language);
    j["status"] = to_string(p.status);
    if (p.amount) j["amount"] = p.amount->to_string();
    j["frequency"] = to_string(info.frequency);
    if (p.window) j["window"] = {{"start", format_date(p.window->start)}, {"end", format_date(p.window->end)}};
    j["clause"] = info.clause;
    if (p.status == Status::needs_info) j["missing"] = p.missing;
    if (style != Reasons::none && !p.reasons.empty()) {
      Json reasons = Json::array();
      for (const Reason& r : p.reasons) {
        const ConditionInfo& c = info.conditions[r.condition];
        Json reason;
        reason["condition"] = c.id;
        reason["result"] = r.result == Truth::unknown ? Json(nullptr) : Json(r.result == Truth::yes);
        if (style == Reasons::full) reason["label"] = c.label.in(language);
        Json seen = Json::object();
        for (const auto& s : r.seen) seen[s.path] = s.value ? Json(*s.value) : Json(nullptr);
        reason["seen"] = std::move(seen);
        if (!r.parameters.empty()) reason["parameters"] = parameters_json(r.parameters);
        if (!r.programs.empty()) {
          Json outcomes = Json::object();
          for (const auto& u : r.programs) outcomes[u.program] = to_string(u.status);
          reason["programs"] = std::move(outcomes);
        }
        if (!r.definitions.empty()) {
          Json named = Json::object();
          for (const auto& d : r.definitions) named[d.path] = d.value ? Json(*d.value) : Json(nullptr);
          reason["definitions"] = std::move(named);
        }
        if (!c.from.empty()) reason["from"] = c.from;
        if (style == Reasons::full) {
          reason["detail"] = c.label.in(language) + (zh(language) ? "：" : ": ") + reason_detail(rules, r, language);
        }
        reasons.push_back(std::move(reason));
      }
      j["reasons"] = std::move(reasons);
    }
    if (style != Reasons::none && p.amount && !p.amount_seen.empty()) {
      Json basis = Json::object();
      for (const auto& s : p.amount_seen) basis[s.path] = s.value ? Json(*s.value) : Json(nullptr);
      j["amount_basis"] = std::move(basis);
    }
    if (style != Reasons::none && p.amount && !p.amount_parameters.empty()) {
      j["amount_parameters"] = parameters_json(p.amount_parameters);
    }
    if (!p.remarks.empty()) {
      Json notes = Json::array();
      for (std::size_t r : p.remarks) notes.push_back({{"id", info.remarks[r].id}, {"text", info.remarks[r].label.in(language)}});
      j["notes"] = std::move(notes);
    }
    if (const ProgramSuggestions* s = suggestions_for(what_if, p.program)) j["what_if"] = what_if_json(rules, *s);
    programs.push_back(std::move(j));
  }
  out["programs"] = std::move(programs);
  if (!decision.normalized.empty()) {
    Json normalized = Json::array();
    for (const Normalization& n : decision.normalized) normalized.push_back({{"field", n.field}, {"from", n.from}, {"to", n.to}});
    out["normalized"] = std::move(normalized);
  }
  if (!decision.ignored.empty()) out["ignored"] = decision.ignored;
  return out;
}

// "已识别字段名：学历→degree", "已规范输入：毕业日期 2024年6月30日→2024-06-30"
// and "已忽略未知字段：…": what the record wrote otherwise than canonically.
void append_input_notes(const RuleSet& rules, const Decision& decision, Language language, std::string& out) {
  bool z = zh(language);
  if (!decision.normalized.empty()) {
    std::string names, values;
    for (const Normalization& n : decision.normalized) {
      bool name = n.to == n.field;  // a field named otherwise; else a value written otherwise
      std::string& list = name ? names : values;
      if (!list.empty()) list += z ? (name ? "、" : "；") : (name ? ", " : "; ");
      if (!name) {
        const LocalizedText* label = rules.field_label(n.field);
        list += (label && !label->in(language).empty() ? label->in(language) : n.field) + " ";
      }
      list += n.from + "→" + n.to;
    }
    if (!names.empty()) detail::append_display_line((z ? "  已识别字段名：" : "  field names read: ") + names, out);
    if (!values.empty()) detail::append_display_line((z ? "  已规范输入：" : "  normalized: ") + values, out);
  }
  if (!decision.ignored.empty()) {
    detail::append_display_line((z ? "  已忽略未知字段：" : "  ignored unknown fields: ") + detail::join(decision.ignored, z ? "、" : ", "), out);
  }
}

}  // namespace

std::string to_json(const RuleSet& rules, const Decision& decision, Language language, Reasons reasons) {
  return decision_json(rules, decision, language, nullptr, reasons).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_json(const RuleSet& rules, const Decision& decision, Language language,
                    const std::vector<ProgramSuggestions>& what_if, Reasons reasons) {
  return decision_json(rules, decision, language, &what_if, reasons).dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

std::string decision_text(const RuleSet& rules, const Decision& decision, Language language,
                          const std::vector<ProgramSuggestions>* what_if) {
  bool z = zh(language);
  std::string out, line;
  line += (z ? "申请人 " : "Applicant ") + decision.id;
  if (!decision.name.empty()) line += (z ? "（" : " (") + decision.name + (z ? "）" : ")");
  line += (z ? "　核定日期 " : "  as of ") + format_date(decision.as_of) + (z ? "　" : "  ") +
          detail::rules_words(rules, decision.version, language);
  detail::append_display_line(line, out);
  for (const ProgramDecision& p : decision.programs) {
    const ProgramInfo& info = rules.programs()[p.program];
    const char* mark = p.status == Status::eligible ? "✔" : p.status == Status::ineligible ? "✘" : "?";
    line = std::string("  ") + mark + " " + info.title.in(language) + " [" + info.clause + "] " + verdict(p.status, language);
    if (p.amount) line += (z ? "：" : ": ") + detail::amount_words(info, *p.amount, language);
    if (p.window) {
      line += z ? "，期限 " + format_date(p.window->start) + " 至 " + format_date(p.window->end)
               : ", from " + format_date(p.window->start) + " to " + format_date(p.window->end);
    }
    detail::append_display_line(line, out);
    for (const Reason& r : p.reasons) {
      if (r.result != Truth::no) continue;
      const ConditionInfo& c = info.conditions[r.condition];
      detail::append_display_line(std::string("      ") + (z ? "未满足：" : "not met: ") + c.label.in(language) + (z ? "（" : " (") +
                                      reason_detail(rules, r, language) + (z ? "）" : ")"),
                                  out);
    }
    if (p.status == Status::needs_info) {
      for (const std::string& m : p.missing) {
        detail::append_display_line(std::string("      ") + (z ? "缺少：" : "missing: ") + field_name(rules, m, language), out);
      }
    }
    for (std::size_t r : p.remarks) {
      detail::append_display_line(std::string("      ") + (z ? "说明：" : "note: ") + info.remarks[r].label.in(language), out);
    }
    if (const ProgramSuggestions* s = suggestions_for(what_if, p.program)) out += what_if_text(rules, info, *s, language);
  }
  append_input_notes(rules, decision, language, out);
  return out;
}

}  // namespace

std::string to_text(const RuleSet& rules, const Decision& decision, Language language) {
  return decision_text(rules, decision, language, nullptr);
}

std::string to_text(const RuleSet& rules, const Decision& decision, Language language,
                    const std::vector<ProgramSuggestions>& what_if) {
  return decision_text(rules, decision, language, &what_if);
}


}  // namespace talent
