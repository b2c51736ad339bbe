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

std::string describe(const std::string& path) { return path.empty() ? "standard output" : "'" + path + "'"; }

}  // namespace

ResultOutput::ResultOutput() = default;

ResultOutput::ResultOutput(const std::string& path) : path_(path) {
  // Beside the target, so that the rename stays within one file system.
  std::string::size_type slash = path.rfind('/');
  std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty()) throw OutputError{"cannot write to " + describe(path) + ": it names a folder, not a file"};
  std::string pattern = folder + "." + name + ".tmp-XXXXXX";
  fd_ = mkstemp(pattern.data());
  if (fd_ < 0) {
    int error = errno;
    throw OutputError{"cannot create a file in the folder of " + describe(path) + ": " + std::strerror(error)};
  }
  temporary_ = pattern;
  // mkstemp makes the file private; the result gets the usual permissions.
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd_, 0666 & ~mask) != 0) fail("set the permissions of", errno);
}

ResultOutput::~ResultOutput() {
  if (!temporary_.empty()) {
    if (fd_ >= 0) close(fd_);
    unlink(temporary_.c_str());
  }
}

void ResultOutput::fail(const char* doing, int error) {
  throw OutputError{std::string("cannot ") + doing + " " + describe(path_) + ": " + std::strerror(error)};
}

void ResultOutput::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write to", n < 0 ? errno : EIO);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void ResultOutput::finish() {
  if (finished_) return;
  finished_ = true;
  if (path_.empty()) {
    // Closing reports what a file system only notices then (NFS, quotas).
    // A standard output that was never open has nothing to lose.
    if (close(fd_) != 0 && errno != EBADF && errno != EINTR) fail("finish writing to", errno);
    return;
  }
  if (fsync(fd_) != 0 && errno != EINVAL) fail("write to", errno);
  int closed = close(fd_);
  fd_ = -1;
  if (closed != 0 && errno != EINTR) fail("finish writing to", errno);
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) fail("put the results in place as", errno);
  temporary_.clear();
}

int finish_standard_output(const std::string& command, int status) {
  errno = 0;
  std::cout.flush();
  int error = errno;
  if (std::cout.good()) return status;
  std::cerr << "talent" << (command.empty() ? "" : " " + command) << ": cannot write to standard output"
            << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << "; the output is incomplete\n";
  return kExitOutput;
}

}  // namespace talent::cli
