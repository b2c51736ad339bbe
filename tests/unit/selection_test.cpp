// Selection programs: a cycle's candidates ranked, at most the quota
// selected, every record in exactly one list; the pack's rules for them; the
// decimal field they read.
#include "talent/builtin.hpp"
#include "talent/decision.hpp"
#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "talent/selection.hpp"
#include "talent/suite.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using talent::Money;

std::string two_digits(long n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The 120 candidates of one craftsman_award cycle (2025), the same as the CLI
// test's: 1 in 6 applies as a professional (not a craftsman), 1 in 10 works
// outside the city, 1 in 17 applied before the cycle, 1 in 25 has no score,
// 1 in 29 does not say whether they work in the city, S-061's score is out of
// range; scores in half points from 60.00 to 99.50 (many ties), requests
// from 5000.00 to 17000.00 (many above the cap).
std::vector<std::string> candidates_120() {
  std::vector<std::string> out;
  for (long i = 1; i <= 120; ++i) {
    std::string id = "S-" + std::string(i < 100 ? "0" : "") + two_digits(i);
    std::string employment = i % 29 == 0 ? R"({"status":"enterprise"})"
                                         : std::string(R"({"status":"enterprise","in_city":)") + (i % 10 == 7 ? "false}" : "true}");
    std::string selection = std::string(R"({"category":")") + (i % 6 == 0 ? "professional" : "craftsman") + "\"";
    if (i == 61) selection += R"(,"panel_score":"101.00")";
    else if (i % 25 != 0) selection += R"(,"panel_score":")" + std::to_string(60 + (i * 37) % 40) + (i % 3 == 0 ? ".50\"" : ".00\"");
    talent::Date date = i % 17 == 0 ? *talent::parse_date("2024-12-20")
                                    : *talent::add_days(*talent::parse_date("2025-01-01"), (i * 53) % 365);
    selection += R"(,"application_date":")" + talent::format_date(date) + "\"";
    long fen = 500000 + (i * 104729) % 1200001;
    selection += R"(,"requested_amount":")" + std::to_string(fen / 100) + "." + two_digits(fen % 100) + "\"}";
    out.push_back(R"({"id":")" + id + R"(","employment":)" + employment + R"(,"selection":)" + selection + "}");
  }
  return out;
}

std::vector<talent::ParsedRecord> parse_all(const talent::RuleSet& rules, const std::vector<std::string>& texts) {
  std::vector<talent::ParsedRecord> out;
  for (std::size_t i = 0; i < texts.size(); ++i) out.push_back(talent::parse_record(rules, texts[i], i + 1));
  return out;
}

// The builtin pack with `from` replaced by `to` in file `name`.
std::vector<talent::PackFile> builtin_with(const std::string& name, const std::string& from, const std::string& to) {
  auto files = talent::builtin_pack_files();
  for (auto& f : files) {
    if (f.name != name) continue;
    auto at = f.content.find(from);
    REQUIRE(at != std::string::npos);
    f.content.replace(at, from.size(), to);
  }
  return files;
}

std::vector<std::string> problems(const std::vector<talent::PackFile>& files) {
  auto r = talent::load_rule_set(files, "pack");
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    out.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message);
  }
  return out;
}

}  // namespace

