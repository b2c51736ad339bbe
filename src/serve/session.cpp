// One connection: read a request, answer it, write the answer, and again
// while the client keeps the connection alive.
#include "serve/http_session.hpp"
#include "serve/service_text.hpp"

#include "talent/version.hpp"

#include <cstdio>

namespace talent::serve {
namespace {

constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

std::string_view view(beast::string_view s) { return std::string_view(s.data(), s.size()); }

// A request target as the log shows it: at most 256 bytes, with spaces,
// control characters and bytes beyond ASCII as %XX, so one request is one line.
void append_shown(std::string_view target, std::string& out) {
  std::size_t n = 0;
  for (unsigned char c : target) {
    if (++n > 256) {
      out += "…";
      return;
    }
    if (c <= 0x20 || c >= 0x7f || c == '"') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
}

}  // namespace

const std::string& IoThread::date() {
  auto now = std::chrono::system_clock::now();
  auto second = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (second != date_second) {
    date_second = second;
    date_text = http_date(now);
  }
  return date_text;
}

void IoThread::log_line(const std::string& line) {
  bool first = pending_lines.empty();
  pending_lines += line;
  if (!first) return;
  asio::post(context, [this] {
    log(pending_lines);
    pending_lines.clear();
  });
}

Session::Session(tcp::socket socket, IoThread& thread) : stream_(std::move(socket)), thread_(thread) {
  beast::error_code ec;
  tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
  peer_ = ec ? std::string("-") : peer.address().to_string() + ":" + std::to_string(peer.port());
}

Session::~Session() {
  thread_.sessions.erase(this);
  --thread_.worker.service().connections;
}

void Session::start() {
  thread_.sessions.insert(this);
  beast::error_code ec;
  stream_.socket().set_option(tcp::no_delay(true), ec);  // an answer goes out at once, not after the next ACK
  wait();
}

void Session::stop() {
  // A request that has arrived but not been read yet is still answered.
  beast::error_code ec;
  if (state_ == State::idle && stream_.socket().available(ec) == 0) close();
}

// Waits, up to the idle timeout, for the first bytes of the next request.
void Session::wait() {
  state_ = State::idle;
  if (thread_.stopping) return close();
  if (buffer_.size() > 0) return read_header();  // the client sent it already (pipelining)
  stream_.expires_after(kIdleTimeout);
  stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    if (ec) return self->close();  // the client left, the idle timeout, or shutting down
    self->buffer_.commit(n);
    self->read_header();
  });
}

void Session::read_header() {
  state_ = State::reading;
  parser_.emplace();
  parser_->header_limit(kMaxHeaderBytes);
  parser_->body_limit(kMaxBodyBytes);
  stream_.expires_after(kRequestTimeout);
  http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->read_failed(ec);
    auto& request = self->parser_->get();
    if (!self->parser_->is_done() && beast::iequals(request[http::field::expect], "100-continue")) {
      asio::async_write(self->stream_, asio::buffer(kContinue, sizeof kContinue - 1),
                        [self](beast::error_code e, std::size_t) {
                          if (e) return self->close();
                          self->read_body();
                        });
      return;
    }
    self->read_body();
  });
}

void Session::read_body() {
  if (parser_->is_done()) return respond();
  http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->read_failed(ec);
    self->respond();
  });
}

void Session::read_failed(beast::error_code ec) {
  if (ec == http::error::body_limit) {
    return refuse(413, ErrorCode::limit,
                  "the body is larger than the limit of " + std::to_string(kMaxBodyBytes) + " bytes");
  }
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return refuse(431, ErrorCode::limit, "the request line and header fields are larger than the limit of " +
                                             std::to_string(kMaxHeaderBytes) + " bytes");
  }
  if (ec == beast::error::timeout) {
    method_ = "-";
    target_ = "-";
    answer_.clear();
    answer_.status = 408;
    read_at_ = std::chrono::steady_clock::now();
    log_request(0);  // the connection is gone: nothing can be answered
    return close();
  }
  if (ec.category() == http::make_error_code(http::error::bad_target).category() && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return refuse(400, ErrorCode::syntax, "malformed HTTP request: " + ec.message());
  }
  close();  // the client closed the connection or reset it
}

