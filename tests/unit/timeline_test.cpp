// The timeline agrees with deciding every single day, for generated
// applicants, under the built-in pack and under a pack with an amendment.
#include "talent/builtin.hpp"
#include "talent/decision.hpp"
#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "talent/timeline.hpp"
#include "generated_records.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

namespace {

using talent::Date;

Date day(const char* text) { return *talent::parse_date(text); }

// Every day of the range decided on its own equals the timeline's segment
// covering it; the timeline decided far fewer days.
void agrees_day_by_day(const talent::RuleSet& rules, bool amended, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::size_t days_checked = 0, days_in_ranges = 0;
  for (int n = 0; n < 60; ++n) {
    std::string text = talent::testing::render(talent::testing::generated_facts(rng, n, amended));
    INFO(text);
    talent::ParsedRecord p = talent::parse_record(rules, text);
    REQUIRE(p.record);
    Date from = *talent::add_days(day("2022-01-01"), std::uniform_int_distribution<int>(0, 1800)(rng));
    Date to = *talent::add_days(from, std::uniform_int_distribution<int>(0, 900)(rng));
    talent::Timeline t = talent::timeline(rules, *p.record, from, to);
    for (const auto& program : t.programs) {
      if (program.segments.empty()) continue;
      CHECK(program.segments.front().from == from);
      CHECK(program.segments.back().to == to);
    }
    for (Date d = from; d <= to; d = *talent::add_days(d, 1)) {
      ++days_in_ranges;
      talent::Decision decision = talent::evaluate(rules, *p.record, d, talent::EvaluateOptions{false});
      for (const auto& decided : decision.programs) {
        const std::string& id = rules.programs()[decided.program].id;
        const talent::TimelineSegment* covering = nullptr;
        for (const auto& program : t.programs) {
          if (program.program != id) continue;
          for (const auto& s : program.segments) {
            if (s.from <= d && d <= s.to) covering = &s;
          }
        }
        INFO(p.record->id() << " " << id << " on " << talent::format_date(d));
        REQUIRE(covering);
        CHECK(covering->status == decided.status);
        CHECK(covering->amount == decided.amount);
        CHECK(covering->version == decision.version);
      }
    }
    days_checked += t.checked.size();
  }
  // Deciding a handful of days per applicant, not every day.
  CHECK(days_checked * 20 < days_in_ranges);
}

// Worked example 2 (docs/policy-reading.md), with a home bought on 2025-03-01.
const char* kExample2 =
    "{id: EX-2, degree: bachelor, study_mode: full_time, institution: regular_university, "
    "graduation_date: 2023-06-30, employment: {status: self_employed, in_city: true}, "
    "home_purchase: {date: 2025-03-01, first_in_city: true}}";

}  // namespace

TEST_CASE("the timeline of worked example 2, in segments", "[timeline]") {
  auto rules = talent::builtin_rule_set();
  talent::ParsedRecord p = talent::parse_record(*rules, kExample2);
  REQUIRE(p.record);
  talent::Timeline t = talent::timeline(*rules, *p.record, day("2020-01-01"), day("2030-12-31"));
  REQUIRE(t.programs.size() == 3);
  const auto& rent = t.programs[0].segments;
  REQUIRE(rent.size() == 3);
  CHECK(talent::format_date(rent[1].from) == "2023-06-30");
  CHECK(talent::format_date(rent[1].to) == "2025-06-30");
  CHECK(rent[1].status == talent::Status::eligible);
  CHECK(rent[1].amount->to_string() == "500.00");
  CHECK(rent[2].status == talent::Status::ineligible);
  const auto& purchase = t.programs[1].segments;
  REQUIRE(purchase.size() == 2);
  CHECK(talent::format_date(purchase[1].from) == "2025-03-01");  // the purchase has happened
  CHECK(purchase[1].amount->to_string() == "30000.00");
  CHECK(t.programs[2].segments.size() == 1);  // no loan: ineligible throughout
  CHECK_THROWS_AS(talent::timeline(*rules, *p.record, day("2030-01-01"), day("2020-01-01")), std::invalid_argument);
}

TEST_CASE("the timeline agrees with every day decided alone, built-in pack", "[timeline]") {
  agrees_day_by_day(*talent::builtin_rule_set(), false, 20261128);
}

