// Every limit of docs/limits.md, tested at the limit (accepted) and just over
// it (refused with the documented message).
#include "pack/pack_loader.hpp"
#include "lang/parser.hpp"
#include "talent/talent.hpp"
#include "pack/yaml_tree.hpp"
#include "base/text.hpp"

#include <catch2/catch.hpp>

#include <chrono>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

using talent::ParsedRecord;

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// "field: message", or "accepted".
std::string outcome(const ParsedRecord& p) {
  if (p.record) return "accepted";
  return p.error->field + ": " + p.error->message;
}

std::string parse(const std::string& text, const talent::RecordLimits& limits = {}) {
  return outcome(talent::parse_record(*talent::builtin_rule_set(), text, 1, limits));
}

// A JSON record of exactly `size` bytes, padded inside its name.
std::string record_of_size(std::size_t size) {
  std::string head = "{\"id\": \"L-1\", \"name\": \"";
  std::string tail = "\"}";
  return head + std::string(size - head.size() - tail.size(), 'x') + tail;
}

// Reads `text` and returns each result as "n: outcome".
std::vector<std::string> read_all(const std::string& text, const talent::RecordLimits& limits = {}) {
  std::istringstream in(text);
  talent::RecordReader reader(*talent::builtin_rule_set(), in, limits);
  std::vector<std::string> out;
  ParsedRecord p;
  while (reader.next(p)) out.push_back(std::to_string(p.number) + ": " + outcome(p));
  return out;
}

std::vector<talent::PackFile> pack_with(const std::string& name, const std::string& content) {
  auto files = talent::builtin_pack_files();
  bool replaced = false;
  for (auto& f : files) {
    if (f.name == name) f.content = content, replaced = true;
  }
  if (!replaced) files.push_back(talent::PackFile{name, content});
  return files;
}

std::string load(const std::vector<talent::PackFile>& files) {
  talent::LoadResult r = talent::load_rule_set(files, "pack");
  if (r.ok()) return "loaded";
  std::string out;
  for (const auto& d : r.diagnostics) {
    out += d.file + (d.line ? ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : "") + ": " + d.message + "\n";
  }
  return out;
}

std::string builtin(const std::string& name) {
  for (const auto& f : talent::builtin_pack_files()) {
    if (f.name == name) return f.content;
  }
  return "";
}

// rent_subsidy.yaml with its first condition replaced by `when`.
std::string rent_with_condition(const std::string& when) {
  std::string rent = builtin("rent_subsidy.yaml");
  std::string old = "when: graduation_date <= as_of";
  return rent.replace(rent.find(old), old.size(), "when: " + when);
}

}  // namespace

TEST_CASE("a record's text may hold 1 MiB", "[limits]") {
  const std::size_t limit = talent::RecordLimits{}.max_record_bytes;
  CHECK(limit == 1048576);
  CHECK(parse(record_of_size(limit)) == "name: text longer than 4096 bytes");  // read, then judged field by field
  CHECK(parse(record_of_size(limit + 1)) == ": record is 1048577 bytes; the limit is 1048576 bytes");
  // In a stream, a record over the limit is skipped without being kept.
  CHECK(read_all(record_of_size(limit) + "\n" + record_of_size(limit + 1) + "\n{\"id\": \"L-3\"}\n") ==
        std::vector<std::string>{"1: name: text longer than 4096 bytes",
                                 "2: : record is larger than the limit of 1048576 bytes; it was skipped",
                                 "3: accepted"});
}

TEST_CASE("the record size limit applies to every input form", "[limits]") {
  talent::RecordLimits small;
  small.max_record_bytes = 64;
  std::string at = record_of_size(64), over = record_of_size(65);
  const std::vector<std::string> expected{"1: accepted", "2: : record is larger than the limit of 64 bytes; it was skipped",
                                          "3: accepted"};
  CHECK(read_all(at + "\n" + over + "\n{\"id\": \"L-3\"}\n", small) == expected);                // JSON Lines
  CHECK(read_all("[" + at + ",\n" + over + ", {\"id\": \"L-3\"}]\n", small) == expected);       // a JSON array
  CHECK(read_all("{\n\"id\": \"L-1\"\n}\n{\n\"id\": \"L-2\", \"name\": \"" + std::string(64, 'x') + "\"\n}\n{\"id\": \"L-3\"}\n",
                 small) == expected);                                                           // pretty JSON
  CHECK(read_all("id: L-1\nname: " + std::string(50, 'x') + "\n---\nid: L-2\nname: " + std::string(51, 'x') +
                     "\n---\nid: L-3\n",
                 small) == expected);  // YAML documents of 64 and 65 bytes
}

