// The compiler on its own: checked trees in, flat nodes out, with the fields
// each expression reads and the enum tests fused into one bit-mask node.
#include "lang/checker.hpp"
#include "lang/compiler.hpp"
#include "lang/parser.hpp"
#include "talent/rule_set.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

using talent::detail::CompiledExpression;
using talent::detail::CompiledPack;
using talent::detail::Expr;
using talent::detail::Node;
using talent::detail::Op;
using talent::detail::ValueType;

namespace {

// The operations' names, in the order Op declares them.
constexpr const char* kOpNames[] = {
    "constant", "field", "has", "as_of", "not", "and", "or",
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    "in_list", "not_in_list",
    "add", "subtract", "multiply", "divide", "negate", "minimum", "maximum",
    "add_years", "add_months", "add_days",
    "enum_test",
};
static_assert(std::size(kOpNames) == static_cast<std::size_t>(Op::enum_test) + 1, "a name for every operation");

const char* op_name(Op op) { return kOpNames[static_cast<std::size_t>(op)]; }

std::string exact(const talent::detail::Exact& x) {
  auto text = [](talent::detail::Int128 n) {
    std::string s = n == 0 ? "0" : "";
    bool negative = n < 0;
    for (; n != 0; n /= 10) s.insert(s.begin(), static_cast<char>('0' + (negative ? -(n % 10) : n % 10)));
    return (negative ? "-" : "") + s;
  };
  return text(x.num) + "/" + text(x.den);
}

// One node as "op:type", then its operands; constants show their value.
std::string show(const CompiledPack& pack, const Node& n) {
  std::string s = std::string(op_name(n.op)) + ":" + talent::detail::type_name(n.type);
  if (n.op == Op::constant) {
    const auto& v = pack.constants[n.a];
    switch (n.type) {
      case ValueType::integer:
      case ValueType::money:
      case ValueType::rate: return s + " " + exact(v.number);
      case ValueType::boolean: return s + (v.flag ? " true" : " false");
      case ValueType::date: return s + " " + talent::format_date(v.date);
      case ValueType::enumeration: return s + " #" + std::to_string(v.choice);
      case ValueType::string: return s + " '" + *v.text + "'";
      default: return s + " ?";
    }
  }
  if (n.operand != ValueType::unresolved) s += std::string("(") + talent::detail::type_name(n.operand) + ")";
  s += " " + std::to_string(n.a);
  if (n.op != Op::field && n.op != Op::has && n.op != Op::as_of && n.op != Op::logical_not && n.op != Op::negate) {
    s += " " + std::to_string(n.b);
  }
  if (n.op == Op::in_list || n.op == Op::not_in_list || n.op == Op::enum_test) s += " " + std::to_string(n.c);
  if (n.negative) s += " negative";
  return s;
}

struct Compiled {
  CompiledPack pack;
  CompiledExpression expression;
  std::string nodes;  // "0 field:int 3 | 1 constant:int 36/1 | ..."
};

// Parses, checks and compiles `source` against the schema of `files`' pack.
Compiled compile(const std::string& source, ValueType want,
                 const std::vector<talent::PackFile>& files = talent::testing::tiny_pack("a")) {
  auto loaded = talent::load_rule_set(files, "tiny");
  REQUIRE(loaded.ok());
  Compiled c;
  c.pack.schema = loaded.rule_set->compiled().schema;
  Expr e;
  talent::detail::ExpressionError pe;
  REQUIRE(talent::detail::parse_expression(source, e, pe));
  std::vector<talent::detail::ExpressionError> errors;
  REQUIRE(talent::detail::check_expression(c.pack.schema, e, want, errors));
  c.expression = talent::detail::compile_expression(e, c.pack);
  for (std::size_t i = 0; i < c.pack.nodes.size(); ++i) {
    c.nodes += (i == 0 ? "" : " | ") + std::to_string(i) + " " + show(c.pack, c.pack.nodes[i]);
  }
  CHECK(c.expression.root == c.pack.nodes.size() - 1);  // operands first, the root last
  return c;
}

// The tiny pack with an enum `big` of `values` values v0, v1, ... and a field
// `g` of that enum.
std::vector<talent::PackFile> with_big_enum(int values) {
  auto files = talent::testing::tiny_pack("a");
  std::string list;
  for (int i = 0; i < values; ++i) list += (i == 0 ? "" : ", ") + std::string("{value: v") + std::to_string(i) + "}";
  std::string& schema = files[1].content;
  schema.replace(schema.find("enums:\n"), 7, "enums:\n  big: [" + list + "]\n");
  schema += "  g: {type: enum, enum: big}\n";
  return files;
}

}  // namespace