TEST_CASE("a cycle of 120 candidates: at most 50 selected, in the declared order, capped, each once", "[selection]") {
  auto rules = talent::builtin_rule_set();
  std::vector<std::string> texts = candidates_120();
  auto parsed = parse_all(*rules, texts);
  talent::Selection s = talent::select(*rules, "craftsman_award", 2025, parsed);

  CHECK(talent::format_date(s.cycle.start) == "2025-01-01");
  CHECK(talent::format_date(s.cycle.end) == "2025-12-31");
  CHECK(s.quota == 50);
  // 75 qualify: 50 selected, 25 beyond the quota; 36 fail a condition.
  REQUIRE(s.selected.size() == 50);
  CHECK(s.not_selected.size() == 61);
  CHECK(s.needs_info.size() == 8);
  CHECK(s.rejected.size() == 1);

  // Every record in exactly one list.
  std::multiset<std::size_t> seen;
  for (const auto& c : s.selected) seen.insert(c.record);
  for (const auto& c : s.not_selected) seen.insert(c.record);
  for (const auto& c : s.needs_info) seen.insert(c.record);
  for (const auto& c : s.rejected) seen.insert(c.record);
  CHECK(seen.size() == 120);
  for (std::size_t n = 1; n <= 120; ++n) CHECK(seen.count(n) == 1);

  // The head of the ranking, with the awards: the request up to 10000.00.
  std::vector<std::pair<std::string, std::string>> head;
  for (std::size_t i = 0; i < 6; ++i) head.emplace_back(s.selected[i].id, s.selected[i].award.to_string());
  CHECK(head == std::vector<std::pair<std::string, std::string>>{{"S-014", "7662.05"}, {"S-094", "7445.18"},
                                                                  {"S-081", "5830.42"}, {"S-001", "6047.29"},
                                                                  {"S-041", "10000.00"}, {"S-028", "10000.00"}});
  // S-014 and S-094 tie on 98.00: the earlier application (2025-01-13) first.
  // At the cut-off S-049 and S-089 tie on 73.00: S-049 applied on 2025-02-12,
  // S-089 on 2025-12-04.
  CHECK(s.selected[49].id == "S-049");
  CHECK(s.selected[49].rank == 50);
  CHECK(s.selected[49].award.to_string() == "8317.17");
  REQUIRE(s.not_selected.front().rank);
  CHECK(s.not_selected.front().id == "S-089");
  CHECK(*s.not_selected.front().rank == 51);

  // The declared order, checked pair by pair from the records themselves:
  // score descending, then application date, then id.
  struct Key {
    std::string score, date, id;
    Money request;
  };
  auto key_of = [&](std::size_t record) {
    auto j = nlohmann::json::parse(texts[record - 1]);
    const auto& sel = j["selection"];
    std::string score = sel["panel_score"].get<std::string>();
    if (score.size() == 4) score = "0" + score;  // never: every score is 60.00 or more
    return Key{score, sel["application_date"].get<std::string>(), j["id"].get<std::string>(),
               *Money::parse(sel["requested_amount"].get<std::string>())};
  };
  Money cap = *Money::parse("10000.00");
  Money total = *Money::parse("0");
  std::size_t capped = 0;
  for (std::size_t i = 0; i < s.selected.size(); ++i) {
    const auto& c = s.selected[i];
    CHECK(c.rank == i + 1);
    Key k = key_of(c.record);
    CHECK(c.award == std::min(k.request, cap));
    capped += k.request > cap ? 1 : 0;
    total = Money::from_fen(total.fen() + c.award.fen());
    if (i == 0) continue;
    Key before = key_of(s.selected[i - 1].record);
    bool in_order = before.score > k.score || (before.score == k.score && before.date < k.date) ||
                    (before.score == k.score && before.date == k.date && before.id < k.id);
    CHECK(in_order);
  }
  CHECK(capped == 28);
  CHECK(total.to_string() == "442862.36");

  // The 25 beyond the quota follow in rank order; the other 36 failed a condition.
  for (std::size_t i = 0; i < 25; ++i) {
    REQUIRE(s.not_selected[i].rank);
    CHECK(*s.not_selected[i].rank == 51 + i);
  }
  for (std::size_t i = 25; i < s.not_selected.size(); ++i) {
    CHECK_FALSE(s.not_selected[i].rank);
    CHECK(s.not_selected[i].decision.status == talent::Status::ineligible);
  }

  // needs_info: what is missing and the best rank each could reach.
  std::vector<std::tuple<std::string, std::string, std::size_t>> pending;
  for (const auto& c : s.needs_info) {
    REQUIRE(c.missing.size() == 1);
    pending.emplace_back(c.id, c.missing[0], c.best_rank);
  }
  using P = std::tuple<std::string, std::string, std::size_t>;
  CHECK(pending == std::vector<P>{{"S-025", "selection.panel_score", 1},
                                  {"S-050", "selection.panel_score", 1},
                                  {"S-075", "selection.panel_score", 1},
                                  {"S-100", "selection.panel_score", 1},
                                  {"S-029", "employment.in_city", 13},
                                  {"S-058", "employment.in_city", 27},
                                  {"S-087", "employment.in_city", 40},
                                  {"S-116", "employment.in_city", 53}});
  CHECK(s.rejected[0].id == "S-061");
  CHECK(s.rejected[0].error.field == "selection.panel_score");
}

