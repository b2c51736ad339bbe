// Fuzz target: the bytes a client sends on one connection to `talent serve`.
// They are read as HTTP/1.1 requests with the service's own limits, one
// after another as on a kept-alive connection, and each complete request is
// answered by the service's router with the built-in rules in force, as a
// session answers it. Every answer must carry a status from 200 to 599, and
// a JSON answer must be one JSON value.
#include "serve/limits.hpp"
#include "serve/worker.hpp"

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace {

namespace http = boost::beast::http;
using talent::serve::Answer;

// What the service's threads share, with one thread's Worker: made once.
struct Fixture {
  talent::serve::RulesInForce rules{"", [](const std::string&) {}};
  talent::serve::Metrics metrics{1};
  talent::serve::Service service{rules, nullptr, metrics, "0f0f0f0f"};
  talent::serve::Worker worker{0, service};
  Fixture() { rules.reload("start"); }
};

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

bool is_json(const Answer& a) {
  return std::strcmp(a.content_type, "application/json") == 0 ||
         std::strcmp(a.content_type, "application/schema+json") == 0;
}

void check(const Answer& a) {
  if (a.status < 200 || a.status > 599) __builtin_trap();
  if (is_json(a) && !nlohmann::json::accept(a.body)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture s;
  if (!s.rules.current()) __builtin_trap();  // the built-in pack always loads
  boost::asio::const_buffer input(data, size);
  Answer answer;
  // A connection's requests, at most 16 of them: a session reads them in turn.
  for (int request = 0; request < 16 && input.size() > 0; ++request) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(talent::serve::kMaxHeaderBytes);
    parser.body_limit(talent::serve::kMaxBodyBytes);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done() && input.size() > 0) {
      std::size_t used = parser.put(input, ec);
      input += used;
      if (ec == http::error::need_more && used > 0) {
        ec = {};
        continue;
      }
      if (ec) break;
      if (used == 0) break;
    }
    if (!parser.is_done()) {
      if (input.size() == 0 && !ec) {
        // The connection ends here: a request without a length ends with it.
        parser.put_eof(ec);
      }
      if (!parser.is_done()) return 0;  // not a request: the session answers 400, 413 or 431 and closes
    }
    auto& req = parser.get();
    answer.clear();
    talent::serve::Request r{view(req.method_string()), view(req.target()), req.body(),
                             view(req[boost::beast::string_view("X-Request-Id")])};
    talent::serve::answer(r, s.worker, answer);
    check(answer);
    if (!req.keep_alive()) return 0;
  }
  return 0;
}
