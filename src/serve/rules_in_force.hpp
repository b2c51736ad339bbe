// Serving stage: which rule set is in force, and putting a new one in force.
//
// Requests read the snapshot in force with current(), from any thread, and
// keep it for as long as they need it. reload() and poll() load a new pack
// beside the one in force and swap it in only when it loads and its suite
// passes; otherwise the old one keeps serving and status() says why. Both
// are meant for one maintenance thread: a reload is slow (milliseconds to
// seconds) and never runs on a thread that answers requests.
#pragma once

#include "serve/snapshot.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace talent::serve {

// The outcome of the last attempt to load the pack.
struct ReloadStatus {
  std::string time;     // UTC timestamp; "" before the first attempt
  std::string trigger;  // "start", "SIGHUP", "the pack folder changed"
  std::string result;   // "loaded", "unchanged" (the same digest as the rules in force) or "refused"
  std::string reason;   // why it was refused
  std::uint64_t loaded = 0, unchanged = 0, refused = 0;  // attempts so far, by result
};

class RulesInForce {
 public:
  // `dir`: the pack folder, or "" for the built-in pack (which never changes).
  // `log` receives one line per attempt.
  RulesInForce(std::string dir, std::function<void(const std::string&)> log);

  // The snapshot in force; null while none is (the pack has not loaded yet).
  std::shared_ptr<const Snapshot> current() const;
  ReloadStatus status() const;
  const std::string& folder() const { return dir_; }

  // Loads the pack now and puts it in force if it passes.
  void reload(const std::string& trigger);
  // Looks at the pack folder's files (names, sizes, times, inodes) and
  // reloads when they have changed since the last attempt and then stayed
  // the same for one more call: a pack being copied in is loaded once it is
  // complete. Call it about twice a second.
  void poll();

 private:
  std::string dir_;
  std::function<void(const std::string&)> log_;
  std::shared_ptr<const Snapshot> snapshot_;  // read and written with std::atomic_load/store
  mutable std::mutex status_mutex_;
  ReloadStatus status_;
  std::string attempted_;  // the folder's fingerprint when it was last loaded
  std::string polled_;     // its fingerprint at the last poll
};

}  // namespace talent::serve
