#include "talent/talent.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

namespace {

// "file:line:column: [code] message" for each diagnostic of loading `files`.
std::vector<std::string> problems(const std::vector<talent::PackFile>& files) {
  auto r = talent::load_rule_set(files, "pack");
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    out.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": [" +
                  talent::to_string(d.code) + "] " + d.message);
  }
  if (!r.diagnostics.empty()) CHECK_FALSE(r.ok());  // never half a rule set
  return out;
}

std::vector<talent::PackFile> with_program(const std::string& program) {
  auto files = talent::testing::tiny_pack("a");
  files[2].content = program;
  return files;
}

}  // namespace

TEST_CASE("the built-in pack loads with its programs in order", "[pack]") {
  auto rules = talent::builtin_rule_set();
  REQUIRE(rules->programs().size() == 3);
  CHECK(rules->programs()[0].id == "rent_subsidy");
  CHECK(rules->programs()[1].id == "home_purchase_subsidy");
  CHECK(rules->programs()[2].id == "startup_loan_interest_subsidy");
  CHECK(rules->id() == "hohhot-talent-25");
  CHECK(rules->readings_document() == "docs/policy-reading.md");
  CHECK(rules->clauses().size() == 6);
  // C-MASTER and C-CRAFT are selection programs; only C-SERVICE is not encoded.
  REQUIRE(rules->unencoded_clauses().size() == 1);
  CHECK(rules->unencoded_clauses()[0].clause == "C-SERVICE");
  CHECK(rules->selections().size() == 3);
  CHECK(rules->digest().rfind("sha256:", 0) == 0);
  CHECK(rules->digest().size() == 7 + 64);
  CHECK(rules->programs()[0].amount_expression == "rent_per_month");
  CHECK(rules->programs()[0].amount_parameters == std::vector<std::string>{"rent_per_month"});
  REQUIRE(rules->versions().size() == 1);
  CHECK(rules->versions()[0].id == "2024.12.1");
  CHECK(talent::format_date(rules->versions()[0].effective_from) == "2024-12-01");
  CHECK(rules->versions()[0].programs == std::vector<std::size_t>{0, 1, 2});
  REQUIRE(rules->parameters().size() == 16);  // 7 of the per-applicant programs, 9 of the selections
  const talent::ParameterInfo& rent = rules->parameters()[0];
  CHECK(rent.id == "rent_per_month");
  CHECK(rent.by == "degree");
  REQUIRE(rent.history.size() == 1);
  CHECK(rent.history[0].rows == std::vector<std::pair<std::string, std::string>>{
                                    {"doctorate", "1000.00"}, {"master", "800.00"}, {"bachelor", "500.00"}, {"associate", "300.00"}});
  CHECK(rules->parameters()[6].history[0].value == "0.5");
  // The graduate base conditions, shared by two programs, say where they come from.
  CHECK(rules->programs()[0].conditions[0].from == "graduate_base");
  CHECK(rules->programs()[1].conditions[4].from == "graduate_base");
  CHECK(rules->programs()[1].conditions[5].from.empty());
  CHECK(rules->programs()[0].conditions[6].parameters == std::vector<std::string>{"rent_years"});
}

TEST_CASE("expression errors point at the token inside the YAML string", "[pack]") {
  auto files = talent::testing::tiny_pack("a and gradution_date");
  CHECK(problems(files) == std::vector<std::string>{
                               "pack/p.yaml:8:17: [unknown_name] unknown field 'gradution_date'",
                           });
  auto quoted = talent::testing::tiny_pack("\"n > 1 and c == gren\"");
  CHECK(problems(quoted) == std::vector<std::string>{
                                "pack/p.yaml:8:27: [unknown_name] 'gren' is not a value of enum color; expected one of: red, blue",
                            });
  auto syntax = talent::testing::tiny_pack("(a and b");
  CHECK(problems(syntax) == std::vector<std::string>{
                                "pack/p.yaml:8:19: [syntax] expected ')' to close the '(', found end of expression (opened at line 8, column 11)",
                            });
}

