// Language stage: the syntax tree of one expression. The parser builds it,
// the checker resolves names and fills in types, the compiler flattens it.
#pragma once

#include "base/value_type.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace talent::detail {

struct Expr {
  enum class Kind {
    number,    // text: digits, maybe with a point; percent: text ends without '%' but `percent` set
    date,      // text: YYYY-MM-DD
    string,    // text: contents
    boolean,   // text: "true" / "false"
    name,      // text: dotted path (a field, as_of, or an enum value)
    call,      // text: function name; args
    unary,     // text: "-" or "not"; args[0]
    binary,    // text: operator; args[0], args[1]
    in_list,   // args[0] in args[1..]; `negated` for 'not in'
  };
  Kind kind = Kind::number;
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
  bool is_as_of = false;
};

}  // namespace talent::detail
