// talent replay: decide the receipts of a decision log again and report
// every difference.
#include "cli/cli.hpp"
#include "serve/replay.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace talent::cli {

int replay_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules_dir;
  po::options_description desc("talent replay [options] LOG");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "decide with the pack in this folder (default: the built-in pack)");
  std::vector<std::string> files;
  po::variables_map vm = parse_arguments(args, desc, files);
  if (vm.count("help")) {
    out << help_text("replay", language_of(args));
    return kExitOk;
  }
  if (files.size() != 1) throw usage("cli.usage.replay_one_log");
  const std::string& file = files.front();
  std::error_code ec;
  if (file != "-" && !std::filesystem::is_regular_file(file, ec)) {
    throw cannot_read(file);
  }
  auto rules = load_rules(rules_dir, err);
  if (!rules) return kExitUsage;
  std::ifstream in;
  if (file != "-") {
    in.open(file, std::ios::binary);
    if (!in) throw usage("cli.usage.cannot_open", {arg("file", file)});
  }
  serve::ReplaySummary s = serve::replay(*rules, file == "-" ? std::cin : in, file == "-" ? "standard input" : file, out, err);
  if (s.broken > 0) return kExitUsage;
  return s.differing > 0 ? kExitRejected : kExitOk;
}

}  // namespace talent::cli
