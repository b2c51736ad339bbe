#include "talent/talent.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace {

// The tiny pack's rule set, loaded once.
const talent::RuleSet& tiny() {
  static const auto loaded = talent::load_rule_set(talent::testing::tiny_pack("a"), "tiny");
  if (!loaded.ok()) FAIL("the tiny pack does not load: " << talent::format(loaded.diagnostics));
  return *loaded.rule_set;
}

const char* kValid = R"({"id": "R-1", "a": true, "c": "blue", "n": 48,
 "d": "2024-07-01", "job": {"size": "small", "city": true},
 "extra": {"x": 3, "y": 400000.00}, "m": 400000.00, "r": "3.85%"})";

// "accepted", or "field: [code] message".
std::string rejected(const std::string& text, const talent::RecordLimits& limits = {}) {
  auto p = talent::parse_record(tiny(), text, 1, limits);
  if (p.record) return "accepted";
  return p.error->field + ": [" + talent::to_string(p.error->code) + "] " + p.error->message;
}

}  // namespace

TEST_CASE("valid records are accepted from JSON and YAML alike", "[record]") {
  const auto& rules = tiny();
  auto p = talent::parse_record(rules, kValid);
  REQUIRE(p.record);
  CHECK(p.record->id() == "R-1");
  auto y = talent::parse_record(rules, "id: R-2\nc: 红色\njob:\n  size: 大\nextra:\n  y: 12.5\n");
  REQUIRE(y.record);
  CHECK(y.id == std::optional<std::string>("R-2"));
}

