// talent test: run policy regression suites against a rule pack.
#include "cli/cli.hpp"
#include "talent/suite.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace talent::cli {
namespace {

struct TestOptions {
  std::string rules_dir;
  std::string filter;
  std::vector<std::string> tags;
  bool coverage = false;
  bool verbose = false;
  std::string lang;
  std::vector<std::string> paths;
};

bool is_suite_file(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// Every suite file named on the command line, folders searched recursively,
// in a stable order.
std::vector<std::string> suite_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      // Links are not followed into other folders; an entry that cannot be
      // looked at (a loop of links) is still listed, and its reading fails
      // with a message.
      fs::recursive_directory_iterator entry(p, ec), end;
      for (; !ec && entry != end; entry.increment(ec)) {
        std::error_code kind;
        if (is_suite_file(entry->path()) && !entry->is_directory(kind)) found.push_back(entry->path().generic_string());
      }
      if (ec) throw usage("cli.usage.cannot_list", {arg("file", p), arg("text", ec.message())});
      std::sort(found.begin(), found.end());
      if (found.empty()) throw usage("cli.usage.no_suites", {arg("file", p)});
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      throw usage("cli.usage.no_such_path", {arg("file", p)});
    }
  }
  return files;
}

// The pack a suite file belongs to: the nearest folder above it holding a
// pack.yaml (suites live in <pack>/tests/). Empty when there is none.
std::string owning_pack(const std::string& file) {
  fs::path given = fs::path(file).parent_path();
  std::error_code ec;
  fs::path dir = fs::absolute(given, ec);
  for (int up = 0; up < 3 && !dir.empty(); ++up) {
    if (fs::exists(dir / "pack.yaml")) {
      // Named as the user wrote the path when that path reaches the pack.
      fs::path shown = given;
      for (int i = 0; i < up && !shown.empty(); ++i) shown = shown.parent_path();
      bool lexical = !shown.empty() && shown.filename() != "." && shown.filename() != "..";
      return lexical ? shown.generic_string() : dir.generic_string();
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return {};
}

template <typename Case>
bool selected(const Case& c, const TestOptions& o) {
  if (!o.filter.empty() && c.name.find(o.filter) == std::string::npos) return false;
  if (o.tags.empty()) return true;
  for (const auto& t : o.tags) {
    if (std::find(c.tags.begin(), c.tags.end(), t) != c.tags.end()) return true;
  }
  return false;
}

}  // namespace

int test_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  TestOptions o;
  po::options_description desc("talent test [options] PATH...");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&o.rules_dir), "rule pack folder (default: the pack the suites sit in, else the built-in pack)")
      ("filter", po::value(&o.filter), "run only cases whose name contains this text")
      ("tag", po::value(&o.tags), "run only cases with this tag (repeat for any of several)")
      ("coverage", po::bool_switch(&o.coverage), "report which condition outcomes and amount rows the cases exercised; "
                                                 "fail when any was never exercised")
      ("verbose,v", po::bool_switch(&o.verbose), "also list the cases that pass")
      ("lang", po::value(&o.lang), "zh or en (default: zh)");
  po::variables_map vm = parse_arguments(args, desc, o.paths);
  if (vm.count("help")) {
    out << help_text("test", language_of(args));
    return kExitOk;
  }
  Language language = parse_language(o.lang);
  if (o.paths.empty()) throw usage("cli.usage.test_paths");
  std::vector<std::string> files = suite_files(o.paths);

  std::string rules_dir = o.rules_dir;
  if (rules_dir.empty()) {
    // Suites are tested against the pack beside them, so that editing the
    // pack's YAML and rerunning the suite tests the edit, not the copy built
    // into the program.
    std::string first = owning_pack(files.front());
    for (const auto& f : files) {
      if (owning_pack(f) != first) {
        throw usage("cli.usage.different_packs", {arg("first", files.front()), arg("second", f)});
      }
    }
    rules_dir = first;
  }
  auto rules = load_rules(rules_dir, err);
  if (!rules) return kExitUsage;
  // Every line is worded from the message table; what comes from outside
  // (paths, names, ids) is shown safely, as display_text shows it.
  auto say = [&](const char* id, std::vector<MessageArg> args) { out << display_text(message(id, language, args)) << "\n"; };
  auto where = [](const std::string& file, int line) { return file + ":" + std::to_string(line); };
  say("cli.test.rules", {arg("pack", rules_dir.empty() ? detail::localized("cli.test.builtin_pack") : LocalizedText{"", rules_dir}),
                         arg("id", rules->id()), arg("version", rules->version())});

  Coverage coverage(*rules);
  std::size_t passed = 0, failed = 0;
  for (const auto& file : files) {
    SuiteFile suite = load_suite(*rules, file);
    if (!suite.errors.empty()) {
      out << format(suite.errors);
      // A broken case or file counts as failed: a typo must never pass.
      failed += suite.unreadable ? 1 : 0;
      for (const BrokenCase& b : suite.broken) {
        if (b.name.empty()) say("cli.test.not_run_unnamed", {arg("where", where(file, b.line))});
        else say("cli.test.not_run", {arg("where", where(file, b.line)), arg("name", b.name)});
        ++failed;
      }
      if (suite.unreadable) say("cli.test.file_not_run", {arg("file", file)});
      if (!suite.unreadable && suite.broken.empty()) {
        say("cli.test.file_errors", {arg("file", file)});
        ++failed;
      }
    }
    for (const SuiteCase& c : suite.cases) {
      if (!selected(c, o)) continue;
      CaseResult r = run_case(*rules, c, language);
      if (r.decision && o.coverage) coverage.add(c, *r.decision);
      if (r.passed) {
        ++passed;
        if (o.verbose) say("cli.test.ok", {arg("where", where(c.file, c.line)), arg("name", c.name)});
        continue;
      }
      ++failed;
      say("cli.test.fail", {arg("where", where(c.file, c.line)), arg("name", c.name), arg("date", format_date(c.as_of))});
      for (const auto& d : r.differences) out << "    " << display_text(d) << "\n";
    }
    for (const SelectionCase& c : suite.selection_cases) {
      if (!selected(c, o)) continue;
      SelectionCaseResult r = run_selection_case(*rules, c, language);
      if (r.selection && o.coverage) coverage.add(c, *r.selection);
      if (r.passed) {
        ++passed;
        if (o.verbose) say("cli.test.ok", {arg("where", where(c.file, c.line)), arg("name", c.name)});
        continue;
      }
      ++failed;
      say("cli.test.fail_selection", {arg("where", where(c.file, c.line)), arg("name", c.name),
                                      arg("program", rules->selections()[c.program].id), arg("cycle", std::to_string(c.cycle_year))});
      for (const auto& d : r.differences) out << "    " << display_text(d) << "\n";
    }
  }
  std::size_t gaps = 0;
  if (o.coverage) gaps = coverage.report(out, language);
  if (passed + failed == 0) say(o.filter.empty() && o.tags.empty() ? "cli.test.no_case" : "cli.test.no_case_filtered", {});
  say("cli.test.summary", {arg("passed", std::to_string(passed)), arg("failed", std::to_string(failed))});
  out.flush();
  return failed == 0 && passed > 0 && gaps == 0 ? kExitOk : kExitRejected;
}

}  // namespace talent::cli
