// Record stage: splitting a stream into records without ever holding more
// than one record's worth of text (plus the limit) in memory. The stream is
// read a block at a time into the reader's own buffer; where a JSON record
// ends is found from its structure (record_text_scan.hpp), a YAML
// document's from its separator lines.
#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "record/field_reader.hpp"
#include "record/record_text_scan.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <streambuf>
#include <vector>

namespace talent {

using detail::ascii_excerpt, detail::is_blank, detail::kNestedStops, detail::kStringStops, detail::kTopStops;
using detail::string_stop, detail::whole_json_line, detail::yaml_separator, detail::arg, detail::record_error;

struct RecordReader::State {
  enum class Mode { unknown, json, yaml };
  std::shared_ptr<const RuleSet> owner;  // keeps `rules` alive as long as the reader
  const RuleSet& rules;
  std::istream& in;
  RecordLimits limits;
  Mode mode = Mode::unknown;
  std::size_t number = 0;
  bool started = false;
  bool done = false;
  std::string pending;     // a YAML line read ahead
  bool have_pending = false;
  bool pending_oversized = false;
  std::size_t pending_line = 0;
  std::size_t line_read = 0;  // the number of the line read_line read last
  std::vector<char> block;  // input read ahead: [block_pos, block_end) not used yet
  std::size_t block_pos = 0;
  std::size_t block_end = 0;
  std::size_t lines = 0;    // line breaks in the input before block[counted]
  std::size_t counted = 0;
  bool input_ended = false;
  bool cr_lines = false;   // lines end in CR alone (classic Mac): read as LF
  bool in_array = false;   // JSON: inside a top-level array of records
  std::string line;        // YAML: a line after a document's first
  // Set when the stream failed or the input is not text to read at all;
  // reported as one last result.
  std::optional<RecordError> refusal;
  RecordText text;         // next(): the record being parsed
  RecordParser parser;

  State(const RuleSet& r, std::istream& s, RecordLimits l)
      : owner(r.shared_from_this()), rules(*owner), in(s), limits(l), block(1 << 16), parser(r, l) {}

  static constexpr int kEnd = std::char_traits<char>::eof();

  // Reads more input into the block, keeping the `keep` bytes before
  // block_end that are not used yet: waits for one byte, then takes what the
  // stream already holds, so that a pipe or a terminal is answered line by
  // line rather than a block at a time. False at the end of input.
  bool refill(std::size_t keep = 0) {
    std::streambuf* buf = in.rdbuf();
    if (input_ended || !buf) return false;
    lines += detail::count_line_breaks(block.data() + std::min(counted, block_end - keep), block.data() + block_end - keep);
    counted = 0;
    std::memmove(block.data(), block.data() + block_end - keep, keep);
    block_pos = 0;
    block_end = keep;
    try {
      int c = buf->sbumpc();
      if (c == kEnd) {
        input_ended = true;
        return false;
      }
      block[block_end++] = static_cast<char>(c);
      std::streamsize room = static_cast<std::streamsize>(block.size() - block_end);
      std::streamsize more = std::min<std::streamsize>(buf->in_avail(), room);
      if (more > 0) block_end += static_cast<std::size_t>(buf->sgetn(block.data() + block_end, more));
    } catch (const std::exception& e) {  // e.g. reading a directory
      if (!refusal) refusal = record_error(ErrorCode::unreadable, "reader.read_failed", {arg("detail", e.what())});
      input_ended = true;
      return false;
    }
    if (cr_lines) std::replace(block.begin() + static_cast<std::ptrdiff_t>(keep), block.begin() + static_cast<std::ptrdiff_t>(block_end), '\r', '\n');
    return true;
  }

  // The number of the line block_pos is on, from 1.
  std::size_t line_here() {
    std::size_t to = std::max(counted, block_pos);
    lines += detail::count_line_breaks(block.data() + counted, block.data() + to);
    counted = to;
    return lines + 1;
  }

  // The next byte of input, consumed, or kEnd.
  int get() {
    if (block_pos == block_end && !refill()) return kEnd;
    return static_cast<unsigned char>(block[block_pos++]);
  }

  // The bytes of the current line in the block, up to its '\n' or the
  // block's end; `newline` says whether the line ends there.
  std::string_view line_piece(bool& newline) {
    const char* from = block.data() + block_pos;
    const void* nl = std::memchr(from, '\n', block_end - block_pos);
    newline = nl != nullptr;
    std::size_t n = newline ? static_cast<std::size_t>(static_cast<const char*>(nl) - from) : block_end - block_pos;
    block_pos += n + (newline ? 1 : 0);
    return std::string_view(from, n);
  }

  // Skips to the end of the line, a block at a time: a line may be a
  // gigabyte. Stops at a NUL byte: no text holds one.
  void skip_line() {
    for (;;) {
      if (refusal || (block_pos == block_end && !refill())) return;
      bool newline = false;
      std::string_view piece = line_piece(newline);
      if (std::memchr(piece.data(), '\0', piece.size()) != nullptr) return refuse_binary_later();
      if (newline) return;
    }
  }