// Tiny schema fields, in order: id 0, a 1, b 2, n 3, m 4, r 5, d 6, c 7,
// extra.x 8 (then extra.y, job.city, job.size); the section `extra` is section 1. Record slots: the fields id to
// c 0-7, the section extra 8 (has() tests it), extra.x 9. Enum color: red 0,
// blue 1.
TEST_CASE("each operator of a condition compiles to its node, operands first", "[compiler]") {
  auto [source, nodes] = GENERATE(table<const char*, const char*>({
      {"n < 36", "0 field:int 3 | 1 constant:int 36/1 | 2 less:bool(int) 0 1"},
      {"n <= 36", "0 field:int 3 | 1 constant:int 36/1 | 2 less_equal:bool(int) 0 1"},
      {"n > 36", "0 field:int 3 | 1 constant:int 36/1 | 2 greater:bool(int) 0 1"},
      {"n >= 36", "0 field:int 3 | 1 constant:int 36/1 | 2 greater_equal:bool(int) 0 1"},
      {"m == 1.50", "0 field:money 4 | 1 constant:money 150/100 | 2 equal:bool(money) 0 1"},
      {"r != 3.85%", "0 field:rate 5 | 1 constant:rate 38500000/1000000000 | 2 not_equal:bool(rate) 0 1"},
      {"a and b", "0 field:bool 1 | 1 field:bool 2 | 2 and:bool(bool) 0 1"},
      {"a or not b", "0 field:bool 1 | 1 field:bool 2 | 2 not:bool 1 | 3 or:bool(bool) 0 2"},
      {"a == true", "0 field:bool 1 | 1 constant:bool true | 2 equal:bool(bool) 0 1"},
      {"id == 'x'", "0 field:string 0 | 1 constant:string 'x' | 2 equal:bool(string) 0 1"},
      {"d <= as_of", "0 field:date 6 | 1 as_of:date 0 | 2 less_equal:bool(date) 0 1"},
      {"d == 2024-02-29", "0 field:date 6 | 1 constant:date 2024-02-29 | 2 equal:bool(date) 0 1"},
      {"has(extra)", "0 has:bool 8"},
      {"has(extra.x)", "0 has:bool 9"},
      {"n in [1, 2, 3]", "0 field:int 3 | 1 in_list:bool(int) 0 0 3"},
      {"id not in ['a']", "0 field:string 0 | 1 not_in_list:bool(string) 0 0 1"},
      {"c == red", "0 enum_test:bool 7 1 0"},
      {"blue == c", "0 enum_test:bool 7 2 0"},
      {"c != blue", "0 enum_test:bool 7 2 0 negative"},
      {"c in [red, blue]", "0 enum_test:bool 7 3 0"},
      {"c not in [red]", "0 enum_test:bool 7 1 0 negative"},
  }));
  CAPTURE(source);
  CHECK(compile(source, ValueType::boolean).nodes == nodes);
}

TEST_CASE("each operator of an amount or a date compiles to its node, operands first", "[compiler]") {
  auto [source, want, nodes] = GENERATE(table<const char*, ValueType, const char*>({
      {"m + 1.00", ValueType::money, "0 field:money 4 | 1 constant:money 100/100 | 2 add:money(money) 0 1"},
      {"m - 1.00", ValueType::money, "0 field:money 4 | 1 constant:money 100/100 | 2 subtract:money(money) 0 1"},
      {"m * 50%", ValueType::money,
       "0 field:money 4 | 1 constant:rate 500000000/1000000000 | 2 multiply:money(money) 0 1"},
      {"2 * m", ValueType::money, "0 constant:int 2/1 | 1 field:money 4 | 2 multiply:money(int) 0 1"},
      {"m / 12", ValueType::money, "0 field:money 4 | 1 constant:int 12/1 | 2 divide:money(money) 0 1"},
      {"-m", ValueType::money, "0 field:money 4 | 1 negate:money 0"},
      {"min(m, 300000.00, 5.00)", ValueType::money,
       "0 field:money 4 | 1 constant:money 30000000/100 | 2 minimum:money 0 1 | 3 constant:money 500/100 | "
       "4 minimum:money 2 3"},
      {"max(n, 1)", ValueType::integer, "0 field:int 3 | 1 constant:int 1/1 | 2 maximum:int 0 1"},
      {"d + years(2)", ValueType::date, "0 field:date 6 | 1 constant:int 2/1 | 2 add_years:date 0 1"},
      {"d - months(n)", ValueType::date, "0 field:date 6 | 1 field:int 3 | 2 add_months:date 0 1 negative"},
      {"d + days(10)", ValueType::date, "0 field:date 6 | 1 constant:int 10/1 | 2 add_days:date 0 1"},
  }));
  CAPTURE(source);
  CHECK(compile(source, want).nodes == nodes);
}

