// Command stage: what changes for a population of applicants between two rule
// sets (`talent diff`). Each record is decided under both; per program the
// status transitions and the money are totalled, and every applicant and
// program whose outcome differs is described with what made the difference.
#pragma once

#include "talent/talent.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace talent::cli {

// One side of a comparison: a rule set, deciding as of a date.
struct DiffSide {
  std::string pack;  // as the user named it: "builtin" or a folder
  std::shared_ptr<const RuleSet> rules;
  Date as_of;
};

// A program's outcome for one applicant on one side.
struct Outcome {
  Status status = Status::ineligible;
  std::optional<Money> amount;
  std::optional<Window> window;
};

// A value on one side of a `because` entry: absent when that side has no
// such condition, parameter or value at all; otherwise `value`, which is
// empty for "unknown" / "not given".
struct BecauseValue {
  bool present = false;
  std::optional<std::string> value;
};

// One thing that differs between the two decisions of a program.
struct Because {
  enum class Kind { condition, outcome_of, parameter, amount };
  Kind kind = Kind::condition;
  std::string name;   // condition id, program id, parameter id or field path
  std::string label;  // in the report's language; may be empty
  BecauseValue before;
  BecauseValue after;
  // For parameters: the day each side's value applies from.
  std::optional<Date> before_since;
  std::optional<Date> after_since;
};

// One applicant and program whose outcome differs. An outcome is empty on
// the side whose rules do not have the program.
struct Change {
  std::string id;
  std::string program;
  std::optional<Outcome> before;
  std::optional<Outcome> after;
  std::vector<Because> because;
};

// A program's totals over every record decided under both sides.
struct ProgramTotals {
  std::string id;
  LocalizedText title;
  std::optional<Frequency> before_frequency;  // empty: not in the old rules
  std::optional<Frequency> after_frequency;   // empty: not in the new rules
  // (before, after) -> applicants; a status, or kAbsent. Only pairs that differ.
  static constexpr int kAbsent = 3;
  std::map<std::pair<int, int>, std::size_t> transitions;
  std::size_t amount_changed = 0;  // eligible on both sides, another amount
  std::size_t window_changed = 0;  // eligible on both sides, another window
  // Sums of the eligible applicants' amounts: the monthly outlay of a monthly
  // program, the total of a one-off one.
  std::int64_t before_fen = 0;
  std::int64_t after_fen = 0;
};

// Raised when a sum of amounts would overflow 64-bit fen.
struct TotalTooLarge {
  std::string program;
};

// Compares the decisions of records under two rule sets. Not thread-safe;
// the rule sets are only read.
class PopulationDiff {
 public:
  PopulationDiff(DiffSide before, DiffSide after, Language language);

  // Decides `before` (parsed with the old rules) and `after` (the same text
  // parsed with the new ones) and adds them to the totals; returns the
  // programs whose outcome differs. Throws EvaluationError as evaluate does,
  // naming the side in `failed_side` (0 old, 1 new), and TotalTooLarge.
  std::vector<Change> compare(const Record& before, const Record& after, int& failed_side);

  const DiffSide& before() const { return sides_[0]; }
  const DiffSide& after() const { return sides_[1]; }
  const std::vector<ProgramTotals>& totals() const { return totals_; }
  std::size_t compared() const { return compared_; }
  std::size_t changed() const { return changed_; }

 private:
  Change describe(std::size_t program, const Decision& before, const Decision& after) const;

  DiffSide sides_[2];
  Language language_;
  std::vector<ProgramTotals> totals_;
  // For each program of totals_, its position in each side's decisions
  // (Decision::programs), or npos when that side has no such program.
  std::vector<std::size_t> position_[2];
  std::size_t compared_ = 0;
  std::size_t changed_ = 0;
};

const char* transition_name(int status);  // "eligible", ..., "absent"

}  // namespace talent::cli
