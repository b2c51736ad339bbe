// talent rules / talent validate: what a pack says, and whether it loads.
#include "cli/cli.hpp"
#include "cli/rule_words.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

// A selection program: decided by `talent select` for a cycle's candidates.
void print_selection(const RuleSet& rules, const SelectionInfo& s, Language lang, std::ostream& out) {
  bool zh = lang == Language::zh;
  const std::string& readings_doc = rules.readings_document();
  out << "\n" << s.title.in(lang) << "  [" << s.id << "]  " << (zh ? "评选（talent select）" : "selection (talent select)") << "\n";
  if (!s.decisions.empty()) {
    out << (zh ? "  解读：" : "  readings: ");
    for (std::size_t i = 0; i < s.decisions.size(); ++i) out << (i ? ", " : "") << s.decisions[i];
    if (!readings_doc.empty()) out << (zh ? "（见 " : " (see ") << readings_doc << (zh ? "）" : ")");
    out << "\n";
  }
  if (const Clause* c = rules.find_clause(s.clause)) out << "  " << c->id << (zh ? "：“" : ": \"") << c->text << (zh ? "”\n" : "\"\n");
  // The cycle's length and quota as the first cycle's rules say them.
  auto value = [&](const std::string& id) {
    const ParameterInfo* p = find_parameter(rules, id);
    std::string words = p ? parameter_words(rules, *p, s.first_cycle, lang) : "";
    return words.empty() ? id : words;
  };
  out << (zh ? "  周期：每 " : "  cycle: every ") << value(s.every_years) << (zh ? " 年，首个周期自 " : " years, the first from ")
      << format_date(s.first_cycle) << (zh ? " 起\n  名额：" : "\n  quota: ") << value(s.quota) << "\n";
  out << (zh ? "  候选条件：\n" : "  candidacy:\n");
  for (const ConditionInfo& c : s.candidacy) {
    out << "    - " << c.label.in(lang) << "  [" << c.id << (c.from.empty() ? "" : (zh ? "，来自 " : ", from ") + c.from)
        << "]\n        " << expression_words(rules, c.expression, lang) << "\n";
  }
  out << (zh ? "  排序：" : "  ranking: ");
  for (std::size_t i = 0; i < s.ranking.size(); ++i) {
    out << (i ? (zh ? "，" : ", ") : "") << expression_words(rules, s.ranking[i].key, lang) << " "
        << (s.ranking[i].descending ? (zh ? "降序" : "descending") : (zh ? "升序" : "ascending"));
  }
  out << (zh ? "\n  奖励：" : "\n  award: ") << expression_words(rules, s.award_expression, lang) << "\n";
  for (const ConditionInfo& r : s.remarks) {
    out << (zh ? "  说明：" : "  note: ") << r.label.in(lang) << (zh ? "（" : " (") << expression_words(rules, r.expression, lang)
        << (zh ? "）\n" : ")\n");
  }
  if (!s.notes.in(lang).empty()) out << "  " << s.notes.in(lang) << "\n";
}

}  // namespace

