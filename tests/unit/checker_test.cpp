#include "lang/checker.hpp"
#include "lang/parser.hpp"
#include "lang/compiled.hpp"
#include "talent/builtin.hpp"
#include "talent/rule_set.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

using talent::detail::ValueType;

namespace {

// Type-checks `source` against the built-in pack's schema; "ok: <type>" or
// "<offset>: <message>" for the first error.
std::string checked(const std::string& source, ValueType want = ValueType::boolean) {
  const auto& schema = talent::builtin_rule_set()->compiled().schema;
  talent::detail::Expr e;
  talent::detail::ParseError pe;
  if (!talent::detail::parse_expression(source, e, pe)) return "syntax: " + pe.message;
  std::vector<talent::detail::CheckError> errors;
  if (!talent::detail::check_expression(schema, e, want, errors)) {
    return std::to_string(errors.front().offset) + ": " + errors.front().message;
  }
  return std::string("ok: ") + talent::detail::type_name(e.type);
}

// Checks `source` as an amount: "ok", or "<offset>+<length>: <message>" for
// each error of check_amount.
std::string amount(const std::string& source) {
  const auto& schema = talent::builtin_rule_set()->compiled().schema;
  talent::detail::Expr e;
  talent::detail::ParseError pe;
  if (!talent::detail::parse_expression(source, e, pe)) return "syntax: " + pe.message;
  std::vector<talent::detail::CheckError> errors;
  if (!talent::detail::check_expression(schema, e, ValueType::money, errors)) return "type: " + errors.front().message;
  if (talent::detail::check_amount(e, errors)) return "ok";
  std::string out;
  for (const auto& error : errors) {
    out += (out.empty() ? "" : "; ") + std::to_string(error.offset) + "+" + std::to_string(error.length) + ": " + error.message;
  }
  return out;
}

std::size_t error_count(const std::string& source) {
  const auto& schema = talent::builtin_rule_set()->compiled().schema;
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
      {"study_mode == full_time", ValueType::boolean},
      {"degree in [doctorate, master]", ValueType::boolean},
      {"degree not in [associate]", ValueType::boolean},
      {"as_of <= graduation_date + years(2)", ValueType::boolean},
      {"graduation_date - months(6) < as_of", ValueType::boolean},
      {"has(home_purchase) and home_purchase.first_in_city", ValueType::boolean},
      {"startup_loan.principal > 0", ValueType::boolean},
      {"startup_loan.annual_rate >= 1.5%", ValueType::boolean},
      {"startup_loan.term_months * 2 <= 72", ValueType::boolean},
      {"min(startup_loan.principal, 300000.00) * startup_loan.annual_rate * 50% * min(startup_loan.term_months, 36) / 12",
       ValueType::money},
      {"startup_loan.principal * 0.5", ValueType::money},
      {"max(startup_loan.principal, 10, 20.5) - 1", ValueType::money},
      {"graduation_date == 2024-02-29", ValueType::boolean},
      {"name == '张三' or id != 'A-1'", ValueType::boolean},
      {"self_employed == employment.status", ValueType::boolean},  // the enum value may come first
      {"graduation_date + days(10)", ValueType::date},
  }));
  CAPTURE(source);
  CHECK(checked(source, want) == std::string("ok: ") + talent::detail::type_name(want));
}

