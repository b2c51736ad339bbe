// What would make a program eligible: concrete suggestions for the worked
// examples, and for generated applicants the property that applying any one
// suggestion (every range at either bound, every enum at any value offered)
// makes the program eligible, and that no suggestion is a superset of another.
#include "generated_records.hpp"
#include "talent/builtin.hpp"
#include "talent/decision.hpp"
#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "talent/suggest.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace {

using talent::testing::Facts;

talent::Date day(const char* text) { return *talent::parse_date(text); }

// "field=value", "field>=a", "field<=b", "field in a|b" for each change; "!"
// marks a fact that cannot change, "?" one the record lacks.
std::string shown(const talent::Suggestion& s) {
  std::string out;
  for (const auto& c : s.changes) {
    if (!out.empty()) out += "; ";
    out += c.can_change ? "" : "!";
    out += c.provide ? "?" : "";
    if (c.set) out += c.field + "=" + *c.set;
    if (c.at_least) out += c.field + ">=" + *c.at_least;
    if (c.at_least && c.at_most) out += ",";
    if (c.at_most) out += (c.at_least ? "" : c.field) + "<=" + *c.at_most;
    for (std::size_t i = 0; i < c.one_of.size(); ++i) out += (i ? "|" : c.field + " in ") + c.one_of[i];
  }
  return out;
}

std::vector<std::string> suggestions_for(const talent::RuleSet& rules, const std::string& record, const char* as_of,
                                         const std::string& program) {
  talent::ParsedRecord p = talent::parse_record(rules, record);
  REQUIRE(p.record);
  std::vector<std::string> out;
  for (const auto& ps : talent::suggest(rules, *p.record, day(as_of))) {
    if (rules.programs()[ps.program].id != program) continue;
    for (const auto& s : ps.suggestions) out.push_back(shown(s));
  }
  return out;
}

// A YAML scalar for a suggested value of `field`.
std::string yaml_value(const talent::RuleSet& rules, const std::string& field, const std::string& value) {
  const talent::FieldInfo* f = rules.find_field(field);
  if (f && (f->type == talent::FieldType::money || f->type == talent::FieldType::rate)) return "\"" + value + "\"";
  return value;
}

}  // namespace

TEST_CASE("suggestions for the worked examples say what would make each program eligible", "[suggest]") {
  auto rules = talent::builtin_rule_set();
  // Example 3: a part-time master; full-time study is a fact that cannot change.
  std::string part_time = "{id: EX-3, degree: master, study_mode: part_time, institution: regular_university, "
                          "graduation_date: 2024-01-10, employment: {status: enterprise, in_city: true}}";
  CHECK(suggestions_for(*rules, part_time, "2025-06-30", "rent_subsidy") == std::vector<std::string>{"!study_mode=full_time"});
  // Working outside the city: one change, and it is advice.
  std::string outside = "{id: O-1, degree: bachelor, study_mode: full_time, institution: regular_university, "
                        "graduation_date: 2024-07-01, employment: {status: enterprise, in_city: false}}";
  CHECK(suggestions_for(*rules, outside, "2025-06-30", "rent_subsidy") == std::vector<std::string>{"employment.in_city=true"});
  // Graduated too long ago: a graduation date in the two years up to the as-of date.
  std::string late = "{id: L-1, degree: bachelor, study_mode: full_time, institution: regular_university, "
                     "graduation_date: 2023-06-29, employment: {status: enterprise, in_city: true}}";
  CHECK(suggestions_for(*rules, late, "2025-06-30", "rent_subsidy") ==
        std::vector<std::string>{"!graduation_date>=2023-06-30,<=2025-06-30"});
  // No graduation date at all (needs_info): provide one, in the same range.
  std::string no_date = "{id: N-1, degree: associate, study_mode: full_time, institution: vocational_college, "
                        "employment: {status: enterprise, in_city: true}}";
  CHECK(suggestions_for(*rules, no_date, "2025-06-30", "rent_subsidy") ==
        std::vector<std::string>{"?graduation_date>=2023-06-30,<=2025-06-30"});
  // A founder without a loan: a loan section created with its facts.
  std::string founder = "{id: F-1, employment: {status: self_employed, in_city: true}}";
  auto loan = suggestions_for(*rules, founder, "2025-06-30", "startup_loan_interest_subsidy");
  REQUIRE(loan.size() == 1);
  CHECK(loan.front() == "startup_loan.kind=personal_guarantee; startup_loan.principal>=0.01; "
                        "startup_loan.annual_rate>=0.000000001; startup_loan.term_months>=1");
}

