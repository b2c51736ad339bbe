// talent — check applicants against Hohhot's talent-subsidy rules.
#include "cli/cli.hpp"
#include "cli/output.hpp"

#include <boost/program_options/errors.hpp>

#include <sched.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

namespace talent::cli {

std::shared_ptr<const RuleSet> load_rules(const std::string& dir, std::ostream& err) {
  if (dir.empty()) return builtin_rule_set();
  LoadResult r = load_rule_set(dir);
  if (!r.ok()) {
    err << format(r.diagnostics);
    // A pack's problems are for its author, in the words of its diagnostics.
    err << r.diagnostics.size() << (r.diagnostics.size() == 1 ? " error" : " errors") << " in the rule pack "
        << display_text(dir) << "\n";
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

UsageError usage(const char* id, std::vector<MessageArg> args) { return UsageError{id, std::move(args)}; }

UsageError one_of(const char* option, const char* allowed, const std::string& value) {
  std::string listed = allowed, zh_listed;
  for (std::size_t at; (at = listed.find(", ")) != std::string::npos;) {
    zh_listed += listed.substr(0, at) + "、";
    listed.erase(0, at + 2);
  }
  zh_listed += listed;
  return usage("cli.usage.one_of", {arg("option", option), arg("allowed", LocalizedText{zh_listed, allowed}), arg("value", value)});
}

UsageError cannot_read(const std::string& file) {
  std::error_code ec;
  return usage(std::filesystem::exists(file, ec) ? "cli.usage.not_a_file" : "cli.usage.no_such_file", {arg("file", file)});
}

Language environment_language() {
  for (const char* name : {"LC_ALL", "LANG"}) {
    const char* value = std::getenv(name);
    if (value && *value) return std::string_view(value).substr(0, 2) == "en" ? Language::en : Language::zh;
  }
  return Language::zh;
}

Language language_of(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value = args[i] == "--lang" && i + 1 < args.size() ? args[i + 1]
                        : args[i].rfind("--lang=", 0) == 0      ? args[i].substr(7)
                                                                : "";
    if (value == "zh") return Language::zh;
    if (value == "en") return Language::en;
  }
  return environment_language();
}

std::string help_text(const std::string& command, Language language) {
  return message("cli.help." + command, language) + "\n";
}

Language parse_language(const std::string& text) {
  if (text.empty()) return environment_language();
  if (text == "zh") return Language::zh;
  if (text == "en") return Language::en;
  throw one_of("--lang", "zh, en", text);
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
  if (!d) throw usage("cli.usage.as_of", {arg("value", text)});
  return *d;
}

}  // namespace talent::cli

namespace {

// The commands, in the language of the environment.
std::string usage_text() { return talent::message("cli.usage", talent::cli::environment_language()) + "\n"; }

}  // namespace

namespace {

// A command line the option parser refused, worded from the message table;
// the parser's own words (English) only where no message says more.
std::string option_error(const boost::program_options::error& e, talent::Language language) {
  namespace po = boost::program_options;
  using talent::cli::arg;
  if (auto* u = dynamic_cast<const po::unknown_option*>(&e)) {
    return talent::message("cli.usage.unknown_option", language, {arg("option", u->get_option_name())});
  }
  if (auto* m = dynamic_cast<const po::multiple_occurrences*>(&e)) {
    return talent::message("cli.usage.option_twice", language, {arg("option", m->get_option_name())});
  }
  if (auto* v = dynamic_cast<const po::validation_error*>(&e)) {
    return talent::message("cli.usage.invalid_option_value", language, {arg("option", v->get_option_name())});
  }
  if (auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    const char* id = s->kind() == po::invalid_syntax::missing_parameter ? "cli.usage.missing_value"
                                                                        : "cli.usage.bad_syntax";
    return talent::message(id, language, {arg("option", s->get_option_name())});
  }
  if (auto* a = dynamic_cast<const po::ambiguous_option*>(&e)) {
    return talent::message("cli.usage.ambiguous_option", language, {arg("option", a->get_option_name())});
  }
  return talent::message("cli.usage.as_is", language, {arg("text", e.what())});
}

// Runs one command; its exit status.
int run(const std::string& command, std::vector<std::string>& args) {
  using namespace talent::cli;
  using talent::display_text;
  using talent::message;
  try {
    // An empty value would otherwise read as an option not given: `--as-of ""`
    // as today, `--rules ""` as the built-in pack. Say so instead.
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      bool empty_after_equals = a.rfind("--", 0) == 0 && a.find('=') == a.size() - 1;
      if (a.empty() || empty_after_equals) {
        std::string option = empty_after_equals ? a.substr(0, a.size() - 1) : i > 0 ? args[i - 1] : "";
        if (option.rfind("-", 0) == 0) throw usage("cli.usage.empty_value", {arg("option", option)});
        throw usage("cli.usage.empty_argument");
      }
    }
    if (command == "check") return check_command(args, std::cout, std::cerr, false);
    if (command == "batch") return check_command(args, std::cout, std::cerr, true);
    if (command == "rules") return rules_command(args, std::cout, std::cerr);
    if (command == "validate") return validate_command(args, std::cout, std::cerr);
    if (command == "version" || command == "--version") return version_command(args, std::cout, std::cerr);
    if (command == "test") return test_command(args, std::cout, std::cerr);
    if (command == "timeline") return timeline_command(args, std::cout, std::cerr);
    if (command == "diff") return diff_command(args, std::cout, std::cerr);
    if (command == "schema") return schema_command(args, std::cout, std::cerr);
    if (command == "template") return template_command(args, std::cout, std::cerr);
    if (command == "ask") return ask_command(args, std::cin, std::cout, std::cerr);
    if (command == "serve") return serve_command(args, std::cout, std::cerr);
    if (command == "replay") return replay_command(args, std::cout, std::cerr);
    if (command == "select") return select_command(args, std::cout, std::cerr);
    std::cerr << message("cli.unknown_command", language_of(args), {arg("command", display_text(command))}) << "\n\n"
              << usage_text();
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "talent " << display_text(command) << ": " << display_text(message(e.id, language_of(args), e.args)) << "\n";
    return kExitUsage;
  } catch (const boost::program_options::error& e) {
    std::cerr << "talent " << display_text(command) << ": " << display_text(option_error(e, language_of(args))) << "\n";
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "talent " << display_text(command) << ": " << message("cli.out_of_memory", language_of(args)) << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    // Nothing is meant to arrive here; if something does, say so plainly
    // rather than abort.
    std::cerr << "talent " << display_text(command) << ": "
              << display_text(message("cli.unexpected_error", language_of(args), {arg("text", e.what())})) << "\n";
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
    std::cout << usage_text();
    return finish_standard_output("", args.empty() ? kExitUsage : kExitOk, environment_language());
  }
  std::string command = args[0];
  args.erase(args.begin());
  int status = run(command, args);
  return finish_standard_output(command, status, language_of(args));
}