TEST_CASE("type errors point at the offending token", "[checker]") {
  auto [source, error] = GENERATE(table<const char*, const char*>({
      {"gradution_date <= as_of", "0: unknown field 'gradution_date' (did you mean 'graduation_date'?)"},
      {"employment.stauts == enterprise", "0: unknown field 'employment.stauts' (did you mean 'employment.status'?)"},
      {"degree == phd", "10: 'phd' is not a value of enum degree; expected one of: doctorate, master, bachelor, associate"},
      {"degree == doctorat", "10: 'doctorat' is not a value of enum degree (did you mean 'doctorate'?); expected one of: doctorate, master, bachelor, associate"},
      {"degree in [master, masters]", "19: 'masters' is not a value of enum degree (did you mean 'master'?); expected one of: doctorate, master, bachelor, associate"},
      {"degree in [master, master]", "19: 'master' is listed twice"},
      {"study_mode == degree", "11: cannot compare enum study_mode with enum degree"},
      {"graduation_date <= 5", "16: cannot compare date with a number"},
      {"graduation_date + 2", "16: cannot add a number to date; add years(n), months(n) or days(n) to a date"},
      {"startup_loan.principal * startup_loan.principal > 0", "23: cannot multiply money by money (money times money has no meaning)"},
      {"startup_loan.principal > 0.001", "25: '0.001' is not a valid money amount: money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"startup_loan.term_months > 1.5", "27: expected a whole number (int), found 1.5"},
      {"startup_loan.principal / 0 > 1", "25: division by zero"},
      {"graduation_date == 2023-02-30", "19: invalid date '2023-02-30': no such calendar day (expected YYYY-MM-DD)"},
      {"home_purchase == true", "0: 'home_purchase' is a section, not a value; use has(home_purchase) or one of its fields"},
      {"has(home_purchace)", "4: unknown field or section 'home_purchace' (did you mean 'home_purchase'?)"},
      {"year(2) == 1", "0: unknown function 'year' (did you mean 'years'?); expected years, months, days, min, max or has"},
      {"degree", "0: expected bool here, found enum degree"},
      {"employment.in_city and 1", "23: expected bool, found a number ('and' joins conditions)"},
      {"not degree", "4: expected bool, found enum degree ('not' applies to conditions)"},
      {"degree < master", "7: '<' orders numbers and dates, not enum degree"},
      {"graduation_date in [as_of]", "20: the list after 'in' holds values, not expressions"},
      {"min(graduation_date, as_of) == as_of", "0: min() compares int, money or rate values, not date"},
      // Regressions: plain numbers in min() leaked the word "unresolved"; a bad
      // literal was reported a second time by the comparison around it.
      {"min(1, 2) > 0", "0: min() of plain numbers: combine it with a field so its type is known"},
      {"startup_loan.principal > 100.005", "25: '100.005' is not a valid money amount: money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"graduation_date + years(1.5) > as_of", "24: expected a whole number (int), found 1.5"},
  }));
  CAPTURE(source);
  CHECK(checked(source) == error);
  CHECK(error_count(source) == 1);
}

TEST_CASE("amounts must be money and windows dates", "[checker]") {
  CHECK(checked("startup_loan.annual_rate * 2", ValueType::money) == "25: expected money here, found rate");
  CHECK(checked("graduation_date", ValueType::money) == "0: expected money here, found date");
  CHECK(checked("graduation_date + years(2)", ValueType::date) == "ok: date");
}

TEST_CASE("an amount that is 0.00 whatever the record holds is an error at the part that makes it so", "[checker]") {
  const std::string always = "the amount is always 0.00; expected an amount above 0.00: a fixed amount, or one computed from the record's fields";
  const std::string because = "the amount is always 0.00 whatever the record holds, because this is 0; expected a value that is not 0 here";
  const std::string capped = "min() with 0 is never more than 0, so the amount can pay nothing; expected a cap above 0";
  auto [source, result] = GENERATE_COPY(table<std::string, std::string>({
      {"0.00", "0+4: " + always},
      {"0", "0+1: " + always},
      {"-0.00", "0+5: " + always},
      {"100.00 - 100.00", "0+15: " + always},
      {"0 * startup_loan.principal", "0+1: " + because},
      {"startup_loan.principal * 0%", "25+2: " + because},
      {"startup_loan.principal * 0", "25+1: " + because},
      {"startup_loan.principal * 0.0", "25+3: " + because},
      {"startup_loan.principal * (1 - 1)", "26+5: " + because},
      {"startup_loan.principal * startup_loan.annual_rate * 0% / 12", "52+2: " + because},
      {"startup_loan.principal * 0% / startup_loan.term_months", "25+2: " + because},
      {"startup_loan.principal * 0 + 0.00", "25+1: " + because},
      {"-(0 * startup_loan.principal)", "2+1: " + because},
      {"max(0.00, 0 * startup_loan.principal)", "4+4: " + because},
      {"min(startup_loan.principal, 0)", "28+1: " + capped},
      {"min(startup_loan.principal, 0.00, 300000.00)", "28+4: " + capped},
      {"min(startup_loan.principal, 0 * startup_loan.principal)", "28+26: " + capped},
      {"min(startup_loan.principal, 300000.00) * startup_loan.annual_rate * 50% * min(startup_loan.term_months, 0) / 12",
       "104+1: " + capped},
      // Not zero: a fixed amount, a cap above 0, a floor of 0, a factor that is
      // not 0, and a constant too large for fen (an evaluation error, as before).
      {"1000.00", "ok"},
      {"0.01", "ok"},
      {"min(startup_loan.principal, 300000.00) * startup_loan.annual_rate * 50% * min(startup_loan.term_months, 36) / 12", "ok"},
      {"max(startup_loan.principal, 0)", "ok"},
      {"max(startup_loan.principal - 1000.00, 0.00)", "ok"},
      {"startup_loan.principal * 0.5", "ok"},
      {"startup_loan.principal + 0 * startup_loan.principal", "ok"},
      {"startup_loan.principal * (1 - 0)", "ok"},
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
  const auto& schema = talent::builtin_rule_set()->compiled().schema;
  talent::detail::Expr e;
  talent::detail::ParseError pe;
  REQUIRE(talent::detail::parse_expression("startup_loan.term_months + 1 > 0", e, pe));
  e.args[0].op = talent::detail::Operator::has;
  std::vector<talent::detail::CheckError> errors;
  CHECK_FALSE(talent::detail::check_expression(schema, e, ValueType::boolean, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 25);
  CHECK(errors[0].message == "unknown operator 'has'");
  REQUIRE(talent::detail::parse_expression("-startup_loan.term_months > 0", e, pe));
  e.args[0].op = talent::detail::Operator::none;
  errors.clear();
  CHECK_FALSE(talent::detail::check_expression(schema, e, ValueType::boolean, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unknown operator '?'");
}
