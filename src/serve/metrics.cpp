#include "serve/metrics.hpp"

#include <cstdio>

namespace talent::serve {
namespace {

// A label value as the text format wants it: \, " and newlines escaped.
std::string label(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// Seconds with nine decimals, from nanoseconds, without a float.
std::string seconds(std::uint64_t ns) {
  char text[40];
  std::snprintf(text, sizeof text, "%llu.%09llu", static_cast<unsigned long long>(ns / 1000000000u),
                static_cast<unsigned long long>(ns % 1000000000u));
  return text;
}

void help(std::string& out, const char* name, const char* type, const char* text) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += text;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

}  // namespace

Metrics::Metrics(unsigned threads) {
  for (unsigned i = 0; i < threads; ++i) blocks_.push_back(std::make_unique<Block>());
}

void Metrics::record(unsigned thread, const char* endpoint, unsigned status, std::chrono::nanoseconds latency,
                     const Snapshot* snapshot, const Tally& tally) {
  Block& b = *blocks_[thread];
  auto ns = static_cast<std::uint64_t>(latency.count() < 0 ? 0 : latency.count());
  std::size_t bucket = 0;
  while (bucket < kBucketsMicros.size() && ns > kBucketsMicros[bucket] * 1000) ++bucket;
  std::lock_guard<std::mutex> lock(b.mutex);
  ++b.requests[{endpoint, status}];
  ++b.buckets[bucket];
  ++b.latency_count;
  b.latency_sum_ns += ns;
  b.records_decided += tally.decided;
  b.records_rejected += tally.rejected;
  if (!snapshot) return;
  const auto& programs = snapshot->rules->programs();
  for (std::size_t i = 0; i < tally.programs.size() && i < programs.size(); ++i) {
    const auto& counts = tally.programs[i];
    if (counts[0] + counts[1] + counts[2] == 0) continue;
    auto& total = b.decisions[programs[i].id];
    for (std::size_t s = 0; s < 3; ++s) total[s] += counts[s];
  }
}

std::string Metrics::prometheus(const Snapshot* in_force, const ReloadStatus& reloads, std::uint64_t connections) const {
  Block sum;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests;  // by the endpoint's name
  for (const auto& block : blocks_) {
    std::lock_guard<std::mutex> lock(block->mutex);
    for (const auto& [key, n] : block->requests) requests[{key.first, key.second}] += n;
    for (std::size_t i = 0; i < sum.buckets.size(); ++i) sum.buckets[i] += block->buckets[i];
    sum.latency_count += block->latency_count;
    sum.latency_sum_ns += block->latency_sum_ns;
    for (const auto& [program, counts] : block->decisions) {
      for (std::size_t s = 0; s < 3; ++s) sum.decisions[program][s] += counts[s];
    }
    sum.records_decided += block->records_decided;
    sum.records_rejected += block->records_rejected;
  }
  std::string out;
  help(out, "talent_http_requests_total", "counter", "HTTP requests answered, by endpoint and status code.");
  for (const auto& [key, n] : requests) {
    out += "talent_http_requests_total{endpoint=\"" + label(key.first) + "\",code=\"" + std::to_string(key.second) +
           "\"} " + std::to_string(n) + "\n";
  }
  help(out, "talent_http_request_duration_seconds", "histogram",
       "Time from a request read in full to its answer written.");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < sum.buckets.size(); ++i) {
    cumulative += sum.buckets[i];
    std::string le = i < kBucketsMicros.size() ? seconds(kBucketsMicros[i] * 1000) : "+Inf";
    while (i < kBucketsMicros.size() && le.back() == '0') le.pop_back();
    out += "talent_http_request_duration_seconds_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  out += "talent_http_request_duration_seconds_sum " + seconds(sum.latency_sum_ns) + "\n";
  out += "talent_http_request_duration_seconds_count " + std::to_string(sum.latency_count) + "\n";
  help(out, "talent_decisions_total", "counter", "Programs decided, by program and status.");
  for (const auto& [program, counts] : sum.decisions) {
    for (Status s : {Status::eligible, Status::ineligible, Status::needs_info}) {
      out += "talent_decisions_total{program=\"" + label(program) + "\",status=\"" + to_string(s) + "\"} " +
             std::to_string(counts[static_cast<std::size_t>(s)]) + "\n";
    }
  }
  help(out, "talent_records_total", "counter", "Records answered, by outcome: decided, or rejected with an error object.");
  out += "talent_records_total{outcome=\"decided\"} " + std::to_string(sum.records_decided) + "\n";
  out += "talent_records_total{outcome=\"rejected\"} " + std::to_string(sum.records_rejected) + "\n";
  help(out, "talent_ruleset_info", "gauge", "The rule set in force (always 1; none while no rule set is in force).");
  if (in_force) {
    const RuleSet& r = *in_force->rules;
    out += "talent_ruleset_info{id=\"" + label(r.id()) + "\",version=\"" + label(r.version()) + "\",digest=\"" +
           label(r.digest()) + "\"} 1\n";
  }
  help(out, "talent_ruleset_reloads_total", "counter", "Attempts to load the rule pack, by result.");
  out += "talent_ruleset_reloads_total{result=\"loaded\"} " + std::to_string(reloads.loaded) + "\n";
  out += "talent_ruleset_reloads_total{result=\"unchanged\"} " + std::to_string(reloads.unchanged) + "\n";
  out += "talent_ruleset_reloads_total{result=\"refused\"} " + std::to_string(reloads.refused) + "\n";
  help(out, "talent_http_connections", "gauge", "Connections open now.");
  out += "talent_http_connections " + std::to_string(connections) + "\n";
  return out;
}

}  // namespace talent::serve
