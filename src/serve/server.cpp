#include "serve/server.hpp"

#include "serve/http_session.hpp"
#include "serve/service_text.hpp"

#include <sys/resource.h>

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <vector>

namespace talent::serve {

struct Server::Impl {
  Impl(const ServerOptions& o, Service& s, std::function<void(const std::string&)> l)
      : options(o), service(s), log(std::move(l)) {
    for (unsigned i = 0; i < std::max(1u, options.threads); ++i) {
      threads.push_back(std::make_unique<IoThread>(i, service, log));
    }
    acceptor.emplace(threads[0]->context);
    signals.emplace(threads[0]->context);
    retry.emplace(threads[0]->context);
    max_connections = kMaxConnections;
    // Each connection is a file; leave room for the others the process needs.
    struct rlimit files {};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY && files.rlim_cur < kMaxConnections + 64) {
      max_connections = files.rlim_cur > 96 ? static_cast<std::size_t>(files.rlim_cur) - 64 : 32;
    }
    std::string body = error_json(ErrorCode::limit, "the service has " + std::to_string(max_connections) +
                                                        " connections open, its limit; try again shortly");
    busy = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
           "Retry-After: 1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }

  void say(const std::string& message) { log(utc_timestamp() + " " + message + "\n"); }
  void accept();
  void turn_away(tcp::socket& socket);
  void arm_signals(std::function<void()> on_hangup);
  void shut_down();

  ServerOptions options;
  Service& service;
  std::function<void(const std::string&)> log;
  std::vector<std::unique_ptr<IoThread>> threads;  // first: destroyed last, with the acceptor's context
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::signal_set> signals;
  std::optional<asio::steady_timer> retry;  // accepting again after running out of files
  std::optional<tcp::socket> pending;
  std::size_t next = 0;
  std::size_t max_connections = kMaxConnections;
  std::string busy;  // the answer past the connection limit
  bool stopping = false;  // on the first thread only

  std::mutex mutex;
  std::condition_variable changed;
  bool shutdown_requested = false;
  unsigned threads_done = 0;
};

void Server::Impl::accept() {
  IoThread& target = *threads[next++ % threads.size()];
  pending.emplace(target.context);
  acceptor->async_accept(*pending, [this, &target](beast::error_code ec) {
    if (stopping || ec == asio::error::operation_aborted) return;
    if (ec) {
      say("cannot accept a connection: " + ec.message());
      // Out of files: wait for connections to close rather than spin.
      retry->expires_after(std::chrono::milliseconds(100));
      retry->async_wait([this](beast::error_code e) {
        if (!e && !stopping) accept();
      });
      return;
    }
    if (service.connections.load() >= max_connections) {
      turn_away(*pending);
    } else {
      ++service.connections;
      auto session = std::make_shared<Session>(std::move(*pending), target);
      asio::post(target.context, [session] { session->start(); });
    }
    accept();
  });
}

// Past the connection limit: a 503 answer, written without waiting, and the
// connection closed.
void Server::Impl::turn_away(tcp::socket& socket) {
  beast::error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(asio::buffer(busy), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

void Server::Impl::arm_signals(std::function<void()> on_hangup) {
  signals->async_wait([this, on_hangup](beast::error_code ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      on_hangup();
      arm_signals(on_hangup);
      return;
    }
    say(std::string(signal == SIGTERM ? "SIGTERM" : "SIGINT") +
        ": shutting down; answering the requests in progress, closing idle connections");
    shut_down();
  });
}

void Server::Impl::shut_down() {
  stopping = true;
  beast::error_code ec;
  acceptor->close(ec);
  signals->cancel(ec);
  retry->cancel();
  for (auto& t : threads) {
    IoThread* thread = t.get();
    asio::post(thread->context, [thread] {
      thread->stopping = true;
      std::vector<Session*> sessions(thread->sessions.begin(), thread->sessions.end());
      for (Session* s : sessions) s->stop();
    });
    thread->guard.reset();
  }
  std::lock_guard<std::mutex> lock(mutex);
  shutdown_requested = true;
  changed.notify_all();
}

Server::Server(const ServerOptions& options, Service& service, std::function<void(const std::string&)> log)
    : impl_(std::make_unique<Impl>(options, service, std::move(log))) {}

Server::~Server() = default;

bool Server::listen(std::string& error) {
  beast::error_code ec;
  asio::ip::address address = asio::ip::make_address(impl_->options.bind, ec);
  if (ec) {
    error = "--bind must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, not '" + impl_->options.bind + "'";
    return false;
  }
  tcp::endpoint endpoint(address, impl_->options.port);
  tcp::acceptor& acceptor = *impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + impl_->options.bind + " port " + std::to_string(impl_->options.port) + ": " + ec.message();
    return false;
  }
  return true;
}

unsigned short Server::port() const {
  beast::error_code ec;
  return impl_->acceptor->local_endpoint(ec).port();
}

void Server::run(std::function<void()> on_hangup) {
  Impl& impl = *impl_;
  impl.signals->add(SIGINT);
  impl.signals->add(SIGTERM);
  impl.signals->add(SIGHUP);
  impl.arm_signals(std::move(on_hangup));
  impl.accept();
  std::vector<std::thread> running;
  for (auto& t : impl.threads) {
    IoThread* thread = t.get();
    running.emplace_back([&impl, thread] {
      for (;;) {
        try {
          thread->context.run();
          break;
        } catch (const std::exception& e) {
          impl.say(std::string("an answer stopped on an unexpected error: ") + e.what());
        }
      }
      std::lock_guard<std::mutex> lock(impl.mutex);
      ++impl.threads_done;
      impl.changed.notify_all();
    });
  }
  {
    std::unique_lock<std::mutex> lock(impl.mutex);
    impl.changed.wait(lock, [&] { return impl.shutdown_requested || impl.threads_done == impl.threads.size(); });
    bool finished = impl.changed.wait_for(lock, kShutdownGrace, [&] { return impl.threads_done == impl.threads.size(); });
    if (!finished) {
      impl.say("requests still in progress after " + std::to_string(kShutdownGrace.count()) +
               " seconds; closing their connections");
      for (auto& t : impl.threads) t->context.stop();
    }
  }
  for (std::thread& t : running) t.join();
}

}  // namespace talent::serve
