// The streaming decision writer (append_json) against the tree writer
// (to_json), the reference: the same bytes for every decision, in every
// language and reasons style. Decisions come from thousands of generated
// records through the built-in pack (every status, sections present, absent
// and null, missing facts, rejected records) on several dates, and from
// decisions built by hand for what no record reaches (a path seen twice,
// control characters, text that is not UTF-8). A key added to one writer and
// not the other fails here.
#include "talent/talent.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using talent::Reasons;

// SplitMix64: the same sequence everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  bool chance(unsigned percent) { return next() % 100 < percent; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[next() % N]; }

 private:
  std::uint64_t state_;
};

// A JSON record with each fact present, absent or null at random; now and
// then a value the schema refuses, so that some records are rejected.
std::string generated_record(Random& rng, int index) {
  static const char* const kDegrees[] = {"\"doctorate\"", "\"master\"", "\"bachelor\"", "\"associate\"", "\"博士\"",
                                         "\"大专\"", "null", "\"masters\""};
  static const char* const kModes[] = {"\"full_time\"", "\"part_time\"", "\"全日制\"", "null"};
  static const char* const kInstitutions[] = {"\"regular_university\"", "\"vocational_college\"", "\"other\""};
  static const char* const kStatuses[] = {"\"enterprise\"", "\"self_employed\"", "\"public_sector\"",
                                          "\"unemployed\"", "null"};
  static const char* const kDates[] = {"\"2023-06-30\"", "\"2023-07-01\"", "\"2020-06-30\"", "\"2024-02-29\"",
                                       "\"2025-06-30\"", "\"2025-07-01\"", "\"2019-02-28\"", "\"2023-02-30\""};
  static const char* const kPrincipals[] = {"\"300000.00\"", "\"400000.00\"", "\"0\"", "12345.67", "\"299999.99\""};
  static const char* const kRates[] = {"\"0.0385\"", "\"3.85%\"", "0.05", "\"0\""};
  static const char* const kTerms[] = {"36", "35", "37", "48", "1", "0"};
  std::string r = "{\"id\": \"W-" + std::to_string(index) + "\"";
  auto field = [&](const char* name, const std::string& value) {
    if (rng.chance(15)) return;  // left out
    r += ", \"" + std::string(name) + "\": " + (rng.chance(3) ? std::string("null") : value);
  };
  auto text = [&](const char* name, const std::string& value) { r += ", \"" + std::string(name) + "\": " + value; };
  if (rng.chance(30)) text("name", "\"申请人\\t" + std::to_string(index) + "\"");
  field("degree", rng.pick(kDegrees));
  field("study_mode", rng.pick(kModes));
  field("institution", rng.pick(kInstitutions));
  field("graduation_date", rng.pick(kDates));
  if (!rng.chance(10)) {
    r += ", \"employment\": ";
    if (rng.chance(5)) {
      r += "null";
    } else {
      r += "{\"in_city\": " + std::string(rng.chance(85) ? "true" : "false");
      if (!rng.chance(10)) r += ", \"status\": " + std::string(rng.pick(kStatuses));
      r += "}";
    }
  }
  if (rng.chance(50)) {
    r += ", \"home_purchase\": {\"first_in_city\": " + std::string(rng.chance(80) ? "true" : "false");
    if (!rng.chance(10)) r += ", \"date\": " + std::string(rng.pick(kDates));
    r += "}";
  }
  if (rng.chance(50)) {
    r += ", \"startup_loan\": {\"kind\": \"" + std::string(rng.chance(80) ? "personal_guarantee" : "other") + "\"";
    if (!rng.chance(10)) r += ", \"principal\": " + std::string(rng.pick(kPrincipals));
    if (!rng.chance(10)) r += ", \"annual_rate\": " + std::string(rng.pick(kRates));
    if (!rng.chance(10)) r += ", \"term_months\": " + std::string(rng.pick(kTerms));
    r += "}";
  }
  return r + "}";
}

// Both writers on one decision, every language and style.
void check_decision(const talent::RuleSet& rules, const talent::Decision& d) {
  for (talent::Language language : {talent::Language::zh, talent::Language::en}) {
    for (Reasons style : {Reasons::full, Reasons::compact, Reasons::none}) {
      std::string streamed = "previous output;";
      talent::append_json(rules, d, language, style, streamed);
      REQUIRE(streamed == "previous output;" + talent::to_json(rules, d, language, style));
    }
  }
}

}  // namespace