TEST_CASE("a compiled expression lists the fields and sections it reads", "[compiler]") {
  auto [source, fields, sections, as_of] = GENERATE(table<const char*, std::vector<int>, std::vector<int>, bool>({
      {"n > 1 and m > 1.00 and n < 5", {3, 4}, {}, false},  // schema order, no repeats
      {"c == red or a", {1, 7}, {}, false},                 // the fused enum test reads c
      {"has(extra) and extra.x > 1", {8}, {1}, false},
      {"has(extra.x)", {8}, {}, false},
      {"d + years(n) >= as_of", {3, 6}, {}, true},
      {"true", {}, {}, false},
  }));
  CAPTURE(source);
  Compiled c = compile(source, ValueType::boolean);
  CHECK(c.expression.fields == fields);
  CHECK(c.expression.sections == sections);
  CHECK(c.expression.reads_as_of == as_of);
}

TEST_CASE("the list of 'in' becomes consecutive constants", "[compiler]") {
  Compiled c = compile("n in [7, 8, 9]", ValueType::boolean);
  REQUIRE(c.pack.constants.size() == 3);
  CHECK(exact(c.pack.constants[0].number) == "7/1");
  CHECK(exact(c.pack.constants[1].number) == "8/1");
  CHECK(exact(c.pack.constants[2].number) == "9/1");
  CHECK(c.pack.constants[2].known);
}

TEST_CASE("enum masks use both halves up to 64 values, then fall back to a list", "[compiler]") {
  // Fields of this schema: big's field g comes last, after the tiny schema's
  // twelve (id ... c, extra.x, extra.y, job.city, job.size), at index 12.
  auto [values, source, nodes] = GENERATE(table<int, const char*, const char*>({
      {40, "g in [v0, v33]", "0 enum_test:bool 12 1 2"},
      {40, "g == v39", "0 enum_test:bool 12 0 128"},
      {64, "g in [v31, v32, v63]", "0 enum_test:bool 12 2147483648 2147483649"},
      {65, "g == v0", "0 field:enum 12 | 1 constant:enum #0 | 2 equal:bool(enum) 0 1"},
      {65, "g in [v1, v64]", "0 field:enum 12 | 1 in_list:bool(enum) 0 0 2"},
  }));
  CAPTURE(values, source);
  CHECK(compile(source, ValueType::boolean, with_big_enum(values)).nodes == nodes);
}

TEST_CASE("a tree that was not checked is refused, never compiled to a constant", "[compiler]") {
  CompiledPack pack;
  Expr e;
  talent::detail::ExpressionError pe;
  REQUIRE(talent::detail::parse_expression("a + b", e, pe));
  e.op = talent::detail::Operator::none;
  CHECK_THROWS_WITH(talent::detail::compile_expression(e, pack),
                    "compile_expression: the tree was not type-checked (operator '?' at byte 2)");
  e.op = talent::detail::Operator::negate;  // a unary operator on a binary node
  CHECK_THROWS_WITH(talent::detail::compile_expression(e, pack),
                    "compile_expression: the tree was not type-checked (operator '-' at byte 2)");
  REQUIRE(talent::detail::parse_expression("years(2)", e, pe));  // a duration alone
  CHECK_THROWS_WITH(talent::detail::compile_expression(e, pack),
                    "compile_expression: the tree was not type-checked (operator 'years' at byte 0)");
  CHECK(pack.nodes.empty());
}
