// Rendering decisions for people (text) and machines (JSON per the records
// contract). Pure functions of their arguments; thread-safe.
//
//   std::cout << talent::to_json(*rules, decision) << '\n';
//   std::cout << talent::to_text(*rules, decision, talent::Language::zh);
#pragma once

#include "talent/decision.hpp"
#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "talent/suggest.hpp"

#include <string>

namespace talent {

// One line of JSON: {"id", "as_of", "ruleset", "programs": [...]}.
std::string to_json(const RuleSet& rules, const Decision& decision,
                    Language language = Language::zh);
// The same, each program the suggestions cover with "what_if": [{"changes": [...]}]
// (docs/decision-contract.md).
std::string to_json(const RuleSet& rules, const Decision& decision, Language language,
                    const std::vector<ProgramSuggestions>& what_if);
// One line of JSON: {"id": ..., "record": n, "error": {"field", "code", "message"}}.
std::string to_json(const ParsedRecord& rejected);

// A caseworker's summary: one verdict line per program, then what failed and
// what is missing.
std::string to_text(const RuleSet& rules, const Decision& decision, Language language);
// The same, with a line under each program for each suggestion.
std::string to_text(const RuleSet& rules, const Decision& decision, Language language,
                    const std::vector<ProgramSuggestions>& what_if);
std::string to_text(const ParsedRecord& rejected, Language language);

// A reason's human sentence, e.g. "study_mode = full_time".
std::string reason_detail(const RuleSet& rules, const Reason& reason, Language language);

}  // namespace talent
