// Serving stage: the decision log, a JSON Lines file of receipts.
//
// One receipt per record a request decided or rejected, written before the
// answer is sent, so that a client never holds a decision the log lacks:
//
//   {"time":"2025-06-30T08:00:00.123Z","request":"5f3a9c1e-0-17",
//    "ruleset":{"id":"hohhot-talent-25","version":"2024.12.1","digest":"sha256:…"},
//    "as_of":"2025-06-30","lang":"zh","reasons":"full","record":1,
//    "input":"{\"id\":\"A-1\",…}","result":{"id":"A-1","as_of":"2025-06-30",…}}
//
// `input` is the record's text exactly as received, as a JSON string;
// `result` is exactly what the client was sent for it. A request with
// ?what_if=true has "what_if":true after "reasons". `talent replay`
// decides every receipt again (replay.hpp).
#pragma once

#include "serve/decider.hpp"

#include <mutex>
#include <string>
#include <string_view>

namespace talent::serve {

// The start of a receipt, up to `record`: what every record of one request
// shares.
std::string receipt_head(const std::string& time, const std::string& request_id, const Snapshot& snapshot,
                         const DecideOptions& options);
// Appends one receipt line (with its newline) to `out`.
void append_receipt(const std::string& head, std::size_t record, std::string_view input, std::string_view result,
                    std::string& out);

const char* to_string(Reasons reasons);
const char* to_string(Language language);

// The log file, opened for appending (created when missing, mode 0644 less
// the umask). Thread-safe: receipts of one request are written in one go,
// never interleaved with another's.
class DecisionLog {
 public:
  explicit DecisionLog(std::string path);
  ~DecisionLog();
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  // Opens (or opens again, for log rotation) the file; false with `error` set
  // when it cannot be. After a failed reopen the old file stays in use.
  bool open(std::string& error);
  // Writes all of `lines`; false with `error` set when they could not be
  // written in full (a full disk): the request must then not be answered
  // with its decisions.
  bool append(std::string_view lines, std::string& error);
  // Asks the system to put what was written on disk.
  void sync();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex mutex_;
  int fd_ = -1;
  bool dirty_ = false;
};

}  // namespace talent::serve
