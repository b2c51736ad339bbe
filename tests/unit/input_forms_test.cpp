// The forms people type (schema.yaml `forms:`): values and names rewritten to
// their canonical forms and listed, ambiguous ones refused with a hint, the
// unknown-field policy, and the loader's checks of the forms themselves.
#include "pack/schema_loader.hpp"
#include "record/record_parser.hpp"
#include "talent/talent.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using talent::Language;
using talent::UnknownFields;

namespace {

const talent::RuleSet& hohhot() { return *talent::builtin_rule_set(); }

// A record whose startup loan (or other section) holds `member: value`, read
// both ways: "accepted" with its normalisations "field: from -> to", or
// "field: message".
std::string read(const std::string& text, UnknownFields unknown = UnknownFields::schema) {
  talent::ParsedRecord p = talent::parse_record(hohhot(), text, 1, {}, unknown);
  talent::ParsedRecord tree = talent::detail::parse_record_with_tree(hohhot(), text, 1, {}, unknown);
  std::string out;
  if (p.error) {
    out = p.error->field + ": " + p.error->message;
  } else {
    out = "accepted";
    for (const auto& n : p.record->normalized()) out += "; " + n.field + ": " + n.from + " -> " + n.to;
    for (const auto& i : p.record->ignored()) out += "; ignored " + i;
  }
  // The direct JSON reader and the node tree agree, forms included.
  std::string tree_out = tree.error ? tree.error->field + ": " + tree.error->message : "accepted";
  CHECK(out.substr(0, tree_out.size()) == tree_out);
  if (!tree.error && p.record) CHECK(tree.record->normalized().size() == p.record->normalized().size());
  return out;
}

std::string value(const std::string& path, const std::string& json_value) {
  std::size_t dot = path.find('.');
  std::string member = "\"" + path.substr(dot == std::string::npos ? 0 : dot + 1) + "\": " + json_value;
  if (dot == std::string::npos) return "{\"id\": \"F-1\", " + member + "}";
  return "{\"id\": \"F-1\", \"" + path.substr(0, dot) + "\": {" + member + "}}";
}

}  // namespace

TEST_CASE("values in the forms people type are read as their canonical forms and listed", "[input_forms]") {
  auto [path, written, canonical] = GENERATE(table<std::string, std::string, std::string>({
      {"graduation_date", "\"2024年6月30日\"", "2024-06-30"},
      {"graduation_date", "\"2024/6/30\"", "2024-06-30"},
      {"graduation_date", "\"2024.6.30\"", "2024-06-30"},
      {"graduation_date", "\"2024-6-30\"", "2024-06-30"},
      {"graduation_date", "\"2024年06月03日\"", "2024-06-03"},
      {"graduation_date", "\"２０２４年６月３０日\"", "2024-06-30"},
      {"startup_loan.principal", "\"300,000.00\"", "300000.00"},
      {"startup_loan.principal", "\"30万\"", "300000.00"},
      {"startup_loan.principal", "\"30万元\"", "300000.00"},
      {"startup_loan.principal", "\"￥300000\"", "300000.00"},
      {"startup_loan.principal", "\"¥ 1,234.5\"", "1234.50"},
      {"startup_loan.principal", "\"300000元\"", "300000.00"},
      {"startup_loan.principal", "\"1.5万\"", "15000.00"},
      {"startup_loan.principal", "\"0.000001万\"", "0.01"},
      {"startup_loan.principal", "\"３０万元\"", "300000.00"},
      {"startup_loan.annual_rate", "\"3.85％\"", "0.0385"},
      {"startup_loan.annual_rate", "\"３．８５％\"", "0.0385"},
      {"startup_loan.term_months", "\"３６\"", "36"},
      {"employment.in_city", "\"是\"", "true"},
      {"employment.in_city", "\"有\"", "true"},
      {"employment.in_city", "\"否\"", "false"},
      {"employment.in_city", "\"无\"", "false"},
      {"employment.in_city", "\"TRUE\"", "true"},
      {"degree", "\"专科生（高职）\"", "associate"},
      {"degree", "\"专科生(高职)\"", "associate"},
      {"degree", "\"associate (vocational)\"", "associate"},
      {"degree", "\"博士\"", "doctorate"},
      {"degree", "\"博士研究生\"", "doctorate"},
      {"institution", "\"其他院校\"", "other"},
      {"startup_loan.kind", "\"其他贷款\"", "other"},
  }));
  CAPTURE(path, written);
  std::string from = written.substr(1, written.size() - 2);
  CHECK(read(value(path, written)) == "accepted; " + path + ": " + from + " -> " + canonical);
}