int rules_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules_dir, lang_text, as_of_text, format = "text";
  po::options_description desc("talent rules [options]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "rule pack folder (default: the built-in pack)")
      ("lang", po::value(&lang_text), "zh or en (default: zh)")
      ("format", po::value(&format),
       "text, or json: every version's programs, conditions, parameters and fields, with their "
       "labels in the --lang language (what --reasons compact leaves out of decisions)")
      ("as-of", po::value(&as_of_text), "show the rules in force on this date, YYYY-MM-DD (default: today)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).positional({}).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    out << help_text("rules", language_of(args));
    return kExitOk;
  }
  if (format != "text" && format != "json") throw one_of("--format", "text, json", format);
  Language lang = parse_language(lang_text);
  bool zh = lang == Language::zh;
  auto rules = load_rules(rules_dir, err);
  if (!rules) return kExitUsage;
  if (format == "json") {
    out << to_json(*rules, lang) << "\n";
    return kExitOk;
  }
  // Where the pack explains the readings its programs cite, if it says.
  const std::string& readings_doc = rules->readings_document();
  out << rules->title().in(lang) << " (" << rules->id() << " " << rules->version() << ")\n";
  out << (zh ? "来源：" : "source: ") << rules->source_document() << "\n";
  out << (zh ? "生效日期：" : "effective from: ") << format_date(rules->effective_from()) << "\n";
  out << (zh ? "摘要：" : "digest: ") << rules->digest() << "\n";
  Date as_of = parse_as_of(as_of_text);
  std::size_t in_force = rules->version_at(as_of);
  const auto& versions = rules->versions();
  out << (zh ? "版本：\n" : "versions:\n");
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const VersionInfo& v = versions[i];
    out << (i == in_force ? "  * " : "    ") << v.id << (zh ? "  自 " : "  from ") << format_date(v.effective_from) << "  "
        << v.source.document << (v.source.clause.empty() ? "" : " " + v.source.clause) << "\n";
  }
  out << (zh ? "以下为 " : "Below: the rules in force on ") << format_date(as_of)
      << (zh ? " 施行的规则（版本 " : " (version ") << versions[in_force].id << (zh ? "）\n" : ")\n");
  if (!rules->parameters().empty()) out << (zh ? "\n参数（" : "\nparameters (") << format_date(as_of) << (zh ? " 时的取值）：\n" : "):\n");
  for (const ParameterInfo& param : rules->parameters()) {
    // As decisions do: a date before the first version reads the values of
    // the day it takes effect.
    Date on = std::max(as_of, versions[in_force].effective_from);
    const ParameterValueInfo* value = nullptr;
    for (const auto& h : param.history) {
      if (!(on < h.since)) value = &h;
    }
    out << "  " << param.label.in(lang) << (zh ? "（" : " (") << param.id << (zh ? "）：" : "): ");
    if (!value) {
      out << (zh ? "尚无取值\n" : "no value yet\n");
      continue;
    }
    out << parameter_words(*rules, param, on, lang) << (zh ? "（自 " : " (since ") << format_date(value->since)
        << (zh ? " 起）\n" : ")\n");
  }
  if (!rules->named_expressions().empty()) out << (zh ? "\n定义：\n" : "\ndefinitions:\n");
  for (const NamedExpressionInfo& x : rules->named_expressions()) {
    out << "  " << x.label.in(lang) << (zh ? "（" : " (") << x.id << (zh ? "）：" : "): ")
        << expression_words(*rules, x.expression, lang) << "\n";
  }
  for (std::size_t index : versions[in_force].programs) {
    const ProgramInfo& p = rules->programs()[index];
    out << "\n" << p.title.in(lang) << "  [" << p.id << "]  " << (zh ? (p.frequency == Frequency::monthly ? "按月" : "一次性") : to_string(p.frequency)) << "\n";
    if (!p.decisions.empty()) {
      out << (zh ? "  解读：" : "  readings: ");
      for (std::size_t i = 0; i < p.decisions.size(); ++i) out << (i ? ", " : "") << p.decisions[i];
      if (!readings_doc.empty()) out << (zh ? "（见 " : " (see ") << readings_doc << (zh ? "）" : ")");
      out << "\n";
    }
    if (const Clause* c = rules->find_clause(p.clause)) out << "  " << c->id << (zh ? "：“" : ": \"") << c->text << (zh ? "”\n" : "\"\n");
    out << (zh ? "  条件：\n" : "  conditions:\n");
    for (const ConditionInfo& c : p.conditions) {
      out << "    - " << c.label.in(lang) << "  [" << c.id << (c.decision.empty() ? "" : ", " + c.decision)
          << (c.from.empty() ? "" : (zh ? "，来自 " : ", from ") + c.from) << "]\n        "
          << expression_words(*rules, c.expression, lang) << "\n";
    }
    // 金额（每月）：按学历，博士研究生 1000.00 元、……; a parameter by its values.
    out << (zh ? "  金额（" : "  amount (") << p.amount_label.in(lang) << (zh ? "）：" : "): ");
    const ParameterInfo* amount = find_parameter(*rules, p.amount_expression);
    std::string amount_values = amount ? parameter_words(*rules, *amount, std::max(as_of, versions[in_force].effective_from), lang) : "";
    if (!p.amount_table.empty() && p.amount_expression.empty()) {
      const LocalizedText* by = rules->field_label(p.amount_table_field);
      out << (zh ? "按" : "by ") << (by && !by->in(lang).empty() ? by->in(lang) : p.amount_table_field) << (zh ? "，" : ", ");
      for (std::size_t i = 0; i < p.amount_table.size(); ++i) {
        out << (i ? (zh ? "、" : ", ") : "") << enum_words(*rules, p.amount_table_field, p.amount_table[i].key, lang) << " "
            << value_words("money", p.amount_table[i].amount.to_string(), lang);
      }
      out << "\n";
    } else {
      out << (amount_values.empty() ? expression_words(*rules, p.amount_expression, lang) : amount_values) << "\n";
    }
    if (!p.window_start.empty()) {
      out << (zh ? "  期限：自" : "  window: from ") << expression_words(*rules, p.window_start, lang) << (zh ? "至" : " to ")
          << expression_words(*rules, p.window_end, lang) << (zh ? "（含）\n" : ", inclusive\n");
    }
    for (const ConditionInfo& r : p.remarks) {
      out << (zh ? "  说明：" : "  note: ") << r.label.in(lang) << (zh ? "（" : " (") << expression_words(*rules, r.expression, lang)
          << (zh ? "）\n" : ")\n");
    }
    if (!p.notes.in(lang).empty()) out << "  " << p.notes.in(lang) << "\n";
  }
  for (const SelectionInfo& s : rules->selections()) print_selection(*rules, s, lang, out);
  if (!rules->unencoded_clauses().empty()) {
    out << "\n" << (zh ? "尚未编码的条款" : "clauses not encoded yet");
    if (!readings_doc.empty()) out << (zh ? "（解读见 " : " (readings: see ") << readings_doc << (zh ? "）" : ")");
    out << (zh ? "：\n" : ":\n");
    for (const UnencodedClause& u : rules->unencoded_clauses()) {
      out << "  " << u.clause << (zh ? "：" : ": ") << u.reason.in(lang) << "\n";
    }
  }
  return kExitOk;
}

