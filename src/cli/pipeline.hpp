// Command stage: deciding the records of `check` and `batch` in chunks.
//
// The calling thread cuts the input into chunks of record texts (at most
// kChunkRecords records or about kChunkBytes of text each) and writes the
// finished chunks' results in input order; worker threads parse, decide and
// render whole chunks. At most a fixed number of chunks are in flight, so
// memory stays bounded whatever the size of the input, and every record
// gives exactly one result in its place. With one thread the calling thread
// does it all, chunk after chunk; the bytes written are the same for any
// number of threads.
#pragma once

#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "talent/talent.hpp"
#include "talent/spreadsheet.hpp"
#include "talent/summary.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <istream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace talent::cli {

struct DecideOptions {
  Date as_of;
  Language language = Language::zh;
  Reasons reasons = Reasons::full;
  bool json = true;      // JSON Lines; otherwise text for a caseworker (or csv)
  bool csv = false;      // a spreadsheet row per record
  UnknownFields unknown_fields = UnknownFields::schema;
  bool what_if = false;  // suggestions for the programs not granted
  unsigned threads = 1;  // worker threads; 1: all on the calling thread
  bool several_inputs = false;  // more than one FILE: rejected records name theirs in JSON
};

class Pipeline {
 public:
  static constexpr std::size_t kChunkRecords = 256;
  static constexpr std::size_t kChunkBytes = 1 << 18;

  Pipeline(const RuleSet& rules, const DecideOptions& options, ResultOutput& output, Progress& progress);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Decides every record of `in`, the input named `file` ("-" for standard
  // input), and writes the results; returns how many records it held.
  // Throws OutputError when the results cannot be written.
  std::size_t run(std::istream& in, const std::string& file);
  // The same for the rows of a spreadsheet.
  std::size_t run(std::istream& in, SpreadsheetReader& sheet, const std::string& file);
  const Summary& summary() const { return summary_; }

 private:
  struct Chunk;
  class Decider;

  // Cuts the records `next` gives into chunks and decides them.
  std::size_t run(const std::function<bool(RecordText&)>& next, std::streambuf* source, const std::string& file);
  void work();
  void decide(Chunk& chunk, Decider& decider);
  void write(Chunk& chunk);
  void wait_for(Chunk& chunk);

  const RuleSet& rules_;
  DecideOptions options_;
  ResultOutput& output_;
  Progress& progress_;
  Summary summary_;
  std::uint64_t records_ = 0;  // in all inputs so far
  std::vector<std::unique_ptr<Chunk>> chunks_;
  std::unique_ptr<Decider> own_decider_;  // with one thread

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable chunk_done_;
  std::deque<Chunk*> queue_;  // filled chunks waiting for a worker, oldest first
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace talent::cli