TEST_CASE("every problem of a load is reported at once", "[pack]") {
  std::string program =
      "id: p\ntitle: t\nclause: C-2\nfrequency: weekly\ncolour: red\n"
      "conditions:\n  - {id: x, label: l, when: n > m}\n  - {id: x, label: l, when: a}\n"
      "amount:\n  by: c\n  table: {red: \"1.00\", bleu: \"2.00\"}\n";
  CHECK(problems(with_program(program)) ==
        std::vector<std::string>{
            "pack/p.yaml:5:1: [unknown_name] unknown key 'colour' in a program",
            "pack/p.yaml:3:9: [unknown_name] unknown clause 'C-2' (did you mean 'C-1'?); clauses are declared in pack.yaml",
            "pack/p.yaml:4:12: [unknown_name] unknown frequency 'weekly'; expected monthly or once",
            "pack/p.yaml:7:31: [wrong_type] cannot compare int with money",
            "pack/p.yaml:8:10: [duplicate] duplicate condition id 'x'",
            "pack/p.yaml:11:24: [unknown_name] 'bleu' is not a value of enum color (did you mean 'blue'?)",
            "pack/p.yaml:11:3: [missing] the amount table does not cover every value of enum color: missing 'blue'",
        });
}

TEST_CASE("broken YAML, missing files and duplicate programs are located", "[pack]") {
  CHECK(problems(with_program("id: p\ntitle: [unclosed\n")) ==
        std::vector<std::string>{"pack/p.yaml:3:1: [syntax] YAML syntax: end of sequence flow not found"});
  auto files = talent::testing::tiny_pack("a");
  files.erase(files.begin() + 1);
  CHECK(problems(files) == std::vector<std::string>{"pack/pack.yaml:6:9: [missing] no file 'schema.yaml' in the pack"});
  auto twice = talent::testing::tiny_pack("a");
  twice[0].content += "";
  std::string manifest = twice[0].content;
  manifest.replace(manifest.find("programs: [p.yaml]"), 18, "programs: [p.yaml, q.yaml]");
  twice[0].content = manifest;
  twice.push_back({"q.yaml", twice[2].content});
  CHECK(problems(twice) == std::vector<std::string>{"pack/q.yaml:1:5: [duplicate] duplicate program id 'p'"});
}

TEST_CASE("the schema is checked too", "[pack]") {
  auto files = talent::testing::tiny_pack("a");
  files[1].content = "enums:\n  e: [{value: x}, {value: x}]\nfields:\n  id: {type: string, required: true}\n"
                     "  f: {type: enumm, enum: e}\n  g: {type: enum, enum: ee}\n  h: {type: int, min: many}\n";
  CHECK(problems(files) == std::vector<std::string>{
                               "pack/schema.yaml:2:19: [duplicate] enum 'e' lists 'x' twice",
                               "pack/schema.yaml:5:13: [unknown_name] unknown type 'enumm' (did you mean 'enum'?); expected bool, int, money, rate, decimal, date, enum, string or section",
                               "pack/schema.yaml:6:25: [unknown_name] unknown enum 'ee' (did you mean 'e'?)",
                               "pack/schema.yaml:7:23: [wrong_type] expected 'min' to be a whole number",
                           });
}