  // A NUL byte after the first block: the rest is not read. Reported after
  // the record it was found in.
  void refuse_binary_later() {
    if (!refusal) refusal = record_error(ErrorCode::unreadable, "reader.nul_later", {arg("number", std::to_string(number))});
  }

  // Looks at the first block before any record: refuses input that is not
  // UTF-8 text (UTF-16 or UTF-32, with or without a byte order mark; NUL
  // bytes at its start, as from /dev/zero; a NUL later is the record's
  // reader's to refuse), notes lines that end in CR alone, drops a UTF-8
  // byte order mark. Returns the first byte that matters, not consumed, or kEnd.
  int first_byte() {
    started = true;
    if (!refill()) return kEnd;
    // A pipe may hand over a few bytes at first: enough to judge the input.
    while (block_end < 4 && !input_ended && refill(block_end - block_pos)) {
    }
    std::string_view head(block.data() + block_pos, block_end - block_pos);
    if (const char* why = detail::not_utf8_text(head)) refusal = record_error(ErrorCode::unreadable, why);
    if (refusal) return kEnd;
    if (head.find('\n') == std::string_view::npos && head.find('\r') != std::string_view::npos) {
      cr_lines = true;
      std::replace(block.begin() + static_cast<std::ptrdiff_t>(block_pos), block.begin() + static_cast<std::ptrdiff_t>(block_end), '\r', '\n');
    }
    if (head.rfind("\xEF\xBB\xBF", 0) == 0) block_pos += 3;
    return peek_significant(false);
  }

  // Skips blank space (and, between array elements, commas) and returns the
  // next byte, not consumed, or kEnd.
  int peek_significant(bool commas) {
    for (;;) {
      int c = get();
      if (c == kEnd) return kEnd;
      if (!is_blank(c) && !(commas && c == ',')) {
        --block_pos;
        return c;
      }
    }
  }

  // Reads one line (without '\n'), keeping at most max_record_bytes + 1 bytes
  // of it; `oversized` says it was longer than max_record_bytes, the rest
  // skipped. False at end of input.
  bool read_line(std::string& line, bool& oversized) {
    if (have_pending) {
      line = std::move(pending);
      oversized = pending_oversized;
      line_read = pending_line;
      have_pending = false;
      return true;
    }
    line_read = line_here();
    line.clear();
    oversized = false;
    bool any = false;
    for (;;) {
      if (refusal || (block_pos == block_end && !refill())) break;
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
    if (!any) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > limits.max_record_bytes) oversized = true;
    return true;
  }

  // In place of a record too large to keep: its result.
  void too_large(RecordText& out) {
    out.text.clear();
    out.error = record_error(ErrorCode::limit, "reader.too_large", {arg("limit", std::to_string(limits.max_record_bytes))});
  }

  // The last result, when reading stopped for a reason of its own.
  bool report_stop(RecordText& out) {
    done = true;
    if (!refusal && !in_array) return false;
    out.text.clear();
    out.number = ++number;
    out.line = line_here();
    out.error = refusal ? *refusal : record_error(ErrorCode::syntax, "reader.array_unclosed");
    refusal.reset();
    return true;
  }

  bool next(RecordText& out) {
    out.error.reset();
    if (refusal) return report_stop(out);
    if (!started) {
      int c = first_byte();
      if (c == kEnd) return report_stop(out);
      mode = c == '{' || c == '[' ? Mode::json : Mode::yaml;
    }
    return mode == Mode::json ? json_value(out) : yaml_next(out);
  }

  // JSON: the next value at the top level, or the next element of a
  // top-level array (every element is a record; so is every value of a
  // stream of values, whether one per line or spread over lines). Where a
  // record ends is found from the JSON's structure, never from where a line
  // or a bracket sits.
  bool json_value(RecordText& out) {
    for (;;) {
      int c = peek_significant(in_array);
      if (c == kEnd) return report_stop(out);
      if (c == '[' && !in_array) {
        ++block_pos;
        in_array = true;
      } else if (c == ']' && in_array) {
        ++block_pos;
        in_array = false;
      } else {
        break;
      }
    }
    out.number = ++number;
    out.line = line_here();
    out.text.clear();
    if (json_line(out.text)) return true;
    bool big = false;
    char first = block[block_pos];
    bool complete = scan_value(out.text, big);
    if (complete && !in_array) rest_of_line(out.text, big);
    if (!complete) in_array = false;  // the element's error says the input ended
    if (first != '{' && first != '[' && !in_array && !big) {
      out.error = record_error(ErrorCode::syntax, "reader.unexpected_text", {arg("excerpt", ascii_excerpt(out.text))});
    } else if (big) {
      too_large(out);
    } else if (!complete) {
      out.error = record_error(ErrorCode::syntax, "reader.record_cut");
    }
    return true;
  }

  // The common case, quickly: the rest of the line in the block is one
  // whole object, and what the record is. Consumed and kept when so.
  bool json_line(std::string& text) {
    const char* from = block.data() + block_pos;
    const void* nl = std::memchr(from, '\n', block_end - block_pos);
    if (nl == nullptr) return false;
    std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - from), next = block_pos + n + 1;
    while (n > 0 && is_blank(static_cast<unsigned char>(from[n - 1]))) --n;
    if (n > limits.max_record_bytes || !whole_json_line(from, n, block.size() - block_pos)) return false;
    text.assign(from, n);
    block_pos = next;
    return true;
  }

