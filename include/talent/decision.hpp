// Evaluating a record against a rule set.
//
// `evaluate` is a const operation on an immutable RuleSet with all per-call
// state on the stack: call it from as many threads as you like with one
// shared rule set. With `explain = false` it builds no reasons at all.
//
// Lifetime: a Decision is plain data that owns its strings and keeps nothing
// alive. Its indices (ProgramDecision::program, Reason::condition, remarks)
// point into the rule set it was evaluated with, so read them — and render
// them with to_json/to_text — with that same rule set.
//
//   talent::Decision d = talent::evaluate(*rules, *parsed.record, as_of);
//   for (const auto& p : d.programs) std::cout << rules->programs()[p.program].id;
#pragma once

#include "talent/date.hpp"
#include "talent/error_code.hpp"
#include "talent/export.h"
#include "talent/money.hpp"
#include "talent/record.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace talent {

class RuleSet;

enum class Status : std::uint8_t { eligible, ineligible, needs_info };
// Three-valued truth (Kleene): a condition over a missing fact is unknown.
enum class Truth : std::uint8_t { no, yes, unknown };

TALENT_API const char* to_string(Status status);

struct Window {
  Date start;
  Date end;  // inclusive
};

// A value a condition looked at; `value` is empty when the record lacks it.
struct SeenValue {
  std::string path;                  // "graduation_date", or "as_of"
  std::optional<std::string> value;  // canonical text: "2024-07-01", "500.00", "doctorate"
};

// A parameter's value a condition or an amount used, and since when it
// applies. `value` is empty for a table whose key the record lacks.
struct ParameterUse {
  std::string parameter;             // ParameterInfo::id
  std::optional<std::string> value;  // canonical text: "2", "300000.00", "0.5"
  Date since;
};

// Another program's outcome a condition read (eligible(program)).
struct ProgramUse {
  std::string program;  // ProgramInfo::id
  Status status = Status::ineligible;
};

struct Reason {
  std::size_t condition = 0;  // index into ProgramInfo::conditions
  Truth result = Truth::unknown;
  std::vector<SeenValue> seen;
  std::vector<ParameterUse> parameters;
  std::vector<ProgramUse> programs;
  // The pack's named dates (definitions) the condition reads, by id, with
  // the day each came to: {"rent_deadline", "2025-06-30"} (the anniversary
  // a 2-year condition compares with); no value when it has none.
  std::vector<SeenValue> definitions;
};

struct ProgramDecision {
  std::size_t program = 0;  // index into RuleSet::programs()
  Status status = Status::ineligible;
  std::optional<Money> amount;         // exactly when eligible
  std::optional<Window> window;        // when eligible and the program has one
  std::vector<std::string> missing;    // exactly when needs_info; sorted field paths
  std::vector<Reason> reasons;         // every condition, when explaining
  std::vector<SeenValue> amount_seen;  // values the amount was computed from, when explaining
  std::vector<ParameterUse> amount_parameters;  // parameters the amount used, when explaining
  std::vector<std::size_t> remarks;    // indices of ProgramInfo::remarks that held
};

struct Decision {
  std::string id;
  std::string name;  // the record's `name` (a string field the schema may declare), or empty
  Date as_of;
  std::size_t version = 0;  // index into RuleSet::versions(): the rules in force on as_of
  std::vector<ProgramDecision> programs;  // every program of that version, in its order
  std::vector<Normalization> normalized;  // the record's (Record::normalized)
  std::vector<std::string> ignored;       // the record's (Record::ignored)
  // The decision for program `program` (an index into RuleSet::programs()),
  // or nullptr when that form of the program is not in force on as_of.
  const ProgramDecision* find(std::size_t program) const {
    for (const ProgramDecision& p : programs) {
      if (p.program == program) return &p;
    }
    return nullptr;
  }
};

struct EvaluateOptions {
  bool explain = true;
};

// Raised when an amount cannot be represented exactly (e.g. it overflows
// int64 fen). Never a wrapped or rounded-away number. `code` says what kind
// of problem: limit (past int64 fen, 128-bit arithmetic or the years
// 1400-9999) or invalid_value (a division by zero, a negative amount, a
// window that ends before it starts).
class TALENT_API EvaluationError : public std::runtime_error {
 public:
  EvaluationError(std::string program, ErrorCode code, const std::string& message)
      : std::runtime_error(message), program_(std::move(program)), code_(code) {}
  const std::string& program() const { return program_; }
  ErrorCode code() const { return code_; }

 private:
  std::string program_;
  ErrorCode code_;
};

// Decides every program of `rules` for `record` as of `as_of`.
// Throws std::invalid_argument when `record` was parsed with another rule set
// (even the same pack loaded again, even after that one was destroyed; the
// message names both) or when `as_of` is not a date, and EvaluationError when
// an amount cannot be computed exactly.
TALENT_API Decision evaluate(const RuleSet& rules, const Record& record, Date as_of,
                  const EvaluateOptions& options = {});
// The same decision, made in `out`, reusing the storage of the lists it
// holds from an earlier call: the way to decide many records on one thread.
// When it throws, `out` holds a partial decision; make it again before use.
TALENT_API void evaluate(const RuleSet& rules, const Record& record, Date as_of, const EvaluateOptions& options,
                         Decision& out);

}  // namespace talent
