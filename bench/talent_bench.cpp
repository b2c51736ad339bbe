// talent_bench: how fast the engine loads the built-in pack, parses JSON
// records, evaluates them and writes decisions, on one thread, and how many
// heap allocations each record costs (a counting operator new); then the
// whole path a batch takes in process (cut, parse, decide, write).
//
// The records are generated from a fixed seed, so every run sees the same
// input: every degree, study mode, institution and employment status; dates
// on and around the 2- and 5-year anniversaries (Feb 29 graduations
// included); with and without a home purchase or a startup loan; loan
// principals and terms on both sides of the caps; and some facts left out.
//
//   talent_bench --records 200000 --runs 7
//   talent_bench --emit 1000000 > records.jsonl    (the records, for bench/batch.sh)
//
// Timings use std::chrono::steady_clock and are reported as the median of the
// runs. Money is only ever handled as Money / fen; the double figures below
// are durations and rates of work, never amounts.
#include "talent/talent.hpp"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

// Every heap allocation of the process is counted: a figure per record for
// each step shows what reusing buffers saves.
namespace {
std::atomic<std::uint64_t> allocations{0};
void* counted(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
}  // namespace
void* operator new(std::size_t size) { return counted(size); }
void* operator new[](std::size_t size) { return counted(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

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

// A measurement: the seconds of each run and the allocations of the last.
struct Timing {
  std::vector<double> seconds;
  std::uint64_t allocations = 0;
};

// Runs `work` `runs` times, timing each and counting the last run's allocations.
template <typename Work>
Timing measure(int runs, Work&& work) {
  Timing t;
  for (int run = 0; run < runs; ++run) {
    std::uint64_t before = allocations.load();
    Clock::time_point start = Clock::now();
    work();
    t.seconds.push_back(seconds_since(start));
    t.allocations = allocations.load() - before;
  }
  return t;
}

void report(const char* what, std::size_t items, const Timing& t) {
  double s = median(t.seconds);
  std::printf("%-34s %10.0f records/s %8.1f ns/record %7.2f allocations/record  (median of %zu runs, %.3f s each)\n",
              what, static_cast<double>(items) / s, s * 1e9 / static_cast<double>(items),
              static_cast<double>(t.allocations) / static_cast<double>(items), t.seconds.size(), s);
}

// Evaluates every record once into one reused Decision; returns a checksum
// of the outcomes so the work cannot be optimised away, and counts statuses
// per program.
std::int64_t evaluate_all(const talent::RuleSet& rules, const std::vector<talent::Record>& records,
                          talent::Date as_of, bool explain, std::vector<std::int64_t>* counts) {
  talent::EvaluateOptions options;
  options.explain = explain;
  std::int64_t checksum = 0;
  talent::Decision d;
  for (const talent::Record& record : records) {
    talent::evaluate(rules, record, as_of, options, d);
    for (const talent::ProgramDecision& p : d.programs) {
      checksum += static_cast<std::int64_t>(p.status) + static_cast<std::int64_t>(p.reasons.size());
      if (p.amount) checksum += p.amount->fen();
      if (counts) ++(*counts)[p.program * 3 + static_cast<std::size_t>(p.status)];
    }
  }
  return checksum;
}

// What `talent batch` does with each record, in process: cut the text from
// the stream, parse it, decide it, write the decision into an output buffer
// that is handed on (here: dropped) every 512 records. Returns the bytes written.
std::size_t batch_in_process(const talent::RuleSet& rules, const std::string& jsonl, talent::Date as_of,
                             talent::Reasons reasons) {
  std::istringstream in(jsonl);
  talent::RecordReader reader(rules, in);
  talent::RecordParser parser(rules);
  talent::RecordText text;
  talent::ParsedRecord parsed;
  talent::Decision decision;
  talent::DecisionWriter writer(rules, talent::Language::zh, reasons);
  talent::EvaluateOptions options;
  options.explain = reasons != talent::Reasons::none;
  std::string out;
  std::size_t written = 0, in_chunk = 0;
  while (reader.next_text(text)) {
    parser.parse(text, parsed);
    if (parsed.record) {
      talent::evaluate(rules, *parsed.record, as_of, options, decision);
      writer.append(decision, out);
    } else {
      writer.append(parsed, out);
    }
    out += '\n';
    if (++in_chunk == 512) {
      written += out.size();
      out.clear();
      in_chunk = 0;
    }
  }
  return written + out.size();
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::size_t count = 200000;
  std::size_t emit = 0;
  int runs = 7;
  std::uint64_t seed = 20250630;
  std::string as_of_text = "2025-06-30";
  po::options_description options("talent_bench options");
  options.add_options()
      ("help,h", "show this help")
      ("records", po::value(&count)->default_value(count), "how many records to generate")
      ("runs", po::value(&runs)->default_value(runs), "timed repetitions of each measurement")
      ("seed", po::value(&seed)->default_value(seed), "generator seed")
      ("as-of", po::value(&as_of_text)->default_value(as_of_text), "evaluation date, YYYY-MM-DD")
      ("emit", po::value(&emit), "only write N generated records to standard output, as JSON Lines");
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
  if (vm.count("emit")) {
    Random rng(seed);
    std::string block;
    for (std::size_t i = 0; i < emit; ++i) {
      block += make_record(rng, i, *as_of);
      block += '\n';
      if (block.size() > (1 << 20) || i + 1 == emit) {
        if (std::fwrite(block.data(), 1, block.size(), stdout) != block.size()) {
          std::perror("talent_bench: writing the records");
          return 1;
        }
        block.clear();
      }
    }
    return std::fflush(stdout) == 0 ? 0 : 1;
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
  std::string jsonl;
  for (std::size_t i = 0; i < count; ++i) {
    texts.push_back(make_record(rng, i, *as_of));
    jsonl += texts.back();
    jsonl += '\n';
  }

  // Record parsing (JSON text to validated Records): a RecordParser reused
  // from record to record, and parse_record, which makes one per call.
  std::vector<talent::Record> records;
  records.reserve(count);
  std::size_t rejected = 0;
  Timing parse_reused = measure(runs, [&] {
    talent::RecordParser parser(*rules);
    talent::ParsedRecord p;
    rejected = 0;
    for (std::size_t i = 0; i < count; ++i) {
      parser.parse(texts[i], i + 1, p);
      rejected += !p.record;
    }
  });
  Timing parse_once = measure(runs, [&] {
    records.clear();
    for (std::size_t i = 0; i < count; ++i) {
      talent::ParsedRecord p = talent::parse_record(*rules, texts[i], i + 1);
      if (p.record) records.push_back(std::move(*p.record));
    }
  });
  if (rejected != 0 || records.size() != count) {
    std::cerr << "talent_bench: " << rejected << " generated records were rejected\n";
    return 1;
  }

  // Evaluation, without and with reasons. One warm-up pass counts outcomes.
  std::vector<std::int64_t> counts(rules->programs().size() * 3, 0);
  std::int64_t checksum = evaluate_all(*rules, records, *as_of, false, &counts);
  Timing plain = measure(runs, [&] { checksum += evaluate_all(*rules, records, *as_of, false, nullptr); });
  Timing explained = measure(runs, [&] { checksum += evaluate_all(*rules, records, *as_of, true, nullptr); });

  // Writing decisions (evaluated once beforehand) with the streaming writer.
  std::vector<talent::Decision> plain_decisions(count), full_decisions(count);
  for (std::size_t i = 0; i < count; ++i) {
    talent::evaluate(*rules, records[i], *as_of, talent::EvaluateOptions{false}, plain_decisions[i]);
    talent::evaluate(*rules, records[i], *as_of, talent::EvaluateOptions{true}, full_decisions[i]);
  }
  auto write_all = [&](const std::vector<talent::Decision>& decisions, talent::Reasons reasons) {
    std::string out;
    talent::DecisionWriter writer(*rules, talent::Language::zh, reasons);
    for (const talent::Decision& d : decisions) {
      writer.append(d, out);
      out += '\n';
      if (out.size() > (1 << 20)) {
        checksum += static_cast<std::int64_t>(out.size());
        out.clear();
      }
    }
    checksum += static_cast<std::int64_t>(out.size());
  };
  Timing write_none = measure(runs, [&] { write_all(plain_decisions, talent::Reasons::none); });
  Timing write_compact = measure(runs, [&] { write_all(full_decisions, talent::Reasons::compact); });
  Timing write_full = measure(runs, [&] { write_all(full_decisions, talent::Reasons::full); });
  std::vector<talent::Decision>().swap(plain_decisions);
  std::vector<talent::Decision>().swap(full_decisions);

  // The whole path of a batch, in process.
  std::size_t bytes_none = 0, bytes_compact = 0, bytes_full = 0;
  Timing batch_none = measure(runs, [&] { bytes_none = batch_in_process(*rules, jsonl, *as_of, talent::Reasons::none); });
  Timing batch_compact =
      measure(runs, [&] { bytes_compact = batch_in_process(*rules, jsonl, *as_of, talent::Reasons::compact); });
  Timing batch_full = measure(runs, [&] { bytes_full = batch_in_process(*rules, jsonl, *as_of, talent::Reasons::full); });

  std::printf("talent_bench: %zu records (%zu bytes of JSON), as of %s, seed %llu, one thread\n", count, jsonl.size(),
              as_of_text.c_str(), static_cast<unsigned long long>(seed));
  std::printf("%-34s %10.3f ms  (median of %zu runs)\n", "load built-in pack", median(load_seconds) * 1e3,
              load_seconds.size());
  report("parse, RecordParser reused", count, parse_reused);
  report("parse_record (JSON)", count, parse_once);
  report("evaluate, explain=false", count, plain);
  report("evaluate, explain=true", count, explained);
  report("write JSON, reasons none", count, write_none);
  report("write JSON, reasons compact", count, write_compact);
  report("write JSON, reasons full", count, write_full);
  report("batch in process, reasons none", count, batch_none);
  report("batch in process, reasons compact", count, batch_compact);
  report("batch in process, reasons full", count, batch_full);
  std::printf("output bytes per record: none %.0f, compact %.0f, full %.0f\n",
              static_cast<double>(bytes_none) / static_cast<double>(count),
              static_cast<double>(bytes_compact) / static_cast<double>(count),
              static_cast<double>(bytes_full) / static_cast<double>(count));
  std::printf("outcomes (eligible / ineligible / needs_info):\n");
  for (std::size_t p = 0; p < rules->programs().size(); ++p) {
    std::printf("  %-32s %8lld %8lld %8lld\n", rules->programs()[p].id.c_str(),
                static_cast<long long>(counts[p * 3]), static_cast<long long>(counts[p * 3 + 1]),
                static_cast<long long>(counts[p * 3 + 2]));
  }
  std::printf("checksum %lld\n", static_cast<long long>(checksum));
  return 0;
}
