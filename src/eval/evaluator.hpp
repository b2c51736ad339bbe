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

class Evaluator {
 public:
  Evaluator(const CompiledPack& pack, const Record& record, Date as_of);
  Value eval(std::uint32_t node) const;
  Truth truth(const CompiledExpression& e) const;

 private:
  Value compare(const Node& n) const;
  Value arithmetic(const Node& n) const;
  Value shift_date(const Node& n) const;

  const CompiledPack& pack_;
  const Slot* slots_;
  const std::string* strings_;
  Date as_of_;
};

}  // namespace talent::detail
