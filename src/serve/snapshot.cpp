#include "serve/snapshot.hpp"

#include "serve/schema_json.hpp"
#include "serve/service_text.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace talent::serve {
namespace {

constexpr std::size_t kFailuresShown = 3;

// The suite files under `dir`, sorted; an error message when the folder
// cannot be listed.
std::vector<std::string> suite_files(const fs::path& dir, std::string& error) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator entry(dir, ec), end;
  for (; !ec && entry != end; entry.increment(ec)) {
    std::string ext = entry->path().extension().string();
    std::error_code kind;
    if ((ext == ".yaml" || ext == ".yml") && !entry->is_directory(kind)) files.push_back(entry->path().generic_string());
  }
  if (ec) error = "cannot list the suite folder " + dir.generic_string() + ": " + ec.message();
  std::sort(files.begin(), files.end());
  return files;
}

// Runs the pack's suite; "" when every case passed, else why not.
std::string run_suite(const RuleSet& rules, const fs::path& tests, std::size_t& cases) {
  std::string error;
  std::vector<std::string> files = suite_files(tests, error);
  if (!error.empty()) return error;
  std::vector<std::string> failures;
  std::size_t failed = 0;
  for (const std::string& file : files) {
    SuiteFile suite = load_suite(rules, file);
    if (!suite.errors.empty()) {
      ++failed;
      if (failures.size() < kFailuresShown) {
        const Diagnostic& d = suite.errors.front();
        failures.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message);
      }
    }
    for (const SuiteCase& c : suite.cases) {
      CaseResult r = run_case(rules, c);
      if (r.passed) {
        ++cases;
        continue;
      }
      ++failed;
      if (failures.size() < kFailuresShown) {
        std::string line = c.file + ":" + std::to_string(c.line) + ": FAIL: " + c.name;
        if (!r.differences.empty()) line += " (" + r.differences.front() + ")";
        failures.push_back(line);
      }
    }
  }
  if (failed == 0) return "";
  std::string why = "its suite " + tests.generic_string() + " fails: " + std::to_string(failed) +
                    (failed == 1 ? " case or file" : " cases or files") + " failed, " + std::to_string(cases) + " passed";
  for (const std::string& f : failures) why += "; " + f;
  if (failed > failures.size()) why += "; …";
  return why;
}

std::shared_ptr<Snapshot> make_snapshot(std::shared_ptr<const RuleSet> rules, std::string source) {
  auto s = std::make_shared<Snapshot>();
  s->rules = std::move(rules);
  s->source = std::move(source);
  s->loaded_at = utc_timestamp();
  const RuleSet& r = *s->rules;
  s->ruleset_json = "{\"id\":" + json_string(r.id()) + ",\"version\":" + json_string(r.version()) +
                    ",\"digest\":" + json_string(r.digest()) + "}";
  for (Language language : {Language::zh, Language::en}) {
    s->rules_json[static_cast<int>(language)] = to_json(r, language);
    s->schema_json[static_cast<int>(language)] = schema_json(r, language);
  }
  return s;
}

}  // namespace

LoadAttempt load_snapshot(const std::string& dir) {
  LoadAttempt attempt;
  try {
    if (dir.empty()) {
      attempt.snapshot = make_snapshot(builtin_rule_set(), "built-in");
      return attempt;
    }
    LoadResult loaded = load_rule_set(dir);
    if (!loaded.ok()) {
      attempt.refusal = "the pack does not load: " + std::to_string(loaded.diagnostics.size()) +
                        (loaded.diagnostics.size() == 1 ? " error" : " errors");
      for (std::size_t i = 0; i < loaded.diagnostics.size() && i < kFailuresShown; ++i) {
        const Diagnostic& d = loaded.diagnostics[i];
        attempt.refusal += "; " + d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
      }
      return attempt;
    }
    const RuleSet& rules = *loaded.rule_set;
    if (rules.find_field("records")) {
      attempt.refusal = "its schema has a top-level field named 'records', which a request body uses for a list "
                        "of records: the service cannot tell one record from a list";
      return attempt;
    }
    std::size_t cases = 0;
    fs::path tests = fs::path(dir) / "tests";
    std::error_code ec;
    if (fs::is_directory(tests, ec)) {
      std::string why = run_suite(rules, tests, cases);
      if (!why.empty()) {
        attempt.refusal = why;
        return attempt;
      }
    }
    auto snapshot = make_snapshot(std::move(loaded.rule_set), dir);
    snapshot->suite_cases = cases;
    attempt.snapshot = std::move(snapshot);
  } catch (const std::exception& e) {
    attempt.snapshot = nullptr;
    attempt.refusal = std::string("loading stopped on an unexpected error: ") + e.what();
  }
  return attempt;
}

}  // namespace talent::serve
