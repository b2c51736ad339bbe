#include "talent/talent.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <sstream>
#include <string>

namespace {

std::shared_ptr<const talent::RuleSet> tiny_rules(const std::string& when) {
  auto loaded = talent::load_rule_set(talent::testing::tiny_pack(when), "tiny");
  REQUIRE(loaded.ok());
  return loaded.rule_set;
}

// One case of a suite, three lines: "  - name: ", "    record: ", "    expect: "
// (so the expectation starts at column 13).
std::string a_case(const std::string& name, const std::string& record, const std::string& expect) {
  return "  - name: " + name + "\n    record: " + record + "\n    expect: " + expect + "\n";
}

// A suite as of 2025-01-01: line 1 is `as_of`, line 2 `cases:`, the first case
// starts on line 3.
std::string suite_text(std::initializer_list<std::string> cases) {
  std::string text = "as_of: 2025-01-01\ncases:\n";
  for (const std::string& c : cases) text += c;
  return text;
}

// "file:line:column: [code] message" for each problem of the suite file.
std::vector<std::string> problems(const talent::SuiteFile& suite) {
  std::vector<std::string> out;
  for (const auto& d : suite.errors) {
    out.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": [" +
                  talent::to_string(d.code) + "] " + d.message);
  }
  return out;
}

}  // namespace

TEST_CASE("the built-in pack's own suite passes through the library alone", "[suite]") {
  auto rules = talent::builtin_rule_set();
  std::size_t passed = 0;
  for (const char* name : {"rent_subsidy", "home_purchase_subsidy", "startup_loan_interest_subsidy", "worked_examples",
                           "chinese_aliases", "invalid_records"}) {
    CAPTURE(name);
    talent::SuiteFile suite =
        talent::load_suite(*rules, std::string(TALENT_SOURCE_DIR "/rules/hohhot-talent-25/tests/") + name + ".yaml");
    CHECK(problems(suite).empty());
    CHECK_FALSE(suite.unreadable);
    for (const talent::SuiteCase& c : suite.cases) {
      CAPTURE(c.name);
      talent::CaseResult r = talent::run_case(*rules, c);
      CHECK(r.differences.empty());
      passed += r.passed ? 1 : 0;
    }
  }
  CHECK(passed >= 100);
}

TEST_CASE("a suite held in memory is read and run like a file", "[suite]") {
  auto rules = tiny_rules("a");
  talent::SuiteFile suite = talent::load_suite(
      *rules, "mem/s.yaml",
      suite_text({a_case("a holds", "{id: x, a: true}", "{p: {status: eligible, amount: \"1.00\"}}"),
                  a_case("a wrongly expected to fail", "{id: y, a: true}",
                         "{p: {status: ineligible, reasons: {cond: false}}}")}));
  REQUIRE(problems(suite).empty());
  REQUIRE(suite.cases.size() == 2);
  CHECK(suite.cases[0].line == 3);
  CHECK(talent::run_case(*rules, suite.cases[0]).passed);
  talent::CaseResult failed = talent::run_case(*rules, suite.cases[1]);
  CHECK_FALSE(failed.passed);
  CHECK(failed.differences == std::vector<std::string>{
                                  "p: status: expected ineligible, actual eligible (1.00)",
                                  "p: condition cond: expected false, actual true (a = true)",
                              });
  // The same differences in Chinese: the words from the message table, the
  // ids, status names and values as the suite writes them.
  CHECK(talent::run_case(*rules, suite.cases[1], talent::Language::zh).differences ==
        std::vector<std::string>{
            "p：状态：应为 ineligible，实为 eligible（1.00）",
            "p：条件 cond：应为 false，实为 true（a = true）",
        });
  CHECK(talent::run_case(*rules, suite.cases[0], talent::Language::zh).passed);
}

