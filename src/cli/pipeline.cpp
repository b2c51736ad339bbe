#include "cli/pipeline.hpp"

#include <exception>
#include <string>

namespace talent::cli {

// Record texts cut from the input, and once decided, their results.
struct Pipeline::Chunk {
  std::vector<RecordText> texts;  // [0, count) hold this chunk's records
  std::size_t count = 0;
  std::string file;  // the input they come from
  bool after_output = false;  // records were printed before this chunk's first
  std::string output;
  Summary summary;
  bool done = false;
  std::exception_ptr failure;  // what a worker could not handle (out of memory)

  explicit Chunk(const RuleSet& rules) : summary(rules) {}
};

// Everything one thread needs to decide records, kept from record to record
// so that deciding one allocates as little as it can.
class Pipeline::Decider {
 public:
  Decider(const RuleSet& rules, const DecideOptions& options)
      : rules_(rules), options_(options), parser_(rules, {}, options.unknown_fields),
        writer_(rules, options.language, options.reasons) {}

  // `file`: the input's name, for a rejected record's result.
  void decide(const RecordText& text, std::string_view file, std::string& out, Summary& summary) {
    parser_.parse(text, parsed_);
    if (parsed_.record) {
      try {
        evaluate(rules_, *parsed_.record, options_.as_of, EvaluateOptions{options_.reasons != Reasons::none},
                 decision_);
        if (options_.what_if) {
          // Suggestions cost far more than writing; the tree writer writes them.
          std::vector<ProgramSuggestions> s = suggest(rules_, *parsed_.record, options_.as_of);
          out += options_.json ? to_json(rules_, decision_, options_.language, s, options_.reasons) + "\n"
                               : to_text(rules_, decision_, options_.language, s);
        } else if (options_.csv) {
          append_csv(rules_, decision_, parsed_.number, parsed_.line, options_.language, out);
        } else if (options_.json) {
          writer_.append(decision_, out);
          out += '\n';
        } else {
          out += to_text(rules_, decision_, options_.language);
        }
        summary.add(decision_);
        return;
      } catch (const EvaluationError& e) {
        parsed_.error = to_record_error(rules_, e);
        parsed_.errors.assign(1, *parsed_.error);
      }
    }
    if (options_.csv) {
      append_csv(rules_, parsed_, options_.as_of, options_.language, out);
    } else if (options_.json) {
      // A file's name only when several were read: a record's number is
      // then ambiguous without it.
      writer_.append(parsed_, options_.several_inputs ? file : std::string_view(), out);
      out += '\n';
    } else {
      out += to_text(rules_, parsed_, options_.language, file);
    }
    summary.add_rejected();
  }

 private:
  const RuleSet& rules_;
  const DecideOptions& options_;
  RecordParser parser_;
  DecisionWriter writer_;
  ParsedRecord parsed_;
  Decision decision_;
};

Pipeline::Pipeline(const RuleSet& rules, const DecideOptions& options, ResultOutput& output, Progress& progress)
    : rules_(rules), options_(options), output_(output), progress_(progress), summary_(rules) {
  unsigned threads = options_.threads < 1 ? 1 : options_.threads;
  // Enough chunks that every worker has one while finished ones wait to be
  // written and the next is being cut.
  std::size_t chunks = threads == 1 ? 1 : 2 * static_cast<std::size_t>(threads) + 2;
  for (std::size_t i = 0; i < chunks; ++i) chunks_.push_back(std::make_unique<Chunk>(rules));
  if (threads == 1) {
    own_decider_ = std::make_unique<Decider>(rules_, options_);
    return;
  }
  for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

Pipeline::~Pipeline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void Pipeline::work() {
  Decider decider(rules_, options_);
  for (;;) {
    Chunk* chunk = nullptr;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      chunk = queue_.front();
      queue_.pop_front();
    }
    try {
      decide(*chunk, decider);
    } catch (...) {
      chunk->failure = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      chunk->done = true;
    }
    chunk_done_.notify_all();
  }
}

void Pipeline::decide(Chunk& chunk, Decider& decider) {
  chunk.output.clear();
  for (std::size_t i = 0; i < chunk.count; ++i) {
    // Text for a caseworker: a blank line between records.
    if (!options_.json && !options_.csv && (i > 0 || chunk.after_output)) chunk.output += '\n';
    decider.decide(chunk.texts[i], chunk.file, chunk.output, chunk.summary);
  }
}

void Pipeline::wait_for(Chunk& chunk) {
  std::unique_lock<std::mutex> lock(mutex_);
  chunk_done_.wait(lock, [&chunk] { return chunk.done; });
}

void Pipeline::write(Chunk& chunk) {
  if (chunk.failure) std::rethrow_exception(chunk.failure);
  output_.write(chunk.output);
  summary_.merge(chunk.summary);
  chunk.summary = Summary(rules_);
}

std::size_t Pipeline::run(std::istream& in, const std::string& file) {
  RecordReader reader(rules_, in);
  return run([&reader](RecordText& text) { return reader.next_text(text); }, in.rdbuf(), file);
}

std::size_t Pipeline::run(std::istream& in, SpreadsheetReader& sheet, const std::string& file) {
  return run([&sheet](RecordText& text) { return sheet.next_text(text); }, in.rdbuf(), file);
}

std::size_t Pipeline::run(const std::function<bool(RecordText&)>& next, std::streambuf* source,
                          const std::string& file) {
  std::size_t filled = 0, written = 0;  // chunks, counted through the ring
  std::size_t records = 0;
  bool more = true;
  while (more) {
    Chunk& chunk = *chunks_[filled % chunks_.size()];
    if (filled - written == chunks_.size()) {  // the ring is full: the oldest first
      wait_for(chunk);
      write(chunk);
      ++written;
    }
    // Cut the next records; a text grown huge once is let go rather than kept.
    chunk.count = 0;
    std::size_t bytes = 0;
    while (chunk.count < kChunkRecords && bytes < kChunkBytes) {
      if (chunk.count == chunk.texts.size()) chunk.texts.emplace_back();
      RecordText& text = chunk.texts[chunk.count];
      if (text.text.capacity() > (1u << 16)) std::string().swap(text.text);
      if (!next(text)) {
        more = false;
        break;
      }
      bytes += text.text.size();
      ++chunk.count;
    }
    if (chunk.count == 0) break;
    chunk.after_output = records_ + records > 0;
    chunk.file = file;
    records += chunk.count;
    chunk.done = false;
    chunk.failure = nullptr;
    if (own_decider_) {
      decide(chunk, *own_decider_);
      chunk.done = true;
    } else {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(&chunk);
      }
      work_ready_.notify_one();
    }
    ++filled;
    // Whatever is finished, in order, without waiting.
    while (written < filled) {
      Chunk& oldest = *chunks_[written % chunks_.size()];
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!oldest.done) break;
      }
      write(oldest);
      ++written;
    }
    if (progress_.shown()) {
      std::streamoff position = source ? static_cast<std::streamoff>(source->pubseekoff(0, std::ios::cur, std::ios::in)) : -1;
      progress_.update(records_ + records, position > 0 ? static_cast<std::uint64_t>(position) : 0);
    }
  }
  while (written < filled) {
    Chunk& oldest = *chunks_[written % chunks_.size()];
    wait_for(oldest);
    write(oldest);
    ++written;
  }
  records_ += records;
  return records;
}

}  // namespace talent::cli
