// Selection programs: a cycle's candidates ranked, at most the quota selected.
//
// A selection program (a pack's `kind: selection`, e.g. "每年评选不超过50名")
// is not decided per applicant. select() decides one cycle of it: each
// candidate record is decided by the program's candidacy conditions and
// award, in the same three-valued logic as evaluate(); the qualified ones are
// ranked by the program's ranking keys (the record's id last, so no two
// tie), and the first `quota` are selected. Every record given ends up in
// exactly one list: selected, not_selected, needs_info or rejected.
//
// Thread-safety: select() is a const operation on an immutable RuleSet with
// all state on the stack; call it from many threads at once. A Selection is
// plain data; its indices (program, conditions) refer to the rule set it was
// made with, so render it with that one.
//
//   std::vector<talent::ParsedRecord> candidates;   // parse_record or a RecordReader
//   talent::Selection s = talent::select(*rules, "craftsman_award", 2025, candidates);
//   for (const auto& c : s.selected) std::cout << c.id << " #" << c.rank << " " << c.award.to_string() << "\n";
#pragma once

#include "talent/decision.hpp"
#include "talent/export.h"
#include "talent/record.hpp"
#include "talent/rule_set.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace talent {

// In each list, `record` is the candidate's position in the input, from 1, and
// `decision` is its candidacy decided as a per-applicant program would be:
// its `program` is an index into RuleSet::selections(), its reasons index
// SelectionInfo::candidacy, its remarks SelectionInfo::remarks.
struct SelectedCandidate {
  std::string id;
  std::size_t record = 0;
  std::size_t rank = 0;  // 1 = first
  Money award;           // the award expression's amount, e.g. the request capped at the maximum
  ProgramDecision decision;
};

struct NotSelectedCandidate {
  std::string id;
  std::size_t record = 0;
  // Qualified but ranked beyond the quota: its rank. Otherwise a candidacy
  // condition is false: the decision's reasons say which.
  std::optional<std::size_t> rank;
  ProgramDecision decision;
};

struct PendingCandidate {
  std::string id;
  std::size_t record = 0;
  std::vector<std::string> missing;  // sorted field paths: the candidacy's, the award's and the ranking's
  // The best rank it could reach once the facts are given: 1 + the qualified
  // candidates that rank ahead of it whatever they turn out to be (a missing
  // ranking value counts as the best the schema allows). At most the quota:
  // it could still be selected.
  std::size_t best_rank = 0;
  ProgramDecision decision;
};

struct RejectedCandidate {
  std::optional<std::string> id;  // as ParsedRecord::id
  std::size_t record = 0;
  RecordError error;              // the record's own, a shared id (duplicate), or an award that cannot be computed
};

struct Selection {
  std::size_t program = 0;  // index into RuleSet::selections()
  int cycle_year = 0;
  Window cycle;             // its first and last day, both included
  std::size_t version = 0;  // index into RuleSet::versions(): the rules in force on the cycle's first day
  std::int64_t quota = 0;
  std::vector<SelectedCandidate> selected;         // by rank
  std::vector<NotSelectedCandidate> not_selected;  // those ranked beyond the quota by rank, then the others in input order
  std::vector<PendingCandidate> needs_info;        // by best rank, then input order
  std::vector<RejectedCandidate> rejected;         // in input order
};

// Decides the cycle of selection program `program` that opens in
// `cycle_year`, for `candidates` (each a record or its rejection). The cycle
// and the rules in force on its first day (the quota, the caps) decide every
// candidate. Throws std::invalid_argument when `program` is not a selection
// program of `rules`, when no cycle of it opens in `cycle_year` (the message
// names the years that do), or when a record was parsed with another rule
// set; EvaluationError when the pack gives a cycle of less than a year.
TALENT_API Selection select(const RuleSet& rules, const std::string& program, int cycle_year,
                 const std::vector<ParsedRecord>& candidates, const EvaluateOptions& options = {});

// One JSON object: {"program", "cycle": {"start", "end"}, "quota",
// "selected": [{"id", "rank", "award"}], "not_selected": [{"id", "reason"}],
// "needs_info": [{"id", "missing", "best_rank"}], "rejected": [{"id", "error"}]}.
TALENT_API std::string to_json(const RuleSet& rules, const Selection& selection, Language language = Language::zh);
// The ranked allocation for a person: the selected with rank and award, then
// who was not selected and why, who needs what, and the rejected records.
TALENT_API std::string to_text(const RuleSet& rules, const Selection& selection, Language language);

}  // namespace talent
