// Suite stage: running one case. Its record is parsed and evaluated through
// the public API only, as a backend would, and the decision compared with
// what the case expects, one readable line per difference.
#include "talent/suite.hpp"

#include "base/text.hpp"

#include "talent/record.hpp"

#include <algorithm>
#include <stdexcept>

namespace talent {
namespace {

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

std::string seen_text(const std::vector<SeenValue>& seen) {
  std::vector<std::string> parts;
  for (const SeenValue& v : seen) parts.push_back(v.path + " = " + (v.value ? *v.value : "(not given)"));
  return join(parts);
}

std::string window_text(const std::optional<Window>& w) {
  return w ? format_date(w->start) + " .. " + format_date(w->end) : "none";
}

// Compares one program's decision with what the case expects.
void compare(const RuleSet& rules, const ProgramExpectation& e, const ProgramDecision& d,
             std::vector<std::string>& differences) {
  const ProgramInfo& info = rules.programs()[e.program];
  auto differ = [&](const std::string& what, const std::string& expected, const std::string& actual) {
    differences.push_back(info.id + ": " + what + ": expected " + expected + ", actual " + actual);
  };
  if (e.status && *e.status != d.status) {
    std::string actual = to_string(d.status);
    if (d.status == Status::needs_info) actual += " (missing " + join(d.missing) + ")";
    if (d.status == Status::eligible && d.amount) actual += " (" + d.amount->to_string() + ")";
    if (d.status == Status::ineligible) {
      std::vector<std::string> failed;
      for (const Reason& r : d.reasons) {
        if (r.result == Truth::no) failed.push_back(info.conditions[r.condition].id);
      }
      if (!failed.empty()) actual += " (false: " + join(failed) + ")";
    }
    differ("status", to_string(*e.status), actual);
  }
  if (e.amount && (!d.amount || *d.amount != *e.amount)) {
    differ("amount", e.amount->to_string(), d.amount ? d.amount->to_string() : std::string("none"));
  }
  if (e.frequency && *e.frequency != info.frequency) differ("frequency", to_string(*e.frequency), to_string(info.frequency));
  if (e.window && (!d.window || d.window->start != e.window->start || d.window->end != e.window->end)) {
    differ("window", window_text(e.window), window_text(d.window));
  }
  if (e.missing && *e.missing != d.missing) differ("missing", shown_list(*e.missing), shown_list(d.missing));
  for (const auto& [index, expected] : e.reasons) {
    std::size_t condition = index;  // a lambda may not capture a structured binding (C++17)
    auto it = std::find_if(d.reasons.begin(), d.reasons.end(), [&](const Reason& r) { return r.condition == condition; });
    if (it == d.reasons.end()) {
      differ("condition " + info.conditions[index].id, truth_name(expected), "not evaluated");
    } else if (it->result != expected) {
      differ("condition " + info.conditions[index].id, truth_name(expected),
             std::string(truth_name(it->result)) + " (" + seen_text(it->seen) + ")");
    }
  }
  for (const auto& [index, expected] : e.remarks) {
    bool held = std::find(d.remarks.begin(), d.remarks.end(), index) != d.remarks.end();
    if (held != expected) {
      differ("remark " + info.remarks[index].id, expected ? "true" : "false",
             std::string(held ? "true" : "false") + (d.status == Status::eligible ? "" : " (not eligible)"));
    }
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

CaseResult run_case(const RuleSet& rules, const SuiteCase& c) {
  if (!fits(rules, c)) throw std::invalid_argument("talent::run_case: the case was read against another rule set");
  CaseResult result;
  ParsedRecord parsed = parse_record(rules, c.record_text, 1);
  if (c.expect_error) {
    const ErrorExpectation& e = *c.expect_error;
    if (!parsed.error) {
      result.differences.push_back("record: expected it to be rejected" +
                                   (e.field ? " for field '" + *e.field + "'" : std::string()) +
                                   ", actual: accepted");
    } else {
      if (e.field && *e.field != parsed.error->field) {
        result.differences.push_back("record error field: expected '" + *e.field + "', actual '" + parsed.error->field +
                                     "' (" + parsed.error->message + ")");
      }
      if (e.code && *e.code != parsed.error->code) {
        result.differences.push_back(std::string("record error code: expected ") + to_string(*e.code) + ", actual " +
                                     to_string(parsed.error->code) + " (" + parsed.error->message + ")");
      }
      if (e.message_contains && parsed.error->message.find(*e.message_contains) == std::string::npos) {
        result.differences.push_back("record error message: expected it to contain '" + *e.message_contains +
                                     "', actual '" + parsed.error->message + "'");
      }
    }
    result.passed = result.differences.empty();
    return result;
  }
  if (!parsed.record) {
    result.differences.push_back("record: expected it to be accepted, actual: rejected at '" + parsed.error->field +
                                 "': " + parsed.error->message);
    return result;
  }
  try {
    result.decision = evaluate(rules, *parsed.record, c.as_of, EvaluateOptions{true});
  } catch (const EvaluationError& e) {
    result.differences.push_back(std::string("evaluation failed: ") + e.what());
    return result;
  }
  for (const ProgramExpectation& e : c.expect) {
    const ProgramDecision* d = result.decision->find(e.program);
    if (!d) {
      result.differences.push_back(rules.programs()[e.program].id + ": not decided on " + format_date(c.as_of) +
                                   " (not in force then)");
      continue;
    }
    compare(rules, e, *d, result.differences);
  }
  result.passed = result.differences.empty();
  return result;
}

}  // namespace talent
