// Record stage: splitting a stream into records without ever holding more
// than one record's worth of text (plus the limit) in memory. The stream is
// read a block at a time into the reader's own buffer, so that finding the
// end of a line is a memchr, not a call per byte.
#include "talent/record.hpp"
#include "talent/rule_set.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <streambuf>
#include <vector>

namespace talent {
namespace {

// Where JSON text stands after the bytes fed so far: bracket depth and
// whether inside a string. Fed every byte, stored or skipped, so that the end
// of a record is found even when the record is too large to keep.
struct JsonScan {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;

  void feed(char c) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  void feed(const std::string& text) {
    for (char c : text) feed(c);
  }
  bool complete() const { return depth <= 0 && !in_string; }
};

}  // namespace

struct RecordReader::State {
  enum class Mode { unknown, json_lines, json_objects, json_array, yaml };
  std::shared_ptr<const RuleSet> owner;  // keeps `rules` alive as long as the reader
  const RuleSet& rules;
  std::istream& in;
  RecordLimits limits;
  Mode mode = Mode::unknown;
  std::size_t number = 0;
  bool started = false;
  bool done = false;
  std::string pending;     // a line read ahead
  bool array_closed = false;
  bool have_pending = false;
  bool pending_oversized = false;
  std::string prefix;      // bytes looked at before the first line, read again first
  std::size_t prefix_pos = 0;
  bool last_from_prefix = false;
  std::vector<char> block;  // input read ahead: [block_pos, block_end) not used yet
  std::size_t block_pos = 0;
  std::size_t block_end = 0;
  bool input_ended = false;
  JsonScan scan;           // json_objects: the record being read
  std::string line;        // a line after a record's first
  std::string read_error;  // set when the stream failed; reported as one last result
  RecordText text;         // next(): the record being parsed
  RecordParser parser;

  State(const RuleSet& r, std::istream& s, RecordLimits l)
      : owner(r.shared_from_this()), rules(*owner), in(s), limits(l), block(1 << 16), parser(r, l) {}

  static constexpr int kEnd = std::char_traits<char>::eof();

  // Reads more input into the block: waits for one byte, then takes what
  // the stream already holds, so that a pipe or a terminal is answered line
  // by line rather than a block at a time. False at the end of input.
  bool refill() {
    std::streambuf* buf = in.rdbuf();
    if (input_ended || !buf) return false;
    try {
      int c = buf->sbumpc();
      if (c == kEnd) {
        input_ended = true;
        return false;
      }
      block[0] = static_cast<char>(c);
      std::streamsize more = std::min<std::streamsize>(buf->in_avail(), static_cast<std::streamsize>(block.size() - 1));
      block_pos = 0;
      block_end = 1 + static_cast<std::size_t>(more > 0 ? buf->sgetn(block.data() + 1, more) : 0);
      return true;
    } catch (const std::exception& e) {  // e.g. reading a directory
      read_error = e.what();
      input_ended = true;
      return false;
    }
  }

  // The next byte of input, or kEnd.
  int get() {
    last_from_prefix = prefix_pos < prefix.size();
    if (last_from_prefix) return static_cast<unsigned char>(prefix[prefix_pos++]);
    if (block_pos == block_end && !refill()) return kEnd;
    return static_cast<unsigned char>(block[block_pos++]);
  }

  // Puts back the byte get() just returned.
  void unget(int) {
    if (last_from_prefix) --prefix_pos;
    else --block_pos;
  }

  // The bytes of the current line in the block, up to its '\n' or the
  // block's end; `newline` says whether the line ends there. Only once the
  // bytes read ahead at the start are used up.
  std::string_view line_piece(bool& newline) {
    const char* from = block.data() + block_pos;
    const void* nl = std::memchr(from, '\n', block_end - block_pos);
    newline = nl != nullptr;
    std::size_t n = newline ? static_cast<std::size_t>(static_cast<const char*>(nl) - from) : block_end - block_pos;
    block_pos += n + (newline ? 1 : 0);
    return std::string_view(from, n);
  }

  // Skips to the end of the line, a block at a time: a line may be a gigabyte.
  void skip_line() {
    while (prefix_pos < prefix.size()) {
      if (prefix[prefix_pos++] == '\n') return;
    }
    for (;;) {
      if (block_pos == block_end && !refill()) return;
      bool newline = false;
      line_piece(newline);
      if (newline) return;
    }
  }

