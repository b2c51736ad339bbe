// The lexer on its own: every token with its kind, its text and where it sits.
#include "lang/lexer.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <iterator>
#include <string>

using talent::detail::Token;
using talent::detail::TokenKind;
using talent::detail::tokenize;

namespace {

// The kinds' names, in the order TokenKind declares them.
constexpr const char* kKindNames[] = {
    "end", "identifier", "number", "date", "string",
    "lparen", "rparen", "lbracket", "rbracket", "comma", "dot",
    "plus", "minus", "star", "slash", "percent",
    "eq", "ne", "lt", "le", "gt", "ge",
    "kw_and", "kw_or", "kw_not", "kw_in", "kw_true", "kw_false",
    "error",
};
static_assert(std::size(kKindNames) == static_cast<std::size_t>(TokenKind::error) + 1, "a name for every kind");

const char* kind_name(TokenKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

// The tokens as "kind:text@offset+length", space separated; `end` last. An
// error token's text is its message.
std::string lexed(const std::string& source) {
  std::string out;
  for (const Token& t : tokenize(source)) {
    if (!out.empty()) out += " ";
    out += std::string(kind_name(t.kind)) + ":" + std::string(t.text) + "@" + std::to_string(t.offset) + "+" +
           std::to_string(t.length);
  }
  return out;
}

}  // namespace

TEST_CASE("tokens carry their kind, text, offset and length", "[lexer]") {
  auto [source, tokens] = GENERATE(table<std::string, std::string>({
      {"", "end:@0+0"},
      {"  \t\n", "end:@4+0"},
      {"employment.status", "identifier:employment@0+10 dot:.@10+1 identifier:status@11+6 end:@17+0"},
      {"_x1 and or not in true false",
       "identifier:_x1@0+3 kw_and:and@4+3 kw_or:or@8+2 kw_not:not@11+3 kw_in:in@15+2 kw_true:true@18+4 "
       "kw_false:false@23+5 end:@28+0"},
      {"andy", "identifier:andy@0+4 end:@4+0"},  // a keyword only as a whole word
      {"36 300000.00 0.0385 50%",
       "number:36@0+2 number:300000.00@3+9 number:0.0385@13+6 number:50@20+2 percent:%@22+1 end:@23+0"},
      {"1.", "number:1@0+1 dot:.@1+1 end:@2+0"},  // a point needs a digit after it
      {"1.5.2", "number:1.5@0+3 dot:.@3+1 number:2@4+1 end:@5+0"},
      {"2024-02-29", "date:2024-02-29@0+10 end:@10+0"},
      {"d<=2024-07-01)", "identifier:d@0+1 le:<=@1+2 date:2024-07-01@3+10 rparen:)@13+1 end:@14+0"},
      {"2024-7-01",  // not a date: three numbers and two minus signs
       "number:2024@0+4 minus:-@4+1 number:7@5+1 minus:-@6+1 number:01@7+2 end:@9+0"},
      {"\"博士\" 'x y'", "string:博士@0+8 string:x y@9+5 end:@14+0"},  // text without quotes, length with them
      {"()[],.+-*/%",
       "lparen:(@0+1 rparen:)@1+1 lbracket:[@2+1 rbracket:]@3+1 comma:,@4+1 dot:.@5+1 plus:+@6+1 minus:-@7+1 "
       "star:*@8+1 slash:/@9+1 percent:%@10+1 end:@11+0"},
      {"== != < <= > >=", "eq:==@0+2 ne:!=@3+2 lt:<@6+1 le:<=@8+2 gt:>@11+1 ge:>=@13+2 end:@15+0"},
      // Numbers with a leading zero are lexed whole for the parser to refuse:
      // the lexer keeps `000.00` as one number so that the parser can say what
      // it looks like, the second half of `300,000.00`.
      {"300,000.00", "number:300@0+3 comma:,@3+1 number:000.00@4+6 end:@10+0"},
      {"0700", "number:0700@0+4 end:@4+0"},
      {"00", "number:00@0+2 end:@2+0"},
      {"0 0.5 0%", "number:0@0+1 number:0.5@2+3 number:0@6+1 percent:%@7+1 end:@8+0"},
  }));
  CAPTURE(source);
  CHECK(lexed(source) == tokens);
}

TEST_CASE("a character that cannot start a token ends the list with an error", "[lexer]") {
  auto [source, tokens] = GENERATE(table<std::string, std::string>({
      {"a = b", "identifier:a@0+1 error:'=' is not an operator; write '==' to compare@2+1"},
      {"!a", "error:'!' is not an operator; write 'not' or '!='@0+1"},
      {"x == 'open", "identifier:x@0+1 eq:==@2+2 error:unterminated string: no closing quote@5+1"},
      {"12abc", "error:a number cannot run into letters@0+3"},
      {"2024-07-01x", "number:2024@0+4 minus:-@4+1 number:07@5+2 minus:-@7+1 error:a number cannot run into letters@8+3"},
      {"a ￥ b", "identifier:a@0+1 error:unexpected character@2+3"},  // the whole UTF-8 sequence
      {"a # b", "identifier:a@0+1 error:unexpected character@2+1"},
  }));
  CAPTURE(source);
  CHECK(lexed(source) == tokens);
}

TEST_CASE("every token kind has a name for messages", "[lexer]") {
  auto [kind, name] = GENERATE(table<TokenKind, std::string>({
      {TokenKind::end, "end of expression"},
      {TokenKind::identifier, "name"},
      {TokenKind::number, "number"},
      {TokenKind::date, "date"},
      {TokenKind::string, "string"},
      {TokenKind::lbracket, "'['"},
      {TokenKind::ge, "'>='"},
      {TokenKind::kw_not, "'not'"},
      {TokenKind::error, "invalid token"},
  }));
  CHECK(talent::detail::describe(kind) == name);
}
