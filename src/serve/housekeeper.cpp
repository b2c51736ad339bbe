#include "serve/housekeeper.hpp"

#include <chrono>

namespace talent::serve {

Housekeeper::Housekeeper(RulesInForce& rules, DecisionLog* log, std::function<void(const std::string&)> say)
    : rules_(rules), log_(log), say_(std::move(say)), thread_([this] { run(); }) {}

Housekeeper::~Housekeeper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (log_) log_->sync();
}

void Housekeeper::hang_up() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    hung_up_ = true;
  }
  wake_.notify_all();
}

void Housekeeper::run() {
  using namespace std::chrono;
  auto last_sync = steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, milliseconds(500), [this] { return stopping_ || hung_up_; });
    if (stopping_) break;
    bool hung_up = hung_up_;
    hung_up_ = false;
    lock.unlock();
    try {
      if (hung_up) {
        if (log_) {
          std::string error;
          if (log_->open(error)) say_("decision log: SIGHUP: reopened " + log_->path());
          else say_("decision log: SIGHUP: " + error + "; still writing to the file open before");
        }
        rules_.reload("SIGHUP");
      } else {
        rules_.poll();
      }
      if (log_ && steady_clock::now() - last_sync >= seconds(1)) {
        log_->sync();
        last_sync = steady_clock::now();
      }
    } catch (const std::exception& e) {
      say_(std::string("housekeeping stopped on an unexpected error: ") + e.what());
    }
    lock.lock();
  }
}

}  // namespace talent::serve
