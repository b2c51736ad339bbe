// talent select: one cycle of a selection program, its candidates ranked and
// at most the quota selected.
#include "cli/cli.hpp"

#include "talent/selection.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

int parse_cycle(const std::string& text) {
  bool digits = text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos;
  int year = digits ? std::stoi(text) : 0;
  if (year < 1400) throw usage("cli.usage.cycle", {arg("value", text)});
  return year;
}

}  // namespace

int select_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules_dir, program, cycle_text, format = "text", lang_text;
  std::vector<std::string> files;
  po::options_description desc("talent select [options] --program NAME --cycle YYYY [FILE]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "rule pack folder (default: the built-in pack)")
      ("program", po::value(&program), "the selection program, e.g. craftsman_award")
      ("cycle", po::value(&cycle_text), "the year the cycle opens, YYYY")
      ("format", po::value(&format), "text or json (default: text)")
      ("lang", po::value(&lang_text), "zh or en (default: zh)");
  po::variables_map vm = parse_arguments(args, desc, files);
  if (vm.count("help")) {
    out << help_text("select", language_of(args));
    return kExitOk;
  }
  if (program.empty()) throw usage("cli.usage.program_required");
  if (cycle_text.empty()) throw usage("cli.usage.cycle_required");
  int cycle = parse_cycle(cycle_text);
  if (format != "text" && format != "json") throw one_of("--format", "text, json", format);
  Language lang = parse_language(lang_text);
  if (files.size() > 1) throw usage("cli.usage.select_one_file");
  std::string file = files.empty() ? "-" : files.front();
  std::ifstream in;
  if (file != "-") {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      throw cannot_read(file);
    }
    in.open(file, std::ios::binary);
    if (!in) throw usage("cli.usage.cannot_open", {arg("file", file)});
  }
  auto rules = load_rules(rules_dir, err);
  if (!rules) return kExitUsage;
  // A program or cycle the pack does not have is a usage error; a pack whose
  // cycle cannot be computed stops with its message.
  std::optional<Selection> s;
  auto decide = [&](const std::vector<ParsedRecord>& candidates) {
    try {
      s = select(*rules, program, cycle, candidates);
    } catch (const std::invalid_argument& e) {
      std::string known;
      bool selection = false;
      for (const SelectionInfo& info : rules->selections()) {
        known += (known.empty() ? "" : ", ") + info.id;
        selection = selection || info.id == program;
      }
      if (selection) throw usage("cli.usage.no_cycle", {arg("program", program), arg("year", cycle_text), arg("detail", e.what())});
      bool per_applicant = false;
      for (const ProgramInfo& p : rules->programs()) per_applicant = per_applicant || p.id == program;
      throw usage(per_applicant ? "cli.usage.program_per_applicant" : "cli.usage.no_selection_program",
                  {arg("program", program), arg("pack", rules->id()), arg("known", known)});
    } catch (const EvaluationError& e) {
      err << "talent select: " << e.what() << "\n";
      return false;
    }
    return true;
  };
  if (!decide({})) return kExitUsage;  // the program and the cycle, checked before any input is read
  std::vector<ParsedRecord> candidates;
  RecordReader reader(*rules, file == "-" ? std::cin : in);
  for (ParsedRecord p; reader.next(p);) candidates.push_back(std::move(p));
  if (candidates.empty()) {
    err << "talent: " << message("cli.no_records", lang, {arg("file", file == "-" ? message("text.standard_input", lang) : display_text(file))})
        << "\n";
  }
  if (!decide(candidates)) return kExitUsage;
  out << (format == "json" ? to_json(*rules, *s, lang) + "\n" : to_text(*rules, *s, lang));
  out.flush();
  return s->rejected.empty() ? kExitOk : kExitRejected;
}

}  // namespace talent::cli
