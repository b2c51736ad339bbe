#include "lang/lexer.hpp"
#include "lang/parser.hpp"

#include <catch2/catch.hpp>

using talent::detail::Expr;
using talent::detail::parse_expression;
using talent::detail::ExpressionError;

namespace {

// The tree in prefix form, to compare structure compactly.
std::string show(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::number: return e.text + (e.percent ? "%" : "");
    case Expr::Kind::date: return "#" + e.text;
    case Expr::Kind::string: return "'" + e.text + "'";
    case Expr::Kind::boolean:
    case Expr::Kind::name: return e.text;
    default: break;
  }
  std::string op = e.kind == Expr::Kind::in_list ? (e.negated ? "not in" : "in")
                   : e.kind == Expr::Kind::call    ? e.text
                                                   : talent::detail::spelling(e.op);
  std::string out = "(" + op;
  for (const auto& a : e.args) out += " " + show(a);
  return out + ")";
}

std::string parsed(const std::string& source) {
  Expr e;
  ExpressionError error;
  if (!parse_expression(source, e, error)) {
    return "error@" + std::to_string(error.offset) + ": [" + talent::to_string(error.code) + "] " + error.message;
  }
  return show(e);
}

}  // namespace

TEST_CASE("precedence: or < and < not < comparison < sum < product < unary", "[parser]") {
  auto [source, tree] = GENERATE(table<const char*, const char*>({
      {"a or b and c", "(or a (and b c))"},
      {"not a and b", "(and (not a) b)"},
      {"not a == b", "(not (== a b))"},
      {"a + b * c", "(+ a (* b c))"},
      {"a - b - c", "(- (- a b) c)"},
      {"-a * b", "(* (- a) b)"},
      {"(a or b) and c", "(and (or a b) c)"},
      {"x.y.z <= as_of", "(<= x.y.z as_of)"},
      {"d + years(2)", "(+ d (years 2))"},
      {"min(p, 300000.00) * r * 50%", "(* (* (min p 300000.00) r) 50%)"},
      {"s in [a, b]", "(in s a b)"},
      {"s not in [a]", "(not in s a)"},
      {"has(home_purchase)", "(has home_purchase)"},
      {"d == 2024-02-29", "(== d #2024-02-29)"},
      {"n == 'x' or f == true", "(or (== n 'x') (== f true))"},
  }));
  CAPTURE(source);
  CHECK(parsed(source) == tree);
}

TEST_CASE("the parser names each operator and function with its enum", "[parser]") {
  using talent::detail::Operator;
  using Kind = Expr::Kind;
  auto [source, kind, op] = GENERATE(table<const char*, Kind, Operator>({
      {"-a", Kind::unary, Operator::negate},
      {"not a", Kind::unary, Operator::logical_not},
      {"a or b", Kind::binary, Operator::logical_or},
      {"a and b", Kind::binary, Operator::logical_and},
      {"a == b", Kind::binary, Operator::equal},
      {"a != b", Kind::binary, Operator::not_equal},
      {"a < b", Kind::binary, Operator::less},
      {"a <= b", Kind::binary, Operator::less_equal},
      {"a > b", Kind::binary, Operator::greater},
      {"a >= b", Kind::binary, Operator::greater_equal},
      {"a + b", Kind::binary, Operator::add},
      {"a - b", Kind::binary, Operator::subtract},
      {"a * b", Kind::binary, Operator::multiply},
      {"a / b", Kind::binary, Operator::divide},
      {"years(1)", Kind::call, Operator::years},
      {"months(1)", Kind::call, Operator::months},
      {"days(1)", Kind::call, Operator::days},
      {"min(a, b)", Kind::call, Operator::minimum},
      {"max(a, b)", Kind::call, Operator::maximum},
      {"has(a)", Kind::call, Operator::has},
      {"year(1)", Kind::call, Operator::none},  // no such function: the checker says so
      {"Min(a, b)", Kind::call, Operator::none},
      {"a", Kind::name, Operator::none},
      {"1", Kind::number, Operator::none},
  }));
  CAPTURE(source);
  Expr e;
  ExpressionError error;
  REQUIRE(parse_expression(source, e, error));
  CHECK(e.kind == kind);
  CHECK(e.op == op);
}

TEST_CASE("syntax errors name the offending token and its offset", "[parser]") {
  auto [source, message] = GENERATE(table<const char*, const char*>({
      {"a ==", "error@4: [syntax] expression ends too early: expected a value"},
      {"a = b", "error@2: [syntax] '=' is not an operator; write '==' to compare"},
      {"(a and b", "error@8: [syntax] expected ')' to close the '(', found end of expression"},
      {"s in [a, b", "error@10: [syntax] expected ']' to close the '[', found end of expression"},
      {"s in a", "error@5: [syntax] expected '[' to start the list after 'in', found name"},
      {"a < b < c", "error@6: [syntax] comparisons do not chain; write 'a <= b and b <= c'"},
      {"a b", "error@2: [syntax] unexpected name 'b' after a complete expression"},
      {"a ! b", "error@2: [syntax] '!' is not an operator; write 'not' or '!='"},
      {"a == 'open", "error@5: [syntax] unterminated string: no closing quote"},
      {"a == 12abc", "error@5: [syntax] a number cannot run into letters"},
      {"a == ￥", "error@5: [syntax] unexpected character"},
      {"x.", "error@2: [syntax] expected a field name after '.'"},
      {"", "error@0: [syntax] expression ends too early: expected a value"},
  }));
  CAPTURE(source);
  CHECK(parsed(source) == message);
}