TEST_CASE("append_json writes what to_json writes, for thousands of generated decisions", "[decision_writer]") {
  auto rules = talent::builtin_rule_set();
  Random rng(20250630);
  // What the decisions covered, so that the comparison is known to reach
  // every key: statuses, amounts, windows, missing facts, reasons, notes.
  int statuses[3] = {0, 0, 0};
  int windows = 0, notes = 0, basis = 0, unknown_results = 0, rejected = 0;
  // Keys the pack's decisions carry beyond those, by the JSON that shows them.
  static const char* const kKeys[] = {"\"in_force\":", "\"parameters\":", "\"from\":", "\"amount_parameters\":"};
  int keys[4] = {0, 0, 0, 0};
  talent::RecordParser parser(*rules);
  talent::ParsedRecord parsed;
  for (int i = 1; i <= 3000; ++i) {
    parser.parse(generated_record(rng, i), static_cast<std::size_t>(i), parsed);
    if (!parsed.record) {
      ++rejected;
      std::string streamed;
      talent::append_json(parsed, streamed);
      REQUIRE(streamed == talent::to_json(parsed));
      continue;
    }
    for (const char* day : {"2025-06-30", "2028-02-29"}) {
      for (bool explain : {true, false}) {
        talent::Decision d;
        try {
          d = talent::evaluate(*rules, *parsed.record, *talent::parse_date(day), talent::EvaluateOptions{explain});
        } catch (const talent::EvaluationError&) {
          continue;
        }
        check_decision(*rules, d);
        std::string full = talent::to_json(*rules, d);
        for (std::size_t k = 0; k < sizeof kKeys / sizeof kKeys[0]; ++k) keys[k] += full.find(kKeys[k]) != std::string::npos;
        for (const auto& p : d.programs) {
          ++statuses[static_cast<int>(p.status)];
          windows += p.window.has_value();
          notes += !p.remarks.empty();
          basis += !p.amount_seen.empty();
          for (const auto& r : p.reasons) unknown_results += r.result == talent::Truth::unknown;
        }
      }
    }
  }
  CHECK(statuses[0] > 100);  // eligible
  CHECK(statuses[1] > 100);  // ineligible
  CHECK(statuses[2] > 100);  // needs_info
  CHECK(windows > 50);
  CHECK(notes > 10);
  CHECK(basis > 100);
  CHECK(unknown_results > 100);
  CHECK(rejected > 50);
  for (std::size_t k = 0; k < 4; ++k) {
    INFO(kKeys[k]);
    CHECK(keys[k] > 100);
  }
}

TEST_CASE("append_json writes what to_json writes, for decisions no record reaches", "[decision_writer]") {
  auto rules = talent::builtin_rule_set();
  talent::Decision d;
  d.id = std::string("id \x01\x1f\x7f \"quoted\" back\\slash /slash 张三\n\t\r\b\f", 44);
  d.as_of = *talent::parse_date("2025-06-30");
  talent::ProgramDecision p;
  p.program = 0;
  p.status = talent::Status::needs_info;  // with nothing missing, and with reasons
  talent::Reason twice;
  twice.condition = 0;
  twice.result = talent::Truth::unknown;
  twice.seen = {{"degree", std::string("master")}, {"as_of", std::nullopt}, {"degree", std::string("doctorate")},
                {"bad \xff\xfe utf-8 \xe5\xbc", std::string("\xc3\x28 cut \xe4\xb8")}};
  twice.parameters = {{"rent_years", std::string("2"), *talent::parse_date("2024-12-01")},
                      {"cap", std::nullopt, *talent::parse_date("2025-01-01")},
                      {"rent_years", std::string("3"), *talent::parse_date("2026-01-01")}};
  twice.programs = {{"rent_subsidy", talent::Status::needs_info}, {"x\n", talent::Status::eligible},
                    {"rent_subsidy", talent::Status::ineligible}};
  p.reasons = {twice, twice};
  p.amount_parameters = {{"cap", std::string("300000.00"), *talent::parse_date("2024-12-01")},
                         {"cap", std::string("1.00"), *talent::parse_date("2024-12-02")}};
  p.amount = talent::Money::from_fen(12345);
  p.amount_seen = {{"x", std::nullopt}, {"x", std::string("1")}};
  d.programs.push_back(p);
  p.program = 1;
  p.status = talent::Status::eligible;
  p.reasons.clear();
  p.window = talent::Window{*talent::parse_date("1400-01-01"), *talent::parse_date("9999-12-31")};
  d.programs.push_back(p);
  p.program = rules->programs().size() - 1;  // the loan, with its two remarks
  p.window.reset();
  p.remarks = {1, 0};
  d.programs.push_back(p);
  check_decision(*rules, d);
  d.version = 99;  // no version of this rule set: no "in_force"
  check_decision(*rules, d);

  talent::ParsedRecord none;  // no id, no error
  std::string streamed;
  talent::append_json(none, streamed);
  CHECK(streamed == talent::to_json(none));
  CHECK(streamed == R"({"id":null,"record":0,"error":null,"errors":[]})");
  talent::ParsedRecord cut;
  cut.number = 18446744073709551615ULL;
  cut.id = std::string("\xe5\xbc\xa0\xe4");
  cut.error = talent::RecordError{"f\x01", talent::ErrorCode::limit, "message \xff cut \xe4\xb8"};
  streamed.clear();
  talent::append_json(cut, streamed);
  CHECK(streamed == talent::to_json(cut));
}
