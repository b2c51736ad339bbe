// Policy regression suites: YAML files of cases, each an applicant record, an
// as-of date and what the rules must decide for it (docs/testing-policy.md).
//
// A suite is read against one rule set, so that every program, condition,
// remark and field an expectation names is checked while reading: a typo is
// a positioned error in the suite file, never a silently passing case.
// Running a case uses only the public API (parse_record, evaluate), exactly as
// a backend would; a backend or a CI job runs a pack's suite without the CLI.
//
// Ownership: a SuiteFile and its cases are plain values owned by the caller.
// They name programs and conditions by index into the rule set they were read
// against and are only to be run against that rule set. A Coverage keeps a
// reference to its rule set, which must outlive it.
// Thread-safety: load_suite and run_case keep no state of their own; call them
// from many threads at once with one shared rule set. A Coverage is a plain
// accumulator: add() from one thread at a time.
// Language: what a failing case differs in, and the coverage table, are
// worded in the language asked for (English unless told otherwise); ids,
// status names, values and dates read the same in both. Problems of the
// suite file itself (SuiteFile::errors) are in English, as a pack's are.
//
//   talent::SuiteFile suite = talent::load_suite(*rules, "rules/hohhot-talent-25/tests/rent_subsidy.yaml");
//   for (const auto& c : suite.cases) if (!talent::run_case(*rules, c, talent::Language::zh).passed) ++failed;
#pragma once

#include "talent/date.hpp"
#include "talent/decision.hpp"
#include "talent/diagnostic.hpp"
#include "talent/export.h"
#include "talent/messages.hpp"
#include "talent/money.hpp"
#include "talent/rule_set.hpp"
#include "talent/selection.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace talent {

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

// A case that expects the record to be rejected. Unset members are not checked.
struct ErrorExpectation {
  std::optional<std::string> field;             // exact field path ("" = the whole record)
  std::optional<ErrorCode> code;                // the error's code (error_code.hpp)
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

// What a selection case expects of the cycle it decides; unset members and
// candidates it does not name are not checked. Ids are records' ids.
struct SelectionExpectation {
  struct Pending {
    std::string id;
    std::optional<std::vector<std::string>> missing;  // sorted field paths
    std::optional<std::size_t> best_rank;
  };
  std::optional<std::vector<std::string>> selected;      // exactly these, in rank order
  std::optional<std::size_t> selected_count;
  std::optional<std::vector<std::string>> not_selected;  // exactly these (sorted)
  std::optional<std::vector<Pending>> needs_info;        // exactly these (by id)
  std::optional<std::vector<std::string>> rejected;      // exactly these (sorted)
  std::vector<std::pair<std::string, Money>> awards;     // selected with this award
  std::vector<std::pair<std::string, std::size_t>> ranks;  // ranked (selected or beyond the quota) at this rank
  // Per candidate: candidacy condition index -> result; remark index -> holds.
  std::vector<std::pair<std::string, std::vector<std::pair<std::size_t, Truth>>>> reasons;
  std::vector<std::pair<std::string, std::vector<std::pair<std::size_t, bool>>>> remarks;
};

// A case of a selection program: one cycle's candidates and what select()
// must decide for them (docs/testing-policy.md).
struct SelectionCase {
  std::string file;
  int line = 0;
  std::string name;
  std::string clause;
  std::vector<std::string> tags;
  std::size_t program = 0;              // index into RuleSet::selections()
  int cycle_year = 0;
  std::string candidates_file_text;     // the records of `candidates_file:`, as a RecordReader reads them
  std::vector<std::string> candidates;  // then the inline ones, each as parse_record takes it
  SelectionExpectation expect;
};

// A case left out for its errors: it counts as failed, never as passed.
struct BrokenCase {
  int line = 0;      // where it starts in the suite file
  std::string name;  // "" when it has none (or is no case at all, but a list item of another kind)
};

struct SuiteFile {
  std::string path;
  std::vector<SuiteCase> cases;          // the well-formed cases
  std::vector<SelectionCase> selection_cases;  // the well-formed selection cases
  std::vector<Diagnostic> errors;        // every problem found in the file
  std::vector<BrokenCase> broken;        // each case left out for its errors
  bool unreadable = false;               // the file as a whole could not be read
};

// Reads and checks the suite file at `path` against `rules`. Never throws for
// a bad file: problems are collected in `errors`, with their position, and a
// case with any problem is left out (listed in `broken`) rather than run
// half-checked.
TALENT_API SuiteFile load_suite(const RuleSet& rules, const std::string& path);
// The same for a suite held in memory: `path` names it in diagnostics, and
// `record_file:` paths are relative to its folder.
TALENT_API SuiteFile load_suite(const RuleSet& rules, const std::string& path, std::string_view text);

struct CaseResult {
  bool passed = false;
  std::vector<std::string> differences;  // readable lines: "rent_subsidy: amount: expected ..., actual ..."
                                         // (zh: "rent_subsidy：金额：应为 ...，实为 ...")
  std::optional<Decision> decision;      // when the record was evaluated
};

// Parses the case's record and evaluates it as of the case's date. Throws
// std::invalid_argument when the case names a program or condition `rules`
// does not have (it was read against another rule set).
// `language` words the differences.
TALENT_API CaseResult run_case(const RuleSet& rules, const SuiteCase& c, Language language = Language::en);

struct SelectionCaseResult {
  bool passed = false;
  std::vector<std::string> differences;  // readable lines: "selected: expected [...], actual [...]"
  std::optional<Selection> selection;    // when the cycle was decided
};

// Reads the case's candidates and decides its cycle with select(). Throws
// std::invalid_argument when the case names a selection program, condition
// or remark `rules` does not have.
TALENT_API SelectionCaseResult run_selection_case(const RuleSet& rules, const SelectionCase& c,
                                                  Language language = Language::en);

// Which outcomes of every condition, remark and amount-table row the cases
// have exercised. Only programs a case states expectations for count: a
// condition that happened to be false in an unchecked program proves nothing.
// Outcomes a condition cannot have (ConditionInfo::can_be_unknown and
// ::cannot_be_false) are shown as n/a and never asked for.
class TALENT_API Coverage {
 public:
  explicit Coverage(const RuleSet& rules);
  // Counts the outcomes of `decision`, made by run_case for `c`.
  void add(const SuiteCase& c, const Decision& decision);
  // Counts the candidacy and remark outcomes of every candidate of `selection`,
  // made by run_selection_case for `c`.
  void add(const SelectionCase& c, const Selection& selection);
  // Prints the table in `language`; returns the number of outcomes never
  // exercised.
  std::size_t report(std::ostream& out, Language language = Language::en) const;

 private:
  struct Counts {
    std::size_t yes = 0, no = 0, unknown = 0;
  };
  const RuleSet& rules_;
  std::vector<std::vector<Counts>> conditions_;  // [program][condition]
  std::vector<std::vector<Counts>> remarks_;     // [program][remark]: yes = held, no = did not
  std::vector<std::map<std::string, std::size_t>> rows_;  // [program] table key -> checked amounts
  std::vector<std::vector<Counts>> candidacy_;            // [selection][condition]
  std::vector<std::vector<Counts>> selection_remarks_;    // [selection][remark]
};

}  // namespace talent