TEST_CASE("canonical values are read without a note", "[input_forms]") {
  auto [path, written] = GENERATE(table<std::string, std::string>({
      {"graduation_date", "\"2024-06-30\""},
      {"startup_loan.principal", "\"300000.00\""},
      {"startup_loan.principal", "300000"},
      {"startup_loan.annual_rate", "\"3.85%\""},
      {"startup_loan.annual_rate", "0.0385"},
      {"startup_loan.term_months", "36"},
      {"employment.in_city", "true"},
      {"degree", "\"associate\""},
  }));
  CAPTURE(path, written);
  CHECK(read(value(path, written)) == "accepted");
}

TEST_CASE("ambiguous and impossible forms are refused with a hint", "[input_forms]") {
  auto [path, written, message] = GENERATE(table<std::string, std::string, std::string>({
      {"graduation_date", "\"6/7/2024\"",
       "expected a real calendar date YYYY-MM-DD, found \"6/7/2024\"; ambiguous: it could be 2024-07-06 or 2024-06-07; "
       "write the year first, as 2024-07-06"},
      {"graduation_date", "\"30/6/2024\"",
       "expected a real calendar date YYYY-MM-DD, found \"30/6/2024\"; ambiguous: write the year first, as 2024-06-30"},
      {"graduation_date", "\"24/6/30\"",
       "expected a real calendar date YYYY-MM-DD, found \"24/6/30\"; ambiguous: write the year in four digits, as YYYY-MM-DD"},
      {"graduation_date", "\"2023年2月29日\"", "expected a real calendar date, found \"2023年2月29日\" (2023-02-29)"},
      {"graduation_date", "\"2023-02-30\"", "expected a real calendar date YYYY-MM-DD, found \"2023-02-30\""},
      {"startup_loan.annual_rate", "3.85",
       "rate must be at least 0 and below 1 (100%), found '3.85'; for 3.85 percent write \"3.85%\" (or 0.0385)"},
      {"startup_loan.annual_rate", "\"3.85\"",
       "rate must be at least 0 and below 1 (100%), found \"3.85\"; for 3.85 percent write \"3.85%\" (or 0.0385)"},
      {"startup_loan.principal", "\"3,00,000\"",
       "invalid amount \"3,00,000\": expected a decimal number like 1234.50; digits grouped by ',' must come in threes "
       "before the decimal point, as 300,000.00"},
      {"startup_loan.principal", "\"1,234,56\"",
       "invalid amount \"1,234,56\": expected a decimal number like 1234.50; digits grouped by ',' must come in threes "
       "before the decimal point, as 300,000.00"},
      {"startup_loan.principal", "\"0.0000001万\"", "invalid amount \"0.0000001万\": it is not a whole number of fen (0.01 yuan)"},
      {"startup_loan.principal", "\"-3万\"", "amount cannot be negative, found '-30000.00' (written \"-3万\")"},
      {"startup_loan.term_months", "\"36\"", "expected a whole number, found \"36\""},
      {"employment.in_city", "\"true\"", "expected true or false, found \"true\""},
      {"employment.in_city", "\"对\"", "expected true or false, found \"对\""},
  }));
  CAPTURE(path, written);
  CHECK(read(value(path, written)) == path + ": " + message);
}

