// Language stage: the rule language's tokens.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

enum class TokenKind {
  end, identifier, number, date, string,
  lparen, rparen, lbracket, rbracket, comma, dot,
  plus, minus, star, slash, percent,
  eq, ne, lt, le, gt, ge,
  kw_and, kw_or, kw_not, kw_in, kw_true, kw_false,
  error,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view text;   // the token as written (string tokens: without quotes)
  std::size_t offset = 0;  // byte offset in the expression
  std::size_t length = 0;  // bytes in the expression, quotes included
};

// Splits an expression into tokens; the last token is `end`, or `error` with
// `text` holding the message when something cannot be a token.
std::vector<Token> tokenize(std::string_view source);

const char* describe(TokenKind kind);

}  // namespace talent::detail
