// Serving stage: answering one request, whatever carries it.
//
// A Worker is what one thread needs to answer requests: its Decider for the
// snapshot in force, its body reader, its counter of request ids. The
// Service is what all threads share. answer() routes a request to its
// endpoint and fills the Answer; the HTTP server (server.hpp) carries both.
#pragma once

#include "serve/body_reader.hpp"
#include "serve/decider.hpp"
#include "serve/decision_log.hpp"
#include "serve/metrics.hpp"
#include "serve/rules_in_force.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace talent::serve {

// What every thread answering requests shares.
struct Service {
  RulesInForce& rules;
  DecisionLog* log = nullptr;  // null without --log
  Metrics& metrics;
  std::string instance;        // 8 hex digits chosen at start: how generated request ids begin
  std::atomic<std::uint64_t> connections{0};
};

struct Request {
  std::string_view method;      // "GET", "POST", ...
  std::string_view target;      // "/v1/decisions?as_of=2025-06-30"
  std::string& body;
  std::string_view request_id;  // the client's X-Request-Id, or empty
};

struct Answer {
  unsigned status = 200;
  std::string body;
  const char* content_type = "application/json";
  const char* allow = nullptr;     // the methods a 405 names
  const char* endpoint = "other";  // for the metrics: the route, not the raw path
  std::string request_id;
  std::shared_ptr<const Snapshot> snapshot;  // the rules the request was answered with
  Tally tally;
  void clear();
};

class Worker {
 public:
  Worker(unsigned index, Service& service);

  unsigned index() const { return index_; }
  Service& service() { return service_; }
  // This thread's Decider for `snapshot`, made anew when the snapshot changes.
  Decider& decider(const std::shared_ptr<const Snapshot>& snapshot);
  BodyReader& body_reader() { return body_reader_; }
  // Room for the record texts of a request, kept from one request to the next.
  std::vector<RecordText>& texts() { return texts_; }
  // "<instance>-<thread>-<n>": unique in the process, and across restarts
  // unless the 32-bit instance repeats.
  std::string next_request_id();

 private:
  unsigned index_;
  Service& service_;
  std::shared_ptr<const Snapshot> decider_snapshot_;
  std::unique_ptr<Decider> decider_;
  BodyReader body_reader_;
  std::vector<RecordText> texts_;
  std::uint64_t requests_ = 0;
};

// The route `target` goes to, as the metrics name it: "/v1/decisions",
// "/v1/timeline", "/v1/rules", "/v1/schema", "/healthz", "/metrics", or
// "other".
const char* endpoint_of(std::string_view target);
// Answers `request`: status, body and what the metrics and the log need.
void answer(const Request& request, Worker& worker, Answer& answer);
// POST /v1/decisions with the query `query` (what follows '?', or "").
void answer_decisions(std::string_view query, std::string& body, Worker& worker, Answer& answer);
// POST /v1/timeline, the same way.
void answer_timeline(std::string_view query, std::string& body, Worker& worker, Answer& answer);

}  // namespace talent::serve