namespace {

void every_suggestion_works(const talent::RuleSet& rules_ref, bool amended, const char* as_of_text, std::uint32_t seed) {
  const talent::RuleSet* rules = &rules_ref;
  std::mt19937 rng(seed);
  std::size_t programs_checked = 0, suggestions_checked = 0, combinations_checked = 0;
  for (int n = 0; n < 80; ++n) {
    Facts facts = talent::testing::generated_facts(rng, n, amended);
    talent::ParsedRecord p = talent::parse_record(*rules, talent::testing::render(facts));
    REQUIRE(p.record);
    talent::Date as_of = day(as_of_text);
    for (const auto& ps : talent::suggest(*rules, *p.record, as_of)) {
      ++programs_checked;
      const std::string& program = rules->programs()[ps.program].id;
      for (std::size_t i = 0; i < ps.suggestions.size(); ++i) {
        const auto& s = ps.suggestions[i];
        INFO(talent::testing::render(facts) << "\n" << program << ": " << shown(s));
        // Every value offered for each change, in every combination.
        std::vector<std::vector<std::string>> offered;
        for (const auto& c : s.changes) {
          std::vector<std::string> values;
          if (c.set) values.push_back(*c.set);
          if (c.at_least) values.push_back(*c.at_least);
          if (c.at_most) values.push_back(*c.at_most);
          values.insert(values.end(), c.one_of.begin(), c.one_of.end());
          REQUIRE_FALSE(values.empty());
          offered.push_back(values);
        }
        std::vector<std::size_t> at(offered.size(), 0);
        while (true) {
          Facts changed = facts;
          for (std::size_t k = 0; k < offered.size(); ++k) {
            changed[s.changes[k].field] = yaml_value(*rules, s.changes[k].field, offered[k][at[k]]);
          }
          talent::ParsedRecord q = talent::parse_record(*rules, talent::testing::render(changed));
          REQUIRE(q.record);
          talent::Decision d = talent::evaluate(*rules, *q.record, as_of, talent::EvaluateOptions{false});
          const talent::ProgramDecision* decided = d.find(ps.program);
          REQUIRE(decided);
          CHECK(decided->status == talent::Status::eligible);
          ++combinations_checked;
          std::size_t k = 0;
          for (; k < at.size() && ++at[k] == offered[k].size(); ++k) at[k] = 0;
          if (k == at.size()) break;
        }
        ++suggestions_checked;
        // No suggestion's fields include another's.
        for (std::size_t j = 0; j < ps.suggestions.size(); ++j) {
          if (j == i) continue;
          auto fields = [](const talent::Suggestion& x) {
            std::vector<std::string> f;
            for (const auto& c : x.changes) f.push_back(c.field);
            std::sort(f.begin(), f.end());
            return f;
          };
          auto mine = fields(s), other = fields(ps.suggestions[j]);
          CHECK_FALSE(std::includes(mine.begin(), mine.end(), other.begin(), other.end()));
        }
        if (i > 0) CHECK(ps.suggestions[i - 1].changes.size() <= s.changes.size());
      }
    }
  }
  CHECK(programs_checked > 100);
  CHECK(suggestions_checked > 100);
  CHECK(combinations_checked >= suggestions_checked);
}

}  // namespace

TEST_CASE("applying any suggestion makes the program eligible; none is a superset of another", "[suggest]") {
  every_suggestion_works(*talent::builtin_rule_set(), false, "2025-06-30", 424242);
}

TEST_CASE("suggestions hold under an amendment, through eligible(program)", "[suggest]") {
  talent::LoadResult r = talent::load_rule_set(std::string(TALENT_SOURCE_DIR) + "/examples/amendments");
  REQUIRE(r.ok());
  every_suggestion_works(*r.rule_set, true, "2026-03-01", 99);
}
