#include "lang/lexer.hpp"

#include "base/text.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

TokenKind keyword(std::string_view word) {
  if (word == "and") return TokenKind::kw_and;
  if (word == "or") return TokenKind::kw_or;
  if (word == "not") return TokenKind::kw_not;
  if (word == "in") return TokenKind::kw_in;
  if (word == "true") return TokenKind::kw_true;
  if (word == "false") return TokenKind::kw_false;
  return TokenKind::identifier;
}

bool looks_like_date(std::string_view s, std::size_t i) {
  if (i + 10 > s.size()) return false;
  for (std::size_t k = 0; k < 10; ++k) {
    char c = s[i + k];
    bool dash = k == 4 || k == 7;
    if (dash ? c != '-' : !is_digit(c)) return false;
  }
  return i + 10 == s.size() || !is_ident_char(s[i + 10]);
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  auto push = [&](TokenKind kind, std::size_t start, std::size_t len) {
    out.push_back(Token{kind, s.substr(start, len), start, len});
  };
  auto fail = [&](std::size_t start, std::size_t len, std::string_view message) {
    out.push_back(Token{TokenKind::error, message, start, len});
    return out;
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (is_ident_start(c)) {
      while (i < s.size() && is_ident_char(s[i])) ++i;
      push(keyword(s.substr(start, i - start)), start, i - start);
      continue;
    }
    if (is_digit(c)) {
      if (looks_like_date(s, i)) {
        push(TokenKind::date, start, 10);
        i += 10;
        continue;
      }
      while (i < s.size() && is_digit(s[i])) ++i;
      if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
      }
      if (i < s.size() && is_ident_char(s[i])) {
        return fail(start, i - start + 1, "a number cannot run into letters");
      }
      push(TokenKind::number, start, i - start);
      continue;
    }
    if (c == '"' || c == '\'') {
      std::size_t close = s.find(c, i + 1);
      if (close == std::string_view::npos) return fail(start, 1, "unterminated string: no closing quote");
      out.push_back(Token{TokenKind::string, s.substr(i + 1, close - i - 1), start, close - start + 1});
      i = close + 1;
      continue;
    }
    auto two = [&](char next) { return i + 1 < s.size() && s[i + 1] == next; };
    TokenKind kind = TokenKind::error;
    std::size_t len = 1;
    switch (c) {
      case '(': kind = TokenKind::lparen; break;
      case ')': kind = TokenKind::rparen; break;
      case '[': kind = TokenKind::lbracket; break;
      case ']': kind = TokenKind::rbracket; break;
      case ',': kind = TokenKind::comma; break;
      case '.': kind = TokenKind::dot; break;
      case '+': kind = TokenKind::plus; break;
      case '-': kind = TokenKind::minus; break;
      case '*': kind = TokenKind::star; break;
      case '/': kind = TokenKind::slash; break;
      case '%': kind = TokenKind::percent; break;
      case '=':
        if (!two('=')) return fail(start, 1, "'=' is not an operator; write '==' to compare");
        kind = TokenKind::eq, len = 2;
        break;
      case '!':
        if (!two('=')) return fail(start, 1, "'!' is not an operator; write 'not' or '!='");
        kind = TokenKind::ne, len = 2;
        break;
      case '<': kind = two('=') ? (len = 2, TokenKind::le) : TokenKind::lt; break;
      case '>': kind = two('=') ? (len = 2, TokenKind::ge) : TokenKind::gt; break;
      default: {
        std::size_t bad = std::min(utf8_sequence_length(static_cast<unsigned char>(c)), s.size() - start);
        return fail(start, bad, "unexpected character");
      }
    }
    push(kind, start, len);
    i += len;
  }
  out.push_back(Token{TokenKind::end, {}, s.size(), 0});
  return out;
}

const char* describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::end: return "end of expression";
    case TokenKind::identifier: return "name";
    case TokenKind::number: return "number";
    case TokenKind::date: return "date";
    case TokenKind::string: return "string";
    case TokenKind::lparen: return "'('";
    case TokenKind::rparen: return "')'";
    case TokenKind::lbracket: return "'['";
    case TokenKind::rbracket: return "']'";
    case TokenKind::comma: return "','";
    case TokenKind::dot: return "'.'";
    case TokenKind::plus: return "'+'";
    case TokenKind::minus: return "'-'";
    case TokenKind::star: return "'*'";
    case TokenKind::slash: return "'/'";
    case TokenKind::percent: return "'%'";
    case TokenKind::eq: return "'=='";
    case TokenKind::ne: return "'!='";
    case TokenKind::lt: return "'<'";
    case TokenKind::le: return "'<='";
    case TokenKind::gt: return "'>'";
    case TokenKind::ge: return "'>='";
    case TokenKind::kw_and: return "'and'";
    case TokenKind::kw_or: return "'or'";
    case TokenKind::kw_not: return "'not'";
    case TokenKind::kw_in: return "'in'";
    case TokenKind::kw_true: return "'true'";
    case TokenKind::kw_false: return "'false'";
    case TokenKind::error: return "invalid token";
  }
  return "token";
}

}  // namespace talent::detail