TEST_CASE("every kind of difference of a case, in English and in Chinese", "[suite]") {
  auto rules = talent::builtin_rule_set();
  const std::string bachelor =
      "{id: F-2, degree: bachelor, study_mode: full_time, institution: regular_university, graduation_date: 2023-06-29, "
      "employment: {status: enterprise, in_city: true}}";
  talent::SuiteFile suite = talent::load_suite(
      *rules, "mem/s.yaml",
      "as_of: 2025-06-30\ncases:\n" +
          a_case("window", bachelor,
                 "{rent_subsidy: {status: eligible, window: {start: 2023-06-29, end: 2025-06-30}, "
                 "reasons: {within_two_years: true}}}") +
          a_case("missing", "{id: F-3, degree: bachelor, study_mode: full_time}",
                 "{rent_subsidy: {status: needs_info, missing: [degree]}}") +
          "  - name: rejected\n    record: {id: F-4, degree: bachelor}\n    expect_error: {field: degree}\n" +
          "  - name: accepted\n    record: {id: F-5, degree: masters}\n    expect: {rent_subsidy: {status: ineligible}}\n");
  REQUIRE(problems(suite).empty());
  REQUIRE(suite.cases.size() == 4);
  auto differences = [&](std::size_t i, talent::Language language) {
    return talent::run_case(*rules, suite.cases[i], language).differences;
  };
  CHECK(differences(0, talent::Language::en) ==
        std::vector<std::string>{
            "rent_subsidy: status: expected eligible, actual ineligible (false: within_two_years)",
            "rent_subsidy: window: expected 2023-06-29 .. 2025-06-30, actual none",
            "rent_subsidy: condition within_two_years: expected true, actual false (graduation_date = 2023-06-29, as_of = 2025-06-30)",
        });
  CHECK(differences(0, talent::Language::zh) ==
        std::vector<std::string>{
            "rent_subsidy：状态：应为 eligible，实为 ineligible（不成立：within_two_years）",
            "rent_subsidy：期限：应为 2023-06-29 至 2025-06-30，实为 无",
            "rent_subsidy：条件 within_two_years：应为 true，实为 false（graduation_date = 2023-06-29，as_of = 2025-06-30）",
        });
  CHECK(differences(1, talent::Language::zh) ==
        std::vector<std::string>{"rent_subsidy：缺少的字段：应为 [degree]，实为 [employment.in_city, employment.status, graduation_date, institution]"});
  CHECK(differences(2, talent::Language::en) ==
        std::vector<std::string>{"record: expected it to be rejected for field 'degree', actual: accepted"});
  CHECK(differences(2, talent::Language::zh) == std::vector<std::string>{"记录：应为无法受理（问题在字段 degree），实为已受理"});
  CHECK(differences(3, talent::Language::zh).size() == 1);
  CHECK_THAT(differences(3, talent::Language::zh)[0],
             Catch::StartsWith("记录：应为受理，实为无法受理：字段「学历」(degree)：没有 'masters' 这一项（是不是 master？）"));
}

TEST_CASE("a mistake in a suite is a positioned error and its case is not run", "[suite]") {
  auto rules = tiny_rules("a");
  talent::SuiteFile suite = talent::load_suite(
      *rules, "mem/s.yaml",
      suite_text({a_case("typo", "{id: x, a: true}", "{p: {status: eligable, reasons: {con: true}}}")}));
  CHECK(problems(suite) == std::vector<std::string>{
                               "mem/s.yaml:5:26: [unknown_name] unknown status 'eligable' (did you mean 'eligible'?); expected "
                               "eligible, ineligible or needs_info",
                               "mem/s.yaml:5:46: [unknown_name] unknown condition 'con' of p (did you mean 'cond'?); it has cond",
                           });
  CHECK(suite.cases.empty());
  REQUIRE(suite.broken.size() == 1);
  CHECK(suite.broken[0].line == 3);
  CHECK(suite.broken[0].name == "typo");
  CHECK_FALSE(suite.unreadable);

  talent::SuiteFile missing = talent::load_suite(*rules, "no/such/suite.yaml");
  CHECK(problems(missing) == std::vector<std::string>{"no/such/suite.yaml:0:0: [unreadable] cannot read the suite file: cannot open it: No such file or directory"});
  CHECK(missing.unreadable);
}

TEST_CASE("each problem of a suite file says what kind of problem it is", "[suite]") {
  auto rules = tiny_rules("a");
  talent::SuiteFile suite = talent::load_suite(*rules, "mem/s.yaml",
                                               "as_of: 2025-02-30\n"
                                               "cases:\n"
                                               "  - name: one\n"
                                               "    record: [x]\n"
                                               "    expect: {p: {status: eligible, amount: \"1.001\"}}\n"
                                               "  - name: two\n"
                                               "    as_of: 2025-01-01\n"
                                               "    record: {id: y}\n"
                                               "    expect: {p: {status: eligible, window: {start: 2025-01-01}}}\n"
                                               "  - record: {id: z}\n"
                                               "    as_of: 2025-01-01\n"
                                               "    expect: {p: {status: eligible}}\n"
                                               "    expect_error: {field: a}\n");
  CHECK(problems(suite) == std::vector<std::string>{
                               "mem/s.yaml:1:8: [invalid_value] 'as_of' must be a real date YYYY-MM-DD, found '2025-02-30'",
                               "mem/s.yaml:3:5: [missing] the case has no 'as_of:' date (and the file gives none)",
                               "mem/s.yaml:4:13: [wrong_type] 'record' must be the applicant's fields (a mapping), found a list",
                               "mem/s.yaml:5:44: [invalid_value] 'amount' must be yuan with at most two decimals, like \"1000.00\": "
                               "money has more than 2 decimals (at most fen, 0.01 yuan)",
                               "mem/s.yaml:9:44: [missing] 'window' needs both start and end",
                               "mem/s.yaml:10:5: [missing] the case has no 'name:'",
                               "mem/s.yaml:13:19: [duplicate] give either 'expect:' (a decision) or 'expect_error:' (a rejected record), not both",
                           });
  talent::SuiteFile broken = talent::load_suite(*rules, "mem/b.yaml", "cases: [\n");
  REQUIRE(broken.errors.size() == 1);
  CHECK(broken.errors[0].code == talent::ErrorCode::syntax);
  CHECK(broken.unreadable);
}

