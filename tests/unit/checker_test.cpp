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
// "<offset>: <message>" for the first error.
std::string checked(const std::string& source, ValueType want = ValueType::boolean) {
  const auto& schema = tiny_schema();
  talent::detail::Expr e;
  talent::detail::ParseError pe;
  if (!talent::detail::parse_expression(source, e, pe)) return "syntax: " + pe.message;
  std::vector<talent::detail::CheckError> errors;
  if (!talent::detail::check_expression(schema, e, want, errors)) {
    return std::to_string(errors.front().offset) + ": " + errors.front().message;
  }
  return std::string("ok: ") + talent::detail::type_name(e.type);
}

std::size_t error_count(const std::string& source) {
  const auto& schema = tiny_schema();
  talent::detail::Expr e;
  talent::detail::ParseError pe;
  if (!talent::detail::parse_expression(source, e, pe)) return 1;
  std::vector<talent::detail::CheckError> errors;
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
      {"idd == 'A-1'", "0: unknown field 'idd' (did you mean 'id'?)"},
      {"job.ctiy == true", "0: unknown field 'job.ctiy' (did you mean 'job.city'?)"},
      {"c == green", "5: 'green' is not a value of enum color; expected one of: red, blue"},
      {"c == bleu", "5: 'bleu' is not a value of enum color (did you mean 'blue'?); expected one of: red, blue"},
      {"c in [blue, blues]", "12: 'blues' is not a value of enum color (did you mean 'blue'?); expected one of: red, blue"},
      {"c in [blue, blue]", "12: 'blue' is listed twice"},
      {"job.size == c", "9: cannot compare enum size with enum color"},
      {"d <= 5", "2: cannot compare date with a number"},
      {"d + 2", "2: cannot add a number to date; add years(n), months(n) or days(n) to a date"},
      {"m * extra.y > 0", "2: cannot multiply money by money (money times money has no meaning)"},
      {"m > 0.001", "4: '0.001' is not a valid money amount: money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"n > 1.5", "4: expected a whole number (int), found 1.5"},
      {"m / 0 > 1", "4: division by zero"},
      {"d == 2023-02-30", "5: invalid date '2023-02-30': no such calendar day (expected YYYY-MM-DD)"},
      {"extra == true", "0: 'extra' is a section, not a value; use has(extra) or one of its fields"},
      {"has(exrta)", "4: unknown field or section 'exrta' (did you mean 'extra'?)"},
      {"year(2) == 1", "0: unknown function 'year' (did you mean 'years'?); expected years, months, days, min, max or has"},
      {"c", "0: expected bool here, found enum color"},
      {"job.city and 1", "13: expected bool, found a number ('and' joins conditions)"},
      {"not c", "4: expected bool, found enum color ('not' applies to conditions)"},
      {"c < red", "2: '<' orders numbers and dates, not enum color"},
      {"d in [as_of]", "6: the list after 'in' holds values, not expressions"},
      {"min(d, as_of) == as_of", "0: min() compares int, money or rate values, not date"},
      // Regressions: plain numbers in min() leaked the word "unresolved"; a bad
      // literal was reported a second time by the comparison around it.
      {"min(1, 2) > 0", "0: min() of plain numbers: combine it with a field so its type is known"},
      {"m > 100.005", "4: '100.005' is not a valid money amount: money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"d + years(1.5) > as_of", "10: expected a whole number (int), found 1.5"},
  }));
  CAPTURE(source);
  CHECK(checked(source) == error);
  CHECK(error_count(source) == 1);
}

TEST_CASE("amounts must be money and windows dates", "[checker]") {
  CHECK(checked("r * 2", ValueType::money) == "2: expected money here, found rate");
  CHECK(checked("d", ValueType::money) == "0: expected money here, found date");
  CHECK(checked("d + years(2)", ValueType::date) == "ok: date");
}
