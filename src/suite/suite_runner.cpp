// Suite stage: running one case. Its record is parsed and evaluated through
// the public API only, as a backend would, and the decision compared with
// what the case expects, one readable line per difference, in the language
// asked for (the message table's suite.* texts).
#include "talent/suite.hpp"

#include "base/messages.hpp"
#include "base/text.hpp"

#include "talent/record.hpp"
#include "talent/report.hpp"

#include <algorithm>
#include <stdexcept>

namespace talent {
namespace {

using detail::arg;
using detail::join;

const char* truth_name(Truth t) {
  switch (t) {
    case Truth::yes: return "true";
    case Truth::no: return "false";
    case Truth::unknown: return "unknown";
  }
  return "?";
}

std::string shown_list(const std::vector<std::string>& items) { return "[" + join(items) + "]"; }

// Ids run together in a sentence: "a, b"; "a、b".
std::string id_list(const std::vector<std::string>& items, Language language) {
  return join(items, language == Language::zh ? "、" : ", ");
}

std::string seen_text(const std::vector<SeenValue>& seen, Language language) {
  std::vector<std::string> parts;
  for (const SeenValue& v : seen) parts.push_back(v.path + " = " + (v.value ? *v.value : message("suite.not_given", language)));
  return join(parts, language == Language::zh ? "，" : ", ");
}

std::string window_text(const std::optional<Window>& w, Language language) {
  if (!w) return message("suite.none", language);
  return message("suite.window_span", language, {arg("start", format_date(w->start)), arg("end", format_date(w->end))});
}

// What a rejected record's error says: the English message, as
// message_contains matches it; in Chinese with the field's label.
std::string problem(const RuleSet& rules, const RecordError& error, Language language) {
  return language == Language::en ? error.message : describe(rules, error, language);
}

// Compares one program's decision with what the case expects.
void compare(const RuleSet& rules, const ProgramExpectation& e, const ProgramDecision& d, Language language,
             std::vector<std::string>& differences) {
  const ProgramInfo& info = rules.programs()[e.program];
  auto word = [&](const char* id, std::vector<MessageArg> args = {}) { return message(id, language, args); };
  auto differ = [&](const std::string& what, const std::string& expected, const std::string& actual) {
    std::string of = word("suite.of", {arg("owner", info.id), arg("what", what)});
    differences.push_back(word("suite.differs", {arg("what", of), arg("expected", expected), arg("actual", actual)}));
  };
  if (e.status && *e.status != d.status) {
    std::string actual = to_string(d.status);
    if (d.status == Status::needs_info) actual += word("suite.actual_missing", {arg("fields", id_list(d.missing, language))});
    if (d.status == Status::eligible && d.amount) actual += word("suite.actual_amount", {arg("amount", d.amount->to_string())});
    if (d.status == Status::ineligible) {
      std::vector<std::string> failed;
      for (const Reason& r : d.reasons) {
        if (r.result == Truth::no) failed.push_back(info.conditions[r.condition].id);
      }
      if (!failed.empty()) actual += word("suite.actual_false", {arg("conditions", id_list(failed, language))});
    }
    differ(word("suite.status"), to_string(*e.status), actual);
  }
  if (e.amount && (!d.amount || *d.amount != *e.amount)) {
    differ(word("suite.amount"), e.amount->to_string(), d.amount ? d.amount->to_string() : word("suite.none"));
  }
  if (e.frequency && *e.frequency != info.frequency) {
    differ(word("suite.frequency"), to_string(*e.frequency), to_string(info.frequency));
  }
  if (e.window && (!d.window || d.window->start != e.window->start || d.window->end != e.window->end)) {
    differ(word("suite.window"), window_text(e.window, language), window_text(d.window, language));
  }
  if (e.missing && *e.missing != d.missing) differ(word("suite.missing"), shown_list(*e.missing), shown_list(d.missing));
  for (const auto& [index, expected] : e.reasons) {
    std::size_t condition = index;  // a lambda may not capture a structured binding (C++17)
    auto it = std::find_if(d.reasons.begin(), d.reasons.end(), [&](const Reason& r) { return r.condition == condition; });
    std::string what = word("suite.condition", {arg("id", info.conditions[index].id)});
    if (it == d.reasons.end()) {
      differ(what, truth_name(expected), word("suite.not_evaluated"));
    } else if (it->result != expected) {
      differ(what, truth_name(expected),
             truth_name(it->result) + word("suite.actual_seen", {arg("values", seen_text(it->seen, language))}));
    }
  }
  for (const auto& [index, expected] : e.remarks) {
    bool held = std::find(d.remarks.begin(), d.remarks.end(), index) != d.remarks.end();
    if (held != expected) {
      differ(word("suite.remark", {arg("id", info.remarks[index].id)}), expected ? "true" : "false",
             std::string(held ? "true" : "false") + (d.status == Status::eligible ? "" : word("suite.not_eligible")));
    }
  }
}

// Compares the record's rejection (or its acceptance) with what the case
// expects of it.
void compare_error(const RuleSet& rules, const ErrorExpectation& e, const ParsedRecord& parsed, Language language,
                   std::vector<std::string>& differences) {
  if (!parsed.error) {
    std::string field = e.field ? message("suite.record.for_field", language, {arg("field", *e.field)}) : std::string();
    differences.push_back(message("suite.record.not_rejected", language, {arg("field", field)}));
    return;
  }
  const RecordError& error = *parsed.error;
  if (e.field && *e.field != error.field) {
    differences.push_back(message("suite.record.error_field", language,
                                  {arg("expected", *e.field), arg("actual", error.field),
                                   arg("problem", problem(rules, error, language))}));
  }
  if (e.code && *e.code != error.code) {
    differences.push_back(message("suite.record.error_code", language,
                                  {arg("expected", to_string(*e.code)), arg("actual", to_string(error.code)),
                                   arg("problem", problem(rules, error, language))}));
  }
  if (e.message_contains && error.message.find(*e.message_contains) == std::string::npos) {
    differences.push_back(message("suite.record.error_message", language,
                                  {arg("expected", *e.message_contains), arg("actual", error.message)}));
  }
}

// Whether every index the case holds is one of `rules`: a case read against
// another rule set could otherwise index past the end.
bool fits(const RuleSet& rules, const SuiteCase& c) {
  for (const ProgramExpectation& e : c.expect) {
    if (e.program >= rules.programs().size()) return false;
    const ProgramInfo& info = rules.programs()[e.program];
    for (const auto& reason : e.reasons) {
      if (reason.first >= info.conditions.size()) return false;
    }
    for (const auto& remark : e.remarks) {
      if (remark.first >= info.remarks.size()) return false;
    }
  }
  return true;
}

}  // namespace

CaseResult run_case(const RuleSet& rules, const SuiteCase& c, Language language) {
  if (!fits(rules, c)) throw std::invalid_argument("talent::run_case: the case was read against another rule set");
  CaseResult result;
  ParsedRecord parsed = parse_record(rules, c.record_text, 1);
  if (c.expect_error) {
    compare_error(rules, *c.expect_error, parsed, language, result.differences);
    result.passed = result.differences.empty();
    return result;
  }
  if (!parsed.record) {
    result.differences.push_back(message("suite.record.rejected", language,
                                         {arg("field", parsed.error->field),
                                          arg("problem", problem(rules, *parsed.error, language))}));
    return result;
  }
  try {
    result.decision = evaluate(rules, *parsed.record, c.as_of, EvaluateOptions{true});
  } catch (const EvaluationError& e) {
    std::string why = language == Language::en ? e.what() : describe(rules, to_record_error(rules, e), language);
    result.differences.push_back(message("suite.evaluation_failed", language, {arg("problem", why)}));
    return result;
  }
  for (const ProgramExpectation& e : c.expect) {
    const ProgramDecision* d = result.decision->find(e.program);
    if (!d) {
      result.differences.push_back(message("suite.not_decided", language,
                                           {arg("program", rules.programs()[e.program].id), arg("date", format_date(c.as_of))}));
      continue;
    }
    compare(rules, e, *d, language, result.differences);
  }
  result.passed = result.differences.empty();
  return result;
}

}  // namespace talent
