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

// Checks the grant's and the bonus's summaries in the decision on `record`.
void check_summaries(const talent::RuleSet& rules, const std::string& record, const char* grant, const char* bonus) {
  INFO("record: " << record);
  auto d = decide(rules, record);
  CHECK(summary(d.programs[0]) == grant);
  CHECK(summary(d.programs[1]) == bonus);
}

// The two-program tiny pack (grant, bonus), loaded once.
const talent::RuleSet& programs() {
  static const auto loaded = talent::load_rule_set(talent::testing::tiny_programs(), "tiny");
  if (!loaded.ok()) FAIL("the tiny pack does not load: " << talent::format(loaded.diagnostics));
  return *loaded.rule_set;
}

}  // namespace

TEST_CASE("every program is decided, in pack order, with its amount, window and remarks", "[evaluator]") {
  const auto& rules = programs();
  auto d1 = decide(rules, "{id: T-1, a: true, c: red, d: 2024-07-01, job: {city: true}}");
  REQUIRE(d1.programs.size() == 2);
  CHECK(d1.programs[0].program == 0);
  CHECK(d1.programs[1].program == 1);
  CHECK(summary(d1.programs[0]) == "eligible 100.00 2024-07-01..2026-07-01");
  CHECK(summary(d1.programs[1]) == "ineligible");

  // On the second anniversary: still inside the window, which ends that day.
  auto d2 = decide(rules, "{id: T-2, a: true, c: blue, d: 2023-06-30, job: {city: true}, extra: {x: 5, y: \"150.00\"}}");
  CHECK(summary(d2.programs[0]) == "eligible 200.50 2023-06-30..2025-06-30");
  CHECK(summary(d2.programs[1]) == "eligible 300.00");  // 100.00 (capped) x 3 (capped)
  CHECK(d2.programs[1].remarks == std::vector<std::size_t>{0, 1});
  CHECK(d2.programs[0].remarks.empty());

  check_summaries(rules, "{id: T-3, a: false, c: red, d: 2024-01-10, job: {city: true}, extra: {x: 0, y: \"1.00\"}}",
                  "ineligible", "ineligible");
  check_summaries(rules, "{id: T-4, a: true, c: red, job: {city: true}}", "needs_info ?d", "ineligible");
}

TEST_CASE("D8: a definitely false condition outweighs missing facts", "[evaluator]") {
  const auto& rules = programs();
  auto d = decide(rules, "{id: T, a: false}");
  CHECK(summary(d.programs[0]) == "ineligible");
  // The grant's missing facts, sorted: a section's fields by their full path,
  // the amount's key too. The bonus's own facts are missing, but the absent
  // optional section decides it.
  check_summaries(rules, "{id: T, a: true}", "needs_info ?c ?d ?job.city", "ineligible");
}

TEST_CASE("D8: facts missing inside a present optional section are asked for", "[evaluator]") {
  const auto& rules = programs();
  // extra.y is read only by the amount, and is asked for all the same.
  CHECK(summary(decide(rules, "{id: T, extra: {x: 1}}").programs[1]) == "needs_info ?extra.y");
  CHECK(summary(decide(rules, "{id: T, extra: {}}").programs[1]) == "needs_info ?extra.x ?extra.y");
}

TEST_CASE("reasons record each condition's result and the values it saw", "[evaluator]") {
  auto d = decide(programs(), "{id: T, a: false, c: 红色, d: 2024-02-29}", "2026-02-28");
  const auto& grant = d.programs[0];
  REQUIRE(grant.reasons.size() == 5);
  CHECK(grant.reasons[0].result == Truth::no);  // a: false
  REQUIRE(grant.reasons[0].seen.size() == 1);
  CHECK(grant.reasons[0].seen[0].path == "a");
  CHECK(grant.reasons[0].seen[0].value == std::optional<std::string>("false"));
  CHECK(grant.reasons[1].result == Truth::yes);  // the alias is seen as the value it names
  CHECK(grant.reasons[1].seen[0].value == std::optional<std::string>("red"));
  CHECK(grant.reasons[2].result == Truth::unknown);  // job.city missing
  CHECK(grant.reasons[2].seen[0].path == "job.city");
  CHECK_FALSE(grant.reasons[2].seen[0].value.has_value());
  CHECK(grant.reasons[4].result == Truth::yes);  // 2024-02-29 + 2 years = 2026-02-28, inclusive
  CHECK(grant.reasons[4].seen[0].value == std::optional<std::string>("2024-02-29"));
  CHECK(grant.reasons[4].seen[1].path == "as_of");
  CHECK(grant.reasons[4].seen[1].value == std::optional<std::string>("2026-02-28"));
}

TEST_CASE("without explanations the verdicts are the same and no reasons are built", "[evaluator]") {
  const auto& rules = programs();
  for (const char* as_of : {"2023-06-29", "2023-06-30", "2025-06-30", "2025-07-01", "2028-06-30", "2028-07-01"}) {
    for (const char* record : {"{id: T, a: true, c: blue, d: 2023-06-30, job: {city: true}, extra: {x: 5, y: \"150.00\"}}",
                               "{id: T, a: true, d: 2023-06-30, extra: {y: \"1.00\"}}"}) {
      auto full = decide(rules, record, as_of, true);
      auto lean = decide(rules, record, as_of, false);
      CAPTURE(as_of, record);
      for (std::size_t i = 0; i < full.programs.size(); ++i) {
        CHECK(summary(full.programs[i]) == summary(lean.programs[i]));
        CHECK(lean.programs[i].reasons.empty());
        CHECK(lean.programs[i].amount_seen.empty());
      }
    }
  }
}