TEST_CASE("invalid records name the field, the kind of problem and what was expected", "[record]") {
  auto [text, error] = GENERATE(table<const char*, const char*>({
      {"[1, 2]", ": [wrong_type] a record must be an object of fields (key: value), found a list"},
      {"just text", ": [wrong_type] a record must be an object of fields (key: value), found a scalar"},
      {"", ": [wrong_type] a record must be an object of fields (key: value), found nothing"},
      {"{c: red}", "id: [missing] required field 'id' is missing"},
      {"{id: x, d: 2023-02-30}", "d: [invalid_value] expected a real calendar date YYYY-MM-DD, found '2023-02-30'"},
      {"{\"id\": \"x\", \"d\": 20230105}", "d: [wrong_type] expected a date as text \"YYYY-MM-DD\", found '20230105'"},
      {"{id: x, exta: {x: 1}}", "exta: [unknown_name] unknown field 'exta' (did you mean 'extra'?); this part of the record has: id, a, b, n, m, r, d, c, extra, job"},
      {"{id: x, c: green}", "c: [unknown_name] unknown value 'green'; expected one of: red (红), blue"},
      {"{id: x, job: {city: yes}}", "job.city: [wrong_type] expected true or false, found 'yes'"},
      {"{id: x, job: {city: \"true\"}}", "job.city: [wrong_type] expected true or false, found \"true\""},
      {"{id: x, job: small}", "job: [wrong_type] expected a group of fields (an object), found 'small'"},
      {"{id: x, extra: {y: \"1.234\"}}", "extra.y: [invalid_value] invalid amount \"1.234\": money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"{id: x, m: -5}", "m: [invalid_value] amount cannot be negative, found '-5'"},
      {"{\"id\": \"x\", \"extra\": {\"y\": 1e5}}", "extra.y: [wrong_type] invalid amount '1e5': expected a decimal number like 1234.50"},
      {"{id: x, r: \"100%\"}", "r: [invalid_value] rate must be at least 0 and below 1 (100%), found \"100%\""},
      {"{id: x, r: \"-1%\"}", "r: [invalid_value] rate must be at least 0 and below 1 (100%), found \"-1%\""},
      {"{id: x, r: abc}", "r: [wrong_type] invalid rate 'abc': expected a rate like 0.0385 or 3.85%"},
      {"{id: x, n: -1}", "n: [invalid_value] must be at least 0, found -1"},
      {"{id: x, n: 101}", "n: [invalid_value] must be at most 100, found 101"},
      {"{id: x, extra: {x: 1.5}}", "extra.x: [wrong_type] expected a whole number, found '1.5'"},
      {"{id: x, extra: {x: [1]}}", "extra.x: [wrong_type] expected a whole number, found a list"},
      {"{\"id\": 7}", "id: [wrong_type] expected text in quotes, found '7'"},
      {"{\"id\": \"x\", \"id\": \"y\"}", ": [duplicate] duplicate key 'id'"},
      {"{id: x, id: y}", ": [duplicate] not valid YAML at line 1, column 9: duplicate key 'id' (first given on line 1)"},
      {"{\"id\": \"x\", \"c\": ", ": [syntax] not valid JSON at byte 18: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"},
      // Regression: broken JSON was read as a YAML flow mapping (here: with c left empty).
      {"{\"id\": \"E-27\", \"c\": }", ": [syntax] not valid JSON at byte 21: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal"},
      {"a: &x 1\nb: *x", ": [limit] not valid YAML at line 2, column 4: YAML aliases (*name) are not allowed here; write the value out"},
  }));
  CAPTURE(text);
  CHECK(rejected(text) == error);
}

TEST_CASE("records over a limit or not UTF-8 say so by their code", "[record]") {
  talent::RecordLimits small;
  small.max_record_bytes = 40;
  small.max_depth = 2;
  small.max_string_bytes = 4;
  auto [text, error] = GENERATE(table<std::string, std::string>({
      {"{\"id\": \"" + std::string(40, 'x') + "\"}", ": [limit] record is 50 bytes; the limit is 40 bytes"},
      {"{\"id\": \"x\", \"job\": {\"size\": [1]}}", ": [limit] nesting deeper than 2 levels"},
      {"{id: x, job: {size: [1]}}", ": [limit] not valid YAML at line 1, column 21: nesting deeper than 2 levels"},
      {"{id: abcde}", "id: [limit] text longer than 4 bytes"},
      {"{id: x, n: 99999999999999999999}", "n: [limit] number is too large, found '99999999999999999999'"},
      {"{id: x, m: 100000000000000000000}", "m: [limit] invalid amount '100000000000000000000': number is too large"},
      {"{id: \"\xff\"}", ": [unreadable] the record is not valid UTF-8 text"},
      {"{\"id\": \"\xff\"}", ": [unreadable] not valid JSON at byte 9: syntax error while parsing value - invalid string: "
                            "ill-formed UTF-8 byte; last read: '\"\xff'"},
  }));
  CAPTURE(text);
  CHECK(rejected(text, small) == error);
}

TEST_CASE("the reader's own errors have codes too: unreadable, text after the array", "[record]") {
  // Too large: see "an oversized record is skipped, not stored, and still reported".
  const auto& rules = tiny();
  talent::ParsedRecord p;
  std::istringstream trailing("[{\"id\": \"R1\"}] x\n");
  talent::RecordReader trailing_reader(rules, trailing);
  REQUIRE(trailing_reader.next(p));
  REQUIRE(trailing_reader.next(p));
  REQUIRE(p.error);
  CHECK(p.error->code == talent::ErrorCode::syntax);
  CHECK(p.error->message ==
        "unexpected text between records (expected a JSON object {...} or an array of them), starting: x");

  // A stream whose reading fails (as reading a directory does).
  struct Failing : std::streambuf {
    int_type underflow() override { throw std::ios_base::failure("read failed"); }
  } failing;
  std::istream broken(&failing);
  talent::RecordReader broken_reader(rules, broken);
  REQUIRE(broken_reader.next(p));
  REQUIRE(p.error);
  CHECK(p.error->code == talent::ErrorCode::unreadable);
  CHECK(p.error->message.rfind("the input could not be read: read failed", 0) == 0);
  CHECK_FALSE(broken_reader.next(p));
}

TEST_CASE("an absent or null field stays unknown; an empty section means none", "[record]") {
  CHECK(rejected("{id: x, c: null, extra: }") == "accepted");
  CHECK(rejected("{\"id\": \"x\", \"d\": null}") == "accepted");
}

TEST_CASE("the reader yields one result per record, in order, whatever is broken", "[record]") {
  const auto& rules = tiny();
  std::istringstream jsonl(
      "{\"id\": \"a\"}\n"
      "\n"
      "{\"id\": \"b\", \"c\": \"green\"}\n"
      "not json at all\n"
      "{\"id\": \"d\"}\n"
      "{\"id\": \"e\", \"c\": \"re");
  talent::RecordReader reader(rules, jsonl);
  std::vector<std::string> seen;
  talent::ParsedRecord p;
  while (reader.next(p)) seen.push_back(std::to_string(p.number) + (p.record ? " ok " : " error ") + (p.id ? *p.id : "-"));
  CHECK(seen == std::vector<std::string>{"1 ok a", "2 error b", "3 error -", "4 ok d", "5 error -"});

  std::istringstream yaml("# applicants\nid: y1\n---\nid: y2\nc: [\n---\n---\nid: y3\n");
  talent::RecordReader yaml_reader(rules, yaml);
  seen.clear();
  while (yaml_reader.next(p)) seen.push_back(std::to_string(p.number) + (p.record ? " ok" : " error"));
  CHECK(seen == std::vector<std::string>{"1 ok", "2 error", "3 ok"});
}

TEST_CASE("a JSON array yields its elements as records", "[record]") {
  const auto& rules = tiny();
  std::istringstream in("[\n  {\"id\": \"a, ]\"},\n  {\"id\": \"b\", \"c\": \"green\"}, 7,\n"
                        "  {\"id\": \"c\", \"job\": {\"city\": true}}\n]\n");
  talent::RecordReader reader(rules, in);
  std::vector<std::string> seen;
  talent::ParsedRecord p;
  while (reader.next(p)) {
    seen.push_back(std::to_string(p.number) + (p.record ? " ok " : " error ") + (p.id ? *p.id : "-") +
                   (p.error ? ": " + p.error->message : ""));
  }
  CHECK(seen == std::vector<std::string>{
                    "1 ok a, ]",
                    "2 error b: unknown value \"green\"; expected one of: red (红), blue",
                    "3 error -: a record must be an object of fields (key: value), found a scalar",
                    "4 ok c",
                });
  std::istringstream one_line("[{\"id\": \"a\"}, {\"id\": \"b\"}]");
  talent::RecordReader short_reader(rules, one_line);
  int count = 0;
  while (short_reader.next(p)) count += p.record ? 1 : 100;
  CHECK(count == 2);
}

TEST_CASE("an oversized record is skipped, not stored, and still reported", "[record]") {
  const auto& rules = tiny();
  talent::RecordLimits limits;
  limits.max_record_bytes = 100;
  std::istringstream in("{\"id\": \"a\"}\n{\"id\": \"" + std::string(500, 'x') + "\"}\n{\"id\": \"c\"}\n");
  talent::RecordReader reader(rules, in, limits);
  talent::ParsedRecord p;
  REQUIRE(reader.next(p));
  CHECK(p.record);
  REQUIRE(reader.next(p));
  REQUIRE(p.error);
  CHECK(p.number == 2);
  CHECK(p.error->code == talent::ErrorCode::limit);
  CHECK(p.error->message == "record is larger than the limit of 100 bytes; it was skipped");
  REQUIRE(reader.next(p));
  CHECK(p.id == std::optional<std::string>("c"));
  CHECK_FALSE(reader.next(p));
}

namespace {
std::vector<std::string> read_all(const std::string& text) {
  std::istringstream in(text);
  talent::RecordReader reader(tiny(), in);
  std::vector<std::string> seen;
  talent::ParsedRecord p;
  while (reader.next(p)) {
    seen.push_back(std::to_string(p.number) + (p.record ? " " + p.record->id() : " error: " + p.error->message.substr(0, 40)));
  }
  return seen;
}
}  // namespace

TEST_CASE("regression: a YAML document on its '---' line is read, not dropped", "[record]") {
  CHECK(read_all("--- {id: A1}\n--- {id: A2}\n--- # a comment\nid: A3\n") ==
        std::vector<std::string>{"1 A1", "2 A2", "3 A3"});
  CHECK(read_all("%YAML 1.2\n---\nid: Y1\n") == std::vector<std::string>{"1 Y1"});
}

TEST_CASE("regression: a broken pretty-printed object does not swallow the next ones", "[record]") {
  CHECK(read_all("{\n \"id\": \"P1\",\n \"c\": \"red\"\n{\n \"id\": \"P2\"\n}\n{\n \"id\": \"P3\"\n}\n") ==
        std::vector<std::string>{"1 error: not valid JSON at byte 28: syntax error ", "2 P2", "3 P3"});
}

TEST_CASE("regression: text after a JSON array's ']' is reported, not ignored", "[record]") {
  CHECK(read_all("[{\"id\": \"R1\"}, {\"id\": \"R2\"}] trailing {\"id\": \"R3\"}\n") ==
        std::vector<std::string>{"1 R1", "2 R2", "3 error: unexpected text between records (expecte"});
  CHECK(read_all("[{\"id\": \"R1\"}]\n\n") == std::vector<std::string>{"1 R1"});
}

TEST_CASE("where a record ends comes from the JSON or YAML, not from the layout", "[record]") {
  using V = std::vector<std::string>;
  // A nested object starting at the left margin, then a one-line record.
  CHECK(read_all("{\n\"id\": \"N1\",\n\"job\":\n{\n\"city\": true\n}\n}\n{\"id\": \"N2\"}\n") == V{"1 N1", "2 N2"});
  // A JSON line, then a pretty-printed object, then another line.
  CHECK(read_all("{\"id\": \"J1\"}\n{\n  \"id\": \"J2\",\n  \"c\": \"red\"\n}\n{\"id\": \"J3\"}\n") ==
        V{"1 J1", "2 J2", "3 J3"});
  // Lines that are arrays of records, and objects beside them.
  CHECK(read_all("[{\"id\": \"A1\"}, {\"id\": \"A2\"}]\n[{\"id\": \"A3\"}]\n{\"id\": \"A4\"}\n[]\n") ==
        V{"1 A1", "2 A2", "3 A3", "4 A4"});
  // Objects one after another on one line.
  CHECK(read_all("{\"id\": \"O1\"}{\"id\": \"O2\"} {\"id\": \"O3\"}\n") == V{"1 O1", "2 O2", "3 O3"});
  // A string left open ends at its line: the next line is a record of its own.
  CHECK(read_all("{\"id\": \"S1\", \"c\": \"red}\n{\"id\": \"S2\"}\n") ==
        V{"1 error: not valid JSON at byte 24: syntax error ", "2 S2"});
  // Lines ending in CR alone, JSON and YAML.
  CHECK(read_all("{\"id\": \"C1\"}\r{\"id\": \"C2\"}\r") == V{"1 C1", "2 C2"});
  CHECK(read_all("id: C3\rc: red\r---\rid: C4\r") == V{"1 C3", "2 C4"});
  // YAML separators followed by a tab, or after a byte order mark.
  CHECK(read_all("id: T1\n---\t\nid: T2\n---\t{id: T3}\n") == V{"1 T1", "2 T2", "3 T3"});
  CHECK(read_all("id: B1\n\xEF\xBB\xBF---\nid: B2\n") == V{"1 B1", "2 B2"});
  CHECK(read_all("id: D1\n---x\n") == V{"1 error: unknown field '---x'; this part of the r"});
}

TEST_CASE("input cut short is reported, never taken as complete", "[record]") {
  using V = std::vector<std::string>;
  CHECK(read_all("[{\"id\": \"T1\"}, {\"id\": \"T2\"},") ==
        V{"1 T1", "2 T2", "3 error: the input ended inside a JSON array: its"});
  CHECK(read_all("[{\"id\": \"T1\"}\n") == V{"1 T1", "2 error: the input ended inside a JSON array: its"});
  CHECK(read_all("[{\"id\": \"T1\"}, {\"id\": \"T2\", \"c\": \"re") ==
        V{"1 T1", "2 error: the input ended inside this record: a cl"});
  CHECK(read_all("{\"id\": \"T3\"}\n{\"id\": \"T4\",\n") ==
        V{"1 T3", "2 error: the input ended inside this record: a cl"});
}

TEST_CASE("input that is not UTF-8 text is refused whole, with one result", "[record]") {
  using V = std::vector<std::string>;
  std::string utf16le("{\0\"\0i\0d\0\"\0:\0 \0\"\0U\0\"\0}\0\n\0", 24);
  CHECK(read_all(utf16le) == V{"1 error: the input looks like UTF-16 or UTF-32 wi"});
  CHECK(read_all("\xFF\xFE" + utf16le) == V{"1 error: the input is UTF-16 or UTF-32 (it starts"});
  CHECK(read_all("\xFE\xFF" + std::string("\0{", 2)) == V{"1 error: the input is UTF-16 or UTF-32 (it starts"});
  CHECK(read_all(std::string(100000, '\0')) == V{"1 error: the input holds NUL bytes: it is not a t"});
  // A NUL inside a record reaches the record's reader, which refuses it.
  CHECK(read_all(std::string("{\"id\": \"Z1\"}\n{\"id\": \"Z\0\"}\n{\"id\": \"Z3\"}\n", 39)) == V{"1 Z1", "2 error: not valid JSON at byte 10: syntax error ", "3 Z3"});
}

TEST_CASE("a RecordParser reused from record to record gives what parse_record gives", "[record]") {
  const auto& rules = tiny();
  // Accepted and rejected, JSON and YAML, with and without strings and
  // sections, one after the other into the same ParsedRecord.
  const char* texts[] = {
      kValid,
      R"({"id": "R-2", "b": "bee", "job": {"city": false}})",
      R"({"id": "R-3", "c": "green"})",
      R"({"id": "R-4"})",
      "id: R-5\nb: 12\n",
      R"({"id": "R-6", "id": "R-7"})",
      R"({"id": "R-8", "b": "a string longer than fifteen bytes", "extra": null})",
      "{\"id\": \"R-9\"} trailing",
      R"({"id": "R-\u0031\n0", "b": "\ud83d\ude00"})",
  };
  talent::RecordParser parser(rules);
  talent::ParsedRecord reused;
  std::size_t number = 0;
  for (const char* text : texts) {
    ++number;
    INFO(text);
    parser.parse(text, number, reused);
    talent::ParsedRecord once = talent::parse_record(rules, text, number);
    CHECK(reused.number == number);
    CHECK(reused.id == once.id);
    REQUIRE(reused.record.has_value() == once.record.has_value());
    REQUIRE(reused.error.has_value() == once.error.has_value());
    if (once.error) {
      CHECK(reused.error->field == once.error->field);
      CHECK(reused.error->code == once.error->code);
      CHECK(reused.error->message == once.error->message);
    } else {
      CHECK(reused.record->id() == once.record->id());
      // The same decision from both, reasons and all.
      auto as_of = *talent::parse_date("2025-06-30");
      CHECK(talent::to_json(rules, talent::evaluate(rules, *reused.record, as_of)) ==
            talent::to_json(rules, talent::evaluate(rules, *once.record, as_of)));
    }
  }
}

TEST_CASE("next_text cuts the texts next parses, numbered the same", "[record]") {
  const auto& rules = tiny();
  std::string input = "{\"id\": \"L-1\"}\n\n{\"id\": \"L-2\", \"c\": \"teal\"}\r\n{\"id\": \"L-3\"}";
  std::istringstream a(input), b(input);
  talent::RecordReader whole(rules, a), cut(rules, b);
  talent::RecordParser parser(rules);
  talent::ParsedRecord p, q;
  talent::RecordText text;
  std::vector<std::string> seen;
  while (whole.next(p)) {
    REQUIRE(cut.next_text(text));
    seen.push_back(text.text);
    parser.parse(text, q);
    CHECK(q.number == p.number);
    CHECK(q.id == p.id);
    CHECK(q.error.has_value() == p.error.has_value());
  }
  CHECK_FALSE(cut.next_text(text));
  CHECK(seen == std::vector<std::string>{"{\"id\": \"L-1\"}", "{\"id\": \"L-2\", \"c\": \"teal\"}", "{\"id\": \"L-3\"}"});
}
