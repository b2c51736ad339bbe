// Base stage: reading a file the tool was pointed at, safely. Every file a
// pack, a suite or a record file names goes through read_text_file: it must
// be a regular file (not a device, a FIFO or a folder), no larger than a
// limit, and — when a folder is given — inside that folder once symbolic
// links are resolved. Errors come back as text; nothing throws.
#pragma once

#include "talent/error_code.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace talent::detail {

struct FileText {
  std::string text;     // the file's bytes, when read
  std::string problem;  // why it was not read; empty when it was
  ErrorCode code = ErrorCode::unreadable;  // ErrorCode::limit when it is too large
  std::uintmax_t size = 0;                  // its size, when known
  bool ok() const { return problem.empty(); }
};

// Reads the file at `path`, at most `limit` bytes. With `inside` given, the
// file (its symbolic links resolved) must lie within that folder (its
// symbolic links resolved too).
FileText read_text_file(const std::filesystem::path& path, std::uintmax_t limit,
                        const std::filesystem::path& inside = {});

}  // namespace talent::detail