TEST_CASE("regression: a thousands separator split one number into two arguments", "[parser]") {
  // `min(p, 300,000.00)` read as min(p, 300, 000.00), passed the checker,
  // and every loan was paid 0.00. A number may not start with 0 unless it is
  // 0 itself or a fraction.
  auto [source, message, length] = GENERATE(table<const char*, const char*, std::size_t>({
      {"min(p, 300,000.00)",
       "error@11: [syntax] a number may not start with 0; did you mean 300000.00? numbers are written without thousands separators", 6},
      {"min(p, 300, 000.00)",
       "error@12: [syntax] a number may not start with 0; did you mean 300000.00? numbers are written without thousands separators", 6},
      {"min(p, 1,000,000.00)",
       "error@9: [syntax] a number may not start with 0; did you mean 1000000.00? numbers are written without thousands separators", 3},
      {"min(p, 1,000,500)",
       "error@9: [syntax] a number may not start with 0; did you mean 1000500? numbers are written without thousands separators", 3},
      {"s in [1,000]", "error@8: [syntax] a number may not start with 0; did you mean 1000? numbers are written without thousands separators", 3},
      {"min(p, 1.5,000)", "error@11: [syntax] a number may not start with 0 (did you mean 0?)", 3},
      {"x == 0700", "error@5: [syntax] a number may not start with 0 (did you mean 700?)", 4},
      {"x == 00", "error@5: [syntax] a number may not start with 0 (did you mean 0?)", 2},
      {"x == 000.00", "error@5: [syntax] a number may not start with 0 (did you mean 0.00?)", 6},
      {"x == 00.5", "error@5: [syntax] a number may not start with 0 (did you mean 0.5?)", 4},
      {"x == 07%", "error@5: [syntax] a number may not start with 0 (did you mean 7?)", 2},
      {"d <= 2024-7-01", "error@12: [syntax] a number may not start with 0 (a date is written YYYY-MM-DD, like 2024-07-01)", 2},
      {"d <= 2024-07-1", "error@10: [syntax] a number may not start with 0 (a date is written YYYY-MM-DD, like 2024-07-01)", 2},
  }));
  CAPTURE(source);
  CHECK(parsed(source) == message);
  Expr e;
  ExpressionError error;
  REQUIRE_FALSE(parse_expression(source, e, error));
  CHECK(error.length == length);  // the caret covers the number
}

TEST_CASE("zero itself, fractions of it and a zero rate are numbers", "[parser]") {
  auto [source, tree] = GENERATE(table<const char*, const char*>({
      {"x == 0", "(== x 0)"},
      {"x == 0.5", "(== x 0.5)"},
      {"x == 0.0385", "(== x 0.0385)"},
      {"x * 0%", "(* x 0%)"},
      {"x * 0.00", "(* x 0.00)"},
      {"min(p, 300000.00, 100)", "(min p 300000.00 100)"},
  }));
  CAPTURE(source);
  CHECK(parsed(source) == tree);
}

TEST_CASE("an unclosed bracket reports where it was opened", "[parser]") {
  Expr e;
  ExpressionError error;
  REQUIRE_FALSE(parse_expression("min(a, (b", e, error));
  CHECK(error.opened_at == 7);
  CHECK(error.offset == 9);
  CHECK(error.code == talent::ErrorCode::syntax);
}

TEST_CASE("nesting is limited before the parser's stack is", "[parser]") {
  Expr e;
  ExpressionError error;
  std::string ok = std::string(60, '(') + "a" + std::string(60, ')');
  CHECK(parse_expression(ok, e, error));
  std::string deep = std::string(65, '(') + "a" + std::string(65, ')');
  REQUIRE_FALSE(parse_expression(deep, e, error));
  CHECK(error.message == "expression nested deeper than 64 levels");
  CHECK(error.code == talent::ErrorCode::limit);
  std::string nots;
  for (int i = 0; i < 100; ++i) nots += "not ";
  REQUIRE_FALSE(parse_expression(nots + "a", e, error));
  CHECK(error.message == "expression nested deeper than 64 levels");
  REQUIRE_FALSE(parse_expression(std::string(5000, '('), e, error));
  CHECK(error.message == "expression longer than 4096 bytes");
  CHECK(error.code == talent::ErrorCode::limit);
}

TEST_CASE("regression: a long operator chain is bounded like nesting", "[parser]") {
  // A 4096-byte `a or a or ...` used to build a tree some 2,000 levels deep
  // that every later stage walked recursively.
  Expr e;
  ExpressionError error;
  auto chain = [](int terms) {
    std::string s = "a";
    for (int i = 1; i < terms; ++i) s += " or a";
    return s;
  };
  CHECK(parse_expression(chain(256), e, error));
  CHECK(e.height == 256);
  REQUIRE_FALSE(parse_expression(chain(257), e, error));
  CHECK(error.message ==
        "expression more than 256 levels deep (a very long chain of operators); list values with 'in [...]' or split the condition");
  CHECK(error.code == talent::ErrorCode::limit);
}