TEST_CASE("the timeline agrees with every day decided alone, across an amendment", "[timeline]") {
  talent::LoadResult r = talent::load_rule_set(std::string(TALENT_SOURCE_DIR) + "/examples/amendments");
  REQUIRE(r.ok());
  agrees_day_by_day(*r.rule_set, true, 7);
}

TEST_CASE("a timeline as text and as JSON", "[timeline][report]") {
  auto rules = talent::builtin_rule_set();
  talent::ParsedRecord p = talent::parse_record(*rules, kExample2);
  REQUIRE(p.record);
  talent::Timeline t = talent::timeline(*rules, *p.record, day("2023-01-01"), day("2026-12-31"));
  CHECK(t.id == "EX-2");
  std::string digest = rules->digest().substr(rules->digest().find(':') + 1, 12);
  CHECK(talent::to_text(*rules, t, talent::Language::zh) ==
        "申请人 EX-2　时间范围 2023-01-01 至 2026-12-31　政策 hohhot-talent-25 2024.12.1　摘要 " + digest + "\n"
        "  高校毕业生租房补贴 [C-RENT]\n"
        "    2023-01-01 至 2023-06-29  不符合\n"
        "    2023-06-30 至 2025-06-30  符合：每月 500.00 元\n"
        "    2025-07-01 至 2026-12-31  不符合\n"
        "  高校毕业生购房补贴 [C-HOME]\n"
        "    2023-01-01 至 2025-02-28  不符合\n"
        "    2025-03-01 至 2026-12-31  符合：一次性 30000.00 元\n"
        "  青城创梦贷财政贴息 [C-LOAN]\n"
        "    2023-01-01 至 2026-12-31  不符合\n");
  std::string en = talent::to_text(*rules, t, talent::Language::en);
  CHECK(en.find("Applicant EX-2  from 2023-01-01 to 2026-12-31  rules hohhot-talent-25 2024.12.1  digest " + digest) == 0);
  CHECK(en.find("    2025-03-01 to 2026-12-31  eligible: 30000.00 yuan once\n") != std::string::npos);
  CHECK(talent::to_json(*rules, t) ==
        "{\"id\":\"EX-2\",\"from\":\"2023-01-01\",\"to\":\"2026-12-31\",\"ruleset\":{\"id\":\"hohhot-talent-25\","
        "\"version\":\"2024.12.1\",\"digest\":\"" + rules->digest() + "\"},\"programs\":["
        "{\"program\":\"rent_subsidy\",\"segments\":["
        "{\"from\":\"2023-01-01\",\"to\":\"2023-06-29\",\"status\":\"ineligible\",\"version\":\"2024.12.1\"},"
        "{\"from\":\"2023-06-30\",\"to\":\"2025-06-30\",\"status\":\"eligible\",\"amount\":\"500.00\",\"version\":\"2024.12.1\"},"
        "{\"from\":\"2025-07-01\",\"to\":\"2026-12-31\",\"status\":\"ineligible\",\"version\":\"2024.12.1\"}]},"
        "{\"program\":\"home_purchase_subsidy\",\"segments\":["
        "{\"from\":\"2023-01-01\",\"to\":\"2025-02-28\",\"status\":\"ineligible\",\"version\":\"2024.12.1\"},"
        "{\"from\":\"2025-03-01\",\"to\":\"2026-12-31\",\"status\":\"eligible\",\"amount\":\"30000.00\",\"version\":\"2024.12.1\"}]},"
        "{\"program\":\"startup_loan_interest_subsidy\",\"segments\":["
        "{\"from\":\"2023-01-01\",\"to\":\"2026-12-31\",\"status\":\"ineligible\",\"version\":\"2024.12.1\"}]}]}");
  // An applicant's id is shown, never obeyed.
  talent::ParsedRecord q = talent::parse_record(*rules, "{id: \"X\\e[2J\\u202eY\", degree: bachelor}");
  REQUIRE(q.record);
  std::string shown = talent::to_text(*rules, talent::timeline(*rules, *q.record, day("2024-01-01"), day("2024-01-02")),
                                      talent::Language::zh);
  CHECK(shown.find("申请人 X\\x1B[2J<U+202E>Y　") == 0);
}
