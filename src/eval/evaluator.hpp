// Evaluation stage: evaluating compiled expressions over one record, in three-valued
// logic. All state lives in the Evaluator object, which callers keep on the
// stack; the compiled pack is only read. Deciding a program from its
// conditions, and the public evaluate(), live in decision.cpp.
#pragma once

#include "lang/compiled.hpp"
#include "talent/decision.hpp"

#include <string>

namespace talent::detail {

// Thrown when exact arithmetic overflows (limit) or divides by zero
// (invalid_value); evaluate() turns it into an EvaluationError.
struct ArithmeticFailure {
  ErrorCode code;
  std::string what;
};

// The nodes a node reads its operands from, as the evaluator does.
std::vector<std::uint32_t> operands(const Node& n);

// Evaluates for one record as of one date under one version of the rules.
// Parameters take their values in force on `rules_date` (the as-of date, or
// the version's effective date when that is later). eligible(program) reads
// the decisions given to decided(), by position in the version.
class Evaluator {
 public:
  Evaluator(const CompiledPack& pack, const CompiledVersion& version, const Record& record, Date as_of,
            Date rules_date);
  Value eval(std::uint32_t node) const;
  Truth truth(const CompiledExpression& e) const;
  // The programs decided so far, by position in the version.
  void decided(const ProgramDecision* programs) { decided_ = programs; }
  // The cycle a selection program is decided for: what cycle_start and
  // cycle_end read (unknown until it is set).
  void cycle(Window days) { cycle_ = days; }
  const Window& cycle() const { return cycle_; }
  // The dated value of a parameter in force on the rules date.
  const ParameterStep& step(int parameter) const;
  Date rules_date() const { return rules_date_; }

 private:
  Value compare(const Node& n) const;
  Value arithmetic(const Node& n) const;
  Value shift_date(const Node& n) const;
  Value parameter(const Node& n) const;

  const CompiledPack& pack_;
  const CompiledVersion& version_;
  const Slot* slots_;
  const std::string* strings_;
  Date as_of_;
  Date rules_date_;
  const ProgramDecision* decided_ = nullptr;
  Window cycle_;
};

// Decides `program` for the record `ev` evaluates (decision.cpp): its
// conditions in Kleene logic, the facts still missing, the amount, the
// window and the remarks, with reasons when `explain`. `decided` holds the
// version's programs decided so far, for eligible(); a selection program
// reads none and passes nullptr. Throws ArithmeticFailure.
void decide(const CompiledPack& pack, const CompiledVersion& version, const CompiledProgram& program,
            const Record& record, const Evaluator& ev, Date as_of, bool explain, const ProgramDecision* decided,
            ProgramDecision& out);

}  // namespace talent::detail
