#include "cli/progress.hpp"

#include <cstdio>
#include <ostream>

namespace talent::cli {

Progress::Progress(bool shown, Language language, std::ostream& err)
    : shown_(shown), language_(language), err_(err), start_(Clock::now()), last_(start_), input_start_(start_) {}

void Progress::start_input(std::uint64_t size) {
  size_ = size;
  input_start_ = Clock::now();
}

void Progress::update(std::uint64_t records, std::uint64_t position) {
  if (!shown_) return;
  Clock::time_point now = Clock::now();
  // The first time at once, then at most four times a second.
  if (drawn_once_ && now - last_ < std::chrono::milliseconds(250)) return;
  drawn_once_ = true;
  last_ = now;
  // Durations and rates of work, never amounts: double is fine here.
  double seconds = std::chrono::duration<double>(now - start_).count();
  unsigned long long per_second = seconds > 0 ? static_cast<unsigned long long>(static_cast<double>(records) / seconds) : 0;
  bool zh = language_ == Language::zh;
  char line[160];
  int n = std::snprintf(line, sizeof line, zh ? "\r已处理 %llu 条，每秒 %llu 条" : "\r%llu records, %llu records/s",
                        static_cast<unsigned long long>(records), per_second);
  if (size_ > 0 && position > 0 && position <= size_ && n > 0 && n < static_cast<int>(sizeof line)) {
    double done = static_cast<double>(position) / static_cast<double>(size_);
    // The time left at the pace of the current input so far.
    double in_input = std::chrono::duration<double>(now - input_start_).count();
    long left = static_cast<long>(in_input * (1 - done) / (done > 0 ? done : 1));
    std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n),
                  zh ? "，%d%%，约剩 %ld:%02ld" : ", %d%%, about %ld:%02ld left", static_cast<int>(done * 100),
                  left / 60, left % 60);
  }
  err_ << line << "\x1b[K" << std::flush;
  drawn_ = true;
}

void Progress::clear() {
  if (!drawn_) return;
  err_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

}  // namespace talent::cli
