// One shared rule set, 200,000 varied records, 8 threads: every decision
// equals the one made single-threaded. Run under ThreadSanitizer (TALENT_TSAN)
// this also shows that parsing, evaluating and rendering share nothing
// mutable; there 20,000 records, since ThreadSanitizer looks at every access
// and needs no volume to see a race (and is ten times slower). Under
// AddressSanitizer 50,000, for the same reason.
#define CATCH_CONFIG_MAIN
#include "talent/talent.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

#ifndef TALENT_CONCURRENCY_RECORDS
#define TALENT_CONCURRENCY_RECORDS 200000
#endif
constexpr std::size_t kRecords = TALENT_CONCURRENCY_RECORDS;
constexpr int kThreads = 8;

// A record and the date to decide it on.
struct Case {
  std::string text;
  talent::Date as_of;
};

std::string pick(std::mt19937_64& rng, std::initializer_list<const char*> options) {
  std::uniform_int_distribution<std::size_t> d(0, options.size() - 1);
  return *(options.begin() + static_cast<std::ptrdiff_t>(d(rng)));
}

int between(std::mt19937_64& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }

std::string date(std::mt19937_64& rng, int first_year, int last_year) {
  char text[16];
  int year = between(rng, first_year, last_year), month = between(rng, 1, 12);
  int day = between(rng, 1, month == 2 ? (year % 4 == 0 ? 29 : 28) : 30);
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

// Records of every shape the pack decides differently: each field present,
// absent or (rarely) invalid; Chinese aliases; optional sections; loans
// below and above the caps.
std::vector<Case> make_cases() {
  std::mt19937_64 rng(20250630);
  std::vector<Case> cases;
  cases.reserve(kRecords);
  for (std::size_t i = 0; i < kRecords; ++i) {
    std::string r = "{\"id\": \"C-" + std::to_string(i) + "\"";
    auto maybe = [&](const std::string& field) {
      if (between(rng, 0, 9) > 0) r += ", " + field;
    };
    maybe("\"degree\": \"" + pick(rng, {"doctorate", "master", "bachelor", "associate", "博士", "硕士", "本科", "大专"}) + "\"");
    maybe("\"study_mode\": \"" + pick(rng, {"full_time", "part_time", "全日制"}) + "\"");
    maybe("\"institution\": \"" + pick(rng, {"regular_university", "vocational_college", "other"}) + "\"");
    maybe("\"graduation_date\": \"" + date(rng, 2015, 2026) + "\"");
    r += ", \"employment\": {\"status\": \"" + pick(rng, {"enterprise", "self_employed", "public_sector", "unemployed"}) +
         "\", \"in_city\": " + pick(rng, {"true", "false"}) + "}";
    if (between(rng, 0, 2) == 0) {
      r += ", \"home_purchase\": {\"first_in_city\": " + pick(rng, {"true", "false"}) + ", \"date\": \"" + date(rng, 2016, 2027) + "\"}";
    }
    if (between(rng, 0, 2) == 0) {
      r += ", \"startup_loan\": {\"kind\": \"" + pick(rng, {"personal_guarantee", "other"}) + "\"";
      r += ", \"principal\": \"" + std::to_string(between(rng, 0, 1000000)) + "." + std::to_string(between(rng, 10, 99)) + "\"";
      if (between(rng, 0, 9) > 0) r += ", \"annual_rate\": \"" + std::to_string(between(rng, 0, 999)) + "%\"";
      r += ", \"term_months\": " + std::to_string(between(rng, 1, 120)) + "}";
    }
    if (between(rng, 0, 49) == 0) r += ", \"graduation_year\": 2024";  // rejected: unknown field
    r += "}";
    cases.push_back(Case{r, *talent::parse_date(date(rng, 2024, 2026))});
  }
  return cases;
}

// Everything a decision says, compactly: status, amount, window, missing
// fields and each reason's truth and values per program.
std::string summary(const talent::Decision& d) {
  std::string out = d.id;
  for (const auto& p : d.programs) {
    out += "|" + std::to_string(p.program) + ":" + talent::to_string(p.status);
    if (p.amount) out += " " + p.amount->to_string();
    if (p.window) out += " " + talent::format_date(p.window->start) + ".." + talent::format_date(p.window->end);
    for (const auto& m : p.missing) out += " ?" + m;
    for (const auto& r : p.reasons) {
      out += " " + std::to_string(r.condition) + "=" + std::to_string(static_cast<int>(r.result));
      for (const auto& s : r.seen) out += "," + s.path + "=" + s.value.value_or("-");
    }
    for (auto remark : p.remarks) out += " !" + std::to_string(remark);
  }
  return out;
}

// Parse, evaluate and (for a sample) render: the whole answer for one record.
std::string answer(const talent::RuleSet& rules, const Case& c, std::size_t number) {
  talent::ParsedRecord p = talent::parse_record(rules, c.text, number);
  if (!p.record) return talent::to_json(p);
  talent::Decision d = talent::evaluate(rules, *p.record, c.as_of);
  std::string out = summary(d);
  if (number % 64 == 0) out += talent::to_json(rules, d, number % 128 ? talent::Language::zh : talent::Language::en);
  return out;
}

}  // namespace

