#include "serve/decision_log.hpp"

#include "serve/service_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace talent::serve {

const char* to_string(Reasons reasons) {
  switch (reasons) {
    case Reasons::full: return "full";
    case Reasons::compact: return "compact";
    case Reasons::none: return "none";
  }
  return "full";
}

const char* to_string(Language language) { return language == Language::en ? "en" : "zh"; }

std::string receipt_head(const std::string& time, const std::string& request_id, const Snapshot& snapshot,
                         const DecideOptions& options) {
  return "{\"time\":\"" + time + "\",\"request\":" + json_string(request_id) + ",\"ruleset\":" + snapshot.ruleset_json +
         ",\"as_of\":\"" + format_date(options.as_of) + "\",\"lang\":\"" + to_string(options.language) +
         "\",\"reasons\":\"" + to_string(options.reasons) + "\"" + (options.what_if ? ",\"what_if\":true" : "");
}

void append_receipt(const std::string& head, std::size_t record, std::string_view input, std::string_view result,
                    std::string& out) {
  out += head;
  out += ",\"record\":";
  out += std::to_string(record);
  out += ",\"input\":";
  out += json_string(input);
  out += ",\"result\":";
  out += result;
  out += "}\n";
}

DecisionLog::DecisionLog(std::string path) : path_(std::move(path)) {}

DecisionLog::~DecisionLog() {
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
  }
}

bool DecisionLog::open(std::string& error) {
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot open the decision log " + path_ + ": " + std::strerror(errno);
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
  }
  fd_ = fd;
  return true;
}

bool DecisionLog::append(std::string_view lines, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  while (!lines.empty()) {
    ssize_t n = ::write(fd_, lines.data(), lines.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = "cannot write to the decision log " + path_ + ": " + std::strerror(n < 0 ? errno : ENOSPC);
      return false;
    }
    lines.remove_prefix(static_cast<std::size_t>(n));
  }
  dirty_ = true;
  return true;
}

void DecisionLog::sync() {
  int fd;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!dirty_ || fd_ < 0) return;
    dirty_ = false;
    fd = ::dup(fd_);  // synced outside the lock: writers go on meanwhile
  }
  if (fd < 0) return;
  ::fdatasync(fd);
  ::close(fd);
}

}  // namespace talent::serve
