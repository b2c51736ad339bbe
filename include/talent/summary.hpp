// Counting many decisions: how many records were decided and rejected, how
// many of each status every program got, and what the eligible amounts add
// up to (per month for monthly programs, in total for one-off ones). Sums
// are exact whatever the number of records. What `talent batch --summary`
// and `talent check --summary` print.
//
//   talent::Summary summary(*rules);
//   summary.add(decision);        // or summary.add_rejected()
//   std::cerr << talent::to_text(*rules, summary, talent::Language::zh);
//
// Thread-safety: one Summary per thread, then merge() them.
#pragma once

#include "talent/decision.hpp"
#include "talent/export.h"
#include "talent/rule_set.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace talent {

class TALENT_API Summary {
 public:
  struct Program {
    std::uint64_t eligible = 0;
    std::uint64_t ineligible = 0;
    std::uint64_t needs_info = 0;
  };

  // Counts for the programs of `rules`.
  explicit Summary(const RuleSet& rules);

  // One record decided with the rule set the summary was made for.
  void add(const Decision& decision);
  // One record rejected (no decision).
  void add_rejected() { ++rejected_; }
  // Adds another summary of the same rule set.
  void merge(const Summary& other);

  std::uint64_t records() const { return decided_ + rejected_; }
  std::uint64_t decided() const { return decided_; }
  std::uint64_t rejected() const { return rejected_; }
  // By index into RuleSet::programs().
  const Program& program(std::size_t index) const { return programs_[index]; }
  std::size_t program_count() const { return programs_.size(); }
  // Yuan with two decimals: the eligible amounts of program `index`.
  std::string amount(std::size_t index) const;
  // The monthly amounts of every monthly program, added up: the outlay per month.
  std::string monthly_outlay() const;
  // The amounts of every one-off program, added up.
  std::string one_off_total() const;

 private:
  // A non-negative number of fen in 128 bits: no sum of int64 amounts
  // overflows it in any number of records a machine can read.
  struct Fen {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    void add(Fen other);
  };
  static std::string yuan(Fen fen);

  std::vector<Program> programs_;
  std::vector<Fen> amounts_;
  std::vector<bool> monthly_;
  std::uint64_t decided_ = 0;
  std::uint64_t rejected_ = 0;
};

// The summary for a person, in Chinese or English: a line of counts, a line
// per program, the monthly outlay and the one-off total.
TALENT_API std::string to_text(const RuleSet& rules, const Summary& summary, Language language);
// One line of JSON: {"records", "decided", "rejected", "programs": [{"program",
// "frequency", "eligible", "ineligible", "needs_info", "amount"}],
// "monthly_outlay", "one_off_total"}; amounts as yuan text, like decisions'.
TALENT_API std::string to_json(const RuleSet& rules, const Summary& summary);

}  // namespace talent
