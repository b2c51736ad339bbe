// Policy in time: dated parameters, named expressions, shared condition
// groups, eligible(program) and amendments, on a small pack of their own.
#include "talent/decision.hpp"
#include "talent/record.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace {

using talent::PackFile;
using talent::Status;
using talent::Truth;

const std::string kManifest = talent::testing::manifest_head("3") + R"(parameters: params.yaml
definitions: defs.yaml
programs: [grant.yaml, bonus.yaml]
amendments: [amend.yaml]
clauses:
  - {id: C-1, text: "the grant clause"}
  - {id: C-2, text: "the bonus clause"}
)";

// The grant per colour changes on a leap day; the grant lasts 2 years, then 3
// from 2025-03-01.
const char* kParams = R"(parameters:
  - id: grant_per_colour
    label: {zh: 补贴标准, en: grant per colour}
    clause: C-1
    type: money
    by: c
    values:
      - since: 2024-01-01
        table: {red: "100.00", blue: "200.00"}
      - since: 2024-02-29
        table: {red: "110.00", blue: "220.00"}
  - id: span_years
    label: {zh: 年限, en: years}
    type: int
    values:
      - since: 2024-01-01
        value: 2
      - since: 2025-03-01
        value: 3
)";

const char* kDefs = R"(expressions:
  - id: deadline
    label: {zh: 截止日, en: deadline}
    is: d + years(span_years)
condition_groups:
  - id: base
    label: {zh: 基本条件, en: the base}
    decision: D1
    conditions:
      - {id: a_holds, label: {zh: 甲成立, en: a holds}, when: a}
      - {id: in_city, label: {zh: 在本市, en: in the city}, when: job.city}
)";

const std::string kGrant = talent::testing::program_head("grant", "补贴", "grant", "C-1", "monthly") + R"(conditions:
  - use: base
  - {id: started, label: {zh: 已开始, en: started}, when: d <= as_of}
  - {id: within, label: {zh: 期限内, en: within}, when: as_of <= deadline}
amount: grant_per_colour
window: {start: d, end: deadline}
)";

const std::string kBonus = talent::testing::program_head("bonus", "奖金", "bonus", "C-2", "once") + R"(conditions:
  - {id: has_extra, label: {zh: 有附加, en: has extra}, when: has(extra)}
  - {id: not_with_grant, label: {zh: 未领补贴, en: no grant}, when: not eligible(grant)}
amount: "5.00"
)";

const char* kAmendment = R"(id: "3.1"
title: {zh: 修订, en: amendment}
effective_from: 2025-01-01
source: {document: a notice, clause: art. 2, published: "2024-12"}
fields:
  seniority: {type: int, min: 0, label: {zh: 资历, en: seniority}}
parameters:
  - id: min_seniority
    label: {zh: 最低资历, en: least seniority}
    type: int
    values:
      - {since: 2025-01-01, value: 1}
programs:
  - program: grant
    add_conditions:
      - {id: senior, label: {zh: 有资历, en: senior}, when: seniority >= min_seniority}
)";

std::vector<PackFile> pack(const std::string& file = "", const std::string& from = "", const std::string& to = "") {
  std::vector<PackFile> files = {{"pack.yaml", kManifest}, {"schema.yaml", talent::testing::kTinySchema},
                                 {"params.yaml", kParams}, {"defs.yaml", kDefs},
                                 {"grant.yaml", kGrant},   {"bonus.yaml", kBonus},
                                 {"amend.yaml", kAmendment}};
  for (auto& f : files) {
    if (f.name != file) continue;
    auto at = f.content.find(from);
    REQUIRE(at != std::string::npos);
    f.content.replace(at, from.size(), to);
  }
  return files;
}

std::shared_ptr<const talent::RuleSet> load(const std::vector<PackFile>& files) {
  talent::LoadResult r = talent::load_rule_set(files, "pack");
  INFO(talent::format(r.diagnostics));
  REQUIRE(r.ok());
  return r.rule_set;
}

// The first diagnostic's "file:line:column: message".
std::string first_problem(const std::vector<PackFile>& files) {
  talent::LoadResult r = talent::load_rule_set(files, "pack");
  if (r.ok()) return "loaded";
  const auto& d = r.diagnostics.front();
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
}

talent::Decision decide(const talent::RuleSet& rules, const std::string& record, const char* as_of) {
  talent::ParsedRecord p = talent::parse_record(rules, record);
  REQUIRE(p.record);
  return talent::evaluate(rules, *p.record, *talent::parse_date(as_of));
}

const char* kRed = "{id: R-1, a: true, c: red, d: 2023-06-30, job: {city: true}, seniority: 2}";

const talent::ProgramDecision& program(const talent::Decision& d, const talent::RuleSet& rules, const std::string& id) {
  auto it = std::find_if(d.programs.begin(), d.programs.end(),
                         [&](const talent::ProgramDecision& p) { return rules.programs()[p.program].id == id; });
  REQUIRE(it != d.programs.end());
  return *it;
}

