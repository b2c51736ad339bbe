#include "talent/talent.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

using talent::Status;
using talent::Truth;

namespace {

talent::Date day(const char* text) { return *talent::parse_date(text); }

talent::Decision decide(const talent::RuleSet& rules, const std::string& record, const char* as_of = "2025-06-30",
                        bool explain = true) {
  talent::ParsedRecord p = talent::parse_record(rules, record);
  if (!p.record) FAIL("record rejected: " << p.error->field << ": " << p.error->message);
  return talent::evaluate(rules, *p.record, day(as_of), talent::EvaluateOptions{explain});
}

std::string summary(const talent::ProgramDecision& p) {
  std::string s = talent::to_string(p.status);
  if (p.amount) s += " " + p.amount->to_string();
  if (p.window) s += " " + talent::format_date(p.window->start) + ".." + talent::format_date(p.window->end);
  for (const auto& m : p.missing) s += " ?" + m;
  return s;
}

const char* kGraduate = R"(id: T
degree: bachelor
study_mode: full_time
institution: regular_university
graduation_date: 2023-06-30
employment: {status: self_employed, in_city: true}
)";

}  // namespace

TEST_CASE("the four worked examples of the policy", "[evaluator]") {
  auto rules = talent::builtin_rule_set();
  auto d1 = decide(*rules, "{id: EX-1, degree: doctorate, study_mode: full_time, institution: regular_university, "
                           "graduation_date: 2024-07-01, employment: {status: enterprise, in_city: true}}");
  CHECK(summary(d1.programs[0]) == "eligible 1000.00 2024-07-01..2026-07-01");
  CHECK(summary(d1.programs[1]) == "ineligible");
  CHECK(summary(d1.programs[2]) == "ineligible");

  auto d2 = decide(*rules, std::string(kGraduate) +
                               "home_purchase: {first_in_city: true, date: 2025-03-01}\n"
                               "startup_loan: {kind: personal_guarantee, principal: \"400000.00\", annual_rate: \"0.0385\", term_months: 48}\n");
  CHECK(summary(d2.programs[0]) == "eligible 500.00 2023-06-30..2025-06-30");
  CHECK(summary(d2.programs[1]) == "eligible 30000.00");
  CHECK(summary(d2.programs[2]) == "eligible 17325.00");
  CHECK(d2.programs[2].remarks == std::vector<std::size_t>{0, 1});

  auto d3 = decide(*rules, "{id: EX-3, degree: master, study_mode: part_time, institution: regular_university, "
                           "graduation_date: 2024-01-10, employment: {status: enterprise, in_city: true}}");
  CHECK(summary(d3.programs[0]) == "ineligible");
  CHECK(summary(d3.programs[1]) == "ineligible");
  CHECK(summary(d3.programs[2]) == "ineligible");

  auto d4 = decide(*rules, "{id: EX-4, degree: associate, study_mode: full_time, institution: vocational_college, "
                           "employment: {status: enterprise, in_city: true}}");
  CHECK(summary(d4.programs[0]) == "needs_info ?graduation_date");
  CHECK(summary(d4.programs[1]) == "ineligible");
  CHECK(summary(d4.programs[2]) == "ineligible");
}

TEST_CASE("D8: a definitely false condition outweighs missing facts", "[evaluator]") {
  auto rules = talent::builtin_rule_set();
  auto d = decide(*rules, "{id: T, study_mode: part_time, employment: {status: enterprise, in_city: true}}");
  CHECK(summary(d.programs[0]) == "ineligible");
  auto e = decide(*rules, "{id: T, study_mode: full_time}");
  CHECK(summary(e.programs[0]) ==
        "needs_info ?degree ?employment.in_city ?employment.status ?graduation_date ?institution");
  // The loan program's own facts are missing, but the absent loan section decides it.
  CHECK(summary(e.programs[2]) == "ineligible");
}

TEST_CASE("D8: facts missing inside a present optional section are asked for", "[evaluator]") {
  auto rules = talent::builtin_rule_set();
  auto d = decide(*rules, std::string(kGraduate) + "home_purchase: {first_in_city: true}\n"
                                                   "startup_loan: {kind: personal_guarantee, principal: 1000}\n");
  CHECK(summary(d.programs[1]) == "needs_info ?home_purchase.date");
  CHECK(summary(d.programs[2]) == "needs_info ?startup_loan.annual_rate ?startup_loan.term_months");
}