TEST_CASE("fields named by label, alias or dotted path, and given twice", "[input_forms]") {
  CHECK(read(R"({"申请编号": "F-2", "学历": "master"})") == "accepted; id: 申请编号 -> id; degree: 学历 -> degree");
  CHECK(read(R"({"id": "F-2", "就业创业情况.就业状态": "enterprise"})") ==
        "accepted; employment.status: 就业创业情况.就业状态 -> employment.status");
  CHECK(read(R"({"id": "F-2", "employment.in_city": true})") == "accepted; employment.in_city: employment.in_city -> employment.in_city");
  CHECK(read(R"({"id": "F-2", "创业贷款": {"贷款本金": "1.00"}})") ==
        "accepted; startup_loan: 创业贷款 -> startup_loan; startup_loan.principal: 贷款本金 -> startup_loan.principal");
  CHECK(read(R"({"id": "F-2", "创业贷款.贷款本金（元）": "1.00"})") ==
        "accepted; startup_loan.principal: 创业贷款.贷款本金（元） -> startup_loan.principal");
  CHECK(read(R"({"id": "F-2", "degree": "master", "学历": "bachelor"})") ==
        "degree: 'degree' is given twice, as 'degree' and as '学历'");
  CHECK(read(R"({"id": "F-2", "学历x": "master"})").rfind("学历x: unknown field '学历x'", 0) == 0);
  // A field cannot hold more: a dotted name through a field names nothing.
  CHECK(read(R"({"id": "F-2", "degree.x": "master"})").rfind("degree.x: unknown field", 0) == 0);
}

TEST_CASE("an optional section named only by empty dotted fields is absent", "[input_forms]") {
  talent::ParsedRecord p = talent::parse_record(hohhot(), "id: F-3\n创业贷款.贷款本金:\n创业贷款.贷款年利率:\n");
  REQUIRE(p.record);
  talent::Decision d = talent::evaluate(hohhot(), *p.record, *talent::parse_date("2025-06-30"));
  const talent::ProgramDecision& loan = d.programs[2];
  CHECK(loan.status == talent::Status::ineligible);  // no loan: not "needs information"
  CHECK(loan.missing.empty());
}

TEST_CASE("unknown fields: rejected by default, or ignored and listed", "[input_forms]") {
  const std::string text = R"({"id": "F-4", "备注": "x", "employment": {"status": "enterprise", "city": "x"}})";
  CHECK(read(text).rfind("备注: unknown field '备注'", 0) == 0);
  CHECK(read(text, UnknownFields::reject).rfind("备注: unknown field '备注'", 0) == 0);
  CHECK(read(text, UnknownFields::warn) == "accepted; ignored 备注; ignored employment.city");
  CHECK(read(text, UnknownFields::ignore) == "accepted");
  talent::ParsedRecord p = talent::parse_record(hohhot(), text, 1, {}, UnknownFields::warn);
  talent::Decision d = talent::evaluate(hohhot(), *p.record, *talent::parse_date("2025-06-30"), {false});
  CHECK(d.ignored == std::vector<std::string>{"备注", "employment.city"});
  std::string json = talent::to_json(hohhot(), d, Language::zh, talent::Reasons::none);
  const std::string tail = R"(,"ignored":["备注","employment.city"]})";
  CHECK(json.substr(json.size() - tail.size()) == tail);
  std::string streamed;
  talent::append_json(hohhot(), d, Language::zh, talent::Reasons::none, streamed);
  CHECK(streamed == json);
  CHECK(talent::to_text(hohhot(), d, Language::zh).find("  已忽略未知字段：备注、employment.city\n") != std::string::npos);
}