void Session::respond() {
  state_ = State::answering;
  read_at_ = std::chrono::steady_clock::now();
  auto& request = parser_->get();
  method_.assign(request.method_string().data(), request.method_string().size());
  target_.assign(request.target().data(), request.target().size());
  answer_.clear();
  Request r{view(request.method_string()), view(request.target()), request.body(),
            view(request[beast::string_view("X-Request-Id")])};
  try {
    answer(r, thread_.worker, answer_);
  } catch (const std::bad_alloc&) {
    answer_.status = 503;
    answer_.body = error_json(ErrorCode::limit, "out of memory while answering; try again");
    answer_.tally = Tally{};
  } catch (const std::exception& e) {
    answer_.status = 500;
    answer_.body = error_json(ErrorCode::invalid_value, std::string("the request stopped on an unexpected error: ") + e.what());
    answer_.tally = Tally{};
  }
  close_after_ = !request.keep_alive() || thread_.stopping;
  send();
}

// Answers a request that could not be read, and closes the connection: what
// follows it on the connection cannot be trusted to be a request.
void Session::refuse(unsigned status, ErrorCode code, const std::string& message) {
  state_ = State::answering;
  read_at_ = std::chrono::steady_clock::now();
  answer_.clear();
  method_ = "-";
  target_ = "-";
  if (parser_ && !parser_->get().target().empty()) {  // a body too large: the request line says what it was for
    auto& request = parser_->get();
    method_.assign(request.method_string().data(), request.method_string().size());
    target_.assign(request.target().data(), request.target().size());
    answer_.endpoint = endpoint_of(target_);
  }
  answer_.request_id = thread_.worker.next_request_id();
  answer_.status = status;
  answer_.body = error_json(code, message);
  close_after_ = true;
  refused_ = true;
  send();
}

void Session::send() {
  bool head = method_ == "HEAD";
  response_.clear();
  response_.version(11);
  response_.result(answer_.status);
  response_.set(http::field::server, "talent/" TALENT_VERSION_STRING);
  response_.set(http::field::date, thread_.date());
  response_.set(http::field::content_type, answer_.content_type);
  response_.set(beast::string_view("X-Request-Id"), answer_.request_id);
  if (answer_.allow) response_.set(http::field::allow, answer_.allow);
  if (answer_.status == 503) response_.set(http::field::retry_after, "1");
  response_.keep_alive(!close_after_);
  response_.body().swap(answer_.body);  // the answer's text, and its old buffer back for the next one
  response_.prepare_payload();
  if (head) {
    std::size_t length = response_.body().size();
    response_.body().clear();
    response_.content_length(length);
  }
  stream_.expires_after(kWriteTimeout);
  http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
    self->log_request(bytes);
    self->sent(ec);
  });
}

void Session::sent(beast::error_code ec) {
  if (!ec && refused_) return linger(0);
  if (ec || close_after_) return close();
  wait();
}

// After refusing a request, reads and drops what the client still sends
// (the rest of a body too large, say) for a while, so that closing the
// connection does not reset it before the client has read the answer.
void Session::linger(std::size_t drained) {
  constexpr std::size_t kDrainBytes = 4 * kMaxBodyBytes;
  beast::error_code ec;
  if (drained == 0) stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (drained > kDrainBytes || thread_.stopping) return close();
  if (drained == 0) stream_.expires_after(std::chrono::seconds(5));
  buffer_.consume(buffer_.size());
  stream_.async_read_some(buffer_.prepare(64 << 10), [self = shared_from_this(), drained](beast::error_code e, std::size_t n) {
    if (e) return self->close();
    self->linger(drained + n + 1);
  });
}

void Session::log_request(std::size_t bytes) {
  auto latency = std::chrono::steady_clock::now() - read_at_;
  Worker& worker = thread_.worker;
  worker.service().metrics.record(worker.index(), answer_.endpoint, answer_.status,
                                  std::chrono::duration_cast<std::chrono::nanoseconds>(latency),
                                  answer_.snapshot.get(), answer_.tally);
  char timing[48];
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  std::snprintf(timing, sizeof timing, " %lld.%03lldms", static_cast<long long>(micros / 1000),
                static_cast<long long>(micros % 1000));
  std::string line = utc_timestamp();
  line += ' ';
  line += peer_;
  line += ' ';
  line += method_;
  line += ' ';
  append_shown(target_, line);
  line += ' ';
  line += std::to_string(answer_.status);
  line += ' ';
  line += std::to_string(bytes);
  line += timing;
  line += " id=";
  line += answer_.request_id.empty() ? "-" : answer_.request_id;
  if (answer_.tally.decided + answer_.tally.rejected > 0) {
    line += " records=" + std::to_string(answer_.tally.decided + answer_.tally.rejected);
    line += " rejected=" + std::to_string(answer_.tally.rejected);
  }
  line += '\n';
  thread_.log_line(line);
}

void Session::close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
}

}  // namespace talent::serve
