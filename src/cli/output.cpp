#include "cli/output.hpp"
#include "cli/cli.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace talent::cli {
namespace {

LocalizedText describe(const std::string& path) {
  if (path.empty()) return LocalizedText{message("cli.output.standard_output", Language::zh), message("cli.output.standard_output", Language::en)};
  return LocalizedText{"「" + display_text(path) + "」", "'" + display_text(path) + "'"};
}

// The system's own words for `error`, in parentheses.
std::string system_words(int error) { return error != 0 ? std::string(" (") + std::strerror(error) + ")" : std::string(); }

OutputError output_error(const char* id, const std::string& path, int error) {
  std::vector<MessageArg> args{detail::arg("target", describe(path)), detail::arg("why", system_words(error))};
  return OutputError{detail::localized(id, args)};
}

}  // namespace

ResultOutput::ResultOutput() = default;

ResultOutput::ResultOutput(const std::string& path) : path_(path) {
  // Beside the target, so that the rename stays within one file system.
  std::string::size_type slash = path.rfind('/');
  std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty()) throw output_error("cli.output.folder", path, 0);
  std::string pattern = folder + "." + name + ".tmp-XXXXXX";
  fd_ = mkstemp(pattern.data());
  if (fd_ < 0) {
    int error = errno;
    throw output_error("cli.output.create", path, error);
  }
  temporary_ = pattern;
  // mkstemp makes the file private; the result gets the usual permissions.
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd_, 0666 & ~mask) != 0) fail("cli.output.permissions", errno);
}

ResultOutput::~ResultOutput() {
  if (!temporary_.empty()) {
    if (fd_ >= 0) close(fd_);
    unlink(temporary_.c_str());
  }
}

void ResultOutput::fail(const char* doing, int error) { throw output_error(doing, path_, error); }

void ResultOutput::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cli.output.write", n < 0 ? errno : EIO);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void ResultOutput::finish() {
  if (finished_) return;
  finished_ = true;
  if (path_.empty()) {
    // Closing reports what a file system only notices then (NFS, quotas).
    // A standard output that was never open has nothing to lose.
    if (close(fd_) != 0 && errno != EBADF && errno != EINTR) fail("cli.output.finish", errno);
    return;
  }
  if (fsync(fd_) != 0 && errno != EINVAL) fail("cli.output.write", errno);
  int closed = close(fd_);
  fd_ = -1;
  if (closed != 0 && errno != EINTR) fail("cli.output.finish", errno);
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) fail("cli.output.rename", errno);
  temporary_.clear();
}

int finish_standard_output(const std::string& command, int status, Language language) {
  errno = 0;
  std::cout.flush();
  int error = errno;
  if (std::cout.good()) return status;
  std::cerr << "talent" << (command.empty() ? "" : " " + display_text(command)) << ": "
            << message("cli.output.stdout_failed", language, {detail::arg("why", system_words(error))}) << "\n";
  return kExitOutput;
}

}  // namespace talent::cli
