// Report stage: suggestions (what would make a program eligible) as JSON
// objects of the decision contract and as sentences for a caseworker.
#pragma once

#include "talent/rule_set.hpp"
#include "talent/suggest.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace talent {

using Json = nlohmann::ordered_json;

// The suggestions for `program` (an index into RuleSet::programs()) among
// `what_if`, or nullptr (also when `what_if` is).
const ProgramSuggestions* suggestions_for(const std::vector<ProgramSuggestions>* what_if, std::size_t program);

// [{"changes": [{"field", "set"|"at_least"|"at_most"|"one_of", "mutable"?}]}]:
// values typed as the decision writes them (booleans and whole numbers as
// JSON, money, rates, dates and enum values as strings).
Json what_if_json(const RuleSet& rules, const ProgramSuggestions& suggestions);

// One line per suggestion: "若在市域内就业或创业为是，即可享受高校毕业生租房补贴"; a
// suggestion that needs a fact the applicant cannot change says so.
std::string what_if_text(const RuleSet& rules, const ProgramInfo& program, const ProgramSuggestions& suggestions,
                         Language language);

}  // namespace talent
