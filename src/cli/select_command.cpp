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
  if (year < 1400) throw UsageError{"--cycle must be the year a cycle opens, YYYY (1400-9999), not '" + text + "'"};
  return year;
}

}  // namespace

int select_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules_dir, program, cycle_text, format = "text", lang_text = "zh";
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
    out << desc << "\nFILE holds the cycle's candidates: applicant records with a 'selection' section\n"
                   "(JSON Lines, a JSON array, or YAML documents separated by ---); '-' or no FILE\n"
                   "reads standard input. Prints who is selected (rank and award), who is not and\n"
                   "why, who needs information (and the best rank they could reach), and the records\n"
                   "rejected: every record in exactly one list. Exit status: 0 when every record was\n"
                   "decided, 1 when any was rejected, 2 for usage errors or a pack that does not load.\n";
    return kExitOk;
  }
  if (program.empty()) throw UsageError{"--program is required: the selection program to decide, e.g. craftsman_award"};
  if (cycle_text.empty()) throw UsageError{"--cycle is required: the year the cycle opens, e.g. 2025"};
  int cycle = parse_cycle(cycle_text);
  if (format != "text" && format != "json") throw UsageError{"--format must be text or json, not '" + format + "'"};
  Language lang = parse_language(lang_text);
  if (files.size() > 1) throw UsageError{"expected one FILE holding all of the cycle's candidates"};
  std::string file = files.empty() ? "-" : files.front();
  std::ifstream in;
  if (file != "-") {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      throw UsageError{"cannot read '" + file + "': " + (std::filesystem::exists(file, ec) ? "not a file" : "no such file")};
    }
    in.open(file, std::ios::binary);
    if (!in) throw UsageError{"cannot open '" + file + "'"};
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
      throw UsageError{e.what()};
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
  if (candidates.empty()) err << "talent: no records in " << (file == "-" ? "standard input" : file) << "\n";
  if (!decide(candidates)) return kExitUsage;
  out << (format == "json" ? to_json(*rules, *s, lang) + "\n" : to_text(*rules, *s, lang));
  out.flush();
  return s->rejected.empty() ? kExitOk : kExitRejected;
}

}  // namespace talent::cli