TEST_CASE("expect_error may name the error's code, checked like its field", "[suite]") {
  auto rules = tiny_rules("a");
  // Cases that expect the record to be rejected, each as `expect_error`.
  auto rejected_case = [](const std::string& name, const std::string& record, const std::string& error) {
    return "  - name: " + name + "\n    record: " + record + "\n    expect_error: " + error + "\n";
  };
  talent::SuiteFile suite = talent::load_suite(
      *rules, "mem/s.yaml",
      suite_text({rejected_case("impossible date", "{id: x, d: 2023-02-30}", "{field: d, code: invalid_value}"),
                  rejected_case("wrong code expected", "{id: x, d: 2023-02-30}",
                                "{code: limit, message_contains: calendar}"),
                  rejected_case("code only", "{id: x, c: green}", "{code: unknown_name}")}));
  REQUIRE(problems(suite).empty());
  REQUIRE(suite.cases.size() == 3);
  REQUIRE(suite.cases[0].expect_error);
  CHECK(suite.cases[0].expect_error->code == talent::ErrorCode::invalid_value);
  CHECK(talent::run_case(*rules, suite.cases[0]).passed);
  talent::CaseResult wrong = talent::run_case(*rules, suite.cases[1]);
  CHECK_FALSE(wrong.passed);
  CHECK(wrong.differences == std::vector<std::string>{
                                 "record error code: expected limit, actual invalid_value (expected a real calendar date "
                                 "YYYY-MM-DD, found '2023-02-30')"});
  CHECK(talent::run_case(*rules, suite.cases[2]).passed);

  talent::SuiteFile typo = talent::load_suite(*rules, "mem/t.yaml",
                                              "as_of: 2025-01-01\n"
                                              "cases:\n"
                                              "  - name: misspelt code\n"
                                              "    record: {id: x, d: 2023-02-30}\n"
                                              "    expect_error: {feild: d, code: invalid_valu}\n");
  CHECK(problems(typo) == std::vector<std::string>{
                              "mem/t.yaml:5:20: [unknown_name] unknown key 'feild' in expect_error (did you mean 'field'?); "
                              "expected field, code and message_contains",
                              "mem/t.yaml:5:36: [unknown_name] unknown error code 'invalid_valu' (did you mean 'invalid_value'?); "
                              "expected one of syntax, unknown_name, missing, wrong_type, invalid_value, duplicate, limit, unreadable",
                              "mem/t.yaml:5:19: [missing] 'expect_error' needs 'field:', 'code:' or 'message_contains:'",
                          });
  CHECK(typo.cases.empty());
}

TEST_CASE("a case read against another rule set is refused, not run", "[suite]") {
  auto builtin = talent::builtin_rule_set();
  talent::SuiteFile suite = talent::load_suite(
      *builtin, "mem/s.yaml",
      suite_text({a_case("third program", "{id: x}", "{startup_loan_interest_subsidy: {status: ineligible}}")}));
  REQUIRE(suite.cases.size() == 1);
  CHECK_THROWS_AS(talent::run_case(*tiny_rules("a"), suite.cases[0]), std::invalid_argument);
}

