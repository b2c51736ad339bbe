#include "talent/talent.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace {

// A decision of the built-in pack with each program's status and amount as given.
talent::Decision decision(const talent::RuleSet& rules, talent::Status rent, std::int64_t rent_fen, talent::Status home,
                          std::int64_t home_fen) {
  talent::Decision d;
  d.id = "S-1";
  d.as_of = *talent::parse_date("2025-06-30");
  for (std::size_t i = 0; i < rules.programs().size(); ++i) {
    talent::ProgramDecision p;
    p.program = i;
    p.status = talent::Status::ineligible;
    if (rules.programs()[i].id == "rent_subsidy") p.status = rent;
    if (rules.programs()[i].id == "home_purchase_subsidy") p.status = home;
    if (p.status == talent::Status::eligible) {
      p.amount = talent::Money::from_fen(rules.programs()[i].id == "rent_subsidy" ? rent_fen : home_fen);
    }
    d.programs.push_back(p);
  }
  return d;
}

std::size_t index_of(const talent::RuleSet& rules, const std::string& id) {
  for (std::size_t i = 0; i < rules.programs().size(); ++i) {
    if (rules.programs()[i].id == id) return i;
  }
  FAIL("no program " << id);
  return 0;
}

}  // namespace

TEST_CASE("a summary counts statuses per program and adds up the eligible amounts", "[summary]") {
  auto rules = talent::builtin_rule_set();
  using talent::Status;
  talent::Summary a(*rules), b(*rules);
  a.add(decision(*rules, Status::eligible, 100000, Status::eligible, 3000000));
  a.add(decision(*rules, Status::eligible, 50000, Status::needs_info, 0));
  a.add_rejected();
  b.add(decision(*rules, Status::ineligible, 0, Status::eligible, 1));
  b.add_rejected();
  a.merge(b);
  CHECK(a.records() == 5);
  CHECK(a.decided() == 3);
  CHECK(a.rejected() == 2);
  std::size_t rent = index_of(*rules, "rent_subsidy"), home = index_of(*rules, "home_purchase_subsidy");
  CHECK(a.program(rent).eligible == 2);
  CHECK(a.program(rent).ineligible == 1);
  CHECK(a.program(home).needs_info == 1);
  CHECK(a.amount(rent) == "1500.00");
  CHECK(a.amount(home) == "30000.01");
  CHECK(a.monthly_outlay() == "1500.00");  // the rent subsidy is the one monthly program
  CHECK(a.one_off_total() == "30000.01");
  CHECK(talent::to_json(*rules, a).rfind(R"({"records":5,"decided":3,"rejected":2,"programs":[{"program":"rent_subsidy",)"
                                         R"("frequency":"monthly","eligible":2,"ineligible":1,"needs_info":0,"amount":"1500.00"},)",
                                         0) == 0);
  std::string zh = talent::to_text(*rules, a, talent::Language::zh);
  CHECK(zh.rfind("汇总：记录 5 条，已核定 3 条，无法受理 2 条\n", 0) == 0);
  CHECK(zh.find("[rent_subsidy]：符合 2，不符合 1，需补充材料 0；每月合计 1500.00 元\n") != std::string::npos);
  CHECK(zh.find("按月发放的项目每月合计 1500.00 元；一次性项目合计 30000.01 元\n") != std::string::npos);
  std::string en = talent::to_text(*rules, a, talent::Language::en);
  CHECK(en.rfind("Summary: 5 records, 3 decided, 2 rejected\n", 0) == 0);
  CHECK(en.find("[home_purchase_subsidy]: 2 eligible, 0 not eligible, 1 need information; 30000.01 yuan in all\n") !=
        std::string::npos);
}

TEST_CASE("a summary's sums are exact past what 64-bit fen hold", "[summary]") {
  auto rules = talent::builtin_rule_set();
  talent::Summary s(*rules);
  const std::int64_t most = std::numeric_limits<std::int64_t>::max();  // 92233720368547758.07 yuan
  for (int i = 0; i < 4; ++i) s.add(decision(*rules, talent::Status::eligible, most, talent::Status::eligible, 1));
  CHECK(s.amount(index_of(*rules, "rent_subsidy")) == "368934881474191032.28");
  CHECK(s.monthly_outlay() == "368934881474191032.28");
  CHECK(s.one_off_total() == "0.04");
  talent::Summary empty(*rules);
  CHECK(empty.monthly_outlay() == "0.00");
}

TEST_CASE("a summary refuses decisions and summaries of another rule set", "[summary]") {
  auto rules = talent::builtin_rule_set();
  talent::Summary s(*rules);
  talent::Decision odd;
  talent::ProgramDecision p;
  p.program = rules->programs().size();  // past the pack's programs
  odd.programs.push_back(p);
  CHECK_THROWS_AS(s.add(odd), std::invalid_argument);
}
