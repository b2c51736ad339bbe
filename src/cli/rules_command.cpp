// talent rules / talent validate: what a pack says, and whether it loads.
#include "cli/cli.hpp"

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
  out << (zh ? "  周期：每 " : "  cycle: every ") << s.every_years << (zh ? " 年，首个周期自 " : " years, the first from ")
      << format_date(s.first_cycle) << (zh ? " 起\n  名额：" : "\n  quota: ") << s.quota << "\n";
  out << (zh ? "  候选条件：\n" : "  candidacy:\n");
  for (const ConditionInfo& c : s.candidacy) {
    out << "    - " << c.label.in(lang) << "  [" << c.id << (c.from.empty() ? "" : (zh ? "，来自 " : ", from ") + c.from)
        << "]\n        " << c.expression << "\n";
  }
  out << (zh ? "  排序：" : "  ranking: ");
  for (std::size_t i = 0; i < s.ranking.size(); ++i) {
    out << (i ? ", " : "") << s.ranking[i].key << " " << (s.ranking[i].descending ? (zh ? "降序" : "descending") : (zh ? "升序" : "ascending"));
  }
  out << (zh ? "\n  奖励：" : "\n  award: ") << s.award_expression << "\n";
  for (const ConditionInfo& r : s.remarks) out << (zh ? "  说明：" : "  note: ") << r.label.in(lang) << "  (" << r.expression << ")\n";
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
    out << "  " << param.id << "  " << param.label.in(lang) << ": ";
    if (!value) {
      out << (zh ? "（尚无取值）\n" : "(no value yet)\n");
      continue;
    }
    if (param.by.empty()) out << value->value;
    for (std::size_t i = 0; i < value->rows.size(); ++i) {
      out << (i ? ", " : (zh ? "按 " : "by ") + param.by + " ") << value->rows[i].first << " " << value->rows[i].second;
    }
    out << (zh ? "（自 " : " (since ") << format_date(value->since) << (zh ? " 起）\n" : ")\n");
  }
  if (!rules->named_expressions().empty()) out << (zh ? "\n定义：\n" : "\ndefinitions:\n");
  for (const NamedExpressionInfo& x : rules->named_expressions()) {
    out << "  " << x.id << "  " << x.label.in(lang) << ": " << x.expression << "\n";
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
          << (c.from.empty() ? "" : (zh ? "，来自 " : ", from ") + c.from) << "]\n        " << c.expression << "\n";
    }
    out << (zh ? "  金额：" : "  amount: ");
    if (!p.amount_table.empty() && p.amount_expression.empty()) {
      out << (zh ? "按 " : "by ") << p.amount_table_field << "\n";
      for (const AmountRow& row : p.amount_table) out << "    " << row.key << ": " << row.amount.to_string() << "\n";
    } else {
      out << p.amount_expression << "\n";
    }
    if (!p.window_start.empty()) out << (zh ? "  期限：" : "  window: ") << p.window_start << " .. " << p.window_end << "\n";
    for (const ConditionInfo& r : p.remarks) out << (zh ? "  说明：" : "  note: ") << r.label.in(lang) << "  (" << r.expression << ")\n";
    if (!p.notes.in(lang).empty()) out << "  " << p.notes.in(lang) << "\n";
  }
  for (const SelectionInfo& s : rules->selections()) print_selection(*rules, s, lang, out);
  if (!rules->unencoded_clauses().empty()) {
    out << "\n" << (zh ? "尚未编码的条款" : "clauses not encoded yet");
    if (!readings_doc.empty()) out << (zh ? "（解读见 " : " (readings: see ") << readings_doc << (zh ? "）" : ")");
    out << (zh ? "：\n" : ":\n");
    for (const UnencodedClause& u : rules->unencoded_clauses()) {
      out << "  " << u.clause << ": " << u.reason.in(lang) << "\n";
    }
  }
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