TEST_CASE("a condition says what it reads and which answers it can give", "[suite]") {
  struct Row {
    const char* when;
    std::vector<std::string> fields_read;
    bool can_be_unknown;
    bool cannot_be_false;
  };
  auto row = GENERATE(values<Row>({
      {"has(d)", {"d"}, false, false},
      {"has( d )", {"d"}, false, false},
      {"\"has (\\n d)\"", {"d"}, false, false},
      {"has(extra)", {"extra"}, false, false},
      {"has(  extra  )", {"extra"}, false, false},
      {"as_of <= as_of + years(1)", {}, false, false},
      {"true", {}, false, false},
      {"d <= as_of", {"d"}, true, false},
      {"has(d) or a", {"a", "d"}, true, false},
      {"has(extra) and extra.x > 1", {"extra.x", "extra"}, true, false},
      {"c == red", {"c"}, true, false},
      {"c in [red, blue]", {"c"}, true, true},
      {"c in [blue, red]", {"c"}, true, true},
      {"c not in [red, blue]", {"c"}, true, false},
      {"c in [red, blue] and a", {"a", "c"}, true, false},
  }));
  CAPTURE(row.when);
  auto rules = tiny_rules(row.when);
  const talent::ConditionInfo& info = rules->programs()[0].conditions[0];
  CHECK(info.fields_read == row.fields_read);
  CHECK(info.can_be_unknown == row.can_be_unknown);
  CHECK(info.cannot_be_false == row.cannot_be_false);
}

TEST_CASE("the built-in pack's conditions know what they read", "[suite]") {
  auto rules = talent::builtin_rule_set();
  const auto& rent = rules->programs()[0].conditions;
  REQUIRE(rent[6].id == "within_two_years");
  CHECK(rent[6].fields_read == std::vector<std::string>{"graduation_date"});
  CHECK(rent[6].can_be_unknown);
  const auto& home = rules->programs()[1].conditions;
  REQUIRE(home[5].id == "bought_home");
  CHECK(home[5].fields_read == std::vector<std::string>{"home_purchase"});
  CHECK_FALSE(home[5].can_be_unknown);
  CHECK_FALSE(home[5].cannot_be_false);
}

// Regression: coverage guessed from the condition's text whether it could be
// unknown, and took `has( graduation_date )` for a read of the value, asking
// for an unknown outcome no record can produce.
TEST_CASE("coverage of has( field ) with spaces is the same as has(field)", "[suite]") {
  const std::string text = suite_text({a_case("has a date", "{id: x, d: 2024-05-01}", "{p: {status: eligible}}"),
                                        a_case("has none", "{id: y}", "{p: {status: ineligible}}")});
  auto coverage_of = [&](const std::string& when) {
    auto rules = tiny_rules(when);
    talent::SuiteFile suite = talent::load_suite(*rules, "mem/s.yaml", text);
    REQUIRE(suite.cases.size() == 2);
    talent::Coverage coverage(*rules);
    for (const talent::SuiteCase& c : suite.cases) {
      talent::CaseResult r = talent::run_case(*rules, c);
      CHECK(r.passed);
      coverage.add(c, *r.decision);
    }
    std::ostringstream out;
    CHECK(coverage.report(out) == 0);
    return out.str();
  };
  const std::string expected =
      "coverage of tiny 1 (outcomes seen in programs the cases check):\n"
      "  p\n"
      "    condition cond                        true 1    false 1    unknown n/a\n"
      "coverage: complete, all 2 outcomes exercised\n";
  auto when = GENERATE(as<std::string>{}, "has(d)", "has( d )", "\"has (d )\"", "has(\td)");
  CAPTURE(when);
  CHECK(coverage_of(when) == expected);
}

TEST_CASE("the coverage table in Chinese keeps its columns and marks what was never seen", "[suite]") {
  auto rules = tiny_rules("c in [red, blue]");
  talent::SuiteFile suite =
      talent::load_suite(*rules, "mem/s.yaml", suite_text({a_case("red", "{id: x, c: red}", "{p: {status: eligible}}")}));
  REQUIRE(suite.cases.size() == 1);
  talent::Coverage coverage(*rules);
  talent::CaseResult r = talent::run_case(*rules, suite.cases[0]);
  REQUIRE(r.passed);
  coverage.add(suite.cases[0], *r.decision);
  std::ostringstream zh, en;
  CHECK(coverage.report(zh, talent::Language::zh) == 1);
  CHECK(coverage.report(en) == 1);
  CHECK(zh.str() ==
        "tiny 1 的覆盖情况（只计用例所检查项目中出现过的结果）：\n"
        "  p\n"
        "    条件  cond                        true 1    false 不适用 unknown 0       从未出现 unknown"
        "  （不可能为 false：字段允许的每个值都满足该条件）\n"
        "覆盖：2 个结果中有 1 个从未出现（标有「从未」）\n");
  CHECK(en.str() ==
        "coverage of tiny 1 (outcomes seen in programs the cases check):\n"
        "  p\n"
        "    condition cond                        true 1    false n/a  unknown 0     NEVER unknown"
        "  (cannot be false: every value the schema allows satisfies it)\n"
        "coverage: 1 of 2 outcomes never exercised (marked NEVER)\n");
}
