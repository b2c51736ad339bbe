// Spreadsheets in (SpreadsheetReader: header, encodings, lines, rows that
// cannot be read) and a record written back in canonical form.
#include "talent/talent.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

const talent::RuleSet& hohhot() { return *talent::builtin_rule_set(); }

// Each row as "line: JSON text" or "line: error message".
std::vector<std::string> rows(const std::string& bytes, const std::string& encoding = "",
                              talent::RecordLimits limits = {}) {
  std::istringstream in(bytes);
  talent::SpreadsheetReader sheet(hohhot(), in, talent::SpreadsheetOptions{encoding, limits, "a.csv"});
  std::vector<std::string> out;
  std::size_t number = 0;
  for (talent::RecordText row; sheet.next_text(row);) {
    CHECK(row.number == ++number);
    out.push_back(std::to_string(row.line) + ": " + (row.error ? row.error->message : row.text));
  }
  return out;
}

using Rows = std::vector<std::string>;

}  // namespace

TEST_CASE("rows become JSON records: nested by section, empty cells left out, types kept", "[spreadsheet]") {
  CHECK(rows("id,degree,employment.in_city,startup_loan.term_months,startup_loan.principal\n"
             "A-1,master,true,36,30万\n"
             "A-2,,是,３６,\n"
             "A-3,,,,\n") ==
        Rows{R"(2: {"id":"A-1","degree":"master","employment":{"in_city":true},"startup_loan":{"term_months":36,"principal":"30万"}})",
             R"(3: {"id":"A-2","employment":{"in_city":"是"},"startup_loan":{"term_months":"３６"}})",
             R"(4: {"id":"A-3"})"});
}

TEST_CASE("headers by label and dotted label; quoted cells across lines keep the line count", "[spreadsheet]") {
  CHECK(rows("\xEF\xBB\xBF申请编号,姓名,就业创业情况.就业状态\r\n"
             "A-1,\"张\r\n三\",企业\r\n"
             "\r\n"
             "A-2,\"李\"\"四\"\"\",\r\n") ==
        Rows{"2: {\"id\":\"A-1\",\"name\":\"张\\r\\n三\",\"employment\":{\"status\":\"企业\"}}",
             "5: {\"id\":\"A-2\",\"name\":\"李\\\"四\\\"\"}"});
}

TEST_CASE("the encoding is told from the bytes, or given", "[spreadsheet]") {
  const std::string gb = "id,\xD1\xA7\xC0\xFA\nA-1,\xB1\xBE\xBF\xC6\n";  // id,学历 / A-1,本科 in GB18030
  CHECK(rows(gb) == Rows{R"(2: {"id":"A-1","degree":"本科"})"});
  CHECK(rows(gb, "gbk") == Rows{R"(2: {"id":"A-1","degree":"本科"})"});
  CHECK(rows(gb, "utf-8") ==
        Rows{"2: a.csv:1: not valid UTF-8 text; if the file was saved as GBK or GB18030, give --encoding gb18030"});
  // The same in UTF-16, as Excel's "Unicode text" writes it, with its byte order mark.
  CHECK(rows(std::string("\xFF\xFE\x69\x00\x64\x00\x2C\x00\x66\x5B\x86\x53\x0A\x00\x41\x00\x2D\x00\x31\x00"
                         "\x2C\x00\x2C\x67\xD1\x79\x0A\x00",
                         28)) ==
        Rows{R"(2: {"id":"A-1","degree":"本科"})"});
  std::istringstream in("");
  CHECK_THROWS_WITH(talent::SpreadsheetReader(hohhot(), in, {"latin1", {}, ""}),
                    "unknown encoding 'latin1'; expected utf-8, gb18030, gbk or utf-16");
}

TEST_CASE("rows that cannot be read are rejected with their line; the others are read", "[spreadsheet]") {
  CHECK(rows("id,degree\nA-1,master,x\nA-2\nA-3,ma\"ster\nA-4,\"master\nA-5,master\n") ==
        Rows{"2: a.csv:2 has 3 cells; the header has 2: a comma too many, or a cell that should be quoted",
             "3: a.csv:3 has 1 cells; the header has 2",
             "4: a.csv:4: a quote inside a cell that is not quoted whole, or text after a closing quote; a cell with "
             "quotes must be quoted whole, its quotes doubled (\"a \"\"b\"\" c\")",
             "5: a.csv:5: a quote opened in this row is never closed"});
  CHECK(rows("id,degree\nA-1,master,,\n") == Rows{R"(2: {"id":"A-1","degree":"master"})"});  // empty cells past the header
  CHECK(rows("id,学历,degree\nA-1,master,master\n") ==
        Rows{"2: the header names 'degree' twice: column 2 (学历) and column 3 (degree)"});
  CHECK(rows("id,备注\nA-1,x\n") == Rows{R"(2: {"id":"A-1","备注":"x"})"});  // the parser decides about unknown fields
  talent::RecordLimits small;
  small.max_record_bytes = 64;
  CHECK(rows("id,name\nA-1,\"" + std::string(100, 'x') + "\nA-2,y\n", "", small) ==
        Rows{"2: a.csv:2: a row longer than 64 bytes; is a quote opened there never closed?", "3: {\"id\":\"A-2\",\"name\":\"y\"}"});
  CHECK(rows("").empty());
  CHECK(rows("id,degree\n").empty());
}

TEST_CASE("a record written back in canonical form", "[spreadsheet]") {
  talent::ParsedRecord p = talent::parse_record(
      hohhot(), "申请编号: C-1\n学历: 硕士\n毕业日期: 2024年7月1日\n就业创业情况.在市域内就业或创业: 是\n"
                "创业贷款: {贷款本金: 30万, 贷款年利率: 3.85％, 贷款期限: 36}\n购房情况:\n");
  REQUIRE(p.record);
  CHECK(talent::canonical_json(hohhot(), *p.record) ==
        R"({"id":"C-1","degree":"master","graduation_date":"2024-07-01","employment":{"in_city":true},)"
        R"("startup_loan":{"principal":"300000.00","annual_rate":"0.0385","term_months":36}})");
  auto other = talent::load_rule_set(talent::builtin_pack_files(), "again");
  REQUIRE(other.ok());
  CHECK_THROWS_AS(talent::canonical_json(*other.rule_set, *p.record), std::invalid_argument);
}