TEST_CASE("every diagnostic says what kind of problem it is", "[pack]") {
  using talent::testing::tiny_pack;
  const std::string program = "id: p\ntitle: t\nclause: C-1\nfrequency: once\n"
                              "conditions:\n  - {id: x, label: l, when: a}\n";
  auto [files, diagnostic] = GENERATE_REF(table<std::vector<talent::PackFile>, std::string>({
      // unknown_name: a key, field, function or enum value that does not exist
      {with_program(program + "amount: \"1.00\"\nwindw: x\n"), "pack/p.yaml:8:1: [unknown_name] unknown key 'windw' in a program (did you mean 'window'?)"},
      {tiny_pack("yaers(1) > 0"), "pack/p.yaml:8:11: [unknown_name] unknown function 'yaers' (did you mean 'years'?); expected years, months, days, min, max, has or eligible"},
      // missing: a required key
      {with_program("id: p\ntitle: t\nclause: C-1\nfrequency: once\nconditions: []\namount: \"1.00\"\n"),
       "pack/p.yaml:5:13: [missing] expected 'conditions' to be a list of {id, label, when}"},
      {with_program(program), "pack/p.yaml:1:1: [missing] a program lacks the required key 'amount'"},
      // wrong_type: a value or an expression of another type
      {with_program(program + "amount: [1]\n"), "pack/p.yaml:7:9: [wrong_type] expected amount as a mapping (key: value), found a list"},
      {tiny_pack("n + 1"), "pack/p.yaml:8:13: [wrong_type] expected bool here, found int"},
      {tiny_pack("a", "d"), "pack/p.yaml:9:9: [wrong_type] expected money here, found date"},
      // invalid_value: the right type, not allowed
      {tiny_pack("d > 2024-02-30"), "pack/p.yaml:8:15: [invalid_value] invalid date '2024-02-30': no such calendar day (expected YYYY-MM-DD)"},
      {tiny_pack("a", "m * 0"), "pack/p.yaml:9:13: [invalid_value] the amount is always 0.00 whatever the record holds, because this is 0; expected a value that is not 0 here"},
      {tiny_pack("m > 1.001"), "pack/p.yaml:8:15: [invalid_value] '1.001' is not a valid money amount: money has more than 2 decimals (at most fen, 0.01 yuan)"},
      // duplicate
      {with_program(program + "amount: \"1.00\"\nid: q\n"), "pack/p.yaml:8:1: [duplicate] duplicate key 'id' (first given on line 1)"},
      // syntax: not well-formed YAML or expression
      {tiny_pack("a and and b"), "pack/p.yaml:8:17: [syntax] expected a value, found 'and'"},
      {tiny_pack("n = 1"), "pack/p.yaml:8:13: [syntax] '=' is not an operator; write '==' to compare"},
      // limit: over a documented limit
      {tiny_pack(std::string(65, '(') + "a" + std::string(65, ')')), "pack/p.yaml:8:75: [limit] expression nested deeper than 64 levels"},
      {tiny_pack("m > 100000000000000000000.00"), "pack/p.yaml:8:15: [limit] '100000000000000000000.00' is not a valid money amount: number is too large"},
  }));
  CAPTURE(diagnostic);
  CHECK(problems(files) == std::vector<std::string>{diagnostic});
}

TEST_CASE("a pack's files: missing, too many, too large or unreadable", "[pack]") {
  auto files = talent::testing::tiny_pack("a");
  files[0].name = "manifest.yaml";
  CHECK(problems(files) == std::vector<std::string>{
                               "pack/pack.yaml:0:0: [missing] no such file: the pack's manifest must be named pack.yaml"});
  auto many = talent::testing::tiny_pack("a");
  while (many.size() <= 64) many.push_back({"f" + std::to_string(many.size()) + ".yaml", ""});
  CHECK(problems(many) == std::vector<std::string>{"pack:0:0: [limit] a pack may hold at most 64 files"});
  auto large = talent::testing::tiny_pack("a");
  large[2].content += "# " + std::string(1 << 20, 'x') + "\n";
  REQUIRE(problems(large).size() == 1);
  CHECK(problems(large)[0].rfind("pack/p.yaml:0:0: [limit] file is ", 0) == 0);
  auto r = talent::load_rule_set("/nonexistent/pack");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == talent::ErrorCode::unreadable);
  CHECK(r.diagnostics[0].message == "not a folder holding a rule pack (expected pack.yaml inside)");
}

