#include "serve/rules_in_force.hpp"

#include "serve/service_text.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace talent::serve {
namespace {

constexpr std::size_t kMaxWatchedEntries = 10000;

void add_stat(const std::string& path, const std::string& name, std::vector<std::string>& entries) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    entries.push_back(name + " ?");
    return;
  }
  entries.push_back(name + " " + std::to_string(st.st_ino) + " " + std::to_string(st.st_size) + " " +
                    std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec));
}

// What the folder's files look like: a file written, replaced, added or
// removed, or the folder itself replaced (a link to it moved), changes it.
std::string fingerprint(const std::string& dir) {
  std::vector<std::string> entries;
  add_stat(dir, ".", entries);
  std::error_code ec;
  fs::recursive_directory_iterator entry(dir, fs::directory_options::follow_directory_symlink, ec), end;
  for (; !ec && entry != end && entries.size() < kMaxWatchedEntries; entry.increment(ec)) {
    if (entry.depth() > 4) entry.disable_recursion_pending();
    add_stat(entry->path().string(), entry->path().lexically_relative(dir).generic_string(), entries);
  }
  if (ec) entries.push_back("error " + ec.message());
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (const std::string& e : entries) out += e + "\n";
  return out;
}

std::string describe(const Snapshot& s) {
  return s.rules->id() + " " + s.rules->version() + " " + s.rules->digest();
}

}  // namespace

RulesInForce::RulesInForce(std::string dir, std::function<void(const std::string&)> log)
    : dir_(std::move(dir)), log_(std::move(log)) {}

std::shared_ptr<const Snapshot> RulesInForce::current() const { return std::atomic_load(&snapshot_); }

ReloadStatus RulesInForce::status() const {
  std::lock_guard<std::mutex> lock(status_mutex_);
  return status_;
}

void RulesInForce::reload(const std::string& trigger) {
  std::shared_ptr<const Snapshot> old = current();
  if (dir_.empty() && old) {
    log_("rules: the built-in pack is in force and cannot change; nothing to reload (" + trigger + ")");
    return;
  }
  std::string before = dir_.empty() ? "" : fingerprint(dir_);
  LoadAttempt attempt = load_snapshot(dir_);
  std::string result;
  if (!attempt.snapshot) {
    result = "refused";
    log_("rules: " + trigger + ": the pack in " + dir_ + " was refused; " +
         (old ? "still serving " + describe(*old) : std::string("no rules in force, answering 503")) + ": " +
         attempt.refusal);
  } else if (old && old->rules->digest() == attempt.snapshot->rules->digest()) {
    result = "unchanged";
    log_("rules: " + trigger + ": " + dir_ + " holds the rules in force (" + describe(*old) + "); nothing to swap");
  } else {
    result = "loaded";
    std::atomic_store(&snapshot_, attempt.snapshot);
    std::string suite = attempt.snapshot->suite_cases > 0
                            ? ", its suite passed (" + std::to_string(attempt.snapshot->suite_cases) + " cases)"
                            : ", no suite";
    log_("rules: " + trigger + ": now serving " + describe(*attempt.snapshot) + " from " + attempt.snapshot->source +
         suite + (old ? "; replaced " + describe(*old) : std::string()));
  }
  attempted_ = before;
  polled_ = before;
  std::lock_guard<std::mutex> lock(status_mutex_);
  status_.time = utc_timestamp();
  status_.trigger = trigger;
  status_.result = result;
  status_.reason = attempt.snapshot ? "" : attempt.refusal;
  ++(result == "loaded" ? status_.loaded : result == "unchanged" ? status_.unchanged : status_.refused);
}

void RulesInForce::poll() {
  if (dir_.empty()) return;
  std::string now = fingerprint(dir_);
  bool settled = now == polled_;
  polled_ = now;
  if (settled && now != attempted_) reload("the pack folder changed");
}

}  // namespace talent::serve
