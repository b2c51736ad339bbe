// talent — check applicants against Hohhot's talent-subsidy rules.
#include "cli/cli.hpp"
#include "cli/output.hpp"

#include <boost/program_options/errors.hpp>

#include <sched.h>

#include <csignal>
#include <iostream>
#include <thread>

namespace talent::cli {

std::shared_ptr<const RuleSet> load_rules(const std::string& dir, std::ostream& err) {
  if (dir.empty()) return builtin_rule_set();
  LoadResult r = load_rule_set(dir);
  if (!r.ok()) {
    err << format(r.diagnostics);
    err << r.diagnostics.size() << (r.diagnostics.size() == 1 ? " error" : " errors") << " in the rule pack " << dir << "\n";
    return nullptr;
  }
  return r.rule_set;
}

boost::program_options::variables_map parse_arguments(const std::vector<std::string>& args,
                                                       const boost::program_options::options_description& options,
                                                       std::vector<std::string>& operands) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()("operand", po::value(&operands));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("operand", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

Language parse_language(const std::string& text) {
  if (text == "zh") return Language::zh;
  if (text == "en") return Language::en;
  throw UsageError{"--lang must be zh or en, not '" + text + "'"};
}

unsigned cores_available() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

Date parse_as_of(const std::string& text) {
  if (text.empty() || text == "today") return today();
  auto d = parse_date(text);
  if (!d) throw UsageError{"--as-of must be a real date YYYY-MM-DD, not '" + text + "'"};
  return *d;
}

}  // namespace talent::cli

namespace {

const char* kUsage =
    "usage: talent <command> [options]\n"
    "\n"
    "commands:\n"
    "  check [FILE...]      decide every program for the applicants in FILE (- for stdin)\n"
    "  batch [FILE...]      the same, one JSON decision per line (JSON Lines)\n"
    "  rules                list the programs, their clauses and conditions\n"
    "  validate DIR         load the rule pack in DIR and report its problems\n"
    "  test PATH...         run policy regression suites (e.g. rules/hohhot-talent-25/tests)\n"
    "  timeline [FILE...]   when each program's outcome changes as the as-of date moves\n"
    "  diff --against NEW [FILE...]\n"
    "                       what changes for the applicants in FILE from one rule pack to another\n"
    "  schema               the fields a record may carry and how each may be written\n"
    "  template             a blank record to fill in (YAML, or a spreadsheet header with --format csv)\n"
    "  ask [FILE]           ask for the facts still needed, then decide\n"
    "  serve                decide records over HTTP (JSON), reloading the pack when it changes\n"
    "  replay LOG           decide the receipts of a decision log again and report differences\n"
    "  select --program NAME --cycle YYYY [FILE]\n"
    "                       rank a cycle's candidates for a selection award\n"
    "\n"
    "Run 'talent <command> --help' for a command's options.\n"
    "With no --rules, talent uses its built-in pack (rules/hohhot-talent-25).\n";

}  // namespace

namespace {

// Runs one command; its exit status.
int run(const std::string& command, std::vector<std::string>& args) {
  using namespace talent::cli;
  try {
    // An empty value would otherwise read as an option not given: `--as-of ""`
    // as today, `--rules ""` as the built-in pack. Say so instead.
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      bool empty_after_equals = a.rfind("--", 0) == 0 && a.find('=') == a.size() - 1;
      if (a.empty() || empty_after_equals) {
        std::string option = empty_after_equals ? a.substr(0, a.size() - 1) : i > 0 ? args[i - 1] : "";
        throw UsageError{option.rfind("-", 0) == 0 ? "'" + option + "' was given an empty value"
                                                   : std::string("an empty argument; name a file, or - for standard input")};
      }
    }
    if (command == "check") return check_command(args, std::cout, std::cerr, false);
    if (command == "batch") return check_command(args, std::cout, std::cerr, true);
    if (command == "rules") return rules_command(args, std::cout, std::cerr);
    if (command == "validate") return validate_command(args, std::cout, std::cerr);
    if (command == "test") return test_command(args, std::cout, std::cerr);
    if (command == "timeline") return timeline_command(args, std::cout, std::cerr);
    if (command == "diff") return diff_command(args, std::cout, std::cerr);
    if (command == "schema") return schema_command(args, std::cout, std::cerr);
    if (command == "template") return template_command(args, std::cout, std::cerr);
    if (command == "ask") return ask_command(args, std::cin, std::cout, std::cerr);
    if (command == "serve") return serve_command(args, std::cout, std::cerr);
    if (command == "replay") return replay_command(args, std::cout, std::cerr);
    if (command == "select") return select_command(args, std::cout, std::cerr);
    std::cerr << "talent: unknown command '" << command << "'\n\n" << kUsage;
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "talent " << command << ": " << e.message << "\n";
    return kExitUsage;
  } catch (const boost::program_options::error& e) {
    std::cerr << "talent " << command << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "talent " << command << ": out of memory\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    // Nothing is meant to arrive here; if something does, say so plainly
    // rather than abort.
    std::cerr << "talent " << command << ": stopped by an unexpected error: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace talent::cli;
  // Unsynchronised streams are buffered: standard input is then read in
  // blocks rather than one C stdio call per byte.
  std::ios::sync_with_stdio(false);
  // A closed pipe is a write error to report, not a signal to die of.
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return finish_standard_output("", args.empty() ? kExitUsage : kExitOk);
  }
  std::string command = args[0];
  args.erase(args.begin());
  return finish_standard_output(command, run(command, args));
}
