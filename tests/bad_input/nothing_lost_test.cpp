// Nothing lost: N records in, N results out, in order, each a decision or an
// error naming its record number — whatever the records hold and however the
// input is laid out. Checked through RecordReader and through `talent batch`.
#include "talent/talent.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace {

using talent::ParsedRecord;

// What record i of the mix is: most are valid, the others broken in a
// different way each, and some too large to keep.
enum class Kind { valid, bad_date, unknown_field, not_json, too_large, not_object, wrong_type };

Kind kind_of(int i) {
  static const Kind cycle[] = {Kind::valid,      Kind::bad_date,  Kind::valid,     Kind::unknown_field,
                               Kind::not_json,   Kind::valid,     Kind::not_object, Kind::wrong_type};
  if (i % 97 == 50) return Kind::too_large;
  return cycle[i % 8];
}

std::string id_of(int i) { return "N-" + std::to_string(i); }

// One record as a single line of JSON.
std::string json_record(int i) {
  std::string id = "\"id\": \"" + id_of(i) + "\"";
  switch (kind_of(i)) {
    case Kind::valid:
      return "{" + id + ", \"degree\": \"master\", \"study_mode\": \"full_time\", \"graduation_date\": \"2024-0" +
             std::to_string(1 + i % 9) + "-15\", \"employment\": {\"status\": \"enterprise\", \"in_city\": true}}";
    case Kind::bad_date: return "{" + id + ", \"graduation_date\": \"2023-02-30\"}";
    case Kind::unknown_field: return "{" + id + ", \"gradution_date\": \"2023-01-05\"}";
    case Kind::not_json: return "{" + id + ", \"degree\": master}";
    case Kind::too_large: return "{" + id + ", \"name\": \"" + std::string(1100000, 'x') + "\"}";
    case Kind::not_object: return "[\"" + id_of(i) + "\"]";
    case Kind::wrong_type: return "{" + id + ", \"employment\": {\"in_city\": \"yes\"}}";
  }
  return "";
}

// What result record i must give: "decision <id>" or "error <field>".
std::string expected_result(int i, int n, bool truncated_last) {
  if (truncated_last && i == n) return "error ";
  switch (kind_of(i)) {
    case Kind::valid: return "decision " + id_of(i);
    case Kind::bad_date: return "error graduation_date";
    case Kind::unknown_field: return "error gradution_date";
    case Kind::wrong_type: return "error employment.in_city";
    default: return "error ";
  }
}

// N records of JSON Lines, blank lines between some, the last line cut off
// in the middle and without its newline.
std::string json_lines(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    std::string line = json_record(i);
    if (i == n) return out + line.substr(0, line.size() / 2);
    out += line + (i % 10 == 0 ? "\n\n" : "\n");
  }
  return out;
}

// The same records as one JSON array on a single line, the array cut off.
std::string json_array(int n) {
  std::string out = "[";
  for (int i = 1; i <= n; ++i) {
    std::string r = json_record(i);
    out += (i > 1 ? ", " : "") + (i == n ? r.substr(0, r.size() / 2) : r);
  }
  return out;
}

// YAML documents; the last one broken off mid-line.
std::string yaml_documents(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    out += "---\n";
    if (i == n) return out + "id: " + id_of(i) + "\ndegree: [mast";
    switch (kind_of(i)) {
      case Kind::valid: out += "id: " + id_of(i) + "\ndegree: 硕士\nstudy_mode: full_time\ngraduation_date: 2024-07-01\n"; break;
      case Kind::bad_date: out += "id: " + id_of(i) + "\ngraduation_date: 2023-02-30\n"; break;
      case Kind::unknown_field: out += "id: " + id_of(i) + "\ngradution_date: 2023-01-05\n"; break;
      case Kind::not_json: out += "id: " + id_of(i) + "\ndegree: {master\n"; break;
      case Kind::too_large: out += "id: " + id_of(i) + "\nname: " + std::string(1100000, 'x') + "\n"; break;
      case Kind::not_object: out += "- " + id_of(i) + "\n"; break;
      case Kind::wrong_type: out += "id: " + id_of(i) + "\nemployment:\n  in_city: \"yes\"\n"; break;
    }
  }
  return out;
}

// Each result as "decision <id>" / "error <field>", checking numbers as it goes.
std::vector<std::string> read_all(const std::string& text) {
  auto rules = talent::builtin_rule_set();
  std::istringstream in(text);
  talent::RecordReader reader(*rules, in);
  std::vector<std::string> out;
  ParsedRecord p;
  while (reader.next(p)) {
    REQUIRE(p.number == out.size() + 1);
    REQUIRE(p.record.has_value() != p.error.has_value());
    if (p.record) {
      talent::Decision d = talent::evaluate(*rules, *p.record, *talent::parse_date("2025-06-30"));
      REQUIRE(d.programs.size() == 3);
      out.push_back("decision " + d.id);
    } else {
      out.push_back("error " + p.error->field);
    }
  }
  return out;
}