TEST_CASE("the digest follows the pack's contents", "[pack]") {
  auto a = talent::load_rule_set(talent::testing::tiny_pack("a"), "x");
  auto b = talent::load_rule_set(talent::testing::tiny_pack("a"), "y");
  auto c = talent::load_rule_set(talent::testing::tiny_pack("b"), "x");
  REQUIRE((a.ok() && b.ok() && c.ok()));
  CHECK(a.rule_set->digest() == b.rule_set->digest());
  CHECK(a.rule_set->digest() != c.rule_set->digest());
}

TEST_CASE("diagnostics print like a compiler, with the line and a caret", "[pack]") {
  auto r = talent::load_rule_set(talent::testing::tiny_pack("a and gradution_date"), "pack");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(talent::format(r.diagnostics[0]) ==
        "pack/p.yaml:8:17: error: unknown field 'gradution_date'\n"
        "        when: a and gradution_date\n"
        "                    ^~~~~~~~~~~~~~\n");
}

TEST_CASE("a loaded pack describes its programs, clauses and fields", "[pack]") {
  auto r = talent::load_rule_set(talent::testing::tiny_programs(), "tiny");
  REQUIRE(r.ok());
  const auto& rules = *r.rule_set;
  CHECK(rules.id() == "tiny");
  CHECK(rules.version() == "2");
  CHECK(rules.title().en == "tiny");
  CHECK(rules.source_document() == "a test");
  CHECK(talent::format_date(rules.effective_from()) == "2024-01-01");

  REQUIRE(rules.clauses().size() == 3);
  CHECK(rules.clauses()[2].title.zh == "评选");
  CHECK(rules.find_clause("C-2")->text == "the bonus clause");
  CHECK(rules.find_clause("C-4") == nullptr);
  REQUIRE(rules.unencoded_clauses().size() == 1);
  CHECK(rules.unencoded_clauses()[0].clause == "C-3");
  CHECK(rules.unencoded_clauses()[0].reason.en == "decided by ranking");

  REQUIRE(rules.programs().size() == 2);
  const auto& grant = rules.programs()[0];
  CHECK(grant.id == "grant");
  CHECK(grant.title.zh == "补贴");
  CHECK(grant.clause == "C-1");
  CHECK(grant.frequency == talent::Frequency::monthly);
  REQUIRE(grant.conditions.size() == 5);
  CHECK(grant.conditions[1].id == "known_colour");
  CHECK(grant.conditions[1].label.en == "a known colour");
  CHECK(grant.conditions[1].expression == "c in [red, blue]");
  CHECK(grant.amount_expression.empty());
  CHECK(grant.amount_table_field == "c");
  REQUIRE(grant.amount_table.size() == 2);
  CHECK(grant.amount_table[0].key == "red");
  CHECK(grant.amount_table[0].amount.fen() == 10000);
  CHECK(grant.amount_table[0].amount.to_string() == "100.00");
  CHECK(grant.amount_table[1].key == "blue");
  CHECK(grant.amount_table[1].amount.fen() == 20050);
  CHECK(grant.amount_table[1].amount.to_string() == "200.50");
  CHECK(grant.window_start == "d");
  CHECK(grant.window_end == "d + years(2)");
  CHECK(grant.remarks.empty());

  const auto& bonus = rules.programs()[1];
  CHECK(bonus.frequency == talent::Frequency::once);
  CHECK(bonus.amount_expression == "min(extra.y, 100.00) * min(extra.x, 3)");
  CHECK(bonus.amount_table.empty());
  CHECK(bonus.window_start.empty());
  REQUIRE(bonus.remarks.size() == 2);
  CHECK(bonus.remarks[0].id == "y_capped");
  CHECK(bonus.remarks[1].expression == "extra.x > 3");

  std::vector<std::string> fields;
  for (const auto& f : rules.fields()) fields.push_back(f.path + " " + talent::to_string(f.type));
  CHECK(fields == std::vector<std::string>{"id string", "a bool", "b bool", "n int", "m money", "r rate", "d date",
                                           "c enum", "extra.x int", "extra.y money", "job.city bool",
                                           "job.size enum", "extra section", "job section"});
  const talent::FieldInfo* c = rules.find_field("c");
  REQUIRE(c);
  REQUIRE(c->values.size() == 2);
  CHECK(c->values[0].id == "red");
  CHECK(c->values[0].label.zh == "红");
  CHECK(c->values[1].label.zh.empty());
  CHECK(rules.find_field("job.size")->values[1].label.en == "large");
  CHECK(rules.find_field("x") == nullptr);
  CHECK(rules.field_label("job")->zh == "工作");
  CHECK(rules.field_label("job.nothing") == nullptr);
}

