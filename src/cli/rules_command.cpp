// talent rules / talent validate: what a pack says, and whether it loads.
#include "cli/cli.hpp"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace talent::cli {

int rules_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules_dir, lang_text = "zh";
  po::options_description desc("talent rules [options]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "rule pack folder (default: the built-in pack)")
      ("lang", po::value(&lang_text), "zh or en (default: zh)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).positional({}).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    out << desc;
    return kExitOk;
  }
  Language lang = parse_language(lang_text);
  bool zh = lang == Language::zh;
  auto rules = load_rules(rules_dir, err);
  if (!rules) return kExitUsage;
  // Where the pack explains the readings its programs cite, if it says.
  const std::string& readings_doc = rules->readings_document();
  out << rules->title().in(lang) << " (" << rules->id() << " " << rules->version() << ")\n";
  out << (zh ? "来源：" : "source: ") << rules->source_document() << "\n";
  out << (zh ? "生效日期：" : "effective from: ") << format_date(rules->effective_from()) << "\n";
  out << (zh ? "摘要：" : "digest: ") << rules->digest() << "\n";
  for (const ProgramInfo& p : rules->programs()) {
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
      out << "    - " << c.label.in(lang) << "  [" << c.id << (c.decision.empty() ? "" : ", " + c.decision) << "]\n        "
          << c.expression << "\n";
    }
    out << (zh ? "  金额：" : "  amount: ");
    if (!p.amount_table.empty()) {
      out << (zh ? "按 " : "by ") << p.amount_table_field << "\n";
      for (const AmountRow& row : p.amount_table) out << "    " << row.key << ": " << row.amount.to_string() << "\n";
    } else {
      out << p.amount_expression << "\n";
    }
    if (!p.window_start.empty()) out << (zh ? "  期限：" : "  window: ") << p.window_start << " .. " << p.window_end << "\n";
    for (const ConditionInfo& r : p.remarks) out << (zh ? "  说明：" : "  note: ") << r.label.in(lang) << "  (" << r.expression << ")\n";
    if (!p.notes.in(lang).empty()) out << "  " << p.notes.in(lang) << "\n";
  }
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
      out << "usage: talent validate DIR\nLoads the rule pack in DIR and prints every problem as file:line:column.\n";
      return kExitOk;
    }
    throw UsageError{"expected one folder: talent validate DIR"};
  }
  LoadResult r = load_rule_set(args[0]);
  if (!r.ok()) {
    err << format(r.diagnostics);
    err << r.diagnostics.size() << (r.diagnostics.size() == 1 ? " error" : " errors") << "\n";
    return 1;
  }
  out << args[0] << ": ok — " << r.rule_set->id() << " " << r.rule_set->version() << ", "
      << r.rule_set->programs().size() << " programs, " << r.rule_set->digest() << "\n";
  return kExitOk;
}

}  // namespace talent::cli
