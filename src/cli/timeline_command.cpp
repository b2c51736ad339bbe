// talent timeline: when each program's outcome changes for an applicant, as
// the as-of date moves over a range of days.
#include "cli/cli.hpp"

#include "talent/timeline.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace talent::cli {

int timeline_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules_dir, as_of_text, from_text, until_text, format = "text", lang_text;
  std::vector<std::string> files;
  po::options_description desc("talent timeline [options] [FILE...]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "rule pack folder (default: the built-in pack)")
      ("as-of", po::value(&as_of_text), "the middle of the range, YYYY-MM-DD (default: today)")
      ("from", po::value(&from_text), "first day of the range (default: 10 years before the as-of date)")
      ("to", po::value(&until_text), "last day of the range (default: 10 years after the as-of date)")
      ("format", po::value(&format), "text or json (default: text)")
      ("lang", po::value(&lang_text), "zh or en (default: zh)");
  po::variables_map vm = parse_arguments(args, desc, files);
  if (vm.count("help")) {
    out << help_text("timeline", language_of(args));
    return kExitOk;
  }
  if (format != "text" && format != "json") throw one_of("--format", "text, json", format);
  bool zh = parse_language(lang_text) == Language::zh;
  Date as_of = parse_as_of(as_of_text);
  auto shift = [&](long years) {
    auto d = add_years(as_of, years);
    return d ? *d : as_of;
  };
  Date from = from_text.empty() ? shift(-10) : parse_as_of(from_text);
  Date to = until_text.empty() ? shift(10) : parse_as_of(until_text);
  if (to < from) throw usage("cli.usage.to_before_from", {arg("to", format_date(to)), arg("from", format_date(from))});
  if (files.empty()) files.push_back("-");
  auto rules = load_rules(rules_dir, err);
  if (!rules) return kExitUsage;
  bool rejected = false;
  for (const std::string& f : files) {
    std::ifstream file;
    if (f != "-") {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(f, ec)) throw cannot_read(f);
      file.open(f, std::ios::binary);
      if (!file) throw usage("cli.usage.cannot_open", {arg("file", f)});
    }
    RecordReader reader(*rules, f == "-" ? std::cin : file);
    ParsedRecord parsed;
    while (reader.next(parsed)) {
      if (parsed.record) {
        try {
          Timeline t = timeline(*rules, *parsed.record, from, to);
          out << (format == "json" ? to_json(*rules, t) + "\n" : to_text(*rules, t, zh ? Language::zh : Language::en));
          continue;
        } catch (const EvaluationError& e) {
          parsed.error = to_record_error(*rules, e);
          parsed.errors.assign(1, *parsed.error);
        }
      }
      rejected = true;
      out << (format == "json" ? to_json(parsed) + "\n" : to_text(parsed, zh ? Language::zh : Language::en));
    }
  }
  out.flush();
  return rejected ? kExitRejected : kExitOk;
}

}  // namespace talent::cli
