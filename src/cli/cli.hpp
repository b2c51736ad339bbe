// Command stage: shared pieces of the `talent` command line.
#pragma once

#include "talent/talent.hpp"
#include "base/messages.hpp"

#include <boost/program_options.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace talent::cli {

using detail::arg;

// Exit statuses (the records contract).
constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;
constexpr int kExitOutput = 3;  // the results could not be written

// Thrown for a usage error; main prints it, in the language of the command
// line, and exits with kExitUsage. A message of the message table.
struct UsageError {
  std::string id;
  std::vector<MessageArg> args;
};
UsageError usage(const char* id, std::vector<MessageArg> args = {});
// "--format must be one of text, json; not 'x'".
UsageError one_of(const char* option, const char* allowed, const std::string& value);
// A FILE operand that is not there or not a regular file.
UsageError cannot_read(const std::string& file);

// The language a command line asks for: its --lang, else LC_ALL or LANG
// starting with "en", else Chinese.
Language language_of(const std::vector<std::string>& args);
// The language of the environment alone (LC_ALL, then LANG).
Language environment_language();
// A command's help in `language`: the message "cli.help.<command>".
std::string help_text(const std::string& command, Language language);

// The built-in pack, or the pack in `dir`; prints diagnostics and returns
// null when it does not load.
std::shared_ptr<const RuleSet> load_rules(const std::string& dir, std::ostream& err);
Language parse_language(const std::string& text);
// Parses a command's `args` against `options`; every argument that is not an
// option is collected, in order, into `operands` (files, folders).
boost::program_options::variables_map parse_arguments(const std::vector<std::string>& args,
                                                       const boost::program_options::options_description& options,
                                                       std::vector<std::string>& operands);
Date parse_as_of(const std::string& text);
// The cores this process may run on (taskset and cgroups included).
unsigned cores_available();

int check_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool batch);
int rules_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// talent version / talent --version: the program's version and the built-in pack's id, version and digest.
int version_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// Runs policy regression suites; see talent/suite.hpp.
int test_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// When each program's outcome changes as the as-of date moves; see talent/timeline.hpp.
int timeline_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// Compares the decisions of two rule sets over the same records.
int diff_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The fields a record may carry, and a blank record to fill in.
int schema_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int template_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// Asks for the facts still needed and decides (answers from `in`).
int ask_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);
// Decisions over HTTP, with hot reload and a decision log.
int serve_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// Decides the receipts of a decision log again; exit 0 same, 1 differences, 2 broken log.
int replay_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// One cycle of a selection program, ranked; see talent/selection.hpp.
int select_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace talent::cli
