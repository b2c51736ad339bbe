// Record stage: a CSV file of applicants, row by row, as JSON records. The
// cells are split by libcsv (RFC 4180, strict: a stray quote is an error,
// not a guess) from text the TextDecoder has made UTF-8. The header's
// columns are matched to the schema's fields once; each row is then written
// as a JSON object with the canonical field names, nested by section, and
// parsed like any other record — so a cell is read exactly as the same value
// in a JSON record would be (30万, 是, 2024年6月30日 included).
#include "talent/spreadsheet.hpp"

#include "record/field_reader.hpp"
#include "record/input_forms.hpp"
#include "record/text_decoder.hpp"
#include "lang/compiled.hpp"
#include "base/text.hpp"

#include <csv.h>

#include <deque>
#include <stdexcept>

namespace talent {
namespace {

using detail::Schema;

struct Row {
  std::size_t line = 0;
  std::vector<std::string> cells;
  std::optional<RecordError> error;
};

// A JSON string literal.
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20) {
      static const char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

// A whole number as JSON writes it: -?(0|[1-9][0-9]*).
bool json_whole_number(std::string_view t) {
  if (!t.empty() && t[0] == '-') t.remove_prefix(1);
  if (t.empty() || (t[0] == '0' && t.size() > 1)) return false;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A cell as the JSON value the field expects: booleans and whole numbers
// bare when they are written canonically, everything else a string (which
// the forms of the schema may still read: 是, ３６).
void append_cell(std::string& out, const detail::FieldDef* f, std::string_view cell) {
  bool bare = f && ((f->type == detail::ValueType::boolean && (cell == "true" || cell == "false")) ||
                    (f->type == detail::ValueType::integer && json_whole_number(cell)));
  if (bare) out += cell;
  else append_json_string(out, cell);
}

}  // namespace

struct SpreadsheetReader::State {
  std::shared_ptr<const RuleSet> rules;
  const Schema& schema;
  SpreadsheetOptions options;
  detail::TextDecoder decoder;
  csv_parser parser{};
  bool parser_open = false;
  std::string pending;  // decoded text not yet fed: the start of a line
  std::size_t line = 1;  // the line being fed
  bool finished = false;
  bool skip_line = false;  // after an error: the rest of this line is dropped
  Row row;                 // the row being read
  std::size_t row_bytes = 0;   // bytes fed since the row being read started
  std::size_t first_line = 0;  // where the row being read may have started; 0: none yet
  std::deque<Row> rows;  // rows read, not yet handed out
  bool have_header = false;
  std::vector<int> columns;          // field per column; -1: not a field
  std::vector<std::string> headers;  // as written
  std::optional<RecordError> header_error;
  std::size_t number = 0;

  State(const RuleSet& r, std::istream& in, SpreadsheetOptions o)
      : rules(r.shared_from_this()), schema(r.compiled().schema), options(std::move(o)), decoder(in, options.encoding) {
    open_parser();
  }
  ~State() {
    if (parser_open) csv_free(&parser);
  }

  void open_parser() {
    if (parser_open) csv_free(&parser);
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_blk_size(&parser, 4096);
    parser_open = true;
    row = Row{};
    row_bytes = 0;
    first_line = 0;
  }

  // "applicants.csv:5", or "line 5" for input without a name.
  MessageArg where(std::size_t at) const {
    std::string n = std::to_string(at);
    if (!options.name.empty()) return detail::arg("where", options.name + ":" + n);
    return detail::arg("where", LocalizedText{"第 " + n + " 行", "line " + n});
  }

  static void on_cell(void* data, std::size_t size, void* self) {
    State& s = *static_cast<State*>(self);
    std::string_view cell(static_cast<const char*>(data), data ? size : 0);
    if (s.row.cells.empty()) {  // the row started as many lines back as its first cell holds breaks
      std::size_t breaks = 0;
      for (char c : cell) breaks += c == '\n';
      s.row.line = s.line > breaks ? s.line - breaks : 1;
    }
    s.row.cells.emplace_back(cell);
  }

  static void on_row(int, void* self) {
    State& s = *static_cast<State*>(self);
    s.rows.push_back(std::move(s.row));
    s.row = Row{};
    s.row_bytes = 0;  // the rest of the line fed holds no more of it
    s.first_line = 0;
  }

  void fail_row(std::size_t at, ErrorCode code, const char* id, std::vector<MessageArg> args) {
    Row bad;
    bad.line = at;
    bad.error = detail::record_error(code, id, std::move(args));
    rows.push_back(std::move(bad));
    open_parser();
    skip_line = true;
  }

  // The line the row being read started on, as far as it is known.
  std::size_t row_start() const { return !row.cells.empty() ? row.line : first_line ? first_line : line; }

  void feed(const char* data, std::size_t size) {
    if (skip_line) return;
    if (row.cells.empty() && first_line == 0 && std::string_view(data, size).find_first_not_of("\r\n") != std::string_view::npos) {
      first_line = line;  // a row may start here (blank lines start none)
    }
    std::size_t start = row_start();
    row_bytes += size;
    std::size_t done = csv_parse(&parser, data, size, on_cell, on_row, this);
    if (done < size) {
      return fail_row(line, ErrorCode::syntax, "reader.csv.quote_inside", {where(line)});
    }
    if (row_bytes > options.limits.max_record_bytes) {  // a row still open after this many bytes
      fail_row(start, ErrorCode::limit, "reader.csv.row_too_long",
               {where(start), detail::arg("limit", std::to_string(options.limits.max_record_bytes))});
    }
  }

  // Decodes the next piece of input and feeds its complete lines.
  void pump() {
    std::string piece;
    if (!decoder.read(piece)) {
      if (!pending.empty()) feed(pending.data(), pending.size());
      pending.clear();
      std::size_t start = row_start();
      if (!skip_line && csv_fini(&parser, on_cell, on_row, this) != 0) {
        fail_row(start, ErrorCode::syntax, "reader.csv.quote_unclosed", {where(start)});
      }
      if (decoder.failed()) fail_row(line, ErrorCode::unreadable, "reader.csv.read_failed", {where(line)});
      finished = true;
      return;
    }
    pending += piece;
    std::size_t from = 0;
    for (std::size_t end; (end = pending.find('\n', from)) != std::string::npos; from = end + 1) {
      feed(pending.data() + from, end + 1 - from);
      ++line;
      skip_line = false;
    }
    pending.erase(0, from);
    if (pending.size() > (1u << 16)) {  // a long line is fed in pieces
      feed(pending.data(), pending.size());
      pending.clear();
    }
  }

  // The field or section a header cell names, or -1.
  int column_field(const std::string& header) const {
    int f = schema.find_field(header);
    if (f >= 0) return f;
    detail::MemberName name;
    if (detail::find_member(schema, 0, header, name) && name.field >= 0) return name.field;
    return -1;
  }

  void read_header(const Row& header) {
    have_header = true;
    if (header.error) {
      const RecordError& e = *header.error;
      header_error = detail::record_error(
          e.code, "reader.csv.header",
          {detail::arg("problem", e.message_id.empty() ? LocalizedText{e.message, e.message}
                                                       : detail::localized(e.message_id, e.message_args))});
      return;
    }
    headers = header.cells;
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (!detail::valid_utf8(headers[i])) {
        header_error = not_text(header.line);
        return;
      }
      int f = column_field(headers[i]);
      for (std::size_t j = 0; j < i && f >= 0; ++j) {
        if (columns[j] == f) {
          const std::string& path = schema.fields[static_cast<std::size_t>(f)].path;
          header_error = detail::record_error(ErrorCode::duplicate, "reader.csv.header_twice",
                                              {detail::arg("path", path), detail::arg("first", std::to_string(j + 1)),
                                               detail::arg("first_name", headers[j]), detail::arg("second", std::to_string(i + 1)),
                                               detail::arg("second_name", headers[i])});
          header_error->field = path;
        }
      }
      columns.push_back(f);
    }
  }

  RecordError not_text(std::size_t at) const {
    if (decoder.encoding() == "UTF-8" || decoder.encoding().empty()) {
      return detail::record_error(ErrorCode::unreadable, "reader.csv.not_utf8", {where(at)});
    }
    return detail::record_error(ErrorCode::unreadable, "reader.csv.not_encoding",
                                {where(at), detail::arg("encoding", decoder.encoding())});
  }

  // The row as a JSON record, or why it cannot be one.
  void make_record(const Row& r, RecordText& out) {
    out.text.clear();
    out.error.reset();
    out.line = r.line;
    if (header_error) return void(out.error = header_error);
    if (r.error) return void(out.error = r.error);
    for (std::size_t i = headers.size(); i < r.cells.size(); ++i) {
      if (!r.cells[i].empty()) {
        out.error = detail::record_error(ErrorCode::syntax, "reader.csv.too_many_cells",
                                         {where(r.line), detail::arg("cells", std::to_string(r.cells.size())),
                                          detail::arg("headers", std::to_string(headers.size()))});
        return;
      }
    }
    if (r.cells.size() < headers.size()) {
      out.error = detail::record_error(ErrorCode::syntax, "reader.csv.too_few_cells",
                                       {where(r.line), detail::arg("cells", std::to_string(r.cells.size())),
                                        detail::arg("headers", std::to_string(headers.size()))});
      return;
    }
    for (const std::string& cell : r.cells) {
      if (!detail::valid_utf8(cell)) return void(out.error = not_text(r.line));
    }
    write_section(r, 0, out.text);
  }

  bool has_values(const Row& r, int section) const {
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (columns[i] < 0 || r.cells[i].empty()) continue;
      for (int s = schema.fields[static_cast<std::size_t>(columns[i])].section; s > 0;
           s = schema.sections[static_cast<std::size_t>(s)].parent) {
        if (s == section) return true;
      }
    }
    return false;
  }