int version_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string lang_text;
  po::options_description desc("talent version [options]");
  desc.add_options()("help,h", "show this help")("lang", po::value(&lang_text), "zh or en (default: zh)");
  std::vector<std::string> operands;
  if (parse_arguments(args, desc, operands).count("help")) {
    out << help_text("version", language_of(args));
    return kExitOk;
  }
  if (!operands.empty()) throw usage("cli.usage.unexpected_argument", {arg("value", operands[0])});
  bool zh = parse_language(lang_text) == Language::zh;
  auto rules = load_rules("", err);
  out << "talent " << version() << "\n"
      << (zh ? "内置政策包：" : "built-in pack: ") << rules->id() << " " << rules->version() << " " << rules->digest() << "\n";
  return kExitOk;
}

int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 1 || args[0] == "--help" || args[0] == "-h") {
    if (args.size() == 1) {
      out << help_text("validate", language_of(args));
      return kExitOk;
    }
    throw usage("cli.usage.validate_one_folder");
  }
  LoadResult r = load_rule_set(args[0]);
  if (!r.ok()) {
    err << format(r.diagnostics);
    err << r.diagnostics.size() << (r.diagnostics.size() == 1 ? " error" : " errors") << "\n";
    return 1;
  }
  const auto& versions = r.rule_set->versions();
  Language language = environment_language();
  std::string more;
  if (versions.size() > 1) more += message("cli.validate.versions", language, {arg("count", std::to_string(versions.size()))});
  if (!r.rule_set->selections().empty()) {
    more += message("cli.validate.selections", language, {arg("count", std::to_string(r.rule_set->selections().size()))});
  }
  out << display_text(message("cli.validate.ok", language,
                              {arg("dir", args[0]), arg("pack", r.rule_set->id()), arg("version", r.rule_set->version()),
                               arg("programs", std::to_string(versions.back().programs.size())), arg("more", more),
                               arg("digest", r.rule_set->digest())}))
      << "\n";
  return kExitOk;
}

}  // namespace talent::cli
