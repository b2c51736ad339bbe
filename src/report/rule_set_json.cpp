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
  if (!c.parameters.empty()) j["parameters"] = c.parameters;
  if (!c.programs.empty()) j["programs"] = c.programs;
  if (!c.from.empty()) j["from"] = c.from;
  if (!c.decision.empty()) j["reading"] = c.decision;
  return j;
}

Json program_json(const RuleSet& rules, const ProgramInfo& p, Language language) {
  Json j;
  j["program"] = p.id;
  j["title"] = p.title.in(language);
  j["clause"] = p.clause;
  j["frequency"] = to_string(p.frequency);
  if (p.version < rules.versions().size()) j["version"] = rules.versions()[p.version].id;
  Json conditions = Json::array();
  for (const ConditionInfo& c : p.conditions) conditions.push_back(condition_json(c, language));
  j["conditions"] = std::move(conditions);
  Json amount = Json::object();
  if (!p.amount_expression.empty()) amount["expression"] = p.amount_expression;
  if (!p.amount_parameters.empty()) amount["parameters"] = p.amount_parameters;
  if (!p.amount_table.empty()) {
    Json rows = Json::object();
    for (const AmountRow& row : p.amount_table) rows[row.key] = row.amount.to_string();
    amount["by"] = p.amount_table_field;
    amount["table"] = std::move(rows);
  }
  j["amount"] = std::move(amount);
  if (!p.window_start.empty()) j["window"] = {{"start", p.window_start}, {"end", p.window_end}};
  Json remarks = Json::array();
  for (const ConditionInfo& r : p.remarks) remarks.push_back({{"id", r.id}, {"text", r.label.in(language)}, {"expression", r.expression}});
  j["notes"] = std::move(remarks);
  j["readings"] = p.decisions;
  return j;
}

// A selection program: its cycle, quota, candidacy, ranking and award.
Json selection_json(const SelectionInfo& s, Language language) {
  Json j;
  j["program"] = s.id;
  j["title"] = s.title.in(language);
  j["clause"] = s.clause;
  j["cycle"] = {{"every_years", s.every_years}, {"first", format_date(s.first_cycle)}};
  j["quota"] = s.quota;
  Json candidacy = Json::array();
  for (const ConditionInfo& c : s.candidacy) candidacy.push_back(condition_json(c, language));
  j["candidacy"] = std::move(candidacy);
  Json ranking = Json::array();
  for (const RankingKeyInfo& k : s.ranking) ranking.push_back({{"key", k.key}, {"order", k.descending ? "descending" : "ascending"}});
  j["ranking"] = std::move(ranking);
  j["award"] = {{"expression", s.award_expression}, {"parameters", s.award_parameters}};
  j["readings"] = s.decisions;
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

Json version_json(const RuleSet& rules, const VersionInfo& v, Language language) {
  Json j;
  j["version"] = v.id;
  j["title"] = v.title.in(language);
  j["effective_from"] = format_date(v.effective_from);
  j["source"] = {{"document", v.source.document}, {"clause", v.source.clause}, {"published", v.source.published}};
  Json programs = Json::array();
  for (std::size_t i : v.programs) programs.push_back(rules.programs()[i].id);
  j["programs"] = std::move(programs);
  return j;
}

Json parameter_json(const ParameterInfo& p, Language language) {
  Json j;
  j["parameter"] = p.id;
  j["label"] = p.label.in(language);
  j["type"] = p.type;
  if (!p.by.empty()) j["by"] = p.by;
  if (!p.clause.empty()) j["clause"] = p.clause;
  Json history = Json::array();
  for (const ParameterValueInfo& v : p.history) {
    Json value;
    value["since"] = format_date(v.since);
    if (p.by.empty()) {
      value["value"] = v.value;
    } else {
      Json rows = Json::object();
      for (const auto& [key, text] : v.rows) rows[key] = text;
      value["table"] = std::move(rows);
    }
    history.push_back(std::move(value));
  }
  j["history"] = std::move(history);
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
  Json versions = Json::array();
  for (const VersionInfo& v : rules.versions()) versions.push_back(version_json(rules, v, language));
  out["versions"] = std::move(versions);
  Json programs = Json::array();
  for (const ProgramInfo& p : rules.programs()) programs.push_back(program_json(rules, p, language));
  out["programs"] = std::move(programs);
  Json selections = Json::array();
  for (const SelectionInfo& s : rules.selections()) selections.push_back(selection_json(s, language));
  out["selections"] = std::move(selections);
  Json parameters = Json::array();
  for (const ParameterInfo& p : rules.parameters()) parameters.push_back(parameter_json(p, language));
  out["parameters"] = std::move(parameters);
  Json definitions = Json::array();
  for (const NamedExpressionInfo& n : rules.named_expressions()) {
    definitions.push_back({{"name", n.id}, {"label", n.label.in(language)}, {"expression", n.expression}});
  }
  out["definitions"] = std::move(definitions);
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
