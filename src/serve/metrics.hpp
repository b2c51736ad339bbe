// Serving stage: what GET /metrics reports, in Prometheus' text format —
// requests by endpoint and status code, a latency histogram, decisions by
// program and status, records rejected, reloads, open connections and the
// rule set in force.
//
// Each thread answering requests counts into its own block (under its own
// lock, which only a scrape contends for); a scrape adds the blocks up.
#pragma once

#include "serve/decider.hpp"
#include "serve/rules_in_force.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace talent::serve {

class Metrics {
 public:
  // Upper bounds of the latency histogram's buckets, in microseconds.
  static constexpr std::array<std::uint64_t, 12> kBucketsMicros = {100,   250,   500,    1000,   2500,   5000,
                                                                   10000, 25000, 50000, 100000, 250000, 1000000};

  explicit Metrics(unsigned threads);

  // One answered request, counted by thread `thread`. `tally` counts the
  // programs decided with `snapshot`'s rule set (null when none were).
  void record(unsigned thread, const char* endpoint, unsigned status, std::chrono::nanoseconds latency,
              const Snapshot* snapshot, const Tally& tally);
  std::string prometheus(const Snapshot* in_force, const ReloadStatus& reloads, std::uint64_t connections) const;

 private:
  struct Block {
    mutable std::mutex mutex;
    std::map<std::pair<const char*, unsigned>, std::uint64_t> requests;  // endpoint (a literal), status
    std::array<std::uint64_t, kBucketsMicros.size() + 1> buckets{};      // the last one: +Inf
    std::uint64_t latency_count = 0;
    std::uint64_t latency_sum_ns = 0;
    std::map<std::string, std::array<std::uint64_t, 3>> decisions;       // program id -> by Status
    std::uint64_t records_decided = 0;
    std::uint64_t records_rejected = 0;
  };
  std::vector<std::unique_ptr<Block>> blocks_;
};

}  // namespace talent::serve