  // Drops a byte order mark and blank space before the first record and
  // returns the first byte that matters (consumed), or kEnd.
  int first_byte() {
    started = true;
    int c = get();
    if (c == 0xEF) {
      int c2 = get(), c3 = get();
      if (c2 != 0xBB || c3 != 0xBF) {
        for (int b : {c, c2, c3}) {
          if (b != kEnd) prefix.push_back(static_cast<char>(b));
        }
      }
      c = get();
    }
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n') c = get();
    return c;
  }

  // Reads one line (without '\n'), keeping at most max_record_bytes + 1 bytes
  // of it; `oversized` says it was longer than max_record_bytes, the rest
  // skipped. When `json` is given, every byte of the line goes through it,
  // skipped ones included. False at end of input.
  bool read_line(std::string& line, bool& oversized, JsonScan* json = nullptr) {
    if (have_pending) {
      line = std::move(pending);
      oversized = pending_oversized;
      have_pending = false;
      if (json) {
        json->feed(line);
        json->feed('\n');
      }
      return true;
    }
    line.clear();
    oversized = false;
    bool any = false;
    if (json || prefix_pos < prefix.size()) {
      any = read_line_bytes(line, json);
    } else {
      // Whole pieces of the block at a time: the same bytes kept, the same
      // rest skipped as byte by byte.
      for (;;) {
        if (block_pos == block_end && !refill()) break;
        any = true;
        bool newline = false;
        std::string_view piece = line_piece(newline);
        std::size_t room = limits.max_record_bytes + 1 - line.size();
        line.append(piece.data(), std::min(room, piece.size()));
        if (piece.size() > room) {
          if (!newline) skip_line();
          break;
        }
        if (newline) break;
      }
    }
    if (!any) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > limits.max_record_bytes) oversized = true;
    return true;
  }

  // read_line byte by byte, while bytes read ahead are pending or when each
  // byte must go through `json`. False when there was no byte at all.
  bool read_line_bytes(std::string& line, JsonScan* json) {
    bool any = false;
    for (;;) {
      int c = get();
      if (c == kEnd) return any;
      any = true;
      if (json) json->feed(static_cast<char>(c));
      if (c == '\n') return true;
      if (line.size() <= limits.max_record_bytes) {
        line.push_back(static_cast<char>(c));
      } else if (!json) {
        skip_line();
        return true;
      }
    }
  }

  void unread(std::string line, bool oversized) {
    pending = std::move(line);
    pending_oversized = oversized;
    have_pending = true;
  }

  // In place of a record too large to keep: its result.
  void too_large(RecordText& out) {
    out.text.clear();
    out.error = RecordError{"", ErrorCode::limit,
                            "record is larger than the limit of " + std::to_string(limits.max_record_bytes) +
                                " bytes; it was skipped"};
  }

  bool report_read_error(RecordText& out) {
    if (read_error.empty()) return false;
    out.text.clear();
    out.number = ++number;
    out.error = RecordError{"", ErrorCode::unreadable, "the input could not be read: " + read_error};
    read_error.clear();
    return true;
  }

  bool next(RecordText& out) {
    out.error.reset();
    if (!started) {
      int c = first_byte();
      if (c == '[') {
        // A JSON array of records: split it element by element, straight
        // from the stream, however long its lines are.
        mode = Mode::json_array;
      } else if (c != kEnd) {
        unget(c);
      }
    }
    if (mode == Mode::json_array) return array_element(out);
    std::string& line = out.text;
    bool oversized = false;
    // Skip blank lines and YAML comments between records.
    for (;;) {
      if (mode == Mode::json_objects) scan = JsonScan{};
      if (!read_line(line, oversized, mode == Mode::json_objects ? &scan : nullptr)) {
        done = true;
        return report_read_error(out);
      }
      std::size_t first = line.find_first_not_of(" \t\r");
      if (first == std::string::npos) continue;
      if (mode != Mode::json_lines && mode != Mode::json_objects && line[first] == '#') continue;
      if (mode == Mode::unknown) {
        mode = line[first] == '{' ? Mode::json_lines : Mode::yaml;
        // An object left open on its first line is pretty-printed JSON; a
        // first line too long to keep is taken as one line of JSON Lines.
        if (mode == Mode::json_lines && !oversized) {
          scan.feed(line);
          if (!scan.complete()) mode = Mode::json_objects;
        }
      }
      if (mode == Mode::yaml) {
        if (line == "---" || line == "..." || line[0] == '%') continue;  // separators, directives (%YAML 1.2)
        if (line.rfind("--- ", 0) == 0) {
          // `--- {id: A-1}`: the document starts on the separator's line.
          std::size_t content = line.find_first_not_of(" \t", 4);
          if (content == std::string::npos || line[content] == '#') continue;
          line.erase(0, content);
        }
      }
      break;
    }
    out.number = ++number;
    if (mode == Mode::json_lines) {
      if (oversized) too_large(out);
      return true;
    }
    if (mode == Mode::json_objects) return json_object(out, oversized);
    return yaml_document(out, oversized);
  }