TEST_CASE("the JSON of a cycle is one object in the contract's shape", "[selection]") {
  auto rules = talent::builtin_rule_set();
  auto parsed = parse_all(*rules, candidates_120());
  auto j = nlohmann::ordered_json::parse(talent::to_json(*rules, talent::select(*rules, "craftsman_award", 2025, parsed)));
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"program", "cycle", "quota", "selected", "not_selected", "needs_info", "rejected"});
  CHECK(j["program"] == "craftsman_award");
  CHECK(j["cycle"] == nlohmann::ordered_json({{"start", "2025-01-01"}, {"end", "2025-12-31"}}));
  CHECK(j["quota"] == 50);
  CHECK(j["selected"][0] == nlohmann::ordered_json({{"id", "S-014"}, {"rank", 1}, {"award", "7662.05"}}));
  CHECK(j["not_selected"][0]["id"] == "S-089");
  CHECK(j["not_selected"][0]["reason"]["code"] == "beyond_quota");
  CHECK(j["not_selected"][0]["reason"]["rank"] == 51);
  CHECK(j["not_selected"][25]["reason"]["code"] == "not_qualified");
  CHECK(j["needs_info"][7] == nlohmann::ordered_json({{"id", "S-116"}, {"missing", {"employment.in_city"}}, {"best_rank", 53}}));
  CHECK(j["rejected"][0]["id"] == "S-061");
  CHECK(j["rejected"][0]["error"]["code"] == "invalid_value");
}

TEST_CASE("cycles follow one another from the first; other years are refused with the nearest ones", "[selection]") {
  auto rules = talent::builtin_rule_set();
  std::vector<talent::ParsedRecord> none;
  auto window = [&](const char* program, int year) {
    auto s = talent::select(*rules, program, year, none);
    return talent::format_date(s.cycle.start) + ".." + talent::format_date(s.cycle.end);
  };
  CHECK(window("craftsman_award", 2026) == "2026-01-01..2026-12-31");
  CHECK(window("professional_talent_award", 2027) == "2027-01-01..2028-12-31");
  CHECK(window("renowned_teacher_doctor_fund", 2025) == "2025-01-01..2026-12-31");
  CHECK_THROWS_WITH(talent::select(*rules, "professional_talent_award", 2026, none),
                    "no cycle of 'professional_talent_award' opens in 2026: its first cycle opens on 2025-01-01; "
                    "the cycles nearest to it open in 2025 and 2027");
  CHECK_THROWS_WITH(talent::select(*rules, "craftsman_award", 2024, none),
                    "no cycle of 'craftsman_award' opens in 2024: its first cycle opens on 2025-01-01");
  CHECK_THROWS_AS(talent::select(*rules, "rent_subsidy", 2025, none), std::invalid_argument);
  CHECK_THROWS_WITH(talent::select(*rules, "rent_subsidy", 2025, none),
                    Catch::Contains("'rent_subsidy' is decided per applicant: use talent check"));
}

