// Command stage: where results go — standard output, or a file that appears
// only once it is complete — with every write checked. A full disk, a closed
// standard output or a broken pipe is an OutputError, never a silent loss.
#pragma once

#include "talent/messages.hpp"

#include <ostream>
#include <string>
#include <string_view>

namespace talent::cli {

struct OutputError {
  LocalizedText message;  // "cannot write to standard output (No space left on device)"
};

class ResultOutput {
 public:
  // Standard output.
  ResultOutput();
  // `path`: written to a temporary file in the same folder, renamed to
  // `path` by finish() and only then. Throws OutputError when the temporary
  // file cannot be made.
  explicit ResultOutput(const std::string& path);
  // Removes the temporary file of an output that was not finished.
  ~ResultOutput();
  ResultOutput(const ResultOutput&) = delete;
  ResultOutput& operator=(const ResultOutput&) = delete;

  // Writes all of `bytes`, or throws OutputError.
  void write(std::string_view bytes);
  // Makes the output complete: closes standard output (and reports what
  // closing it reports), or syncs, closes and renames the file into place.
  // Throws OutputError.
  void finish();

 private:
  [[noreturn]] void fail(const char* doing, int error);

  int fd_ = 1;
  std::string path_;       // "" for standard output
  std::string temporary_;  // the file being written, until renamed
  bool finished_ = false;
};

// What every command that writes through std::cout ends with: flushes it
// and returns `status`, or, when what was written could not all be
// delivered (a full disk, a closed standard output, a broken pipe), says so
// on standard error and returns kExitOutput.
int finish_standard_output(const std::string& command, int status, Language language);

}  // namespace talent::cli