TEST_CASE("a record in window forms decides exactly as its canonical form", "[input_forms]") {
  const char* forms = R"({"申请编号": "F-5", "学历": "本科生", "学习形式": "全日制", "毕业院校类型": "普通高校",
    "毕业日期": "2024年6月30日", "就业创业情况.就业状态": "自主创业", "就业创业情况.在市域内就业或创业": "是",
    "创业贷款": {"贷款类型": "个人创业担保贷款", "贷款本金": "30万", "贷款年利率": "3.85％", "贷款期限": "３６"}})";
  const char* canonical = R"({"id": "F-5", "degree": "bachelor", "study_mode": "full_time", "institution": "regular_university",
    "graduation_date": "2024-06-30", "employment": {"status": "self_employed", "in_city": true},
    "startup_loan": {"kind": "personal_guarantee", "principal": "300000.00", "annual_rate": "0.0385", "term_months": 36}})";
  talent::Date as_of = *talent::parse_date("2025-06-30");
  talent::Decision a = talent::evaluate(hohhot(), *talent::parse_record(hohhot(), forms).record, as_of);
  talent::Decision b = talent::evaluate(hohhot(), *talent::parse_record(hohhot(), canonical).record, as_of);
  CHECK(a.normalized.size() == 22);  // 12 names, 10 values
  CHECK(b.normalized.empty());
  a.normalized.clear();
  CHECK(talent::to_json(hohhot(), a) == talent::to_json(hohhot(), b));
  a.normalized = talent::evaluate(hohhot(), *talent::parse_record(hohhot(), forms).record, as_of).normalized;
  std::string text = talent::to_text(hohhot(), a, Language::zh);
  CHECK(text.find("  已规范输入：学历 本科生→bachelor；学习形式 全日制→full_time；毕业院校类型 普通高校→regular_university；"
                  "毕业日期 2024年6月30日→2024-06-30；就业状态 自主创业→self_employed；在市域内就业或创业 是→true；"
                  "贷款类型 个人创业担保贷款→personal_guarantee；贷款本金（元） 30万→300000.00；贷款年利率 3.85％→0.0385；"
                  "贷款期限（月） ３６→36\n") != std::string::npos);
  CHECK(text.find("  已识别字段名：申请编号→id、学历→degree、") != std::string::npos);
}

namespace {

// The problems of a schema holding `forms` (and one enum and two fields).
std::vector<std::string> form_problems(const std::string& forms) {
  std::string text =
      "enums:\n  colour:\n    - {value: red, label: {zh: 红, en: red}}\n    - {value: blue, label: {zh: 蓝, en: blue}, aliases: [红]}\n"
      "fields:\n  id: {type: string, required: true}\n  c: {type: enum, enum: colour, label: {zh: 颜色, en: colour}}\n"
      "  d: {type: date, label: {zh: 颜色, en: day}}\n"
      "forms:\n" + forms;
  talent::detail::YamlDocument doc;
  talent::Diagnostic error;
  if (!talent::detail::parse_yaml("schema.yaml", text, {}, doc, error)) FAIL("not YAML: " << error.message);
  std::vector<talent::Diagnostic> diagnostics;
  talent::detail::YamlReader reader(doc, diagnostics);
  talent::detail::Schema schema;
  talent::detail::load_schema(reader, schema);
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message);
  return out;
}

}  // namespace

TEST_CASE("the schema's forms are checked when the pack loads", "[input_forms]") {
  CHECK(form_problems("  unknown_fields: warn\n").empty());
  CHECK(form_problems("  unknown_fields: maybe\n") ==
        std::vector<std::string>{"10:19: expected 'unknown_fields' to be reject, warn or ignore, not 'maybe'"});
  CHECK(form_problems("  names: [label]\n") ==
        std::vector<std::string>{"10:3: '颜色' would name both 'c' and 'd'; give one of them another label"});
  CHECK(form_problems("  names: [labels]\n") ==
        std::vector<std::string>{"10:10: expected 'names' to list label and/or path, not 'labels'"});
  CHECK(form_problems("  bool: {true: [是], false: [是]}\n") ==
        std::vector<std::string>{"10:9: '是' cannot mean both true and false"});
  CHECK(form_problems("  date: [YYYY年M月, D/M/YY]\n") ==
        std::vector<std::string>{"10:9: date pattern 'YYYY年M月' must hold YYYY, M and D once each, like YYYY年M月D日 or YYYY/M/D",
                                 "10:9: date pattern 'D/M/YY' must hold YYYY, M and D once each, like YYYY年M月D日 or YYYY/M/D"});
  CHECK(form_problems("  money: {units: {万: 0}}\n") ==
        std::vector<std::string>{"10:22: expected unit '万' to be worth an amount in yuan above 0, like 10000"});
  CHECK(form_problems("  enum_labels: true\n") ==
        std::vector<std::string>{"10:16: label '红' of enum 'colour' would name both 'red' and 'blue'"});
}
