#include "lang/checker.hpp"
#include "lang/parser.hpp"
#include "lang/compiled.hpp"
#include "talent/talent.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

using talent::detail::ValueType;

namespace {

// The tiny pack's schema (test_pack.hpp), loaded once.
const talent::detail::Schema& tiny_schema() {
  static const auto loaded = talent::load_rule_set(talent::testing::tiny_pack("a"), "tiny");
  if (!loaded.ok()) FAIL("the tiny pack does not load: " << talent::format(loaded.diagnostics));
  return loaded.rule_set->compiled().schema;
}

// Type-checks `source` against the tiny pack's schema; "ok: <type>" or
// "<offset>: [<code>] <message>" for the first error.
std::string checked(const std::string& source, ValueType want = ValueType::boolean) {
  const auto& schema = tiny_schema();
  talent::detail::Expr e;
  talent::detail::ExpressionError pe;
  if (!talent::detail::parse_expression(source, e, pe)) return "syntax: " + pe.message;
  std::vector<talent::detail::ExpressionError> errors;
  if (!talent::detail::check_expression(schema, e, want, errors)) {
    const auto& first = errors.front();
    return std::to_string(first.offset) + ": [" + talent::to_string(first.code) + "] " + first.message;
  }
  return std::string("ok: ") + talent::detail::type_name(e.type);
}

// Checks `source` as an amount: "ok", or "<offset>+<length>: [<code>] <message>"
// for each error of check_amount.
std::string amount(const std::string& source) {
  const auto& schema = tiny_schema();
  talent::detail::Expr e;
  talent::detail::ExpressionError pe;
  if (!talent::detail::parse_expression(source, e, pe)) return "syntax: " + pe.message;
  std::vector<talent::detail::ExpressionError> errors;
  if (!talent::detail::check_expression(schema, e, ValueType::money, errors)) return "type: " + errors.front().message;
  if (talent::detail::check_amount(e, errors)) return "ok";
  std::string out;
  for (const auto& error : errors) {
    out += (out.empty() ? "" : "; ") + std::to_string(error.offset) + "+" + std::to_string(error.length) + ": [" +
           talent::to_string(error.code) + "] " + error.message;
  }
  return out;
}

std::size_t error_count(const std::string& source) {
  const auto& schema = tiny_schema();
  talent::detail::Expr e;
  talent::detail::ExpressionError pe;
  if (!talent::detail::parse_expression(source, e, pe)) return 1;
  std::vector<talent::detail::ExpressionError> errors;
  talent::detail::check_expression(schema, e, ValueType::boolean, errors);
  return errors.size();
}

}  // namespace

TEST_CASE("well-typed expressions check", "[checker]") {
  auto [source, want] = GENERATE(table<const char*, ValueType>({
      {"c == red", ValueType::boolean},
      {"c in [red, blue]", ValueType::boolean},
      {"c not in [blue]", ValueType::boolean},
      {"as_of <= d + years(2)", ValueType::boolean},
      {"d - months(6) < as_of", ValueType::boolean},
      {"has(extra) and job.city", ValueType::boolean},
      {"extra.y > 0", ValueType::boolean},
      {"r >= 1.5%", ValueType::boolean},
      {"extra.x * 2 <= 72", ValueType::boolean},
      {"min(m, 300000.00) * r * 50% * min(n, 36) / 12", ValueType::money},
      {"m * 0.5", ValueType::money},
      {"max(m, 10, 20.5) - 1", ValueType::money},
      {"d == 2024-02-29", ValueType::boolean},
      {"id == '张三' or id != 'A-1'", ValueType::boolean},
      {"large == job.size", ValueType::boolean},  // the enum value may come first
      {"d + days(10)", ValueType::date},
  }));
  CAPTURE(source);
  CHECK(checked(source, want) == std::string("ok: ") + talent::detail::type_name(want));
}

