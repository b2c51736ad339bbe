// The rule set itself as JSON: what is in force, for programs that ask.
#include "talent/report.hpp"

#include <nlohmann/json.hpp>

namespace talent {
namespace {

using Json = nlohmann::ordered_json;

Json condition_json(const ConditionInfo& c, Language language) {
  Json j;
  j["condition"] = c.id;
  j["label"] = c.label.in(language);
  j["expression"] = c.expression;
  j["fields"] = c.fields_read;
  if (!c.decision.empty()) j["reading"] = c.decision;
  return j;
}

Json program_json(const ProgramInfo& p, Language language) {
  Json j;
  j["program"] = p.id;
  j["title"] = p.title.in(language);
  j["clause"] = p.clause;
  j["frequency"] = to_string(p.frequency);
  Json conditions = Json::array();
  for (const ConditionInfo& c : p.conditions) conditions.push_back(condition_json(c, language));
  j["conditions"] = std::move(conditions);
  if (!p.amount_table.empty()) {
    Json rows = Json::object();
    for (const AmountRow& row : p.amount_table) rows[row.key] = row.amount.to_string();
    j["amount"] = {{"by", p.amount_table_field}, {"table", std::move(rows)}};
  } else {
    j["amount"] = {{"expression", p.amount_expression}};
  }
  if (!p.window_start.empty()) j["window"] = {{"start", p.window_start}, {"end", p.window_end}};
  Json remarks = Json::array();
  for (const ConditionInfo& r : p.remarks) remarks.push_back({{"id", r.id}, {"text", r.label.in(language)}, {"expression", r.expression}});
  j["notes"] = std::move(remarks);
  j["readings"] = p.decisions;
  return j;
}

Json field_json(const FieldInfo& f, Language language) {
  Json j;
  j["path"] = f.path;
  j["type"] = to_string(f.type);
  j["label"] = f.label.in(language);
  if (f.type == FieldType::enumeration) {
    Json values = Json::array();
    for (const EnumValueInfo& v : f.values) values.push_back({{"value", v.id}, {"label", v.label.in(language)}});
    j["values"] = std::move(values);
  }
  return j;
}

}  // namespace

std::string to_json(const RuleSet& rules, Language language) {
  Json out;
  out["id"] = rules.id();
  out["version"] = rules.version();
  out["digest"] = rules.digest();
  out["title"] = rules.title().in(language);
  out["source_document"] = rules.source_document();
  if (!rules.readings_document().empty()) out["readings_document"] = rules.readings_document();
  out["effective_from"] = format_date(rules.effective_from());
  Json programs = Json::array();
  for (const ProgramInfo& p : rules.programs()) programs.push_back(program_json(p, language));
  out["programs"] = std::move(programs);
  Json fields = Json::array();
  for (const FieldInfo& f : rules.fields()) fields.push_back(field_json(f, language));
  out["fields"] = std::move(fields);
  Json clauses = Json::array();
  for (const Clause& c : rules.clauses()) clauses.push_back({{"clause", c.id}, {"title", c.title.in(language)}, {"text", c.text}});
  out["clauses"] = std::move(clauses);
  Json unencoded = Json::array();
  for (const UnencodedClause& u : rules.unencoded_clauses()) {
    unencoded.push_back({{"clause", u.clause}, {"reason", u.reason.in(language)}});
  }
  out["unencoded"] = std::move(unencoded);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace talent
