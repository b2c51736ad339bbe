// Applicants in a spreadsheet, and decisions written as one.
//
// A caseworker's list of applicants is a CSV file with a header row, as
// Excel saves it: UTF-8 (with or without a byte order mark) or, as plain
// "CSV" on a Chinese Windows, GBK/GB18030. The header names each column by
// its field path (graduation_date, employment.status) or, where the pack's
// schema allows, by its label (毕业日期, 就业创业情况.就业状态). Every row
// after the header is one applicant. An empty cell is a fact not known; an
// optional section whose cells are all empty is absent (the applicant has
// none). Cells are read as the forms of talent/record.hpp allow: 是, 30万,
// 2024年6月30日 ...
//
//   talent::SpreadsheetReader sheet(*rules, file, {"", {}, "applicants.csv"});
//   talent::RecordParser parser(*rules);
//   for (talent::RecordText row; sheet.next_text(row);) { parser.parse(row, parsed); ... }
#pragma once

#include "talent/decision.hpp"
#include "talent/export.h"
#include "talent/record.hpp"
#include "talent/rule_set.hpp"

#include <istream>
#include <memory>
#include <string>

namespace talent {

struct SpreadsheetOptions {
  // "" to tell from the bytes (a byte order mark, else UTF-8 when the text
  // is valid UTF-8, else GB18030), or utf-8, gb18030, gbk, utf-16.
  std::string encoding;
  RecordLimits limits;
  std::string name;  // the file's name, for messages ("applicants.csv"); "" for none
};

// Reads the rows of a CSV file (RFC 4180: cells separated by commas, a
// cell holding commas, quotes or line breaks quoted, its quotes doubled).
// Each row becomes a RecordText holding the row as a JSON record, numbered
// from 1 after the header, with `line` its first line in the file; a row
// that cannot be read (a cell count unlike the header's, a quote left open,
// text not in the encoding) is a RecordText with `error` set, so that every
// row gives one result. A header naming one field twice rejects every row.
// Rows whose cells are all empty are skipped.
//
// Lifetime: shares ownership of `rules`; `in` must outlive the reader. Not
// thread-safe; the texts it yields may be parsed on any thread.
class TALENT_API SpreadsheetReader {
 public:
  // Throws std::invalid_argument for an encoding it does not know.
  SpreadsheetReader(const RuleSet& rules, std::istream& in, SpreadsheetOptions options = {});
  ~SpreadsheetReader();
  SpreadsheetReader(SpreadsheetReader&&) noexcept;
  SpreadsheetReader& operator=(SpreadsheetReader&&) noexcept;

  // Fills `out` with the next row and returns true, or returns false at the end.
  bool next_text(RecordText& out);
  // The encoding read ("UTF-8", "GB18030", ...), once known.
  const std::string& encoding() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Decisions as a spreadsheet, one row per applicant: the record's number,
// its line in the input (when known) and its id, then for each program of the version in force on `as_of` its status,
// amount, window, missing facts and first unmet condition, then the error of
// a rejected record and the inputs read in another form. Texts in
// `language`; cells quoted as RFC 4180 asks, and a cell an applicant wrote
// that starts with = + - or @ prefixed with ' so that no spreadsheet runs it
// as a formula. Lines end in CRLF. The caller writes the UTF-8 byte order
// mark that tells Excel the encoding ("\xEF\xBB\xBF") before the header.
TALENT_API std::string csv_header(const RuleSet& rules, Date as_of, Language language);
TALENT_API void append_csv(const RuleSet& rules, const Decision& decision, std::size_t number, std::size_t line,
                           Language language, std::string& out);
TALENT_API void append_csv(const RuleSet& rules, const ParsedRecord& rejected, Date as_of, Language language,
                           std::string& out);

}  // namespace talent
