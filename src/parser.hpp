// Stage 2b: expressions to syntax trees, by recursive descent.
//
// Grammar (lowest precedence first):
//   expr    := or
//   or      := and ('or' and)*
//   and     := not ('and' not)*
//   not     := 'not' not | compare
//   compare := sum [('=='|'!='|'<'|'<='|'>'|'>=') sum | ['not'] 'in' list]
//   sum     := product (('+'|'-') product)*
//   product := unary (('*'|'/') unary)*
//   unary   := '-' unary | primary
//   primary := NUMBER ['%'] | DATE | STRING | 'true' | 'false'
//            | NAME '(' [expr (',' expr)*] ')'      function call
//            | NAME ('.' NAME)*                     field path, as_of or enum value
//            | '(' expr ')'
//   list    := '[' [expr (',' expr)*] ']'
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

enum class ValueType : unsigned char {
  unresolved, boolean, integer, money, rate, date, enumeration, string, duration, number,
};
const char* type_name(ValueType type);

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

struct ParseError {
  std::size_t offset = 0;
  std::size_t length = 1;
  std::string message;
  std::size_t opened_at = static_cast<std::size_t>(-1);  // the unclosed bracket, if any
};

constexpr int kMaxExpressionDepth = 64;    // brackets, 'not' and '-' inside each other
constexpr int kMaxExpressionHeight = 256;  // the whole tree, operator chains included
constexpr std::size_t kMaxExpressionBytes = 4096;

// Parses `source`; returns false and fills `error` on the first syntax error.
bool parse_expression(std::string_view source, Expr& out, ParseError& error);

}  // namespace talent::detail