TEST_CASE("records nest at most 32 levels deep", "[limits]") {
  // The record object is level 1; `name` holds the deeper levels.
  auto json = [](int depth) {
    return "{\"id\": \"L-1\", \"name\": " + repeat("[", static_cast<std::size_t>(depth - 1)) +
           repeat("]", static_cast<std::size_t>(depth - 1)) + "}";
  };
  auto yaml = [](int depth) {
    return "id: L-1\nname: " + repeat("[", static_cast<std::size_t>(depth - 1)) + repeat("]", static_cast<std::size_t>(depth - 1));
  };
  CHECK(parse(json(32)) == "name: expected text, found a list");
  CHECK(parse(json(33)) == ": nesting deeper than 32 levels");
  CHECK(parse(yaml(32)) == "name: expected text, found a list");
  CHECK(parse(yaml(33)) == ": not valid YAML at line 2, column 38: nesting deeper than 32 levels");
}

TEST_CASE("a text value holds at most 4096 bytes", "[limits]") {
  auto with_name = [](std::size_t n) { return "{\"id\": \"L-1\", \"name\": \"" + std::string(n, 'x') + "\"}"; };
  CHECK(parse(with_name(4096)) == "accepted");
  CHECK(parse(with_name(4097)) == "name: text longer than 4096 bytes");
  // Counted in bytes: 1365 three-byte characters fit, 1366 do not.
  auto chinese = [](std::size_t n) { return "{\"id\": \"L-1\", \"name\": \"" + repeat("张", n) + "\"}"; };
  CHECK(parse(chinese(1365)) == "accepted");
  CHECK(parse(chinese(1366)) == "name: text longer than 4096 bytes");
}

TEST_CASE("money is at most 92233720368547758.07 yuan (int64 fen)", "[limits]") {
  auto principal = [](const std::string& p) {
    return "{\"id\": \"L-1\", \"startup_loan\": {\"principal\": \"" + p + "\"}}";
  };
  CHECK(parse(principal("92233720368547758.07")) == "accepted");
  CHECK(parse(principal("92233720368547758.08")) ==
        "startup_loan.principal: invalid amount \"92233720368547758.08\": number is too large");
}

TEST_CASE("rates have at most 9 decimals and lie in [0, 1)", "[limits]") {
  auto rate = [](const std::string& r) { return "{\"id\": \"L-1\", \"startup_loan\": {\"annual_rate\": \"" + r + "\"}}"; };
  CHECK(parse(rate("0.999999999")) == "accepted");
  CHECK(parse(rate("1")) == "startup_loan.annual_rate: rate must be at least 0 and below 1 (100%), found \"1\"; "
                             "for 1 percent write \"1%\" (or 0.01)");
  CHECK(parse(rate("0.000000001")) == "accepted");
  CHECK(parse(rate("0.0000000001")) ==
        "startup_loan.annual_rate: invalid rate \"0.0000000001\": rate has more than 9 decimals");
  CHECK(parse(rate("99.9999999%")) == "accepted");
  CHECK(parse(rate("99.99999999%")) == "startup_loan.annual_rate: invalid rate \"99.99999999%\": rate has more than 7 decimals");
}

TEST_CASE("whole numbers fit in 64 bits", "[limits]") {
  auto term = [](const std::string& t) { return "{\"id\": \"L-1\", \"startup_loan\": {\"term_months\": " + t + "}}"; };
  CHECK(parse(term("9223372036854775807")) == "accepted");
  CHECK(parse(term("9223372036854775808")) ==
        "startup_loan.term_months: number is too large, found '9223372036854775808'");
}

TEST_CASE("dates lie in the years 1400 to 9999", "[limits]") {
  auto graduated = [](const std::string& d) { return "{\"id\": \"L-1\", \"graduation_date\": \"" + d + "\"}"; };
  CHECK(parse(graduated("1400-01-01")) == "accepted");
  CHECK(parse(graduated("1399-12-31")) == "graduation_date: expected a real calendar date YYYY-MM-DD, found \"1399-12-31\"");
  CHECK(parse(graduated("9999-12-31")) == "accepted");
  CHECK(talent::add_days(*talent::parse_date("9999-12-31"), 1) == std::nullopt);
  CHECK(talent::add_days(*talent::parse_date("1400-01-01"), -1) == std::nullopt);
}