TEST_CASE("type errors point at the offending token", "[checker]") {
  auto [source, error] = GENERATE(table<const char*, const char*>({
      {"idd == 'A-1'", "0: [unknown_name] unknown field 'idd' (did you mean 'id'?)"},
      {"job.ctiy == true", "0: [unknown_name] unknown field 'job.ctiy' (did you mean 'job.city'?)"},
      {"c == green", "5: [unknown_name] 'green' is not a value of enum color; expected one of: red, blue"},
      {"c == bleu", "5: [unknown_name] 'bleu' is not a value of enum color (did you mean 'blue'?); expected one of: red, blue"},
      {"c in [blue, blues]", "12: [unknown_name] 'blues' is not a value of enum color (did you mean 'blue'?); expected one of: red, blue"},
      {"c in [blue, blue]", "12: [duplicate] 'blue' is listed twice"},
      {"job.size == c", "9: [wrong_type] cannot compare enum size with enum color"},
      {"d <= 5", "2: [wrong_type] cannot compare date with a number"},
      {"d + 2", "2: [wrong_type] cannot add a number to date; add years(n), months(n) or days(n) to a date"},
      {"m * extra.y > 0", "2: [wrong_type] cannot multiply money by money (money times money has no meaning)"},
      {"m > 0.001", "4: [invalid_value] '0.001' is not a valid money amount: money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"n > 1.5", "4: [wrong_type] expected a whole number (int), found 1.5"},
      {"m / 0 > 1", "4: [invalid_value] division by zero"},
      {"d == 2023-02-30", "5: [invalid_value] invalid date '2023-02-30': no such calendar day (expected YYYY-MM-DD)"},
      {"extra == true", "0: [wrong_type] 'extra' is a section, not a value; use has(extra) or one of its fields"},
      {"has(exrta)", "4: [unknown_name] unknown field or section 'exrta' (did you mean 'extra'?)"},
      {"year(2) == 1", "0: [unknown_name] unknown function 'year' (did you mean 'years'?); expected years, months, days, min, max, has or eligible"},
      {"c", "0: [wrong_type] expected bool here, found enum color"},
      {"job.city and 1", "13: [wrong_type] expected bool, found a number ('and' joins conditions)"},
      {"not c", "4: [wrong_type] expected bool, found enum color ('not' applies to conditions)"},
      {"c < red", "2: [wrong_type] '<' orders numbers and dates, not enum color"},
      {"d in [as_of]", "6: [invalid_value] the list after 'in' holds values, not expressions"},
      {"min(d, as_of) == as_of", "0: [wrong_type] min() compares int, money or rate values, not date"},
      // Regressions: plain numbers in min() leaked the word "unresolved"; a bad
      // literal was reported a second time by the comparison around it.
      {"min(1, 2) > 0", "0: [wrong_type] min() of plain numbers: combine it with a field so its type is known"},
      {"m > 100.005", "4: [invalid_value] '100.005' is not a valid money amount: money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"d + years(1.5) > as_of", "10: [wrong_type] expected a whole number (int), found 1.5"},
  }));
  CAPTURE(source);
  CHECK(checked(source) == error);
  CHECK(error_count(source) == 1);
}

TEST_CASE("amounts must be money and windows dates", "[checker]") {
  CHECK(checked("r * 2", ValueType::money) == "2: [wrong_type] expected money here, found rate");
  CHECK(checked("d", ValueType::money) == "0: [wrong_type] expected money here, found date");
  CHECK(checked("d + years(2)", ValueType::date) == "ok: date");
}

TEST_CASE("an amount that is 0.00 whatever the record holds is an error at the part that makes it so", "[checker]") {
  const std::string always = "[invalid_value] the amount is always 0.00; expected an amount above 0.00: a fixed amount, or one computed from the record's fields";
  const std::string because = "[invalid_value] the amount is always 0.00 whatever the record holds, because this is 0; expected a value that is not 0 here";
  const std::string capped = "[invalid_value] min() with 0 is never more than 0, so the amount can pay nothing; expected a cap above 0";
  auto [source, result] = GENERATE_COPY(table<std::string, std::string>({
      {"0.00", "0+4: " + always},
      {"0", "0+1: " + always},
      {"-0.00", "0+5: " + always},
      {"100.00 - 100.00", "0+15: " + always},
      {"0 * m", "0+1: " + because},
      {"m * 0%", "4+2: " + because},
      {"m * 0", "4+1: " + because},
      {"m * 0.0", "4+3: " + because},
      {"m * (1 - 1)", "5+5: " + because},
      {"m * r * 0% / 12", "8+2: " + because},
      {"m * 0% / n", "4+2: " + because},
      {"m * 0 + 0.00", "4+1: " + because},
      {"-(0 * m)", "2+1: " + because},
      {"max(0.00, 0 * m)", "4+4: " + because},
      {"min(m, 0)", "7+1: " + capped},
      {"min(m, 0.00, 300000.00)", "7+4: " + capped},
      {"min(m, 0 * m)", "7+5: " + capped},
      {"min(m, 300000.00) * r * 50% * min(n, 0) / 12", "37+1: " + capped},
      // Not zero: a fixed amount, a cap above 0, a floor of 0, a factor that is
      // not 0, and a constant too large for fen (an evaluation error, as before).
      {"1000.00", "ok"},
      {"0.01", "ok"},
      {"min(m, 300000.00) * r * 50% * min(n, 36) / 12", "ok"},
      {"max(m, 0)", "ok"},
      {"max(m - 1000.00, 0.00)", "ok"},
      {"m * 0.5", "ok"},
      {"m + 0 * m", "ok"},
      {"m * (1 - 0)", "ok"},
      {"92233720368547758.07 + 0.01", "ok"},
  }));
  CAPTURE(source);
  CHECK(amount(source) == result);
}

TEST_CASE("only amounts must be able to pay: a condition may compare with 0", "[checker]") {
  auto fine = talent::load_rule_set(talent::testing::tiny_pack("m * 0 == 0.00", "m * 0.5"), "tiny");
  CHECK(fine.ok());
  auto zero = talent::load_rule_set(talent::testing::tiny_pack("a", "m * 0%"), "tiny");
  REQUIRE(zero.diagnostics.size() == 1);
  CHECK(zero.diagnostics[0].line == 9);
  CHECK(zero.diagnostics[0].column == 13);
  CHECK(zero.diagnostics[0].length == 2);
}

TEST_CASE("an operator the checker does not know is an error, not a guess", "[checker]") {
  // The parser never builds these; a tree put together by hand must still
  // be refused rather than typed as something else.
  const auto& schema = tiny_schema();
  talent::detail::Expr e;
  talent::detail::ExpressionError pe;
  REQUIRE(talent::detail::parse_expression("n + 1 > 0", e, pe));
  e.args[0].op = talent::detail::Operator::has;
  std::vector<talent::detail::ExpressionError> errors;
  CHECK_FALSE(talent::detail::check_expression(schema, e, ValueType::boolean, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 2);
  CHECK(errors[0].message == "unknown operator 'has'");
  CHECK(errors[0].code == talent::ErrorCode::unknown_name);
  REQUIRE(talent::detail::parse_expression("-n > 0", e, pe));
  e.args[0].op = talent::detail::Operator::none;
  errors.clear();
  CHECK_FALSE(talent::detail::check_expression(schema, e, ValueType::boolean, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unknown operator '?'");
}
