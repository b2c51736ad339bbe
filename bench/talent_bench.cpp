// talent_bench: how fast the engine loads the built-in pack, parses JSON
// records and evaluates them, on one thread.
//
// The records are generated from a fixed seed, so every run sees the same
// input: every degree, study mode, institution and employment status; dates
// on and around the 2- and 5-year anniversaries (Feb 29 graduations
// included); with and without a home purchase or a startup loan; loan
// principals and terms on both sides of the caps; and some facts left out.
//
//   talent_bench --records 200000 --runs 7
//
// Timings use std::chrono::steady_clock and are reported as the median of the
// runs. Money is only ever handled as Money / fen; the double figures below
// are durations and rates of work, never amounts.
#include "talent/talent.hpp"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// SplitMix64: a tiny generator whose output is the same on every platform
// (the standard distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // True with probability percent / 100.
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  std::uint64_t state_;
};

// A date near `anchor`: mostly within a few days of it, so that the
// boundary cases (the day before, the day, the day after) are common.
talent::Date near(Random& rng, talent::Date anchor) {
  long spread = rng.chance(70) ? 3 : 400;
  long offset = static_cast<long>(rng.below(static_cast<std::uint64_t>(2 * spread + 1))) - spread;
  return *talent::add_days(anchor, offset);
}

std::string money_text(std::int64_t fen) { return talent::Money::from_fen(fen).to_string(); }

std::string make_record(Random& rng, std::size_t index, talent::Date as_of) {
  static const char* const kDegrees[] = {"doctorate", "master", "bachelor", "associate", "博士", "硕士",
                                         "本科", "大专"};
  static const char* const kModes[] = {"full_time", "full_time", "full_time", "part_time", "全日制"};
  static const char* const kInstitutions[] = {"regular_university", "regular_university", "vocational_college",
                                              "other"};
  static const char* const kStatuses[] = {"enterprise", "enterprise", "self_employed", "self_employed",
                                          "public_sector", "unemployed"};
  static const char* const kRates[] = {"0.0385", "3.85%", "0.0435", "4.35%", "0.031", "0", "0.05"};
  static const std::int64_t kPrincipalsFen[] = {30000000, 29999999, 30000001, 40000000, 5000000, 0, 12345678};
  static const char* const kFebruary29[] = {"2020-02-29", "2024-02-29", "2021-02-28", "2023-02-28"};

  nlohmann::json r;
  r["id"] = "R-" + std::to_string(index + 1);
  if (rng.chance(30)) r["name"] = "申请人" + std::to_string(index + 1);
  // Each fact is left out now and then: missing is unknown, not false.
  auto keep = [&] { return !rng.chance(4); };
  // Half the records look like a typical graduate applicant (full-time,
  // regular university, working in the city), so that plenty of them reach
  // the amounts; the other half draw every fact at random.
  bool typical = rng.chance(50);
  if (keep()) r["degree"] = rng.pick(kDegrees);
  if (keep()) r["study_mode"] = typical ? "full_time" : rng.pick(kModes);
  if (keep()) r["institution"] = typical ? "regular_university" : rng.pick(kInstitutions);

  talent::Date graduation;
  switch (rng.below(5)) {
    case 0: graduation = near(rng, *talent::add_years(as_of, -2)); break;  // the rent window's edge
    case 1: graduation = near(rng, *talent::add_years(as_of, -5)); break;  // the purchase window's edge
    case 2: graduation = *talent::parse_date(rng.pick(kFebruary29)); break;
    case 3: graduation = near(rng, as_of); break;                          // not graduated yet, or just
    default: graduation = *talent::add_days(as_of, -static_cast<long>(rng.below(3000))); break;
  }
  if (keep()) r["graduation_date"] = talent::format_date(graduation);

  if (!rng.chance(3)) {
    nlohmann::json e = nlohmann::json::object();
    if (keep()) e["status"] = typical ? (rng.chance(50) ? "enterprise" : "self_employed") : rng.pick(kStatuses);
    if (keep()) e["in_city"] = typical || !rng.chance(10);
    r["employment"] = e;
  }
  if (rng.chance(45)) {
    nlohmann::json h = nlohmann::json::object();
    if (keep()) h["first_in_city"] = !rng.chance(15);
    talent::Date bought = rng.chance(50) ? near(rng, *talent::add_years(graduation, 5))
                                         : near(rng, rng.chance(50) ? graduation : as_of);
    if (keep()) h["date"] = talent::format_date(bought);
    r["home_purchase"] = h;
  }
  if (rng.chance(40)) {
    nlohmann::json l = nlohmann::json::object();
    if (keep()) l["kind"] = rng.chance(80) ? "personal_guarantee" : "other";
    if (keep()) {
      std::int64_t fen = rng.chance(50) ? rng.pick(kPrincipalsFen) : static_cast<std::int64_t>(rng.below(50000000));
      l["principal"] = money_text(fen);
    }
    if (keep()) l["annual_rate"] = rng.pick(kRates);
    if (keep()) l["term_months"] = rng.chance(50) ? 35 + rng.below(3) : 1 + rng.below(60);
    if (rng.chance(50)) l["start_date"] = talent::format_date(near(rng, as_of));
    r["startup_loan"] = l;
  }
  return r.dump();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* what, std::size_t items, const std::vector<double>& run_seconds) {
  double s = median(run_seconds);
  std::printf("%-28s %12.0f records/s %10.1f ns/record  (median of %zu runs, %.3f s each)\n", what,
              static_cast<double>(items) / s, s * 1e9 / static_cast<double>(items), run_seconds.size(), s);
}