TEST_CASE("a field's type is the schema's, and prints as the pack spells it", "[pack]") {
  using talent::FieldType;
  // Each field path of the tiny schema with the type and spelling it declares.
  auto [path, type] = GENERATE(table<const char*, FieldType>({
      {"id", FieldType::text},         {"a", FieldType::boolean},           {"n", FieldType::integer},
      {"m", FieldType::money},         {"r", FieldType::rate},              {"d", FieldType::date},
      {"c", FieldType::enumeration},   {"extra.x", FieldType::integer},     {"job.size", FieldType::enumeration},
      {"extra", FieldType::section},   {"job", FieldType::section},
  }));
  CAPTURE(path);
  auto r = talent::load_rule_set(talent::testing::tiny_programs(), "tiny");
  REQUIRE(r.ok());
  const talent::FieldInfo* field = r.rule_set->find_field(path);
  REQUIRE(field);
  CHECK(field->type == type);
}

TEST_CASE("a field type prints as the pack spells it", "[pack]") {
  using talent::FieldType;
  using talent::to_string;
  std::vector<std::string> spellings;
  for (FieldType t : {FieldType::boolean, FieldType::integer, FieldType::money, FieldType::rate, FieldType::date,
                      FieldType::enumeration, FieldType::text, FieldType::section}) {
    spellings.push_back(to_string(t));
  }
  CHECK(spellings == std::vector<std::string>{"bool", "int", "money", "rate", "date", "enum", "string", "section"});
}

TEST_CASE("an amount table's rows are money in fen, however the pack writes the yuan", "[pack]") {
  auto r = talent::load_rule_set(talent::testing::tiny_pack("a", "{by: c, table: {blue: 7, red: \"0.5\"}}"), "tiny");
  REQUIRE(r.ok());
  const auto& table = r.rule_set->programs()[0].amount_table;
  REQUIRE(table.size() == 2);
  CHECK(table[0].key == "blue");  // in the order the pack writes them
  CHECK(table[0].amount == talent::Money::from_fen(700));
  CHECK(table[0].amount.to_string() == "7.00");
  CHECK(table[1].key == "red");
  CHECK(table[1].amount == talent::Money::from_fen(50));
  CHECK(table[1].amount.to_string() == "0.50");
}

TEST_CASE("a pack may name the document that explains its readings", "[pack]") {
  auto files = talent::testing::tiny_pack("a");
  auto without = talent::load_rule_set(files, "pack");
  REQUIRE(without.ok());
  CHECK(without.rule_set->readings_document().empty());

  files[0].content = std::string(talent::testing::kTinyManifest) + "readings: docs/how-we-read.md\n";
  auto with = talent::load_rule_set(files, "pack");
  REQUIRE(with.ok());
  CHECK(with.rule_set->readings_document() == "docs/how-we-read.md");

  files[0].content = std::string(talent::testing::kTinyManifest) + "reading: docs/how-we-read.md\n";
  CHECK(problems(files) == std::vector<std::string>{
                               "pack/pack.yaml:10:1: [unknown_name] unknown key 'reading' in the pack manifest (did you mean 'readings'?)"});
  files[0].content = std::string(talent::testing::kTinyManifest) + "readings: [docs/a.md, docs/b.md]\n";
  CHECK(problems(files) ==
        std::vector<std::string>{"pack/pack.yaml:10:11: [wrong_type] expected 'readings' to be a single value, found a list"});
}
