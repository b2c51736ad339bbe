// Language stage: expressions to syntax trees (ast.hpp), by recursive descent.
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
//
// A NUMBER does not start with 0 unless it is 0 or a fraction (0, 0.5): the
// `000.00` of `300,000.00` is an error, not a second argument.
#pragma once

#include "lang/ast.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {


constexpr int kMaxExpressionDepth = 64;    // brackets, 'not' and '-' inside each other
constexpr int kMaxExpressionHeight = 256;  // the whole tree, operator chains included
constexpr std::size_t kMaxExpressionBytes = 4096;

// Parses `source`; returns false and fills `error` on the first syntax error.
bool parse_expression(std::string_view source, Expr& out, ExpressionError& error);

}  // namespace talent::detail
