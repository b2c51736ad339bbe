#include "base/file_read.hpp"

#include <fstream>
#include <system_error>

namespace talent::detail {
namespace {

// Whether `path` is `folder` or lies under it (both already canonical).
bool within(const std::filesystem::path& path, const std::filesystem::path& folder) {
  auto p = path.begin();
  for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
    if (f->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *f) return false;
  }
  return true;
}

FileText refused(std::string problem, ErrorCode code = ErrorCode::unreadable) {
  FileText out;
  out.problem = std::move(problem);
  out.code = code;
  return out;
}

}  // namespace

FileText read_text_file(const std::filesystem::path& path, std::uintmax_t limit, const std::filesystem::path& inside) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // Resolving the links finds a loop of them (ELOOP) and a link to nowhere.
  fs::path real = fs::canonical(path, ec);
  if (ec) return refused("cannot open it: " + ec.message());
  if (!inside.empty()) {
    fs::path folder = fs::canonical(inside, ec);
    if (ec) return refused("cannot open its folder '" + inside.string() + "': " + ec.message());
    if (!within(real, folder)) {
      return refused("it lies outside the folder '" + inside.string() + "' (it is '" + real.string() +
                     "'); only files inside it are read");
    }
  }
  fs::file_status status = fs::status(real, ec);
  if (ec) return refused("cannot open it: " + ec.message());
  if (!fs::is_regular_file(status)) {
    return refused(fs::is_directory(status) ? "it is a folder, not a file"
                                            : "it is not a regular file (a device, a FIFO or a socket); only files are read");
  }
  std::uintmax_t size = fs::file_size(real, ec);
  if (ec) return refused("cannot open it: " + ec.message());
  if (size > limit) {
    FileText out = refused("it is " + std::to_string(size) + " bytes; at most " + std::to_string(limit) + " are read",
                           ErrorCode::limit);
    out.size = size;
    return out;
  }
  std::ifstream in(real, std::ios::binary);
  if (!in) return refused("cannot open it");
  // Bounded even if the file grows while it is read.
  FileText out;
  out.text.resize(static_cast<std::size_t>(size) + 1);
  in.read(out.text.data(), static_cast<std::streamsize>(out.text.size()));
  if (in.bad()) return refused("cannot read it");
  out.text.resize(static_cast<std::size_t>(in.gcount()));
  if (out.text.size() > size) return refused("it grew while it was read");
  return out;
}

}  // namespace talent::detail
