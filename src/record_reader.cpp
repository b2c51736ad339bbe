// Splitting a stream into records without ever holding more than one
// record's worth of text (plus the limit) in memory.
#include "talent/record.hpp"
#include "talent/rule_set.hpp"

#include <exception>
#include <streambuf>

namespace talent {

struct RecordReader::State {
  enum class Mode { unknown, json_lines, json_objects, json_array, yaml };
  const RuleSet& rules;
  std::istream& in;
  RecordLimits limits;
  Mode mode = Mode::unknown;
  std::size_t number = 0;
  bool started = false;
  bool done = false;
  std::string pending;     // a line read ahead
  std::string array_rest;  // json_array: text read but not yet split
  std::size_t array_pos = 0;
  bool array_closed = false;
  bool have_pending = false;
  bool pending_oversized = false;
  std::string read_error;  // set when the stream failed; reported as one last result

  State(const RuleSet& r, std::istream& s, RecordLimits l) : rules(r), in(s), limits(l) {}

  // Reads one line (without '\n'), keeping at most max_record_bytes + 1 bytes
  // of it; `oversized` says the rest was skipped. False at end of input.
  bool read_line(std::string& line, bool& oversized) {
    if (have_pending) {
      line = std::move(pending);
      oversized = pending_oversized;
      have_pending = false;
      return true;
    }
    line.clear();
    oversized = false;
    std::streambuf* buf = in.rdbuf();
    if (!buf) return false;
    bool any = false;
    for (;;) {
      int c = std::char_traits<char>::eof();
      try {
        c = buf->sbumpc();
      } catch (const std::exception& e) {  // e.g. reading a directory
        read_error = e.what();
      }
      if (c == std::char_traits<char>::eof()) {
        if (!any) return false;
        break;
      }
      any = true;
      if (c == '\n') break;
      if (line.size() <= limits.max_record_bytes) line.push_back(static_cast<char>(c));
      else oversized = true;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!started) {
      started = true;
      if (line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    }
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
    out.error = RecordError{"", "record is larger than the limit of " + std::to_string(limits.max_record_bytes) +
                                    " bytes; it was skipped"};
    return out;
  }

  bool report_read_error(ParsedRecord& out) {
    if (read_error.empty()) return false;
    out = ParsedRecord{};
    out.number = ++number;
    out.error = RecordError{"", "the input could not be read: " + read_error};
    read_error.clear();
    return true;
  }

  bool next(ParsedRecord& out) {
    if (mode == Mode::json_array) return array_element(out);
    std::string line;
    bool oversized = false;
    // Skip blank lines and YAML comments between records.
    for (;;) {
      if (!read_line(line, oversized)) {
        done = true;
        return report_read_error(out);
      }
      std::size_t first = line.find_first_not_of(" \t\r");
      if (first == std::string::npos) continue;
      if (mode != Mode::json_lines && mode != Mode::json_objects && line[first] == '#') continue;
      if (mode == Mode::unknown) {
        if (line[first] == '[') {
          // A JSON array of records: split it element by element.
          mode = Mode::json_array;
          array_rest = line.substr(first + 1) + "\n";
          if (oversized) {
            ++number;
            out = too_large();
            done = true;
            return true;
          }
          return array_element(out);
        }
        mode = line[first] == '{' ? Mode::json_lines : Mode::yaml;
        if (mode == Mode::json_lines && !complete_json(line)) mode = Mode::json_objects;
      }
      if (mode == Mode::yaml && (line == "---" || line.rfind("--- ", 0) == 0 || line == "...")) continue;
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

  // Next character of a JSON array's text, reading on through the lines.
  int array_char() {
    if (array_pos == array_rest.size()) {
      std::string line;
      bool over = false;
      if (!read_line(line, over)) return -1;
      array_rest = std::move(line) + "\n";
      array_pos = 0;
    }
    return static_cast<unsigned char>(array_rest[array_pos++]);
  }

  // One element of a JSON array: the text up to the next ',' or ']' at the
  // array's own level. The element's size is bounded like any record's.
  bool array_element(ParsedRecord& out) {
    int c = array_char();
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') c = array_char();
    if (c == -1 || c == ']') {
      done = true;
      return report_read_error(out);
    }
    ++number;
    std::string text;
    bool big = false, in_string = false, escaped = false;
    int depth = 0;
    for (; c != -1; c = array_char()) {
      if (!in_string && depth == 0 && (c == ',' || c == ']')) {
        if (c == ']') array_closed = true;
        break;
      }
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
      if (text.size() < limits.max_record_bytes) text.push_back(static_cast<char>(c));
      else big = true;
    }
    if (array_closed) done = true;
    out = big ? too_large() : parse_record(rules, text, number, limits);
    return true;
  }

  // Whether `text` holds a complete JSON value (brackets balanced outside strings).
  static bool complete_json(const std::string& text) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
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
    return depth <= 0 && !in_string;
  }

  // Pretty-printed JSON objects, one after another.
  bool json_object(std::string first, bool oversized, ParsedRecord& out) {
    std::string text = std::move(first);
    bool big = oversized;
    std::string line;
    while (!complete_json(text)) {
      bool over = false;
      if (!read_line(line, over)) break;  // truncated: parsing will say so
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