TEST_CASE("an expression holds at most 4096 bytes", "[limits]") {
  using talent::detail::parse_expression;
  CHECK(talent::detail::kMaxExpressionBytes == 4096);
  // "name == 'xxx...x'", padded to the exact size inside the quotes.
  auto sized = [](std::size_t n) { return "name == '" + std::string(n - 10, 'x') + "'"; };
  talent::detail::Expr expr;
  talent::detail::ExpressionError error;
  CHECK(parse_expression(sized(4096), expr, error));
  CHECK_FALSE(parse_expression(sized(4097), expr, error));
  CHECK(error.message == "expression longer than 4096 bytes");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(sized(4096)))) == "loaded");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(sized(4097)))) ==
        "pack/rent_subsidy.yaml:12:11: expression longer than 4096 bytes\n");
}

TEST_CASE("an expression's tree is at most 256 levels high", "[limits]") {
  auto chain = [](std::size_t terms) {
    std::string e = "true";
    for (std::size_t i = 1; i < terms; ++i) e += " or true";
    return e;
  };
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(chain(256)))) == "loaded");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(chain(257)))) ==
        "pack/rent_subsidy.yaml:12:2056: expression more than 256 levels deep (a very long chain of operators); "
        "list values with 'in [...]' or split the condition\n");
}

TEST_CASE("expressions nest at most 64 levels deep", "[limits]") {
  auto parens = [](std::size_t n) { return repeat("(", n) + "study_mode == full_time" + repeat(")", n); };
  auto nots = [](std::size_t n) { return repeat("not ", n) + "true"; };
  auto minus = [](std::size_t n) { return "startup_loan.term_months > " + repeat("-", n) + "1"; };
  // The whole expression is the first level; each bracket, 'not' or '-' adds one.
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(parens(63)))) == "loaded");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(parens(64)))) ==
        "pack/rent_subsidy.yaml:12:75: expression nested deeper than 64 levels\n");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(nots(63)))) == "loaded");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(nots(64)))) ==
        "pack/rent_subsidy.yaml:12:263: expression nested deeper than 64 levels\n");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(minus(63)))) == "loaded");
  CHECK(load(pack_with("rent_subsidy.yaml", rent_with_condition(minus(64)))) ==
        "pack/rent_subsidy.yaml:12:101: expression nested deeper than 64 levels\n");
}

TEST_CASE("pack YAML nests at most 64 levels deep", "[limits]") {
  // Nested lists under a condition's note: the program map is level 1.
  auto nested = [](std::size_t levels) {
    std::string rent = builtin("rent_subsidy.yaml");
    std::string old = "when: graduation_date <= as_of";
    // The conditions list, its item and the note's list are levels 2-4.
    return rent.replace(rent.find(old), old.size(),
                        old + "\n    note: " + repeat("[", levels - 3) + repeat("]", levels - 3));
  };
  // At the limit the YAML is read, and the loader goes on to judge what it says.
  CHECK(load(pack_with("rent_subsidy.yaml", nested(64))).find("nesting deeper") == std::string::npos);
  CHECK(load(pack_with("rent_subsidy.yaml", nested(65))) == "pack/rent_subsidy.yaml:13:72: nesting deeper than 64 levels\n");
  auto lists = [](std::size_t levels) { return repeat("[", levels) + repeat("]", levels); };
  talent::detail::YamlDocument doc;
  talent::Diagnostic error;
  CHECK(talent::detail::parse_yaml("f.yaml", lists(64), talent::detail::YamlLimits{}, doc, error));
  CHECK_FALSE(talent::detail::parse_yaml("f.yaml", lists(65), talent::detail::YamlLimits{}, doc, error));
  CHECK(error.message == "nesting deeper than 64 levels");
  CHECK(error.column == 65);
}

TEST_CASE("a pack file holds at most 200000 YAML nodes", "[limits]") {
  // A list holding n - 1 scalars is n nodes.
  auto nodes = [](std::size_t n) { return "[" + repeat("a,", n - 2) + "a]"; };
  talent::detail::YamlDocument doc;
  talent::Diagnostic error;
  CHECK(talent::detail::parse_yaml("f.yaml", nodes(200000), talent::detail::YamlLimits{}, doc, error));
  CHECK(doc.root.items.size() == 199999);
  CHECK_FALSE(talent::detail::parse_yaml("f.yaml", nodes(200001), talent::detail::YamlLimits{}, doc, error));
  CHECK(error.message == "more than 200000 YAML nodes");
  CHECK(error.line == 1);
  CHECK(error.column == 400000);  // the 200000th scalar
}