// Evaluates every record once; returns a checksum of the outcomes so the work
// cannot be optimised away, and counts statuses per program.
std::int64_t evaluate_all(const talent::RuleSet& rules, const std::vector<talent::Record>& records,
                          talent::Date as_of, bool explain, std::vector<std::int64_t>* counts) {
  talent::EvaluateOptions options;
  options.explain = explain;
  std::int64_t checksum = 0;
  for (const talent::Record& record : records) {
    talent::Decision d = talent::evaluate(rules, record, as_of, options);
    for (const talent::ProgramDecision& p : d.programs) {
      checksum += static_cast<std::int64_t>(p.status) + static_cast<std::int64_t>(p.reasons.size());
      if (p.amount) checksum += p.amount->fen();
      if (counts) ++(*counts)[p.program * 3 + static_cast<std::size_t>(p.status)];
    }
  }
  return checksum;
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::size_t count = 200000;
  int runs = 7;
  std::uint64_t seed = 20250630;
  std::string as_of_text = "2025-06-30";
  po::options_description options("talent_bench options");
  options.add_options()
      ("help,h", "show this help")
      ("records", po::value(&count)->default_value(count), "how many records to generate")
      ("runs", po::value(&runs)->default_value(runs), "timed repetitions of each measurement")
      ("seed", po::value(&seed)->default_value(seed), "generator seed")
      ("as-of", po::value(&as_of_text)->default_value(as_of_text), "evaluation date, YYYY-MM-DD");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "talent_bench: " << e.what() << "\n" << options;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options;
    return 0;
  }
  auto as_of = talent::parse_date(as_of_text);
  if (!as_of || count == 0 || runs < 1) {
    std::cerr << "talent_bench: need --records > 0, --runs >= 1 and --as-of YYYY-MM-DD\n";
    return 2;
  }

  // Pack loading: YAML, schema, type checking and compilation.
  std::vector<talent::PackFile> files = talent::builtin_pack_files();
  std::vector<double> load_seconds;
  for (int i = 0; i < std::max(runs, 5); ++i) {
    Clock::time_point start = Clock::now();
    talent::LoadResult loaded = talent::load_rule_set(files, "builtin");
    load_seconds.push_back(seconds_since(start));
    if (!loaded.ok()) {
      std::cerr << talent::format(loaded.diagnostics);
      return 1;
    }
  }
  std::shared_ptr<const talent::RuleSet> rules = talent::builtin_rule_set();

  Random rng(seed);
  std::vector<std::string> texts;
  texts.reserve(count);
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < count; ++i) {
    texts.push_back(make_record(rng, i, *as_of));
    bytes += texts.back().size();
  }

  // Record parsing (JSON text to validated Records).
  std::vector<talent::Record> records;
  std::vector<double> parse_seconds;
  for (int run = 0; run < runs; ++run) {
    std::vector<talent::Record> parsed;
    parsed.reserve(count);
    std::size_t rejected = 0;
    Clock::time_point start = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
      talent::ParsedRecord p = talent::parse_record(*rules, texts[i], i + 1);
      if (p.record) parsed.push_back(std::move(*p.record));
      else ++rejected;
    }
    parse_seconds.push_back(seconds_since(start));
    if (rejected != 0) {
      std::cerr << "talent_bench: " << rejected << " generated records were rejected\n";
      return 1;
    }
    if (run == 0) records = std::move(parsed);
  }

  // Evaluation, without and with reasons. One warm-up pass counts outcomes.
  std::vector<std::int64_t> counts(rules->programs().size() * 3, 0);
  std::int64_t checksum = evaluate_all(*rules, records, *as_of, false, &counts);
  std::vector<double> plain_seconds, explain_seconds;
  for (int run = 0; run < runs; ++run) {
    Clock::time_point start = Clock::now();
    checksum += evaluate_all(*rules, records, *as_of, false, nullptr);
    plain_seconds.push_back(seconds_since(start));
    start = Clock::now();
    checksum += evaluate_all(*rules, records, *as_of, true, nullptr);
    explain_seconds.push_back(seconds_since(start));
  }

  std::printf("talent_bench: %zu records (%zu bytes of JSON), as of %s, seed %llu, one thread\n", count, bytes,
              as_of_text.c_str(), static_cast<unsigned long long>(seed));
  std::printf("%-28s %12.3f ms  (median of %zu runs)\n", "load built-in pack", median(load_seconds) * 1e3,
              load_seconds.size());
  report("parse_record (JSON)", count, parse_seconds);
  report("evaluate, explain=false", count, plain_seconds);
  report("evaluate, explain=true", count, explain_seconds);
  std::printf("outcomes (eligible / ineligible / needs_info):\n");
  for (std::size_t p = 0; p < rules->programs().size(); ++p) {
    std::printf("  %-32s %8lld %8lld %8lld\n", rules->programs()[p].id.c_str(),
                static_cast<long long>(counts[p * 3]), static_cast<long long>(counts[p * 3 + 1]),
                static_cast<long long>(counts[p * 3 + 2]));
  }
  std::printf("checksum %lld\n", static_cast<long long>(checksum));
  return 0;
}
