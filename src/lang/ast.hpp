// Language stage: the syntax tree of one expression. The parser builds it,
// the checker resolves names and fills in types, the compiler flattens it.
#pragma once

#include "base/value_type.hpp"
#include "talent/error_code.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace talent::detail {

// What a unary, binary or call node does, set by the parser from the token or
// the function's name. Later stages switch on it, never on text, so an
// operator they do not know cannot slip through as something else.
enum class Operator : unsigned char {
  none,  // literals and names; a call to a name that is no function
  negate, logical_not,                                       // unary
  logical_or, logical_and,                                   // binary
  equal, not_equal, less, less_equal, greater, greater_equal,
  add, subtract, multiply, divide,
  years, months, days, minimum, maximum, has, eligible,      // functions
};

// The operator as the pack writes it: "==", "not", "min".
inline const char* spelling(Operator op) {
  switch (op) {
    case Operator::none: return "?";
    case Operator::negate: return "-";
    case Operator::logical_not: return "not";
    case Operator::logical_or: return "or";
    case Operator::logical_and: return "and";
    case Operator::equal: return "==";
    case Operator::not_equal: return "!=";
    case Operator::less: return "<";
    case Operator::less_equal: return "<=";
    case Operator::greater: return ">";
    case Operator::greater_equal: return ">=";
    case Operator::add: return "+";
    case Operator::subtract: return "-";
    case Operator::multiply: return "*";
    case Operator::divide: return "/";
    case Operator::years: return "years";
    case Operator::months: return "months";
    case Operator::days: return "days";
    case Operator::minimum: return "min";
    case Operator::maximum: return "max";
    case Operator::has: return "has";
    case Operator::eligible: return "eligible";
  }
  return "?";
}

// Binary operators by how their operands are typed.
enum class Family { logic, comparison, sum, product, none };

inline Family family(Operator op) {
  switch (op) {
    case Operator::logical_and:
    case Operator::logical_or: return Family::logic;
    case Operator::equal:
    case Operator::not_equal:
    case Operator::less:
    case Operator::less_equal:
    case Operator::greater:
    case Operator::greater_equal: return Family::comparison;
    case Operator::add:
    case Operator::subtract: return Family::sum;
    case Operator::multiply:
    case Operator::divide: return Family::product;
    default: return Family::none;  // unary operators and functions
  }
}

struct Expr {
  enum class Kind {
    number,    // text: digits, maybe with a point; `percent` when a '%' follows
    date,      // text: YYYY-MM-DD
    string,    // text: contents
    boolean,   // text: "true" / "false"
    name,      // text: dotted path (a field, as_of, an enum value, a parameter or a named expression)
    call,      // op: the function (none if unknown); text: its name as written; args
    unary,     // op: negate or logical_not; args[0]
    binary,    // op; args[0], args[1]
    in_list,   // args[0] in args[1..]; `negated` for 'not in'
  };
  Kind kind = Kind::number;
  Operator op = Operator::none;
  std::string text;
  bool percent = false;
  bool negated = false;
  std::size_t offset = 0;  // bytes into the expression
  std::size_t length = 0;
  std::vector<Expr> args;
  int height = 1;  // levels of the tree below and including this node

  // Filled in by the checker.
  ValueType type = ValueType::unresolved;
  int enum_id = -1;      // enumeration type, or the enum of an enum literal
  int field = -1;        // schema field index for a field path
  int section = -1;      // schema section index for has(section)
  int enum_value = -1;   // value index of an enum literal
  int parameter = -1;    // Names::parameters index for a parameter's name
  int named = -1;        // Names::expressions index for a named expression's name
  int program = -1;      // Names::programs index for eligible(program)
  bool is_as_of = false;
  bool is_cycle_start = false;  // cycle_start, cycle_end: the days a selection's cycle opens and closes
  bool is_cycle_end = false;
};

// A problem in one expression, found by the parser or the checker, at a byte
// range of the expression's text; the pack loader turns it into a positioned
// diagnostic.
// Brace-initialised as {offset, length, code, message}: `code` has no default,
// so a brace list without it does not compile.
struct ExpressionError {
  std::size_t offset = 0;
  std::size_t length = 1;
  ErrorCode code;
  std::string message;
  std::size_t opened_at = static_cast<std::size_t>(-1);  // an unclosed bracket's position, if any
};

}  // namespace talent::detail