TEST_CASE("records without a selection section decide exactly as before", "[selection]") {
  auto rules = talent::builtin_rule_set();
  REQUIRE(rules->selections().size() == 3);
  CHECK(rules->selections()[0].id == "renowned_teacher_doctor_fund");
  CHECK(rules->selections()[1].id == "craftsman_award");
  CHECK(rules->selections()[2].id == "professional_talent_award");
  REQUIRE(rules->unencoded_clauses().size() == 1);
  CHECK(rules->unencoded_clauses()[0].clause == "C-SERVICE");
  auto p = talent::parse_record(*rules, "id: A\ndegree: bachelor\nstudy_mode: full_time\ninstitution: regular_university\n"
                                        "graduation_date: 2024-07-01\nemployment: {status: enterprise, in_city: true}\n");
  REQUIRE(p.record);
  auto d = talent::evaluate(*rules, *p.record, *talent::parse_date("2025-06-30"));
  REQUIRE(d.programs.size() == 3);  // the per-applicant programs only
  CHECK(d.programs[0].status == talent::Status::eligible);
  CHECK(d.programs[0].amount->to_string() == "500.00");
  // The same applicant with a selection section: the same decision.
  auto q = talent::parse_record(*rules, "id: A\ndegree: bachelor\nstudy_mode: full_time\ninstitution: regular_university\n"
                                        "graduation_date: 2024-07-01\nemployment: {status: enterprise, in_city: true}\n"
                                        "selection: {category: craftsman, panel_score: 88.5}\n");
  REQUIRE(q.record);
  auto e = talent::evaluate(*rules, *q.record, *talent::parse_date("2025-06-30"));
  REQUIRE(e.programs.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(e.programs[i].status == d.programs[i].status);
    CHECK(e.programs[i].amount == d.programs[i].amount);
  }
}

TEST_CASE("duplicate ids are rejected, every one of them; a record of another rule set is refused", "[selection]") {
  auto rules = talent::builtin_rule_set();
  std::string a = R"({"id":"D-1","employment":{"in_city":true},"selection":{"category":"craftsman","panel_score":90,"application_date":"2025-03-01","requested_amount":"1.00"}})";
  auto parsed = parse_all(*rules, {a, a});
  auto s = talent::select(*rules, "craftsman_award", 2025, parsed);
  CHECK(s.selected.empty());
  REQUIRE(s.rejected.size() == 2);
  CHECK(s.rejected[0].error.code == talent::ErrorCode::duplicate);
  CHECK(s.rejected[1].error.message == "application id 'D-1' is given by records #1, #2; each candidate of a cycle needs an id of its own");
  auto other = talent::load_rule_set(talent::builtin_pack_files(), "copy");
  REQUIRE(other.ok());
  auto foreign = parse_all(*other.rule_set, {a});
  CHECK_THROWS_AS(talent::select(*rules, "craftsman_award", 2025, foreign), std::invalid_argument);
}

TEST_CASE("a decimal field holds exactly its places", "[selection]") {
  auto rules = talent::builtin_rule_set();
  auto score = [&](const std::string& value) {
    auto p = talent::parse_record(*rules, R"({"id":"X","selection":{"panel_score":)" + value + "}}");
    return p.record ? std::string("ok") : p.error->message;
  };
  CHECK(score("87.5") == "ok");
  CHECK(score("\"87.50\"") == "ok");
  CHECK(score("0") == "ok");
  CHECK(score("100") == "ok");
  CHECK(score("\"100.01\"") == "must be at most 100.00, found \"100.01\"");
  CHECK(score("\"-0.00\"") == "must be at least 0.00, found \"-0.00\"");
  CHECK(score("87.555") == "invalid number '87.555': more than 2 decimals");
  CHECK(score("\"8e1\"") == "invalid number \"8e1\": expected a number with at most 2 decimals");
}