  // {"name": value, ..., "section": {...}}: the section's fields in column
  // order, then its sections that hold a value. At the top, the columns that
  // name no field too, so that the parser reports them (or ignores them).
  void write_section(const Row& r, int section, std::string& out) {
    out += '{';
    bool first = true;
    auto member = [&](std::string_view name) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, name);
      out += ':';
    };
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (r.cells[i].empty()) continue;
      const detail::FieldDef* f = columns[i] >= 0 ? &schema.fields[static_cast<std::size_t>(columns[i])] : nullptr;
      if (f ? f->section != section : section != 0) continue;
      member(f ? std::string_view(f->name) : std::string_view(headers[i]));
      append_cell(out, f, r.cells[i]);
    }
    for (int child : schema.sections[static_cast<std::size_t>(section)].sections) {
      if (!has_values(r, child)) continue;  // all empty: absent
      member(schema.sections[static_cast<std::size_t>(child)].name);
      write_section(r, child, out);
    }
    out += '}';
  }
};

SpreadsheetReader::SpreadsheetReader(const RuleSet& rules, std::istream& in, SpreadsheetOptions options)
    : state_(std::make_unique<State>(rules, in, std::move(options))) {}
SpreadsheetReader::~SpreadsheetReader() = default;
SpreadsheetReader::SpreadsheetReader(SpreadsheetReader&&) noexcept = default;
SpreadsheetReader& SpreadsheetReader::operator=(SpreadsheetReader&&) noexcept = default;

const std::string& SpreadsheetReader::encoding() const { return state_->decoder.encoding(); }

bool SpreadsheetReader::next_text(RecordText& out) {
  State& s = *state_;
  for (;;) {
    while (s.rows.empty()) {
      if (s.finished) return false;
      s.pump();
    }
    Row r = std::move(s.rows.front());
    s.rows.pop_front();
    if (!s.have_header) {
      s.read_header(r);
      if (s.header_error && r.error) {  // the header itself is broken: one result, then nothing
        out = RecordText{};
        out.number = ++s.number;
        out.line = r.line;
        out.error = s.header_error;
        s.rows.clear();
        s.finished = true;
        return true;
      }
      continue;
    }
    bool empty = !r.error;
    for (const std::string& cell : r.cells) empty = empty && cell.empty();
    if (empty) continue;  // a row of empty cells, as spreadsheets leave at the end
    out.number = ++s.number;
    s.make_record(r, out);
    return true;
  }
}

}  // namespace talent
