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

#include <memory>
#include <string>
#include <string_view>

namespace talent {

// How much of each condition's reasons a JSON decision carries:
// - full: every key (docs/decision-contract.md);
// - compact: no `label` and no `detail` in a reason (the same words for
//   every record; `talent rules --format json` gives them once);
// - none: no `reasons` and no `amount_basis`, as a decision evaluated
//   without explaining has none.
enum class Reasons { full, compact, none };

// One line of JSON: {"id", "as_of", "ruleset", "programs": [...]}. Built as
// a tree: the reference that append_json is checked against.
TALENT_API std::string to_json(const RuleSet& rules, const Decision& decision,
                               Language language = Language::zh, Reasons reasons = Reasons::full);
// The same, each program the suggestions cover with "what_if": [{"changes": [...]}]
// (docs/decision-contract.md).
TALENT_API std::string to_json(const RuleSet& rules, const Decision& decision, Language language,
                               const std::vector<ProgramSuggestions>& what_if, Reasons reasons = Reasons::full);
// One line of JSON: {"id": ..., "record": n, "line": n, "error": {"field",
// "code", "message"}, "errors": [{...}, ...]}: `error` is the first of
// `errors`; "line" only when known. With `file` (as the input was named,
// "-" for standard input), "file" after "record".
TALENT_API std::string to_json(const ParsedRecord& rejected);
TALENT_API std::string to_json(const ParsedRecord& rejected, std::string_view file);

// One line of JSON describing the rule set: {"id", "version", "digest",
// "title", "source_document", "effective_from", "versions": [...],
// "programs": [...] (every form of every version), "parameters": [...] with
// their dated values, "definitions": [...], "fields": [...], "clauses": [...],
// "unencoded": [...]}, texts in `language`. What a service answers when
// asked which rules are in force.
TALENT_API std::string to_json(const RuleSet& rules, Language language = Language::zh);

// The same bytes as to_json (no newline), appended to `out` as they are
// written, with no tree in between.
TALENT_API void append_json(const RuleSet& rules, const Decision& decision, Language language, Reasons reasons,
                            std::string& out);
TALENT_API void append_json(const ParsedRecord& rejected, std::string& out);
TALENT_API void append_json(const ParsedRecord& rejected, std::string_view file, std::string& out);


// append_json for many decisions of one rule set: the rule set's own texts
// (ids, titles, labels) are escaped once, when the writer is made, not for
// every decision. Lifetime: shares ownership of `rules`. Not thread-safe;
// one writer per thread.
class TALENT_API DecisionWriter {
 public:
  DecisionWriter(const RuleSet& rules, Language language, Reasons reasons);
  ~DecisionWriter();
  DecisionWriter(DecisionWriter&&) noexcept;
  DecisionWriter& operator=(DecisionWriter&&) noexcept;
  // Appends what append_json appends.
  void append(const Decision& decision, std::string& out);
  void append(const ParsedRecord& rejected, std::string& out);
  void append(const ParsedRecord& rejected, std::string_view file, std::string& out);

 private:
  struct Texts;
  std::unique_ptr<Texts> texts_;
};

// A caseworker's summary: one verdict line per program, then what failed and
// what is missing.
TALENT_API std::string to_text(const RuleSet& rules, const Decision& decision, Language language);
// The same, with a line under each program for each suggestion.
TALENT_API std::string to_text(const RuleSet& rules, const Decision& decision, Language language,
                               const std::vector<ProgramSuggestions>& what_if);
// A rejected record for a caseworker: where it is (`file`:line, when `file`
// is given), its number and id, and every problem, each with the field's
// label from `rules`: one line for one problem, a line for each of several.
// Outside text (ids, values, file names) is made safe for a terminal.
TALENT_API std::string to_text(const RuleSet& rules, const ParsedRecord& rejected, Language language,
                               std::string_view file = {});
// The same without a rule set: fields by their paths only.
TALENT_API std::string to_text(const ParsedRecord& rejected, Language language);

// One problem of a record in `language`, its field named by label and path:
// 字段「毕业日期」(graduation_date)：不是有效日期，应为 年-月-日，例如 2023-06-30；收到 "2023-02-30".
// An error without a message id (made by the caller) keeps its message.
TALENT_API std::string describe(const RuleSet& rules, const RecordError& error, Language language);
// A record whose amount could not be computed, as the error that stands for
// its decision (field "", the evaluation error's code), worded in both
// languages with the program's title.
TALENT_API RecordError to_record_error(const RuleSet& rules, const EvaluationError& error);
// The record in canonical form, as one line of JSON: its fields under their
// own names, nested by section, each value as a canonical record writes it
// ({"id":"A-1","graduation_date":"2024-06-30","employment":{"in_city":true}});
// a section only when it holds something or the record gave it. What a
// record written in other forms (Record::normalized) comes to. Throws
// std::invalid_argument when `record` was parsed with another rule set.
TALENT_API std::string canonical_json(const RuleSet& rules, const Record& record);

// An expression of `rules` (a condition's, an amount's, a window's) in
// words: the fields, parameters, definitions and programs it names by their
// labels, enum values by theirs, operators as signs: "as_of <= rent_deadline"
// reads "核定日期 ≤ 毕业满2年之日". The expression as written when it cannot
// be read.
TALENT_API std::string expression_words(const RuleSet& rules, const std::string& expression, Language language);

// A reason's human sentence, e.g. "study_mode = full_time".
TALENT_API std::string reason_detail(const RuleSet& rules, const Reason& reason, Language language);
// The same sentence appended to `out`.
TALENT_API void append_reason_detail(const RuleSet& rules, const Reason& reason, Language language, std::string& out);

}  // namespace talent
