// Record stage: splitting a stream into records without ever holding more
// than one record's worth of text (plus the limit) in memory.
#include "talent/record.hpp"
#include "talent/rule_set.hpp"

#include <exception>
#include <limits>
#include <memory>
#include <streambuf>

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
  JsonScan scan;           // json_objects: the record being read
  std::string read_error;  // set when the stream failed; reported as one last result

  State(const RuleSet& r, std::istream& s, RecordLimits l)
      : owner(r.shared_from_this()), rules(*owner), in(s), limits(l) {}

  static constexpr int kEnd = std::char_traits<char>::eof();

  // The next byte of input, or kEnd.
  int get() {
    last_from_prefix = prefix_pos < prefix.size();
    if (last_from_prefix) return static_cast<unsigned char>(prefix[prefix_pos++]);
    std::streambuf* buf = in.rdbuf();
    if (!buf) return kEnd;
    try {
      return buf->sbumpc();
    } catch (const std::exception& e) {  // e.g. reading a directory
      read_error = e.what();
      return kEnd;
    }
  }

  // Puts back the byte get() just returned.
  void unget(int c) {
    if (last_from_prefix) {
      --prefix_pos;
    } else {
      prefix.erase(0, prefix_pos);
      prefix_pos = 0;
      prefix.insert(prefix.begin(), static_cast<char>(c));
    }
  }

  // Skips to the end of the line. The stream's own ignore() scans its buffer
  // in bulk, which matters for a line of a gigabyte.
  void skip_line() {
    if (prefix_pos == prefix.size() && in.good()) {
      try {
        in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
        return;
      } catch (const std::exception& e) {
        read_error = e.what();
        return;
      }
    }
    for (int c = get(); c != kEnd && c != '\n'; c = get()) {
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
    for (;;) {
      int c = get();
      if (c == kEnd) {
        if (!any) return false;
        break;
      }
      any = true;
      if (json) json->feed(static_cast<char>(c));
      if (c == '\n') break;
      if (line.size() <= limits.max_record_bytes) {
        line.push_back(static_cast<char>(c));
      } else if (!json) {
        skip_line();
        break;
      }
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > limits.max_record_bytes) oversized = true;
    return true;
  }

  void unread(std::string line, bool oversized) {
    pending = std::move(line);
    pending_oversized = oversized;
    have_pending = true;
  }

  static bool blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

  ParsedRecord too_large() {
    ParsedRecord out;
    out.number = number;
    out.error = RecordError{"", ErrorCode::limit,
                            "record is larger than the limit of " + std::to_string(limits.max_record_bytes) +
                                " bytes; it was skipped"};
    return out;
  }

  bool report_read_error(ParsedRecord& out) {
    if (read_error.empty()) return false;
    out = ParsedRecord{};
    out.number = ++number;
    out.error = RecordError{"", ErrorCode::unreadable, "the input could not be read: " + read_error};
    read_error.clear();
    return true;
  }

  bool next(ParsedRecord& out) {
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
    std::string line;
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
    ++number;
    if (mode == Mode::json_lines) {
      out = oversized ? too_large() : parse_record(rules, line, number, limits);
      return true;
    }
    if (mode == Mode::json_objects) return json_object(line, oversized, out);
    return yaml_document(line, oversized, out);
  }

  // Next character of a JSON array's text, or -1 at the end.
  int array_char() {
    int c = get();
    return c == kEnd ? -1 : c;
  }

  // One element of a JSON array: the text up to the next ',' or ']' at the
  // array's own level. The element's size is bounded like any record's.
  bool array_element(ParsedRecord& out) {
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
    ++number;
    std::string text;
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
    out = big ? too_large() : parse_record(rules, text, number, limits);
    return true;
  }

  // After the array's closing ']' only blank space may follow; anything else
  // is reported once, as a rejected result, rather than ignored.
  bool array_trailer(ParsedRecord& out) {
    done = true;
    int c = array_char();
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n') c = array_char();
    if (c == -1) return report_read_error(out);
    while (array_char() != -1) {
    }
    out = ParsedRecord{};
    out.number = ++number;
    out.error = RecordError{"", ErrorCode::syntax, "unexpected text after the closing ']' of the JSON array"};
    return true;
  }

  // Pretty-printed JSON objects, one after another. `scan` has seen the
  // first line; the record ends where its brackets balance, whether or not
  // its text was kept.
  bool json_object(std::string first, bool oversized, ParsedRecord& out) {
    std::string text = std::move(first);
    bool big = oversized;
    std::string line;
    while (!scan.complete()) {
      bool over = false;
      if (!read_line(line, over, &scan)) break;  // truncated: parsing will say so
      if (!line.empty() && line[0] == '{') {
        // A new object at the left margin while this one is still open: this
        // one is broken, and must not swallow the records after it.
        unread(line, over);
        break;
      }
      big = big || over || text.size() + line.size() + 1 > limits.max_record_bytes;
      if (!big) text += "\n" + line;
    }
    out = big ? too_large() : parse_record(rules, text, number, limits);
    return true;
  }

  // YAML: everything up to the next `---` line.
  bool yaml_document(std::string first, bool oversized, ParsedRecord& out) {
    std::string text = std::move(first);
    bool big = oversized;
    std::string line;
    bool over = false;
    while (read_line(line, over)) {
      if (line == "---" || line.rfind("--- ", 0) == 0) {
        unread(line, over);
        break;
      }
      if (line == "...") break;
      big = big || over || text.size() + line.size() + 1 > limits.max_record_bytes;
      if (!big) text += "\n" + line;
    }
    out = big ? too_large() : parse_record(rules, text, number, limits);
    return true;
  }
};

RecordReader::RecordReader(const RuleSet& rules, std::istream& in, RecordLimits limits)
    : state_(std::make_unique<State>(rules, in, limits)) {}
RecordReader::~RecordReader() = default;

bool RecordReader::next(ParsedRecord& out) {
  if (state_->done) return false;
  return state_->next(out);
}

}  // namespace talent
