// Policy regression suites: YAML files of cases, each an applicant record, an
// as-of date and what the rules must decide for it.
//
// A suite is read against one rule set, so that every program, condition,
// remark and field an expectation names is checked while loading: a typo is
// a positioned error in the suite file, never a silently passing case.
// Reading a suite reuses the library's positioned YAML reader; running a case
// uses only the public API (parse_record, evaluate),
// exactly as a backend would.
//
//   SuiteFile suite = load_suite(*rules, "rules/hohhot-talent-25/tests/rent_subsidy.yaml");
//   for (const SuiteCase& c : suite.cases) if (!run_case(*rules, c).passed) ...
#pragma once

#include "talent/talent.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace talent::cli {

// What one case expects of one program. Unset members are not checked.
struct ProgramExpectation {
  std::size_t program = 0;  // index into RuleSet::programs()
  std::optional<Status> status;
  std::optional<Money> amount;
  std::optional<Frequency> frequency;
  std::optional<Window> window;
  std::optional<std::vector<std::string>> missing;      // sorted field paths
  std::vector<std::pair<std::size_t, Truth>> reasons;   // condition index, result
  std::vector<std::pair<std::size_t, bool>> remarks;    // remark index, holds
};

// A case that expects the record to be rejected.
struct ErrorExpectation {
  std::optional<std::string> field;             // exact field path ("" = the whole record)
  std::optional<std::string> message_contains;  // a piece of the message
};

struct SuiteCase {
  std::string file;
  int line = 0;  // where the case starts in `file`
  std::string name;
  std::string clause;
  std::vector<std::string> tags;
  Date as_of;
  std::string record_text;  // one YAML or JSON object, as parse_record takes it
  std::vector<ProgramExpectation> expect;
  std::optional<ErrorExpectation> expect_error;
};

struct SuiteFile {
  std::string path;
  std::vector<SuiteCase> cases;          // the well-formed cases
  std::vector<Diagnostic> errors;        // every problem found in the file
  std::vector<std::string> broken;       // "file:line name" of each case left out for its errors
  bool unreadable = false;               // the file as a whole could not be read
};

// Reads and checks one suite file against `rules`. Never throws for a bad
// file: problems are collected in `errors`, with their position.
SuiteFile load_suite(const RuleSet& rules, const std::string& path);

struct CaseResult {
  bool passed = false;
  std::vector<std::string> differences;  // readable lines: "rent_subsidy: amount: expected ..., actual ..."
  std::optional<Decision> decision;      // when the record was evaluated
};

// Parses the case's record and evaluates it as of the case's date.
CaseResult run_case(const RuleSet& rules, const SuiteCase& c);

// Which outcomes of every condition, remark and amount-table row the cases
// have exercised. Only programs a case states expectations for count: a
// condition that happened to be false in an unchecked program proves nothing.
class Coverage {
 public:
  explicit Coverage(const RuleSet& rules);
  void add(const SuiteCase& c, const Decision& decision);
  // Prints the table; returns the number of outcomes never exercised.
  std::size_t report(std::ostream& out) const;

 private:
  struct Counts {
    std::size_t yes = 0, no = 0, unknown = 0;
    bool can_be_unknown = false;
    bool can_be_false = true;
    std::string never_false;  // why the condition cannot be false, when it cannot
  };
  const RuleSet& rules_;
  std::vector<std::vector<Counts>> conditions_;  // [program][condition]
  std::vector<std::vector<Counts>> remarks_;     // [program][remark]: yes = held, no = did not
  std::vector<std::map<std::string, std::size_t>> rows_;  // [program] table key -> checked amounts
};

}  // namespace talent::cli