  // Next character of a JSON array's text, or -1 at the end.
  int array_char() {
    int c = get();
    return c == kEnd ? -1 : c;
  }

  // One element of a JSON array: the text up to the next ',' or ']' at the
  // array's own level. The element's size is bounded like any record's.
  bool array_element(RecordText& out) {
    if (array_closed) return array_trailer(out);
    int c = array_char();
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') c = array_char();
    if (c == ']') {
      array_closed = true;
      return array_trailer(out);
    }
    if (c == -1) {
      done = true;
      return report_read_error(out);
    }
    out.number = ++number;
    std::string& text = out.text;
    text.clear();
    bool big = false;
    JsonScan element;
    for (; c != -1; c = array_char()) {
      if (!element.in_string && element.depth == 0 && (c == ',' || c == ']')) {
        if (c == ']') array_closed = true;
        break;
      }
      element.feed(static_cast<char>(c));
      if (text.size() < limits.max_record_bytes) text.push_back(static_cast<char>(c));
      else big = true;
    }
    if (big) too_large(out);
    return true;
  }

  // After the array's closing ']' only blank space may follow; anything else
  // is reported once, as a rejected result, rather than ignored.
  bool array_trailer(RecordText& out) {
    done = true;
    int c = array_char();
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n') c = array_char();
    if (c == -1) return report_read_error(out);
    while (array_char() != -1) {
    }
    out.text.clear();
    out.number = ++number;
    out.error = RecordError{"", ErrorCode::syntax, "unexpected text after the closing ']' of the JSON array"};
    return true;
  }

  // Pretty-printed JSON objects, one after another. `scan` has seen the
  // first line, which `out` holds; the record ends where its brackets
  // balance, whether or not its text was kept.
  bool json_object(RecordText& out, bool oversized) {
    std::string& text = out.text;
    bool big = oversized;
    while (!scan.complete()) {
      bool over = false;
      if (!read_line(line, over, &scan)) break;  // truncated: parsing will say so
      if (!line.empty() && line[0] == '{') {
        // A new object at the left margin while this one is still open: this
        // one is broken, and must not swallow the records after it.
        unread(std::move(line), over);
        break;
      }
      big = big || over || text.size() + line.size() + 1 > limits.max_record_bytes;
      if (!big) (text += '\n') += line;
    }
    if (big) too_large(out);
    return true;
  }

  // YAML: everything up to the next `---` line; `out` holds the first line.
  bool yaml_document(RecordText& out, bool oversized) {
    std::string& text = out.text;
    bool big = oversized;
    bool over = false;
    while (read_line(line, over)) {
      if (line == "---" || line.rfind("--- ", 0) == 0) {
        unread(std::move(line), over);
        break;
      }
      if (line == "...") break;
      big = big || over || text.size() + line.size() + 1 > limits.max_record_bytes;
      if (!big) (text += '\n') += line;
    }
    if (big) too_large(out);
    return true;
  }
};

RecordReader::RecordReader(const RuleSet& rules, std::istream& in, RecordLimits limits)
    : state_(std::make_unique<State>(rules, in, limits)) {}
RecordReader::~RecordReader() = default;

bool RecordReader::next_text(RecordText& out) {
  if (state_->done) return false;
  return state_->next(out);
}

bool RecordReader::next(ParsedRecord& out) {
  if (!next_text(state_->text)) return false;
  state_->parser.parse(state_->text, out);
  return true;
}

}  // namespace talent
