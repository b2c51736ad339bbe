// Serving stage, inside the HTTP server: a connection and the thread that
// owns it. Boost.Beast stays behind server.hpp; only server.cpp and
// session.cpp see this header.
//
// Each thread runs its own io_context and owns the connections handed to
// it: a connection's reads, answers and writes all happen on that one
// thread, so a session needs no lock, and its Worker (decider, parser,
// writers) is the thread's.
#pragma once

#include "serve/limits.hpp"
#include "serve/worker.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

namespace talent::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using LogLine = std::function<void(const std::string&)>;

class Session;

struct IoThread {
  IoThread(unsigned index, Service& service, const LogLine& log)
      : worker(index, service), log(log), guard(context.get_executor()) {}
  // The HTTP Date header, made once a second.
  const std::string& date();
  // Adds a line to the request log. Lines are written when the thread has
  // answered what was ready: several lines in one write under load, each
  // at once when it is quiet.
  void log_line(const std::string& line);

  // Sessions end while the context is destroyed: what they touch then
  // (this set, the worker) is declared before it, and so outlives it.
  std::unordered_set<Session*> sessions;
  Worker worker;
  const LogLine& log;  // one line per request, to standard error
  bool stopping = false;
  std::chrono::system_clock::time_point::rep date_second = -1;
  std::string date_text;
  std::string pending_lines;
  asio::io_context context{1};
  asio::executor_work_guard<asio::io_context::executor_type> guard;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, IoThread& thread);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Both on the session's thread: start() begins reading requests; stop()
  // (shutting down) closes the connection now if it is waiting for a
  // request, or after the answer it is working on.
  void start();
  void stop();

 private:
  enum class State { idle, reading, answering };

  void wait();
  void read_header();
  void read_body();
  void read_failed(beast::error_code ec);
  void respond();
  void refuse(unsigned status, ErrorCode code, const std::string& message);
  void send();
  void sent(beast::error_code ec);
  void log_request(std::size_t bytes);
  void close();
  void linger(std::size_t drained);

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_{kMaxHeaderBytes + (64 << 10)};
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  IoThread& thread_;
  std::string peer_;
  State state_ = State::idle;
  bool close_after_ = false;
  bool refused_ = false;  // the request could not be read: what follows it is drained, not read
  bool closed_ = false;
  std::chrono::steady_clock::time_point read_at_;
  std::string method_;
  std::string target_;
  Answer answer_;
};

}  // namespace talent::serve