// Declared first, so that it runs first: no thread has loaded the built-in
// pack yet when all eight ask for it at once.
TEST_CASE("the built-in rule set is loaded once when 8 threads ask for it at once", "[concurrency]") {
  std::vector<std::shared_ptr<const talent::RuleSet>> seen(kThreads);
  std::vector<talent::LoadResult> loaded(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) {
      }
      seen[static_cast<std::size_t>(t)] = talent::builtin_rule_set();
      // Loading is independent too: each thread builds its own rule set.
      loaded[static_cast<std::size_t>(t)] = talent::load_rule_set(talent::builtin_pack_files(), "pack");
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    CHECK(seen[static_cast<std::size_t>(t)] == seen[0]);
    REQUIRE(loaded[static_cast<std::size_t>(t)].ok());
    CHECK(loaded[static_cast<std::size_t>(t)].rule_set->digest() == seen[0]->digest());
  }
}

TEST_CASE("8 threads sharing one rule set decide 200,000 records as one thread does", "[concurrency]") {
  std::shared_ptr<const talent::RuleSet> rules = talent::builtin_rule_set();
  const std::vector<Case> cases = make_cases();

  std::vector<std::string> expected(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) expected[i] = answer(*rules, cases[i], i + 1);

  // The mix really is varied: every status of every program occurs.
  std::size_t rejected = 0, eligible = 0, needs_info = 0;
  for (const auto& e : expected) {
    if (e.find("\"error\":{") != std::string::npos) ++rejected;
    if (e.find(":eligible") != std::string::npos) ++eligible;
    if (e.find(":needs_info") != std::string::npos) ++needs_info;
  }
  // (at least 1 in 200 of each, as the generator makes them)
  CHECK(rejected > kRecords / 200);
  CHECK(eligible > kRecords / 200);
  CHECK(needs_info > kRecords / 200);

  // Threads take records from a shared counter, so neighbours interleave.
  std::vector<std::string> actual(cases.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = next.fetch_add(1); i < cases.size(); i = next.fetch_add(1)) {
        actual[i] = answer(*rules, cases[i], i + 1);
      }
    });
  }
  for (auto& t : threads) t.join();

  std::size_t differing = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (actual[i] != expected[i]) {
      if (++differing <= 3) {
        CAPTURE(i, cases[i].text, expected[i], actual[i]);
        CHECK(actual[i] == expected[i]);
      }
    }
  }
  CHECK(differing == 0);
}

// What `talent batch --threads N` does: every thread its own RecordParser,
// Decision and DecisionWriter, reused from record to record, all sharing the
// rule set; each record's JSON is what parse_record, evaluate and to_json
// give on one thread.
TEST_CASE("8 threads with their own parser and writer give the single-threaded JSON", "[concurrency]") {
  std::shared_ptr<const talent::RuleSet> rules = talent::builtin_rule_set();
  std::vector<Case> cases = make_cases();
  cases.resize(cases.size() / 4);
  auto reference = [&](const Case& c, std::size_t number) {
    talent::ParsedRecord p = talent::parse_record(*rules, c.text, number);
    if (!p.record) return talent::to_json(p);
    try {
      return talent::to_json(*rules, talent::evaluate(*rules, *p.record, c.as_of), talent::Language::en,
                             talent::Reasons::compact);
    } catch (const talent::EvaluationError& e) {
      return std::string("evaluation error: ") + e.what();
    }
  };
  std::vector<std::string> expected(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) expected[i] = reference(cases[i], i + 1);

  std::vector<std::string> actual(cases.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      talent::RecordParser parser(*rules);
      talent::DecisionWriter writer(*rules, talent::Language::en, talent::Reasons::compact);
      talent::ParsedRecord p;
      talent::Decision d;
      for (std::size_t i = next.fetch_add(1); i < cases.size(); i = next.fetch_add(1)) {
        parser.parse(cases[i].text, i + 1, p);
        std::string& out = actual[i];
        if (!p.record) {
          writer.append(p, out);
          continue;
        }
        try {
          talent::evaluate(*rules, *p.record, cases[i].as_of, talent::EvaluateOptions{true}, d);
          writer.append(d, out);
        } catch (const talent::EvaluationError& e) {
          out = std::string("evaluation error: ") + e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  std::size_t differing = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (actual[i] != expected[i] && ++differing <= 3) {
      CAPTURE(i, cases[i].text, expected[i], actual[i]);
      CHECK(actual[i] == expected[i]);
    }
  }
  CHECK(differing == 0);
}
