// Serving stage: the service's slow chores, on a thread of their own so
// that no thread answering requests waits for them: watching the pack
// folder and reloading it (twice a second), reloading and reopening the
// decision log on SIGHUP, and syncing the decision log to disk (every
// second).
#pragma once

#include "serve/decision_log.hpp"
#include "serve/rules_in_force.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace talent::serve {

class Housekeeper {
 public:
  Housekeeper(RulesInForce& rules, DecisionLog* log, std::function<void(const std::string&)> say);
  // Stops the thread and syncs the decision log.
  ~Housekeeper();
  Housekeeper(const Housekeeper&) = delete;
  Housekeeper& operator=(const Housekeeper&) = delete;

  // SIGHUP: reload the pack and reopen the decision log, soon, on the
  // housekeeping thread. Thread-safe.
  void hang_up();

 private:
  void run();

  RulesInForce& rules_;
  DecisionLog* log_;
  std::function<void(const std::string&)> say_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool hung_up_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace talent::serve