TEST_CASE("reasons record each condition's result and the values it saw", "[evaluator]") {
  auto rules = talent::builtin_rule_set();
  auto d = decide(*rules, "{id: T, degree: master, study_mode: full_time, institution: other, "
                          "graduation_date: 2024-02-29, employment: {status: enterprise}}", "2026-02-28");
  const auto& rent = d.programs[0];
  REQUIRE(rent.reasons.size() == 7);
  CHECK(rent.reasons[1].result == Truth::no);  // institution: other
  REQUIRE(rent.reasons[1].seen.size() == 1);
  CHECK(rent.reasons[1].seen[0].path == "institution");
  CHECK(rent.reasons[1].seen[0].value == std::optional<std::string>("other"));
  CHECK(rent.reasons[3].result == Truth::unknown);  // in_city missing
  CHECK_FALSE(rent.reasons[3].seen[0].value.has_value());
  CHECK(rent.reasons[6].result == Truth::yes);  // 2024-02-29 + 2 years = 2026-02-28, inclusive
  CHECK(rent.reasons[6].seen[1].path == "as_of");
  CHECK(rent.reasons[6].seen[1].value == std::optional<std::string>("2026-02-28"));
}

TEST_CASE("without explanations the verdicts are the same and no reasons are built", "[evaluator]") {
  auto rules = talent::builtin_rule_set();
  for (const char* as_of : {"2023-06-29", "2023-06-30", "2025-06-30", "2025-07-01", "2028-06-30", "2028-07-01"}) {
    std::string record = std::string(kGraduate) + "home_purchase: {first_in_city: true, date: 2025-03-01}\n";
    auto full = decide(*rules, record, as_of, true);
    auto lean = decide(*rules, record, as_of, false);
    CAPTURE(as_of);
    for (std::size_t i = 0; i < full.programs.size(); ++i) {
      CHECK(summary(full.programs[i]) == summary(lean.programs[i]));
      CHECK(lean.programs[i].reasons.empty());
      CHECK(lean.programs[i].amount_seen.empty());
    }
  }
}

TEST_CASE("loan subsidy: caps, exact products and half-up rounding once", "[evaluator]") {
  auto rules = talent::builtin_rule_set();
  auto [principal, rate, months, amount] = GENERATE(table<const char*, const char*, int, const char*>({
      {"300000.00", "0.0385", 36, "17325.00"},
      {"300000.01", "0.0385", 36, "17325.00"},
      {"299999.99", "0.0385", 36, "17325.00"},  // 17324.9994225 rounds to 17325.00
      {"1000000.00", "0.0385", 60, "17325.00"},
      {"100000.00", "3.85%", 12, "1925.00"},
      {"100000.00", "0.0385", 37, "5775.00"},
      {"1.00", "0.01", 12, "0.01"},             // exactly half a fen rounds up
      {"1.00", "0.0099", 12, "0.00"},           // just under half rounds down
      {"123456.78", "0.0435", 1, "223.77"},     // 223.7654... -> 223.77
  }));
  CAPTURE(principal, rate, months);
  auto d = decide(*rules, std::string(kGraduate) + "startup_loan: {kind: personal_guarantee, principal: \"" + principal +
                              "\", annual_rate: \"" + rate + "\", term_months: " + std::to_string(months) + "}\n");
  CHECK(summary(d.programs[2]) == std::string("eligible ") + amount);
}

TEST_CASE("Kleene logic: false wins in 'and', true wins in 'or'", "[evaluator]") {
  auto [when, record, result] = GENERATE(table<const char*, const char*, Truth>({
      {"a and b", "{id: x, a: false}", Truth::no},
      {"a and b", "{id: x, b: false}", Truth::no},
      {"a and b", "{id: x, a: true}", Truth::unknown},
      {"a and b", "{id: x, a: true, b: true}", Truth::yes},
      {"a or b", "{id: x, b: true}", Truth::yes},
      {"a or b", "{id: x, a: false}", Truth::unknown},
      {"a or b", "{id: x, a: false, b: false}", Truth::no},
      {"not a", "{id: x}", Truth::unknown},
      {"not a", "{id: x, a: false}", Truth::yes},
      {"has(a)", "{id: x}", Truth::no},
      {"has(extra)", "{id: x, extra: {x: 1}}", Truth::yes},
      {"n + 1 > 1", "{id: x}", Truth::unknown},
      {"c in [red]", "{id: x, c: 红色}", Truth::yes},
      {"c not in [red]", "{id: x, c: blue}", Truth::yes},
      {"d + months(1) == 2024-02-29", "{id: x, d: 2024-01-31}", Truth::yes},
      {"r * 2 == 7.7%", "{id: x, r: \"3.85%\"}", Truth::yes},
      {"m / 3 * 3 == m", "{id: x, m: \"1.00\"}", Truth::yes},
      {"-n < 0", "{id: x, n: 5}", Truth::yes},
  }));
  CAPTURE(when, record);
  auto loaded = talent::load_rule_set(talent::testing::tiny_pack(when), "tiny");
  REQUIRE(loaded.ok());
  auto d = decide(*loaded.rule_set, record);
  REQUIRE(d.programs[0].reasons.size() == 1);
  CHECK(d.programs[0].reasons[0].result == result);
}