const talent::Reason& reason(const talent::ProgramDecision& p, const talent::RuleSet& rules, const std::string& id) {
  const auto& conditions = rules.programs()[p.program].conditions;
  auto it = std::find_if(p.reasons.begin(), p.reasons.end(),
                         [&](const talent::Reason& r) { return conditions[r.condition].id == id; });
  REQUIRE(it != p.reasons.end());
  return *it;
}

}  // namespace

TEST_CASE("a parameter takes the value in force on the as-of date, at the edges of a change", "[lifecycle]") {
  auto rules = load(pack());
  // The grant per colour changes on a leap day: the day before, the day of, the day after.
  for (auto [day, amount, since] : {std::tuple{"2024-02-28", "100.00", "2024-01-01"},
                                    std::tuple{"2024-02-29", "110.00", "2024-02-29"},
                                    std::tuple{"2024-03-01", "110.00", "2024-02-29"}}) {
    INFO(day);
    talent::Decision d = decide(*rules, kRed, day);
    const auto& grant = program(d, *rules, "grant");
    REQUIRE(grant.status == Status::eligible);
    CHECK(grant.amount->to_string() == amount);
    REQUIRE(grant.amount_parameters.size() == 1);
    CHECK(grant.amount_parameters[0].parameter == "grant_per_colour");
    CHECK(*grant.amount_parameters[0].value == amount);
    CHECK(talent::format_date(grant.amount_parameters[0].since) == since);
  }
  // The span goes from 2 to 3 years on 2025-03-01; the window follows it.
  talent::Decision d_before = decide(*rules, kRed, "2025-02-28");
  const auto& before = program(d_before, *rules, "grant");
  CHECK(talent::format_date(before.window->end) == "2025-06-30");
  const auto& within = reason(before, *rules, "within");
  REQUIRE(within.parameters.size() == 1);
  CHECK(within.parameters[0].parameter == "span_years");
  CHECK(*within.parameters[0].value == "2");
  talent::Decision d_after = decide(*rules, kRed, "2025-03-01");
  const auto& after = program(d_after, *rules, "grant");
  CHECK(talent::format_date(after.window->end) == "2026-06-30");
  CHECK(*reason(after, *rules, "within").parameters[0].value == "3");
}

TEST_CASE("an as-of date before the first version is decided by it as it took effect", "[lifecycle]") {
  auto rules = load(pack());
  talent::Decision d = decide(*rules, kRed, "2023-12-31");
  CHECK(d.version == 0);
  const auto& grant = program(d, *rules, "grant");
  CHECK(grant.amount->to_string() == "100.00");
  CHECK(talent::format_date(grant.amount_parameters[0].since) == "2024-01-01");
}

TEST_CASE("a group's conditions are listed one by one and say where they come from", "[lifecycle]") {
  auto rules = load(pack());
  const auto& info = rules->programs()[0];
  REQUIRE(info.conditions.size() == 4);
  CHECK(info.conditions[0].id == "a_holds");
  CHECK(info.conditions[0].from == "base");
  CHECK(info.conditions[0].decision == "D1");
  CHECK(info.conditions[1].from == "base");
  CHECK(info.conditions[2].from.empty());
  CHECK(info.conditions[3].parameters == std::vector<std::string>{"span_years"});
}

TEST_CASE("eligible(program) reads another program's outcome in the same decision", "[lifecycle]") {
  auto rules = load(pack());
  const char* both = "{id: B-1, a: true, c: red, d: 2023-06-30, job: {city: true}, extra: {x: 1}}";
  talent::Decision d = decide(*rules, both, "2024-06-30");
  const auto& bonus = program(d, *rules, "bonus");
  CHECK(bonus.status == Status::ineligible);
  const auto& why = reason(bonus, *rules, "not_with_grant");
  CHECK(why.result == Truth::no);
  REQUIRE(why.programs.size() == 1);
  CHECK(why.programs[0].program == "grant");
  CHECK(why.programs[0].status == Status::eligible);
  // Without the grant, the bonus is paid.
  d = decide(*rules, "{id: B-2, a: false, c: red, d: 2023-06-30, job: {city: true}, extra: {x: 1}}", "2024-06-30");
  CHECK(program(d, *rules, "bonus").status == Status::eligible);
  // While the grant needs information, so does the bonus, and it asks for the same facts.
  d = decide(*rules, "{id: B-3, a: true, c: red, job: {city: true}, extra: {x: 1}}", "2024-06-30");
  CHECK(program(d, *rules, "grant").missing == std::vector<std::string>{"d"});
  CHECK(program(d, *rules, "bonus").status == Status::needs_info);
  CHECK(program(d, *rules, "bonus").missing == std::vector<std::string>{"d"});
}

