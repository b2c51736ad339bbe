// Rendering decisions for people (text) and machines (JSON per the records
// contract). Pure functions of their arguments; thread-safe.
//
//   std::cout << talent::to_json(*rules, decision) << '\n';
//   std::cout << talent::to_text(*rules, decision, talent::Language::zh);
#pragma once

#include "talent/decision.hpp"
#include "talent/export.h"
#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "talent/suggest.hpp"

#include <string>

namespace talent {

// One line of JSON: {"id", "as_of", "ruleset", "programs": [...]}.
TALENT_API std::string to_json(const RuleSet& rules, const Decision& decision,
                    Language language = Language::zh);
// The same, each program the suggestions cover with "what_if": [{"changes": [...]}]
// (docs/decision-contract.md).
TALENT_API std::string to_json(const RuleSet& rules, const Decision& decision, Language language,
                               const std::vector<ProgramSuggestions>& what_if);
// One line of JSON: {"id": ..., "record": n, "error": {"field", "code", "message"}}.
TALENT_API std::string to_json(const ParsedRecord& rejected);

// One line of JSON describing the rule set: {"id", "version", "digest",
// "title", "source_document", "effective_from", "versions": [...],
// "programs": [...] (every form of every version), "parameters": [...] with
// their dated values, "definitions": [...], "fields": [...], "clauses": [...],
// "unencoded": [...]}, texts in `language`. What a service answers when
// asked which rules are in force.
TALENT_API std::string to_json(const RuleSet& rules, Language language = Language::zh);

// A caseworker's summary: one verdict line per program, then what failed and
// what is missing.
TALENT_API std::string to_text(const RuleSet& rules, const Decision& decision, Language language);
// The same, with a line under each program for each suggestion.
TALENT_API std::string to_text(const RuleSet& rules, const Decision& decision, Language language,
                               const std::vector<ProgramSuggestions>& what_if);
TALENT_API std::string to_text(const ParsedRecord& rejected, Language language);

// A reason's human sentence, e.g. "study_mode = full_time".
TALENT_API std::string reason_detail(const RuleSet& rules, const Reason& reason, Language language);

}  // namespace talent