TEST_CASE("an amount that does not fit is an error, never a wrapped number", "[evaluator]") {
  auto loaded = talent::load_rule_set(
      talent::testing::tiny_pack("true", "m * 999999999999999999 * 999999999999999999 * 999999999999999999"), "tiny");
  REQUIRE(loaded.ok());
  auto p = talent::parse_record(*loaded.rule_set, "{id: x, m: \"1000.00\"}");
  REQUIRE(p.record);
  CHECK_THROWS_WITH(talent::evaluate(*loaded.rule_set, *p.record, day("2025-01-01")), "p: arithmetic overflow");

  auto wide = talent::load_rule_set(talent::testing::tiny_pack("true", "m * 999999999999999999"), "tiny");
  REQUIRE(wide.ok());
  auto q = talent::parse_record(*wide.rule_set, "{id: x, m: \"1000.00\"}");
  CHECK_THROWS_WITH(talent::evaluate(*wide.rule_set, *q.record, day("2025-01-01")),
                    "p: the amount does not fit in 64-bit fen");
}

TEST_CASE("a record is evaluated only by the rule set that parsed it", "[evaluator]") {
  auto tiny = talent::load_rule_set(talent::testing::tiny_pack("a"), "tiny");
  REQUIRE(tiny.ok());
  auto p = talent::parse_record(*tiny.rule_set, "{id: x}");
  REQUIRE(p.record);
  CHECK_THROWS_AS(talent::evaluate(*talent::builtin_rule_set(), *p.record, day("2025-01-01")), std::invalid_argument);
}

TEST_CASE("a pack whose amount or window comes out wrong is an error, never an eligible decision", "[evaluator]") {
  auto negative = talent::load_rule_set(talent::testing::tiny_pack("true", "m - 5.00"), "tiny");
  REQUIRE(negative.ok());
  auto p = talent::parse_record(*negative.rule_set, "{id: x, m: \"1.00\"}");
  REQUIRE(p.record);
  CHECK_THROWS_WITH(talent::evaluate(*negative.rule_set, *p.record, day("2025-01-01")),
                    "p: the amount came out negative (-4.00); the pack's amount expression is wrong");
}

TEST_CASE("an enum of more than 64 values is tested by value, not by a mask", "[evaluator]") {
  // Regression: the bit-mask test shifted by the record's value index, which
  // past 64 wrapped around and matched the wrong value.
  auto files = talent::testing::tiny_pack("big == v1");
  std::string values;
  for (int i = 0; i < 70; ++i) values += "    - {value: v" + std::to_string(i) + "}\n";
  files[1].content.replace(files[1].content.find("fields:"), 7, "  big:\n" + values + "fields:\n  big: {type: enum, enum: big}");
  auto loaded = talent::load_rule_set(files, "tiny");
  REQUIRE(loaded.ok());
  CHECK(decide(*loaded.rule_set, "{id: x, big: v65}").programs[0].reasons[0].result == Truth::no);
  CHECK(decide(*loaded.rule_set, "{id: x, big: v1}").programs[0].reasons[0].result == Truth::yes);
  CHECK_FALSE(loaded.rule_set->programs()[0].conditions[0].cannot_be_false);
}

TEST_CASE("conditions that every allowed value satisfies are marked as such", "[evaluator]") {
  const auto& conditions = talent::builtin_rule_set()->programs()[0].conditions;
  REQUIRE(conditions[2].id == "qualifying_degree");
  CHECK(conditions[2].cannot_be_false);
  CHECK_FALSE(conditions[0].cannot_be_false);
  CHECK_FALSE(conditions[1].cannot_be_false);
}
