#include "talent/report.hpp"

#include <nlohmann/json.hpp>

namespace talent {
namespace {

using Json = nlohmann::ordered_json;

bool zh(Language language) { return language == Language::zh; }

// "学习形式 = 全日制": a seen value with the schema's labels in `language`.
std::string seen_item(const RuleSet& rules, const SeenValue& s, Language language) {
  bool z = zh(language);
  if (s.path == "as_of") return (z ? "核定日期 = " : "as-of date = ") + s.value.value_or("");
  if (s.path == "cycle_start") return (z ? "评选周期首日 = " : "cycle's first day = ") + s.value.value_or("");
  if (s.path == "cycle_end") return (z ? "评选周期末日 = " : "cycle's last day = ") + s.value.value_or("");
  const FieldInfo* field = rules.find_field(s.path);
  std::string name = field && !field->label.in(language).empty() ? field->label.in(language) : s.path;
  if (!s.value) return name + (z ? " 未提供" : " not given");
  if (field && field->type == FieldType::section) return name + (z ? " 已提供" : " given");
  std::string value = *s.value;
  if (field && field->type == FieldType::boolean) value = value == "true" ? (z ? "是" : "yes") : (z ? "否" : "no");
  if (field) {
    for (const auto& v : field->values) {
      if (v.id == value && !v.label.in(language).empty()) value = v.label.in(language);
    }
  }
  return name + " = " + value;
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

const char* verdict(Status status, Language language) {
  switch (status) {
    case Status::eligible: return zh(language) ? "符合" : "eligible";
    case Status::ineligible: return zh(language) ? "不符合" : "not eligible";
    case Status::needs_info: return zh(language) ? "需补充材料" : "needs information";
  }
  return "?";
}

}  // namespace

std::string reason_detail(const RuleSet& rules, const Reason& reason, Language language) {
  std::string out;
  for (const auto& s : reason.seen) {
    if (!out.empty()) out += zh(language) ? "，" : ", ";
    out += seen_item(rules, s, language);
  }
  // Another program's outcome, by its title: "高校毕业生购房补贴 = 符合".
  for (const auto& u : reason.programs) {
    if (!out.empty()) out += zh(language) ? "，" : ", ";
    std::string title = u.program;
    for (const ProgramInfo& p : rules.programs()) {
      if (p.id == u.program) title = p.title.in(language);
    }
    out += title + " = " + verdict(u.status, language);
  }
  return out;
}

std::string to_json(const RuleSet& rules, const Decision& decision, Language language) {
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
    if (!p.reasons.empty()) {
      Json reasons = Json::array();
      for (const Reason& r : p.reasons) {
        const ConditionInfo& c = info.conditions[r.condition];
        Json reason;
        reason["condition"] = c.id;
        reason["result"] = r.result == Truth::unknown ? Json(nullptr) : Json(r.result == Truth::yes);
        reason["label"] = c.label.in(language);
        Json seen = Json::object();
        for (const auto& s : r.seen) seen[s.path] = s.value ? Json(*s.value) : Json(nullptr);
        reason["seen"] = std::move(seen);
        if (!r.parameters.empty()) reason["parameters"] = parameters_json(r.parameters);
        if (!r.programs.empty()) {
          Json outcomes = Json::object();
          for (const auto& u : r.programs) outcomes[u.program] = to_string(u.status);
          reason["programs"] = std::move(outcomes);
        }
        if (!c.from.empty()) reason["from"] = c.from;
        reason["detail"] = c.label.in(language) + (zh(language) ? "：" : ": ") + reason_detail(rules, r, language);
        reasons.push_back(std::move(reason));
      }
      j["reasons"] = std::move(reasons);
    }
    if (p.amount && !p.amount_seen.empty()) {
      Json basis = Json::object();
      for (const auto& s : p.amount_seen) basis[s.path] = s.value ? Json(*s.value) : Json(nullptr);
      j["amount_basis"] = std::move(basis);
    }
    if (p.amount && !p.amount_parameters.empty()) j["amount_parameters"] = parameters_json(p.amount_parameters);
    if (!p.remarks.empty()) {
      Json notes = Json::array();
      for (std::size_t r : p.remarks) notes.push_back({{"id", info.remarks[r].id}, {"text", info.remarks[r].label.in(language)}});
      j["notes"] = std::move(notes);
    }
    programs.push_back(std::move(j));
  }
  out["programs"] = std::move(programs);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_json(const ParsedRecord& rejected) {
  Json out;
  out["id"] = rejected.id ? Json(*rejected.id) : Json(nullptr);
  out["record"] = rejected.number;
  Json error;
  if (rejected.error) {
    error["field"] = rejected.error->field.empty() ? Json(nullptr) : Json(rejected.error->field);
    error["code"] = to_string(rejected.error->code);
    error["message"] = rejected.error->message;
  }
  out["error"] = std::move(error);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_text(const RuleSet& rules, const Decision& decision, Language language) {
  bool z = zh(language);
  std::string out;
  out += (z ? "申请人 " : "Applicant ") + decision.id + (z ? "　核定日期 " : "  as of ") + format_date(decision.as_of) +
         (z ? "　政策 " : "  rules ") + rules.id() + " " + rules.version();
  if (rules.versions().size() > 1 && decision.version < rules.versions().size()) {
    const VersionInfo& v = rules.versions()[decision.version];
    out += (z ? "（适用版本 " : " (in force: ") + v.id + (z ? "，自 " : ", since ") + format_date(v.effective_from) +
           (z ? " 起）" : ")");
  }
  out += "\n";
  for (const ProgramDecision& p : decision.programs) {
    const ProgramInfo& info = rules.programs()[p.program];
    const char* mark = p.status == Status::eligible ? "✔" : p.status == Status::ineligible ? "✘" : "?";
    out += std::string("  ") + mark + " " + info.title.in(language) + " [" + info.clause + "] " + verdict(p.status, language);
    if (p.amount) {
      if (info.frequency == Frequency::monthly) out += z ? "：每月 " + p.amount->to_string() + " 元" : ": " + p.amount->to_string() + " yuan per month";
      else out += z ? "：一次性 " + p.amount->to_string() + " 元" : ": " + p.amount->to_string() + " yuan once";
    }
    if (p.window) {
      out += z ? "，期限 " + format_date(p.window->start) + " 至 " + format_date(p.window->end)
               : ", from " + format_date(p.window->start) + " to " + format_date(p.window->end);
    }
    out += "\n";
    for (const Reason& r : p.reasons) {
      if (r.result != Truth::no) continue;
      const ConditionInfo& c = info.conditions[r.condition];
      out += std::string("      ") + (z ? "未满足：" : "not met: ") + c.label.in(language) + (z ? "（" : " (") +
             reason_detail(rules, r, language) + (z ? "）" : ")") + "\n";
    }
    if (p.status == Status::needs_info) {
      for (const std::string& m : p.missing) {
        out += std::string("      ") + (z ? "缺少：" : "missing: ") + field_name(rules, m, language) + "\n";
      }
    }
    for (std::size_t r : p.remarks) out += std::string("      ") + (z ? "说明：" : "note: ") + info.remarks[r].label.in(language) + "\n";
  }
  return out;
}

std::string to_text(const ParsedRecord& rejected, Language language) {
  bool z = zh(language);
  std::string out = z ? "记录 #" : "Record #";
  out += std::to_string(rejected.number);
  if (rejected.id) out += " (" + *rejected.id + ")";
  out += z ? " 无法受理：" : " rejected: ";
  if (rejected.error) {
    if (!rejected.error->field.empty()) out += (z ? "字段 " : "field ") + rejected.error->field + ": ";
    out += rejected.error->message;
  }
  return out + "\n";
}

}  // namespace talent
