// What would make a program eligible: for each program a record does not
// qualify for (ineligible or needs_info), the smallest sets of changes to the
// record's facts under which it would, found from the compiled conditions.
//
// Applying any one suggestion — every change of it at once, a range at either
// of its bounds, `one_of` at any of its values — makes the program eligible.
// No suggestion is a superset of another; the fewest changes come first.
//
//   for (const auto& p : talent::suggest(*rules, *parsed.record, as_of))
//     for (const auto& s : p.suggestions)  // e.g. employment.in_city set true
//       ...
#pragma once

#include "talent/date.hpp"
#include "talent/export.h"
#include "talent/record.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace talent {

class RuleSet;

// One fact to change. Values are canonical text, as decisions write them
// ("true", "36", "300000.00", "0.0385", "2023-06-30", "master").
struct FieldChange {
  std::string field;                    // field path, e.g. "employment.in_city"
  std::optional<std::string> set;       // exactly this value
  std::optional<std::string> at_least;  // a range, inclusive; either bound may be open
  std::optional<std::string> at_most;
  std::vector<std::string> one_of;      // enum values, any of which will do
  // False for a fact the applicant cannot change (schema `mutable: false`)
  // that the record states: the suggestion says what would have been
  // needed, it is not advice.
  bool can_change = true;
  // True when the record lacks the fact: the change is to provide it.
  bool provide = false;
};

struct Suggestion {
  std::vector<FieldChange> changes;  // in schema order
};

struct ProgramSuggestions {
  std::size_t program = 0;  // index into RuleSet::programs()
  std::vector<Suggestion> suggestions;  // fewest changes first; empty when none was found
};

struct SuggestOptions {
  std::size_t per_program = 3;  // at most this many suggestions for a program
  std::size_t max_changes = 4;  // at most this many facts changed in one suggestion
};

// Suggestions for every program of the version in force on `as_of` that
// `record` is not eligible for. Same exceptions as evaluate().
TALENT_API std::vector<ProgramSuggestions> suggest(const RuleSet& rules, const Record& record, Date as_of,
                                        const SuggestOptions& options = {});

}  // namespace talent
