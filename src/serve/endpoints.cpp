// Routing, and the endpoints that report rather than decide: /v1/rules,
// /v1/schema, /healthz and /metrics.
#include "serve/limits.hpp"
#include "serve/service_text.hpp"
#include "serve/worker.hpp"

#include <nlohmann/json.hpp>

namespace talent::serve {
namespace {

using Json = nlohmann::ordered_json;

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdBytes) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void refuse(Answer& a, unsigned status, ErrorCode code, const std::string& message) {
  a.status = status;
  a.body = error_json(code, message);
}

// ?lang=zh|en, the only parameter the description endpoints take.
bool read_language(std::string_view query, Language& language, Answer& a) {
  language = Language::zh;
  if (query.empty()) return true;
  if (query == "lang=zh") return true;
  if (query == "lang=en") {
    language = Language::en;
    return true;
  }
  refuse(a, 400, query.rfind("lang=", 0) == 0 ? ErrorCode::invalid_value : ErrorCode::unknown_name,
         "this endpoint takes one query parameter, lang=zh or lang=en; found \"" + std::string(query.substr(0, 64)) + "\"");
  return false;
}

void describe(Worker& worker, std::string_view query, bool schema, Answer& a) {
  a.snapshot = worker.service().rules.current();
  if (!a.snapshot) {
    refuse(a, 503, ErrorCode::missing, "no rule set is in force yet; GET /healthz says why");
    return;
  }
  Language language;
  if (!read_language(query, language, a)) return;
  int i = static_cast<int>(language);
  a.body = schema ? a.snapshot->schema_json[i] : a.snapshot->rules_json[i];
  if (schema) a.content_type = "application/schema+json";
}

void health(Worker& worker, Answer& a) {
  RulesInForce& rules = worker.service().rules;
  std::shared_ptr<const Snapshot> s = rules.current();
  ReloadStatus reload = rules.status();
  Json out;
  out["status"] = s ? "serving" : "no_rules";
  if (s) {
    out["ruleset"] = Json::parse(s->ruleset_json);
    out["source"] = s->source;
    out["loaded_at"] = s->loaded_at;
    out["suite_cases"] = s->suite_cases;
  }
  Json last;
  last["time"] = reload.time;
  last["trigger"] = reload.trigger;
  last["result"] = reload.result;
  if (!reload.reason.empty()) last["reason"] = reload.reason;
  out["last_reload"] = std::move(last);
  a.status = s ? 200 : 503;
  a.body = out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

void Answer::clear() {
  status = 200;
  body.clear();
  content_type = "application/json";
  allow = nullptr;
  endpoint = "other";
  request_id.clear();
  snapshot.reset();
  tally.programs.clear();
  tally.decided = tally.rejected = 0;
}

Worker::Worker(unsigned index, Service& service) : index_(index), service_(service) {}

Decider& Worker::decider(const std::shared_ptr<const Snapshot>& snapshot) {
  if (!decider_ || decider_snapshot_ != snapshot) {
    decider_ = std::make_unique<Decider>(snapshot->rules);
    decider_snapshot_ = snapshot;
  }
  return *decider_;
}

std::string Worker::next_request_id() {
  return service_.instance + "-" + std::to_string(index_) + "-" + std::to_string(++requests_);
}

const char* endpoint_of(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  for (const char* known : {"/v1/decisions", "/v1/timeline", "/v1/rules", "/v1/schema", "/healthz", "/metrics"}) {
    if (path == known) return known;
  }
  return "other";
}

void answer(const Request& request, Worker& worker, Answer& a) {
  std::size_t question = request.target.find('?');
  std::string_view path = request.target.substr(0, question);
  std::string_view query = question == std::string_view::npos ? std::string_view() : request.target.substr(question + 1);
  bool get = request.method == "GET" || request.method == "HEAD";
  if (request.request_id.empty()) {
    a.request_id = worker.next_request_id();
  } else if (valid_request_id(request.request_id)) {
    a.request_id = request.request_id;
  } else {
    a.request_id = worker.next_request_id();
    refuse(a, 400, ErrorCode::invalid_value,
           "X-Request-Id must be 1 to " + std::to_string(kMaxRequestIdBytes) +
               " letters, digits, '.', '_', ':' or '-'");
    return;
  }
  a.endpoint = endpoint_of(path);
  if (path == "/v1/decisions") {
    if (request.method != "POST") {
      a.allow = "POST";
      refuse(a, 405, ErrorCode::invalid_value, "POST records to /v1/decisions");
      return;
    }
    answer_decisions(query, request.body, worker, a);
    return;
  }
  if (path == "/v1/timeline") {
    if (request.method != "POST") {
      a.allow = "POST";
      refuse(a, 405, ErrorCode::invalid_value, "POST a record to /v1/timeline");
      return;
    }
    answer_timeline(query, request.body, worker, a);
    return;
  }
  if (path == "/v1/rules" || path == "/v1/schema" || path == "/healthz" || path == "/metrics") {
    if (!get) {
      a.allow = "GET, HEAD";
      refuse(a, 405, ErrorCode::invalid_value, std::string(a.endpoint) + " answers GET");
      return;
    }
    if (path == "/v1/rules" || path == "/v1/schema") {
      describe(worker, query, path == "/v1/schema", a);
    } else if (path == "/healthz") {
      health(worker, a);
    } else {
      Service& service = worker.service();
      std::shared_ptr<const Snapshot> s = service.rules.current();
      a.body = service.metrics.prometheus(s.get(), service.rules.status(), service.connections.load());
      a.content_type = "text/plain; version=0.0.4; charset=utf-8";
    }
    return;
  }
  refuse(a, 404, ErrorCode::unknown_name,
         "no such endpoint: " + std::string(path.substr(0, 128)) +
             "; there are POST /v1/decisions, POST /v1/timeline, GET /v1/rules, /v1/schema, /healthz and /metrics");
}

}  // namespace talent::serve