TEST_CASE("caps, exact products and half-up rounding once", "[evaluator]") {
  auto loaded = talent::load_rule_set(
      talent::testing::tiny_pack("true", "min(m, 300000.00) * r * 50% * min(n, 36) / 12"), "tiny");
  REQUIRE(loaded.ok());
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
  auto d = decide(*loaded.rule_set, std::string("{id: x, m: \"") + principal + "\", r: \"" + rate +
                                        "\", n: " + std::to_string(months) + "}");
  CHECK(summary(d.programs[0]) == std::string("eligible ") + amount);
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
  auto other = talent::load_rule_set(talent::testing::tiny_pack("b"), "tiny");
  REQUIRE((tiny.ok() && other.ok()));
  auto p = talent::parse_record(*tiny.rule_set, "{id: x}");
  REQUIRE(p.record);
  CHECK_THROWS_AS(talent::evaluate(*other.rule_set, *p.record, day("2025-01-01")), std::invalid_argument);
}

TEST_CASE("a pack whose amount or window comes out wrong is an error, never an eligible decision", "[evaluator]") {
  auto negative = talent::load_rule_set(talent::testing::tiny_pack("true", "m - 5.00"), "tiny");
  REQUIRE(negative.ok());
  auto p = talent::parse_record(*negative.rule_set, "{id: x, m: \"1.00\"}");
  REQUIRE(p.record);
  CHECK_THROWS_WITH(talent::evaluate(*negative.rule_set, *p.record, day("2025-01-01")),
                    "p: the amount came out negative (-4.00); the pack's amount expression is wrong");
}

TEST_CASE("an evaluation error says what kind of problem it is", "[evaluator]") {
  auto [when, amount, record, error] = GENERATE(table<const char*, const char*, const char*, const char*>({
      {"true", "m * 999999999999999999 * 999999999999999999 * 999999999999999999", "{id: x, m: \"1000.00\"}",
       "[limit] p: arithmetic overflow"},
      {"true", "m * 999999999999999999", "{id: x, m: \"1000.00\"}", "[limit] p: the amount does not fit in 64-bit fen"},
      {"true", "m / n", "{id: x, m: \"1.00\", n: 0}", "[invalid_value] p: division by zero"},
      {"true", "m - 5.00", "{id: x, m: \"1.00\"}",
       "[invalid_value] p: the amount came out negative (-4.00); the pack's amount expression is wrong"},
  }));
  CAPTURE(when, amount);
  auto loaded = talent::load_rule_set(talent::testing::tiny_pack(when, amount), "tiny");
  REQUIRE(loaded.ok());
  auto p = talent::parse_record(*loaded.rule_set, record);
  REQUIRE(p.record);
  try {
    talent::evaluate(*loaded.rule_set, *p.record, day("2025-01-01"));
    FAIL("evaluated without an error");
  } catch (const talent::EvaluationError& e) {
    CHECK("[" + std::string(talent::to_string(e.code())) + "] " + e.what() == error);
    CHECK(e.program() == "p");
  }
}

TEST_CASE("date arithmetic past the calendar's end has a defined result, with or without reasons", "[evaluator]") {
  // A date moved past 9999-12-31 (or before 1400-01-01) is later (earlier)
  // than every date a record or a pack holds; two such dates on the same
  // side cannot be ordered (unknown). Never an error, so that the outcome
  // cannot depend on whether the other conditions were evaluated.
  auto [when, record, truth] = GENERATE(table<const char*, const char*, Truth>({
      {"d + years(n) > as_of", "{id: x, d: 9990-01-01, n: 20}", Truth::yes},
      {"d + years(n) <= as_of", "{id: x, d: 9990-01-01, n: 20}", Truth::no},
      {"d - years(n) < as_of", "{id: x, d: 1410-01-01, n: 20}", Truth::yes},
      {"d + days(n) == d + days(n)", "{id: x, d: 9999-12-31, n: 1}", Truth::unknown},
      {"d + years(n) - years(n) > as_of", "{id: x, d: 9999-12-31, n: 1}", Truth::unknown},
      {"d + years(n) + years(n) > as_of", "{id: x, d: 9999-12-31, n: 1}", Truth::yes},
      {"d + years(n) > d - years(n)", "{id: x, d: 9999-12-31, n: 1}", Truth::yes},
  }));
  CAPTURE(when, record);
  auto loaded = talent::load_rule_set(talent::testing::tiny_pack(std::string("c == red or ") + when), "tiny");
  REQUIRE(loaded.ok());
  std::string with_colour = std::string(record).insert(1, "c: blue, ");
  talent::Decision explained = decide(*loaded.rule_set, with_colour, "2025-01-01", true);
  talent::Decision quick = decide(*loaded.rule_set, with_colour, "2025-01-01", false);
  REQUIRE(explained.programs[0].reasons.size() == 1);
  CHECK(explained.programs[0].reasons[0].result == truth);
  CHECK(explained.programs[0].status == quick.programs[0].status);
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
  auto [when, cannot_be_false] = GENERATE(table<const char*, bool>({
      {"\"c in [red, blue]\"", true},
      {"\"job.size in [small, large]\"", true},
      {"c == red", false},
      {"\"c in [red]\"", false},
      {"\"c not in [red, blue]\"", false},
      {"a", false},
  }));
  CAPTURE(when);
  auto loaded = talent::load_rule_set(talent::testing::tiny_pack(when), "tiny");
  REQUIRE(loaded.ok());
  CHECK(loaded.rule_set->programs()[0].conditions[0].cannot_be_false == cannot_be_false);
  CHECK(programs().programs()[0].conditions[1].cannot_be_false);  // known_colour
}