TEST_CASE("a pack file holds at most 1 MiB", "[limits]") {
  CHECK(talent::detail::kMaxPackFileBytes == 1048576);
  auto padded = [](std::size_t size) {
    std::string rent = builtin("rent_subsidy.yaml") + "\n";
    while (rent.size() + 100 <= size) rent += "# " + std::string(97, '-') + "\n";
    return rent + std::string(size - rent.size(), '#');
  };
  CHECK(load(pack_with("rent_subsidy.yaml", padded(1048576))) == "loaded");
  CHECK(load(pack_with("rent_subsidy.yaml", padded(1048577))) ==
        "pack/rent_subsidy.yaml: file is 1048577 bytes; a pack file may hold at most 1048576 bytes\n");
  // The same from a folder: refused by its size, before it is read.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("talent-limits-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const auto& f : pack_with("rent_subsidy.yaml", padded(1048577))) std::ofstream(dir / f.name, std::ios::binary) << f.content;
  talent::LoadResult r = talent::load_rule_set(dir.string());
  fs::remove_all(dir);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "file is 1048577 bytes; a pack file may hold at most 1048576 bytes");
}

TEST_CASE("a pack holds at most 64 files", "[limits]") {
  CHECK(talent::detail::kMaxPackFiles == 64);
  auto with_extra = [](std::size_t total) {
    auto files = talent::builtin_pack_files();
    for (std::size_t i = files.size(); i < total; ++i) files.push_back(talent::PackFile{"extra" + std::to_string(i) + ".yaml", ""});
    return files;
  };
  CHECK(load(with_extra(64)) == "loaded");
  CHECK(load(with_extra(65)) == "pack: a pack may hold at most 64 files\n");
}

TEST_CASE("an amount is at most 92233720368547758.07 yuan when evaluated", "[limits]") {
  std::string loan = builtin("startup_loan_interest_subsidy.yaml");
  // The amount runs from its key to the blank line after it (a folded scalar).
  std::string old = loan.substr(loan.find("amount: "), loan.find("\n\n", loan.find("amount: ")) - loan.find("amount: "));
  auto files = pack_with("startup_loan_interest_subsidy.yaml",
                         loan.replace(loan.find(old), old.size(), "amount: startup_loan.principal * startup_loan.term_months"));
  talent::LoadResult r = talent::load_rule_set(files, "pack");
  REQUIRE(r.ok());
  auto decide = [&](const std::string& principal) -> std::string {
    ParsedRecord p = talent::parse_record(*r.rule_set,
                                          "{\"id\": \"L-1\", \"employment\": {\"status\": \"self_employed\", \"in_city\": true}, "
                                          "\"startup_loan\": {\"kind\": \"personal_guarantee\", \"principal\": \"" +
                                              principal + "\", \"annual_rate\": \"0.01\", \"term_months\": 2}}");
    REQUIRE(p.record);
    try {
      return talent::evaluate(*r.rule_set, *p.record, *talent::parse_date("2025-06-30")).programs[2].amount->to_string();
    } catch (const talent::EvaluationError& e) {
      return e.program() + ": " + e.what();
    }
  };
  CHECK(decide("46116860184273879.03") == "92233720368547758.06");
  CHECK(decide("46116860184273879.04") ==
        "startup_loan_interest_subsidy: startup_loan_interest_subsidy: the amount does not fit in 64-bit fen");
}

TEST_CASE("\"did you mean\" looks only at words of at most 64 bytes", "[limits]") {
  using talent::detail::suggest;
  std::vector<std::string> values;
  for (int i = 0; i < 70; ++i) values.push_back("value_" + std::to_string(i));
  CHECK(suggest("value_7x", values) == "value_7");
  CHECK(suggest(std::string(64, 'v'), values).empty());
  // A mebibyte against 70 values: answered at once, not after seconds of
  // comparisons (the time is checked by the 2-second limit of the catalogue).
  auto started = std::chrono::steady_clock::now();
  CHECK(suggest(std::string(1 << 20, 'q'), values).empty());
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(100));
}