  // Appends the value that starts at block_pos to `text` (at most
  // max_record_bytes of it; `big` when there was more), consuming it. False
  // when the input ends first. A value ends where its brackets balance; a
  // record that cannot go on ends earlier, so that it does not swallow the
  // records after it: at a line break inside a string (JSON strings hold
  // none), and, in an object, at a '{' or '[' that does not follow a ':'
  // (where only a new record can start). A NUL byte in a record too large to
  // keep stops the reading: the input is not text.
  bool scan_value(std::string& text, bool& big) {
    auto keep = [&](std::size_t from, std::size_t to) {
      std::size_t room = limits.max_record_bytes - std::min(limits.max_record_bytes, text.size());
      if (to - from > room) big = true;
      text.append(block.data() + from, std::min(room, to - from));
    };
    char first = block[block_pos++];
    text.push_back(first);
    int depth = first == '{' || first == '[' ? 1 : 0;
    bool object = first == '{';
    bool in_string = first == '"';
    bool escape = false;
    auto at = [](const char* base, std::size_t i) { return static_cast<unsigned char>(base[i]); };
    for (;;) {
      if (block_pos == block_end && !refill()) return false;
      const char* base = block.data();
      std::size_t run = block_pos, i = block_pos + (escape ? 1 : 0);
      escape = false;
      // Where the value ends: `end`, once known; the record goes up to it.
      auto finish = [&](std::size_t end) {
        keep(run, end);
        block_pos = end;
        return true;
      };
      while (i < block_end) {
        if (in_string) {
          if (big) i = string_stop(base, i, block_end);  // skipping: long strides
          while (i < block_end && !kStringStops[at(base, i)]) ++i;
          if (i == block_end) break;
          char c = base[i];
          if (c == '"') {
            in_string = false;
            ++i;
          } else if (c == '\\') {
            i += 2;  // may step past the block: the next one starts after the escaped byte
          } else if (c == '\0' && !big) {
            ++i;  // the record's reader refuses it
          } else {
            if (c == '\0') refuse_binary_later();
            return finish(i);  // a line break inside a string
          }
          continue;
        }
        const auto& stops = depth > 0 ? kNestedStops : kTopStops;
        while (i < block_end && !stops[at(base, i)]) ++i;
        if (i == block_end) break;
        char c = base[i];
        if (c == '"') {
          in_string = true;
          ++i;
        } else if (c == '{' || c == '[') {
          if (object && depth == 1 && !detail::after_colon(base, run, i, text)) return finish(i);
          ++depth;
          ++i;
        } else if (c == '}' || c == ']') {
          if (depth == 0) return finish(i);
          ++i;
          if (--depth == 0) return finish(i);
        } else if (c == '\0' && !big) {
          ++i;
        } else {
          if (c == '\0') refuse_binary_later();
          return finish(i);  // NUL while skipping; ',' or a line break after a scalar
        }
      }
      escape = i > block_end;
      keep(run, block_end);
      block_pos = block_end;
    }
  }

  // After a value at the top level: what else its line holds belongs to its
  // record (`{...} x` is one broken record, not a record and a stray "x"),
  // unless it is blank or starts another object or array.
  void rest_of_line(std::string& text, bool& big) {
    std::size_t kept = text.size();
    bool other = false;
    for (int c = get(); c != kEnd; c = get()) {
      if (c == '\n' || (!other && (c == '{' || c == '['))) {
        --block_pos;
        break;
      }
      other = other || !is_blank(c);
      if (text.size() < limits.max_record_bytes) text.push_back(static_cast<char>(c));
      else big = true;
    }
    if (!other) text.resize(kept);
  }

  // YAML: the next document.
  bool yaml_next(RecordText& out) {
    std::string& head = out.text;
    bool oversized = false;
    // Skip blank lines, comments, separators and directives between records.
    for (;;) {
      if (!read_line(head, oversized)) return report_stop(out);
      std::size_t first = head.find_first_not_of(" \t\r");
      if (first == std::string::npos || head[first] == '#' || head == "..." || head[0] == '%') continue;
      std::size_t content = 0;
      if (yaml_separator(head, content)) {
        // `--- {id: A-1}`: the document starts on the separator's line.
        if (content == std::string::npos) continue;
        head.erase(0, content);
      }
      break;
    }
    out.number = ++number;
    out.line = line_read;
    return yaml_document(out, oversized);
  }

  // YAML: everything up to the next separator line; `out` holds the first line.
  bool yaml_document(RecordText& out, bool oversized) {
    std::string& text = out.text;
    bool big = oversized;
    bool over = false;
    std::size_t content = 0;
    while (read_line(line, over)) {
      if (yaml_separator(line, content)) {  // read again as the next document's first line
        pending.swap(line);
        pending_oversized = over;
        pending_line = line_read;
        have_pending = true;
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
