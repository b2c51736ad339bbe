// When each program's outcome changes for one applicant, as the as-of date
// moves: found from the dates the conditions compare the as-of date with and
// from the dates on which versions and parameter values take effect, not by
// trying every day.
//
//   auto t = talent::timeline(*rules, *parsed.record, *talent::parse_date("2015-01-01"),
//                             *talent::parse_date("2035-12-31"));
//   for (const auto& p : t.programs)
//     for (const auto& s : p.segments)  // rent_subsidy: eligible 2023-06-30 .. 2025-06-30
//       std::cout << p.program << ' ' << talent::to_string(s.status) << ' ' << talent::format_date(s.from) << '\n';
#pragma once

#include "talent/date.hpp"
#include "talent/decision.hpp"
#include "talent/export.h"
#include "talent/money.hpp"
#include "talent/record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace talent {

class RuleSet;

// A run of days on which a program's decision is the same.
struct TimelineSegment {
  Date from;                    // first day
  Date to;                      // last day, inclusive
  Status status = Status::ineligible;
  std::optional<Money> amount;  // when eligible
  std::size_t version = 0;      // the version of the rules in force (RuleSet::versions())
};

struct ProgramTimeline {
  std::string program;  // program id
  std::vector<TimelineSegment> segments;  // consecutive, covering the range (or the days the program is in force)
};

struct Timeline {
  std::string id;  // the applicant's record id
  Date from, to;
  std::vector<ProgramTimeline> programs;  // every program id of any version, in the pack's order
  std::vector<Date> checked;              // the days on which a decision was made to find the segments
};

// The outcome of every program for `record` on every day of [from, to], as
// segments of days with the same status, amount and version. Throws
// std::invalid_argument when `to` is before `from` or either is not a date, as
// evaluate() does for a record of another rule set, and EvaluationError when
// an amount cannot be computed exactly on some day.
TALENT_API Timeline timeline(const RuleSet& rules, const Record& record, Date from, Date to);

// The timeline as one JSON object: {"id","from","to","ruleset":{"id","version",
// "digest"},"programs":[{"program","segments":[{"from","to","status",
// "amount"?,"version"}]}]} (docs/decision-contract.md).
TALENT_API std::string to_json(const RuleSet& rules, const Timeline& timeline);
// The timeline for a reader: a header with the applicant, the range and the
// rules, then each program's segments, one line each; text from the record
// is shown as display_text() shows it.
TALENT_API std::string to_text(const RuleSet& rules, const Timeline& timeline, Language language);

}  // namespace talent