TEST_CASE("a selection program's file is checked where it is wrong", "[selection]") {
  CHECK(problems(builtin_with("craftsman_award.yaml", "kind: selection", "kind: selektion")) ==
        std::vector<std::string>{"pack/craftsman_award.yaml:2:7: unknown program kind 'selektion' (did you mean 'selection'?); "
                                 "expected 'selection' for a program that selects among a cycle's candidates, or no 'kind' "
                                 "for a program decided per applicant"});
  CHECK(problems(builtin_with("craftsman_award.yaml", "  - {key: id, order: ascending}\n", "")) ==
        std::vector<std::string>{"pack/craftsman_award.yaml:23:11: the ranking must end with the record's id "
                                 "('- {key: id, order: ascending}'), so that no two candidates tie"});
  CHECK(problems(builtin_with("craftsman_award.yaml", "when: selection.category == craftsman",
                              "when: selection.application_date <= as_of")) ==
        std::vector<std::string>{"pack/craftsman_award.yaml:17:41: a selection program is decided for a cycle, not as of "
                                 "a date: use cycle_start or cycle_end instead of as_of"});
  CHECK(problems(builtin_with("rent_subsidy.yaml", "when: graduation_date <= as_of", "when: graduation_date <= cycle_end")) ==
        std::vector<std::string>{"pack/rent_subsidy.yaml:12:30: cycle_start and cycle_end are the days a selection "
                                 "program's cycle opens and closes; a per-applicant program is decided as of a date: use as_of"});
  CHECK(problems(builtin_with("craftsman_award.yaml", "quota: craftsman_quota", "quota: craftsman_award_cap")) ==
        std::vector<std::string>{"pack/craftsman_award.yaml:11:8: 'quota' names an int parameter; 'craftsman_award_cap' is of type money"});
  CHECK(problems(builtin_with("schema.yaml", "type: decimal, places: 2,", "type: decimal,")) ==
        std::vector<std::string>{"pack/schema.yaml:102:20: field 'selection.panel_score' has type decimal but does not say "
                                 "how many decimals its values may have ('places: 2')"});
  CHECK(problems(builtin_with("craftsman_award.yaml", "first: 2025-01-01", "first: 2024-12-31")) ==
        std::vector<std::string>{"pack/craftsman_award.yaml:1:5: selection program 'craftsman_award' reads parameter "
                                 "'craftsman_cycle_years', which has no value on 2024-12-31, when its first cycle opens; "
                                 "its first value applies from 2025-01-01",
                                 "pack/craftsman_award.yaml:1:5: selection program 'craftsman_award' reads parameter "
                                 "'craftsman_quota', which has no value on 2024-12-31, when its first cycle opens; its "
                                 "first value applies from 2025-01-01",
                                 "pack/craftsman_award.yaml:1:5: selection program 'craftsman_award' reads parameter "
                                 "'craftsman_award_cap', which has no value on 2024-12-31, when its first cycle opens; "
                                 "its first value applies from 2025-01-01"});
}

TEST_CASE("a selection case's candidates file is read only inside the suite's folder", "[selection]") {
  namespace fs = std::filesystem;
  auto rules = talent::builtin_rule_set();
  fs::path root = fs::temp_directory_path() / ("talent-selection-" + std::to_string(::getpid()));
  fs::create_directories(root / "suite" / "candidates");
  std::string one = R"({"id":"F-1","employment":{"in_city":true},"selection":{"category":"craftsman","panel_score":90,"application_date":"2025-03-01","requested_amount":"1.00"}})";
  std::ofstream(root / "outside.jsonl") << one << "\n";
  std::ofstream(root / "suite" / "candidates" / "inside.jsonl") << one << "\n";
  auto suite_text = [](const std::string& file) {
    return "cases:\n  - name: one\n    selection: craftsman_award\n    cycle: 2025\n    candidates_file: " + file +
           "\n    expect: {selected: [F-1]}\n";
  };
  std::string path = (root / "suite" / "s.yaml").string();
  talent::SuiteFile inside = talent::load_suite(*rules, path, suite_text("candidates/inside.jsonl"));
  REQUIRE(inside.errors.empty());
  REQUIRE(inside.selection_cases.size() == 1);
  CHECK(talent::run_selection_case(*rules, inside.selection_cases[0]).passed);
  talent::SuiteFile outside = talent::load_suite(*rules, path, suite_text("../outside.jsonl"));
  REQUIRE(outside.errors.size() == 1);
  CHECK_THAT(outside.errors[0].message, Catch::StartsWith("cannot read the candidates file '" + (root / "suite").string() +
                                                          "/../outside.jsonl': "));
  CHECK(outside.selection_cases.empty());
  CHECK(outside.broken.size() == 1);
  fs::remove_all(root);
}