TEST_CASE("an amendment decides from its effective date on", "[lifecycle]") {
  auto rules = load(pack());
  REQUIRE(rules->versions().size() == 2);
  CHECK(rules->versions()[1].id == "3.1");
  CHECK(rules->versions()[1].source.clause == "art. 2");
  CHECK(rules->version_at(*talent::parse_date("2024-12-31")) == 0);
  CHECK(rules->version_at(*talent::parse_date("2025-01-01")) == 1);
  const char* junior = "{id: J-1, a: true, c: red, d: 2023-06-30, job: {city: true}, seniority: 0}";
  talent::Decision before = decide(*rules, junior, "2024-12-31");
  CHECK(before.version == 0);
  CHECK(program(before, *rules, "grant").status == Status::eligible);
  talent::Decision after = decide(*rules, junior, "2025-01-01");
  CHECK(after.version == 1);
  const auto& grant = program(after, *rules, "grant");
  CHECK(grant.status == Status::ineligible);
  CHECK(reason(grant, *rules, "senior").result == Truth::no);
  CHECK(rules->programs()[grant.program].version == 1);
  // The bonus is not amended: both versions decide it with the same form.
  CHECK(program(before, *rules, "bonus").program == program(after, *rules, "bonus").program);
}

TEST_CASE("load errors of the lifecycle features name the place and what was expected", "[lifecycle]") {
  CHECK(first_problem(pack("grant.yaml", "as_of <= deadline", "as_of <= deadlin")) ==
        "pack/grant.yaml:8:63: unknown name 'deadlin' (did you mean 'deadline'?); expected a field, a parameter, "
        "a named expression or as_of");
  CHECK(first_problem(pack("defs.yaml", "years(span_years)", "years(span_yeers)")) ==
        "pack/defs.yaml:4:19: unknown name 'span_yeers' (did you mean 'span_years'?); expected a field, a parameter, "
        "a named expression or as_of");
  // A definition used where its type does not fit.
  CHECK(first_problem(pack("grant.yaml", "when: d <= as_of}", "when: deadline}")) ==
        "pack/grant.yaml:7:56: expected bool here, found date");
  CHECK(first_problem(pack("grant.yaml", "  - use: base", "  - use: bse")) ==
        "pack/grant.yaml:6:10: unknown shared conditions 'bse' (did you mean 'base'?); the pack defines base");
  CHECK(first_problem(pack("bonus.yaml", "eligible(grant)", "eligible(grnt)")) ==
        "pack/bonus.yaml:7:78: eligible() takes a program's id, not 'grnt' (did you mean 'grant'?); the programs are "
        "grant, bonus");
  CHECK(first_problem(pack("params.yaml", "id: span_years", "id: d")) ==
        "pack/params.yaml:12:9: 'd' is already the name of a field of the record; choose another name");
  CHECK(first_problem(pack("params.yaml", "since: 2024-01-01\n        value: 2", "since: 2023-12-31\n        value: 2")) ==
        "pack/params.yaml:16:16: a value of parameter 'span_years' cannot apply from 2023-12-31, before the rules "
        "that give it take effect (2024-01-01)");
  CHECK(first_problem(pack("params.yaml", "since: 2025-03-01", "since: 2024-01-01")) ==
        "pack/params.yaml:18:16: values of parameter 'span_years' must be in date order: 2024-01-01 is not after 2024-01-01");
  CHECK(first_problem(pack("amend.yaml", "effective_from: 2025-01-01", "effective_from: 2024-01-01")) ==
        "pack/amend.yaml:3:17: an amendment must take effect after the version before it ('3', from 2024-01-01); "
        "amendments are listed in date order");
  CHECK(first_problem(pack("amend.yaml", "- program: grant", "- program: grand")) ==
        "pack/amend.yaml:14:14: unknown program 'grand' (did you mean 'grant'?); the programs are grant, bonus");
  CHECK(first_problem(pack("amend.yaml", "{type: int, min: 0,", "{type: int, required: true, min: 0,")) ==
        "pack/amend.yaml:6:3: field 'seniority' added by an amendment cannot be required: records made before it lack it");
}

TEST_CASE("a parameter without a value when its version takes effect is a load error", "[lifecycle]") {
  // The span's first value comes a month after the pack takes effect.
  auto files = pack("params.yaml", "since: 2024-01-01\n        value: 2", "since: 2024-02-01\n        value: 2");
  CHECK(first_problem(files) ==
        "pack/grant.yaml:1:5: program 'grant' reads parameter 'span_years', which has no value on 2024-01-01, when "
        "version '3' takes effect; its first value applies from 2024-02-01");
}

TEST_CASE("programs that read each other's outcome in a cycle do not load", "[lifecycle]") {
  auto files = pack("grant.yaml", "  - use: base", "  - use: base\n  - {id: no_bonus, label: x, when: not eligible(bonus)}");
  std::string problem = first_problem(files);
  CHECK(problem.find("programs read each other's outcome in a cycle (version '3'): ") != std::string::npos);
  CHECK(problem.find("grant → bonus → grant") != std::string::npos);
  // A program reading its own outcome is the shortest cycle.
  auto self = pack("bonus.yaml", "eligible(grant)", "eligible(bonus)");
  CHECK(first_problem(self).find("bonus → bonus") != std::string::npos);
}