// The same through `talent batch`, from a file.
std::vector<std::string> batch(const std::string& text, int& exit_status) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("talent-nothing-lost-" + std::to_string(::getpid()));
  std::ofstream(file, std::ios::binary) << text;
  std::string command = std::string(TALENT_CLI) + " batch --as-of 2025-06-30 " + file.string();
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  int status = ::pclose(pipe);
  fs::remove(file);
  REQUIRE(WIFEXITED(status));
  exit_status = WEXITSTATUS(status);
  std::vector<std::string> out;
  std::istringstream lines(output);
  std::size_t number = 0;
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    ++number;
    if (j.contains("error")) {
      CHECK(j["record"] == number);  // names its record
      out.push_back("error " + (j["error"]["field"].is_null() ? std::string() : j["error"]["field"].get<std::string>()));
    } else {
      REQUIRE(j["programs"].size() == 3);
      out.push_back("decision " + j["id"].get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> expected(int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back(expected_result(i, n, true));
  return out;
}

}  // namespace

TEST_CASE("N records of JSON Lines give N results in order", "[nothing_lost]") {
  const int n = GENERATE(1, 2, 9, 500);
  CAPTURE(n);
  std::string input = json_lines(n);
  CHECK(read_all(input) == expected(n));
  int status = -1;
  CHECK(batch(input, status) == expected(n));
  CHECK(status == 1);
}

TEST_CASE("N records in a JSON array give N results in order", "[nothing_lost]") {
  const int n = GENERATE(1, 9, 500);
  CAPTURE(n);
  std::string input = json_array(n);
  CHECK(read_all(input) == expected(n));
  int status = -1;
  CHECK(batch(input, status) == expected(n));
  CHECK(status == 1);
}

TEST_CASE("N YAML documents give N results in order", "[nothing_lost]") {
  const int n = GENERATE(1, 9, 300);
  CAPTURE(n);
  std::string input = yaml_documents(n);
  CHECK(read_all(input) == expected(n));
  int status = -1;
  CHECK(batch(input, status) == expected(n));
  CHECK(status == 1);
}

// Regressions: each of these lost every record after the large one.
TEST_CASE("oversized first JSON line lost the records after it", "[nothing_lost]") {
  std::string big = "{\"id\": \"X-1\", \"name\": \"" + std::string(1100000, 'x') + "\"}";
  CHECK(read_all(big + "\n{\"id\": \"X-2\"}\n{\"id\": \"X-3\"}\n") ==
        std::vector<std::string>{"error ", "decision X-2", "decision X-3"});
}

TEST_CASE("oversized pretty-printed JSON record swallowed the rest of the input", "[nothing_lost]") {
  std::string big = "{\n  \"id\": \"X-1\",\n  \"name\": \"" + std::string(1100000, 'x') + "\"\n}\n";
  CHECK(read_all(big + "{\n  \"id\": \"X-2\"\n}\n{\n  \"id\": \"X-3\"\n}\n") ==
        std::vector<std::string>{"error ", "decision X-2", "decision X-3"});
  // Brackets inside the skipped text do not end the record early.
  std::string tricky = "{\n  \"id\": \"X-1\",\n  \"name\": \"}}]] " + std::string(1100000, '{') + "\\\"\"\n}\n";
  CHECK(read_all(tricky + "{\n  \"id\": \"X-2\"\n}\n") == std::vector<std::string>{"error ", "decision X-2"});
}

TEST_CASE("JSON array on one oversized line lost its records", "[nothing_lost]") {
  std::string text = "[";
  for (int i = 1; i <= 30000; ++i) text += (i > 1 ? ", " : "") + std::string("{\"id\": \"A-") + std::to_string(i) + "\"}";
  text += "]";
  REQUIRE(text.size() > talent::RecordLimits{}.max_record_bytes / 3);
  talent::RecordLimits small;
  small.max_record_bytes = 4096;  // the line is far longer than a record may be
  std::istringstream in(text);
  talent::RecordReader reader(*talent::builtin_rule_set(), in, small);
  ParsedRecord p;
  std::size_t count = 0;
  while (reader.next(p)) {
    ++count;
    REQUIRE(p.record);
    REQUIRE(p.record->id() == "A-" + std::to_string(count));
  }
  CHECK(count == 30000);
}

TEST_CASE("a byte order mark is dropped before any input form", "[nothing_lost]") {
  const std::string bom = "\xEF\xBB\xBF";
  CHECK(read_all(bom + "{\"id\": \"B-1\"}\n{\"id\": \"B-2\"}\n") == std::vector<std::string>{"decision B-1", "decision B-2"});
  CHECK(read_all(bom + "[{\"id\": \"B-1\"}, {\"id\": \"B-2\"}]") == std::vector<std::string>{"decision B-1", "decision B-2"});
  CHECK(read_all(bom + "\n\nid: B-1\n---\nid: B-2\n") == std::vector<std::string>{"decision B-1", "decision B-2"});
  // Not a BOM: the bytes are kept, and the record says what is wrong with them.
  CHECK(read_all("\xEF\xBB" "id: B-1\n") == std::vector<std::string>{"error "});
}
