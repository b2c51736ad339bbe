// Command stage: a progress line for a long batch — records so far, records
// per second and, for a file of known size, how far through it and the time
// left — redrawn in place on standard error at most a few times a second.
// Only ever shown on a terminal; otherwise every call does nothing.
#pragma once

#include "talent/rule_set.hpp"

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace talent::cli {

class Progress {
 public:
  // `shown`: whether to draw at all (standard error is a terminal).
  Progress(bool shown, Language language, std::ostream& err);

  bool shown() const { return shown_; }
  // A new input of `size` bytes (0: unknown, as for standard input).
  void start_input(std::uint64_t size);
  // `records` decided in all so far; `position` bytes into the current input.
  void update(std::uint64_t records, std::uint64_t position);
  // Clears the line, before anything else is printed on standard error.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  bool shown_;
  Language language_;
  std::ostream& err_;
  Clock::time_point start_;
  Clock::time_point last_;
  Clock::time_point input_start_;
  std::uint64_t size_ = 0;
  bool drawn_ = false;       // a line is on the terminal now
  bool drawn_once_ = false;
};

}  // namespace talent::cli
