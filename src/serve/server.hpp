// Serving stage: the HTTP/1.1 server of `talent serve`, on Boost.Beast.
//
// `threads` threads each run their own event loop; the listening socket
// hands new connections to them in turn. A thread decides the records of
// its connections itself, so the number of threads is the number of
// requests decided at once. SIGTERM or SIGINT shut it down gracefully:
// no new connections, idle ones closed, answers in progress finished (for
// at most kShutdownGrace). SIGHUP calls the hang-up callback.
#pragma once

#include "serve/worker.hpp"

#include <functional>
#include <memory>
#include <string>

namespace talent::serve {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (port() says which)
  unsigned threads = 1;
};

class Server {
 public:
  // `log` receives every line for standard error: one per request, and
  // what the server itself has to say.
  Server(const ServerOptions& options, Service& service, std::function<void(const std::string&)> log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; false with `error` set when the address cannot be used.
  bool listen(std::string& error);
  unsigned short port() const;
  // Answers requests until SIGTERM or SIGINT; then returns once every
  // connection is closed or the grace period is over.
  void run(std::function<void()> on_hangup);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace talent::serve
