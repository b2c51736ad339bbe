// talent check / talent batch: decisions for applicants, one per record.
#include "cli/cli.hpp"

#include <boost/program_options.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

struct CheckOptions {
  std::string rules_dir;
  std::string as_of;
  std::string format = "text";
  std::string lang = "zh";
  bool no_reasons = false;
  bool what_if = false;
  std::vector<std::string> files;
};

// Evaluates every record of `in`; returns whether any was rejected. An input
// holding no record at all is said so on `err`, not passed over in silence.
bool check_stream(const RuleSet& rules, std::istream& in, const std::string& name, Date as_of, bool json,
                  Language lang, bool explain, bool what_if, std::ostream& out, std::ostream& err, bool& first) {
  RecordReader reader(rules, in);
  ParsedRecord parsed;
  bool rejected = false;
  std::size_t count = 0;
  while (reader.next(parsed)) {
    ++count;
    if (!json && !first) out << "\n";
    first = false;
    if (parsed.record) {
      try {
        Decision d = evaluate(rules, *parsed.record, as_of, EvaluateOptions{explain});
        if (what_if) {
          std::vector<ProgramSuggestions> s = suggest(rules, *parsed.record, as_of);
          out << (json ? to_json(rules, d, lang, s) + "\n" : to_text(rules, d, lang, s));
        } else {
          out << (json ? to_json(rules, d, lang) + "\n" : to_text(rules, d, lang));
        }
        continue;
      } catch (const EvaluationError& e) {
        parsed.error = RecordError{"", e.code(), e.what()};
      }
    }
    rejected = true;
    out << (json ? to_json(parsed) + "\n" : to_text(parsed, lang));
  }
  if (count == 0) err << "talent: no records in " << (name == "-" ? "standard input" : name) << "\n";
  return rejected;
}

}  // namespace

int check_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool batch) {
  CheckOptions o;
  po::options_description desc(batch ? "talent batch [options] [FILE...]" : "talent check [options] [FILE...]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&o.rules_dir), "rule pack folder (default: the built-in pack)")
      ("as-of", po::value(&o.as_of), "decide as of this date, YYYY-MM-DD (default: today)")
      ("lang", po::value(&o.lang), "zh or en (default: zh)")
      ("no-reasons", po::bool_switch(&o.no_reasons), "leave out the per-condition reasons")
      ("what-if", po::bool_switch(&o.what_if), "for each program not granted, the fewest changes of facts that would grant it");
  if (batch) o.format = "json";
  desc.add_options()("format", po::value(&o.format), batch ? "json (batch always writes JSON Lines)" : "text or json (default: text)");
  po::variables_map vm = parse_arguments(args, desc, o.files);
  if (vm.count("help")) {
    out << desc << "\nFILE holds one record (YAML or JSON) or many (JSON Lines, or YAML documents\n"
                   "separated by ---); '-' or no FILE reads standard input.\n";
    return kExitOk;
  }
  if (o.format != "json" && (batch || o.format != "text")) {
    throw UsageError{std::string("--format must be ") + (batch ? "json" : "text or json") + ", not '" + o.format + "'"};
  }
  bool json = batch || o.format == "json";
  Language lang = parse_language(o.lang);
  Date as_of = parse_as_of(o.as_of);
  if (o.files.empty()) o.files.push_back("-");
  for (const auto& f : o.files) {
    std::error_code ec;
    if (f != "-" && !std::filesystem::is_regular_file(f, ec)) {
      throw UsageError{"cannot read '" + f + "': " + (std::filesystem::exists(f, ec) ? "not a file" : "no such file")};
    }
    if (f != "-" && !std::ifstream(f)) throw UsageError{"cannot open '" + f + "'"};
  }
  auto rules = load_rules(o.rules_dir, err);
  if (!rules) return kExitUsage;
  if (as_of < rules->effective_from()) {
    err << "talent: note: " << format_date(as_of) << " is before " << rules->id() << " took effect ("
        << format_date(rules->effective_from()) << "); deciding under its rules anyway\n";
  }
  bool rejected = false;
  bool first = true;
  for (const auto& f : o.files) {
    if (f == "-") {
      rejected = check_stream(*rules, std::cin, f, as_of, json, lang, !o.no_reasons, o.what_if, out, err, first) || rejected;
      if (std::ferror(stdin)) {  // std::cin's buffer reports read errors only here
        err << "talent: reading standard input failed: " << std::strerror(errno) << "\n";
        rejected = true;
      }
    } else {
      std::ifstream in(f, std::ios::binary);
      rejected = check_stream(*rules, in, f, as_of, json, lang, !o.no_reasons, o.what_if, out, err, first) || rejected;
    }
  }
  out.flush();
  return rejected ? kExitRejected : kExitOk;
}

}  // namespace talent::cli
