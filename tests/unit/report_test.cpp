#include "talent/talent.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <sstream>
#include <string>

using talent::Language;

namespace {

// The two-program tiny pack (grant, bonus), loaded once.
const talent::RuleSet& programs() {
  static const auto loaded = talent::load_rule_set(talent::testing::tiny_programs(), "tiny");
  if (!loaded.ok()) FAIL("the tiny pack does not load: " << talent::format(loaded.diagnostics));
  return *loaded.rule_set;
}

talent::Decision decide(const std::string& record, bool explain = true) {
  talent::ParsedRecord p = talent::parse_record(programs(), record);
  if (!p.record) FAIL("record rejected: " << p.error->field << ": " << p.error->message);
  return talent::evaluate(programs(), *p.record, *talent::parse_date("2025-06-30"), talent::EvaluateOptions{explain});
}

// The "ruleset" member every decision's JSON carries.
std::string ruleset_json() {
  return R"("ruleset":{"id":"tiny","version":"2","digest":")" + programs().digest() +
         R"(","in_force":{"version":"2","since":"2024-01-01"}})";
}

// Both programs eligible; the bonus with both caps, so both remarks hold.
const char* kEligible = "{id: T-2, a: true, c: blue, d: 2023-06-30, job: {city: true}, extra: {x: 5, y: \"150.00\"}}";
// The grant lacks facts; the bonus's optional section is absent.
const char* kMissing = "{id: T-4, a: true, c: 红色, job: {size: 大}}";
// Both programs fail on a definite false.
const char* kFailed = "{id: T-3, a: false, c: red, d: 2024-01-10, job: {city: false}, extra: {x: 0, y: \"1.00\"}}";

// `text` with the header's digest (its first 12 hex digits) at the end of
// its first line.
std::string with_digest(const talent::RuleSet& rules, std::string text, Language language) {
  text.insert(text.find('\n'), (language == Language::zh ? "　摘要 " : "  digest ") + rules.digest().substr(7, 12));
  return text;
}

}  // namespace

TEST_CASE("the rule set is named by id, version and digest", "[report]") {
  CHECK(programs().digest().rfind("sha256:", 0) == 0);
  CHECK(programs().digest().size() == 7 + 64);
}

TEST_CASE("JSON: key order, money as text, window, reasons, amount basis and notes", "[report]") {
  CHECK(talent::to_json(programs(), decide(kEligible)) ==
        R"({"id":"T-2","as_of":"2025-06-30",)" + ruleset_json() +
            R"(,"programs":[)"
            R"({"program":"grant","title":"补贴","status":"eligible","amount":"200.50","frequency":"monthly",)"
            R"("window":{"start":"2023-06-30","end":"2025-06-30"},"clause":"C-1","reasons":[)"
            R"({"condition":"a_holds","result":true,"label":"甲成立","seen":{"a":"true"},"detail":"甲成立：a = 是"},)"
            R"({"condition":"known_colour","result":true,"label":"颜色已知","seen":{"c":"blue"},"detail":"颜色已知：颜色 = blue"},)"
            R"({"condition":"in_city","result":true,"label":"在本市","seen":{"job.city":"true"},"detail":"在本市：在本市 = 是"},)"
            R"({"condition":"started","result":true,"label":"已开始","seen":{"d":"2023-06-30","as_of":"2025-06-30"},)"
            R"("detail":"已开始：日期 = 2023-06-30，核定日期 = 2025-06-30"},)"
            R"({"condition":"within_two_years","result":true,"label":"两年内","seen":{"d":"2023-06-30","as_of":"2025-06-30"},)"
            R"("detail":"两年内：日期 = 2023-06-30，核定日期 = 2025-06-30"}],)"
            R"("amount_basis":{"c":"blue"}},)"
            R"({"program":"bonus","title":"奖金","status":"eligible","amount":"300.00","frequency":"once","clause":"C-2","reasons":[)"
            R"({"condition":"has_extra","result":true,"label":"有附加","seen":{"extra":"present"},"detail":"有附加：附加 已提供"},)"
            R"({"condition":"positive_x","result":true,"label":"x大于0","seen":{"extra.x":"5"},"detail":"x大于0：extra.x = 5"}],)"
            R"("amount_basis":{"extra.x":"5","extra.y":"150.00"},)"
            R"("notes":[{"id":"y_capped","text":"y超过100按100计"},{"id":"x_capped","text":"x超过3按3计"}]}]})");
}

TEST_CASE("JSON: missing facts are listed, unknown results and unseen values are null", "[report]") {
  CHECK(talent::to_json(programs(), decide(kMissing), Language::zh) ==
        R"({"id":"T-4","as_of":"2025-06-30",)" + ruleset_json() +
            R"(,"programs":[)"
            R"({"program":"grant","title":"补贴","status":"needs_info","frequency":"monthly","clause":"C-1",)"
            R"("missing":["d","job.city"],"reasons":[)"
            R"({"condition":"a_holds","result":true,"label":"甲成立","seen":{"a":"true"},"detail":"甲成立：a = 是"},)"
            R"({"condition":"known_colour","result":true,"label":"颜色已知","seen":{"c":"red"},"detail":"颜色已知：颜色 = 红"},)"
            R"({"condition":"in_city","result":null,"label":"在本市","seen":{"job.city":null},"detail":"在本市：在本市 未提供"},)"
            R"({"condition":"started","result":null,"label":"已开始","seen":{"d":null,"as_of":"2025-06-30"},)"
            R"("detail":"已开始：日期 未提供，核定日期 = 2025-06-30"},)"
            R"({"condition":"within_two_years","result":null,"label":"两年内","seen":{"d":null,"as_of":"2025-06-30"},)"
            R"("detail":"两年内：日期 未提供，核定日期 = 2025-06-30"}]},)"
            R"({"program":"bonus","title":"奖金","status":"ineligible","frequency":"once","clause":"C-2","reasons":[)"
            R"({"condition":"has_extra","result":false,"label":"有附加","seen":{"extra":null},"detail":"有附加：附加 未提供"},)"
            R"({"condition":"positive_x","result":null,"label":"x大于0","seen":{"extra.x":null},"detail":"x大于0：extra.x 未提供"}]}],)"
            R"("normalized":[{"field":"c","from":"红色","to":"red"},{"field":"job.size","from":"大","to":"large"}]})");
}

TEST_CASE("JSON in English takes the English titles and labels", "[report]") {
  CHECK(talent::to_json(programs(), decide(kFailed), Language::en) ==
        R"({"id":"T-3","as_of":"2025-06-30",)" + ruleset_json() +
            R"(,"programs":[)"
            R"({"program":"grant","title":"grant","status":"ineligible","frequency":"monthly","clause":"C-1","reasons":[)"
            R"({"condition":"a_holds","result":false,"label":"a holds","seen":{"a":"false"},"detail":"a holds: a = no"},)"
            R"({"condition":"known_colour","result":true,"label":"a known colour","seen":{"c":"red"},"detail":"a known colour: colour = red"},)"
            R"({"condition":"in_city","result":false,"label":"in the city","seen":{"job.city":"false"},"detail":"in the city: in the city = no"},)"
            R"({"condition":"started","result":true,"label":"has started","seen":{"d":"2024-01-10","as_of":"2025-06-30"},)"
            R"("detail":"has started: date = 2024-01-10, as-of date = 2025-06-30"},)"
            R"({"condition":"within_two_years","result":true,"label":"within two years","seen":{"d":"2024-01-10","as_of":"2025-06-30"},)"
            R"("detail":"within two years: date = 2024-01-10, as-of date = 2025-06-30"}]},)"
            R"({"program":"bonus","title":"bonus","status":"ineligible","frequency":"once","clause":"C-2","reasons":[)"
            R"({"condition":"has_extra","result":true,"label":"has extra","seen":{"extra":"present"},"detail":"has extra: extra given"},)"
            R"({"condition":"positive_x","result":false,"label":"x above zero","seen":{"extra.x":"0"},"detail":"x above zero: extra.x = 0"}]}]})");
}

TEST_CASE("JSON without explanations: verdicts, amounts, windows and notes only", "[report]") {
  CHECK(talent::to_json(programs(), decide(kEligible, false)) ==
        R"({"id":"T-2","as_of":"2025-06-30",)" + ruleset_json() +
            R"(,"programs":[)"
            R"({"program":"grant","title":"补贴","status":"eligible","amount":"200.50","frequency":"monthly",)"
            R"("window":{"start":"2023-06-30","end":"2025-06-30"},"clause":"C-1"},)"
            R"({"program":"bonus","title":"奖金","status":"eligible","amount":"300.00","frequency":"once","clause":"C-2",)"
            R"("notes":[{"id":"y_capped","text":"y超过100按100计"},{"id":"x_capped","text":"x超过3按3计"}]}]})");
  CHECK(talent::to_json(programs(), decide(kMissing, false)) ==
        R"({"id":"T-4","as_of":"2025-06-30",)" + ruleset_json() +
            R"(,"programs":[)"
            R"({"program":"grant","title":"补贴","status":"needs_info","frequency":"monthly","clause":"C-1","missing":["d","job.city"]},)"
            R"({"program":"bonus","title":"奖金","status":"ineligible","frequency":"once","clause":"C-2"}],)"
            R"("normalized":[{"field":"c","from":"红色","to":"red"},{"field":"job.size","from":"大","to":"large"}]})");
}

TEST_CASE("JSON escapes what the applicant wrote", "[report]") {
  std::string json = talent::to_json(programs(), decide("{id: 'say \"hi\"\\', c: red}", false));
  CHECK(json.rfind(R"({"id":"say \"hi\"\\","as_of":"2025-06-30",)", 0) == 0);
}

TEST_CASE("a rejected record in JSON: its number, its id or null, the field or null, the code", "[report]") {
  auto one = [](const char* error) { return std::string(error) + R"(,"errors":[)" + error + "]}"; };
  auto named = talent::parse_record(programs(), "{id: B, c: green}", 3);
  CHECK(talent::to_json(named) ==
        R"({"id":"B","record":3,"error":)" +
            one(R"({"field":"c","code":"unknown_name","message":"unknown value 'green'; expected one of: red (红), blue"})"));
  auto whole = talent::parse_record(programs(), "[1]", 4);
  CHECK(talent::to_json(whole) ==
        R"({"id":null,"record":4,"error":)" +
            one(R"({"field":null,"code":"wrong_type","message":"a record must be an object of fields (key: value), found a list"})"));
  auto no_id = talent::parse_record(programs(), "{c: red}", 5);
  CHECK(talent::to_json(no_id) ==
        R"({"id":null,"record":5,"error":)" + one(R"({"field":"id","code":"missing","message":"required field 'id' is missing"})"));
  // From a reader: the line it starts on, and the file when given.
  std::istringstream in("# applicants\nid: A\nc: red\n---\n\nid: B\nc: green\n");
  talent::RecordReader reader(programs(), in);
  talent::ParsedRecord p;
  REQUIRE(reader.next(p));
  CHECK(p.line == 2);
  REQUIRE(reader.next(p));
  CHECK(p.line == 6);
  CHECK(talent::to_json(p, "in.yaml").rfind(R"({"id":"B","record":2,"file":"in.yaml","line":6,"error":)", 0) == 0);
  // JSON: the line each value starts on, wherever it is.
  std::istringstream json("{\"id\": \"A\"}\n\n{\"id\": \"B\",\n \"c\": \"red\"} {\"id\": 1}\n");
  talent::RecordReader json_reader(programs(), json);
  for (std::size_t line : {1, 3, 4}) {
    REQUIRE(json_reader.next(p));
    CHECK(p.line == line);
  }
}

TEST_CASE("text: a verdict line per program, then what failed, what is missing and the notes", "[report]") {
  auto [record, language, text] = GENERATE(table<const char*, Language, const char*>({
      {kEligible, Language::zh,
       "申请人 T-2　核定日期 2025-06-30　政策 tiny 2\n"
       "  ✔ 补贴 [C-1] 符合：每月 200.50 元，期限 2023-06-30 至 2025-06-30\n"
       "  ✔ 奖金 [C-2] 符合：一次性 300.00 元\n"
       "      说明：y超过100按100计\n"
       "      说明：x超过3按3计\n"},
      {kEligible, Language::en,
       "Applicant T-2  as of 2025-06-30  rules tiny 2\n"
       "  ✔ grant [C-1] eligible: 200.50 yuan per month, from 2023-06-30 to 2025-06-30\n"
       "  ✔ bonus [C-2] eligible: 300.00 yuan once\n"
       "      note: y above 100 counts 100\n"
       "      note: x above 3 counts 3\n"},
      {kMissing, Language::zh,
       "申请人 T-4　核定日期 2025-06-30　政策 tiny 2\n"
       "  ? 补贴 [C-1] 需补充材料\n"
       "      缺少：日期 (d)\n"
       "      缺少：在本市 (job.city)\n"
       "  ✘ 奖金 [C-2] 不符合\n"
       "      未满足：有附加（附加 未提供）\n"
       "  已规范输入：颜色 红色→red；job.size 大→large\n"},
      {kMissing, Language::en,
       "Applicant T-4  as of 2025-06-30  rules tiny 2\n"
       "  ? grant [C-1] needs information\n"
       "      missing: date (d)\n"
       "      missing: in the city (job.city)\n"
       "  ✘ bonus [C-2] not eligible\n"
       "      not met: has extra (extra not given)\n"
       "  normalized: colour 红色→red; job.size 大→large\n"},
      {kFailed, Language::zh,
       "申请人 T-3　核定日期 2025-06-30　政策 tiny 2\n"
       "  ✘ 补贴 [C-1] 不符合\n"
       "      未满足：甲成立（a = 否）\n"
       "      未满足：在本市（在本市 = 否）\n"
       "  ✘ 奖金 [C-2] 不符合\n"
       "      未满足：x大于0（extra.x = 0）\n"},
      {kFailed, Language::en,
       "Applicant T-3  as of 2025-06-30  rules tiny 2\n"
       "  ✘ grant [C-1] not eligible\n"
       "      not met: a holds (a = no)\n"
       "      not met: in the city (in the city = no)\n"
       "  ✘ bonus [C-2] not eligible\n"
       "      not met: x above zero (extra.x = 0)\n"},
  }));
  CAPTURE(record, language == Language::zh ? "zh" : "en");
  CHECK(talent::to_text(programs(), decide(record), language) == with_digest(programs(), text, language));
}

TEST_CASE("text: a missing fact without a label is named by its path", "[report]") {
  auto d = decide("{id: T, a: true, c: red, d: 2024-01-01, job: {city: true}, extra: {x: 1}}");
  CHECK(talent::to_text(programs(), d, Language::en) ==
        with_digest(programs(),
                    "Applicant T  as of 2025-06-30  rules tiny 2\n"
                    "  ✔ grant [C-1] eligible: 100.00 yuan per month, from 2024-01-01 to 2026-01-01\n"
                    "  ? bonus [C-2] needs information\n"
                    "      missing: extra.y\n",
                    Language::en));
}

TEST_CASE("a rejected record as text", "[report]") {
  auto named = talent::parse_record(programs(), "{id: B, c: green}", 3);
  // Without the rule set, fields by their paths; with it, by label and path.
  CHECK(talent::to_text(named, Language::zh) == "记录 #3 (B) 无法受理：字段 c：没有 'green' 这一项；可填：红 (red)、blue\n");
  CHECK(talent::to_text(named, Language::en) == "Record #3 (B) rejected: field c: unknown value 'green'; expected one of: red (红), blue\n");
  CHECK(talent::to_text(programs(), named, Language::zh, "in.yaml") ==
        "in.yaml 记录 #3 (B) 无法受理：字段「颜色」(c)：没有 'green' 这一项；可填：红 (red)、blue\n");
  auto whole = talent::parse_record(programs(), "[1]", 4);
  CHECK(talent::to_text(whole, Language::zh) == "记录 #4 无法受理：一条记录应为一组「字段: 值」；收到列表\n");
  CHECK(talent::to_text(whole, Language::en) == "Record #4 rejected: a record must be an object of fields (key: value), found a list\n");
}

TEST_CASE("every problem of a rejected record, each with its field, in text and JSON", "[report]") {
  auto p = talent::parse_record(programs(), "{id: B, a: maybe, c: green, d: 2023-02-30, colour: red}", 2);
  REQUIRE(p.errors.size() == 4);
  CHECK(p.error->field == "a");
  CHECK(p.errors[1].field == "c");
  CHECK(p.errors[2].field == "d");
  CHECK(p.errors[3].field == "colour");
  CHECK(p.errors[3].code == talent::ErrorCode::unknown_name);
  CHECK(talent::to_text(programs(), p, Language::zh, "-") ==
        "标准输入 记录 #2 (B) 无法受理，共 4 处问题：\n"
        "  - 字段 a：应为 true 或 false；收到 'maybe'\n"
        "  - 字段「颜色」(c)：没有 'green' 这一项；可填：红 (red)、blue\n"
        "  - 字段「日期」(d)：不是有效日期，应为 年-月-日，例如 2023-06-30；收到 '2023-02-30'\n"
        "  - 字段 colour：没有这个字段；这一部分可填：id、a、b、n、m、r、日期 (d)、颜色 (c)、附加 (extra)、工作 (job)\n");
  std::string json = talent::to_json(p, "in.yaml");
  CHECK(json.rfind(R"({"id":"B","record":2,"file":"in.yaml","error":{"field":"a","code":"wrong_type",)", 0) == 0);
  CHECK(json.find(R"("errors":[{"field":"a",)") != std::string::npos);
  CHECK(json.find(R"({"field":"colour","code":"unknown_name","message":"unknown field 'colour'; this part of the record has: id, a, b, n, m, r, d, c, extra, job"}]})") !=
        std::string::npos);
  CHECK(talent::describe(programs(), p.errors[2], Language::en) ==
        "field \"date\" (d): expected a real calendar date YYYY-MM-DD, found '2023-02-30'");
}

TEST_CASE("a record's problems are listed up to the limit, then counted", "[report]") {
  talent::RecordLimits limits;
  limits.max_errors = 2;
  auto p = talent::parse_record(programs(), "{id: B, x1: 1, x2: 2, x3: 3, x4: 4}", 1, limits);
  REQUIRE(p.errors.size() == 3);
  CHECK(p.errors[2].field.empty());
  CHECK(p.errors[2].code == talent::ErrorCode::limit);
  CHECK(p.errors[2].message == "2 more problems not listed (at most 2 are listed for a record)");
  CHECK(talent::describe(programs(), p.errors[2], Language::zh) == "另有 2 处问题未列出（每条记录最多列出 2 处）");
}

TEST_CASE("reason_detail names each value with the schema's labels", "[report]") {
  using Seen = std::optional<std::string>;
  auto [path, value, language, detail] = GENERATE(table<const char*, Seen, Language, const char*>({
      {"a", Seen("true"), Language::zh, "a = 是"},
      {"a", Seen("false"), Language::en, "a = no"},
      {"job.city", Seen("true"), Language::zh, "在本市 = 是"},
      {"job.city", Seen("true"), Language::en, "in the city = yes"},
      {"c", Seen("red"), Language::zh, "颜色 = 红"},
      {"c", Seen("red"), Language::en, "colour = red"},
      {"c", Seen("blue"), Language::zh, "颜色 = blue"},  // a value without a label shows its id
      {"job.size", Seen("large"), Language::zh, "job.size = 大号"},
      {"job.size", Seen("large"), Language::en, "job.size = large"},
      {"m", Seen("1234.50"), Language::en, "m = 1234.50"},
      {"d", std::nullopt, Language::zh, "日期 未提供"},
      {"d", std::nullopt, Language::en, "date not given"},
      {"extra", Seen("present"), Language::zh, "附加 已提供"},
      {"extra", Seen("present"), Language::en, "extra given"},
      {"as_of", Seen("2025-06-30"), Language::zh, "核定日期 = 2025-06-30"},
      {"as_of", Seen("2025-06-30"), Language::en, "as-of date = 2025-06-30"},
      {"no.such.field", Seen("x"), Language::en, "no.such.field = x"},
  }));
  CAPTURE(path, language == Language::zh ? "zh" : "en");
  talent::Reason reason;
  reason.seen.push_back(talent::SeenValue{path, value});
  CHECK(talent::reason_detail(programs(), reason, language) == detail);
}

TEST_CASE("reason_detail joins several values in the language's own way", "[report]") {
  talent::Reason reason;
  reason.seen = {{"d", std::string("2024-02-29")}, {"as_of", std::string("2026-02-28")}};
  CHECK(talent::reason_detail(programs(), reason, Language::zh) == "日期 = 2024-02-29，核定日期 = 2026-02-28");
  CHECK(talent::reason_detail(programs(), reason, Language::en) == "date = 2024-02-29, as-of date = 2026-02-28");
  CHECK(talent::reason_detail(programs(), talent::Reason{}, Language::en).empty());
}

TEST_CASE("outside text is shown for a terminal, never acted on", "[report]") {
  CHECK(talent::display_text("A\x1b[2J") == "A\\x1B[2J");
  CHECK(talent::display_text("\x1b]0;t\x07") == "\\x1B]0;t\\x07");
  CHECK(talent::display_text("a\r\nb\tc") == "a\\r\\nb\\tc");
  CHECK(talent::display_text("x\x7f") == "x\\x7F");
  CHECK(talent::display_text("\u202e\u2066\u2069\u2028\u2029\u200f") == "<U+202E><U+2066><U+2069><U+2028><U+2029><U+200F>");
  CHECK(talent::display_text("\xc2\x9b" "2J") == "<U+009B>2J");
  CHECK(talent::display_text("\xff" "ok") == "\\xFFok");
  CHECK(talent::display_text("申请人 王磊 ✔") == "申请人 王磊 ✔");
}

TEST_CASE("the message table: every message in both languages, with the same arguments", "[report]") {
  std::vector<std::string> ids = talent::message_ids();
  REQUIRE(ids.size() > 100);
  auto names = [](const std::string& text) {
    std::set<std::string> out;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
      std::size_t close = text.find('}', open);
      std::string name = close == std::string::npos ? "" : text.substr(open + 1, close - open - 1);
      if (!name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos) out.insert(name);
    }
    return out;
  };
  for (const std::string& id : ids) {
    CAPTURE(id);
    std::string zh = talent::message(id, Language::zh), en = talent::message(id, Language::en);
    CHECK(!zh.empty());
    CHECK(!en.empty());
    // The Chinese text names no argument English does not have, but where
    // the English is a library's own words ("{detail}"), worded anew.
    if (en == "{detail}") continue;
    for (const std::string& name : names(zh)) CHECK(names(en).count(name) == 1);
  }
  CHECK_THROWS_AS(talent::message("no.such.message", Language::zh), std::out_of_range);
}

namespace {

// A pack that says how its words read: the applicant's name, an optional
// section's absence, a named date, a rate and the amount's label.
const talent::RuleSet& worded() {
  static const auto loaded = talent::load_rule_set(
      {{"pack.yaml", talent::testing::manifest_head("1") +
                         "definitions: definitions.yaml\nprograms: [subsidy.yaml]\nclauses:\n  - {id: C-1, text: \"the clause\"}\n"},
       {"schema.yaml", R"(enums:
  kind:
    - {value: plain, label: {zh: 普通, en: plain}}
fields:
  id: {type: string, required: true}
  name: {type: string, label: {zh: 姓名, en: name}}
  start: {type: date, label: {zh: 起始日期, en: start date}}
  loan:
    type: section
    optional: true
    absent: {zh: 无贷款, en: no loan}
    label: {zh: 贷款, en: loan}
    fields:
      rate: {type: rate, label: {zh: 年利率, en: annual rate}}
      kind: {type: enum, enum: kind, label: {zh: 种类, en: kind}}
)"},
       {"definitions.yaml", R"(expressions:
  - {id: deadline, label: {zh: 起始满3年之日, en: the third anniversary of the start}, is: start + years(3)}
)"},
       {"subsidy.yaml", talent::testing::program_head("subsidy", "贴息", "subsidy", "C-1", "once") + R"(amount_label: {zh: 贴息总额, en: of subsidy in total}
conditions:
  - {id: has_loan, label: {zh: 有贷款, en: has a loan}, when: has(loan)}
  - {id: in_time, label: {zh: 起始3年内, en: within 3 years of the start}, when: as_of <= deadline}
  - {id: low_rate, label: {zh: 利率不超过5%, en: a rate of at most 5%}, when: loan.rate <= 5%}
amount: "1000.00"
)"}},
      "worded");
  if (!loaded.ok()) FAIL("the worded pack does not load: " << talent::format(loaded.diagnostics));
  return *loaded.rule_set;
}

std::string worded_text(const std::string& record, Language language) {
  talent::ParsedRecord p = talent::parse_record(worded(), record);
  if (!p.record) FAIL("record rejected: " << p.error->field << ": " << p.error->message);
  return talent::to_text(worded(), talent::evaluate(worded(), *p.record, *talent::parse_date("2025-06-30")), language);
}

}  // namespace

TEST_CASE("text: the name beside the id, the pack's words for an absent section, the date a condition compared with", "[report]") {
  std::string digest = worded().digest().substr(7, 12);
  REQUIRE(worded().digest().substr(0, 7) == "sha256:");
  auto [record, language, text] = GENERATE(table<const char*, Language, const char*>({
      {"{id: W-1, name: 张三, start: 2020-06-30}", Language::zh,
       "申请人 W-1（张三）　核定日期 2025-06-30　政策 tiny 1　摘要 {digest}\n"
       "  ✘ 贴息 [C-1] 不符合\n"
       "      未满足：有贷款（无贷款）\n"
       "      未满足：起始3年内（起始日期 = 2020-06-30，起始满3年之日为 2023-06-30，核定日期 = 2025-06-30）\n"},
      {"{id: W-1, name: Zhang San, start: 2020-06-30}", Language::en,
       "Applicant W-1 (Zhang San)  as of 2025-06-30  rules tiny 1  digest {digest}\n"
       "  ✘ subsidy [C-1] not eligible\n"
       "      not met: has a loan (no loan)\n"
       "      not met: within 3 years of the start (start date = 2020-06-30, the third anniversary of the start is "
       "2023-06-30, as-of date = 2025-06-30)\n"},
      {"{id: W-2, start: 2024-01-01, loan: {rate: \"6.125%\"}}", Language::zh,
       "申请人 W-2　核定日期 2025-06-30　政策 tiny 1　摘要 {digest}\n"
       "  ✘ 贴息 [C-1] 不符合\n"
       "      未满足：利率不超过5%（年利率 = 6.125%）\n"},
      {"{id: W-3, start: 2024-01-01, loan: {rate: 0.0385}}", Language::zh,
       "申请人 W-3　核定日期 2025-06-30　政策 tiny 1　摘要 {digest}\n"
       "  ✔ 贴息 [C-1] 符合：贴息总额 1000.00 元\n"},
      {"{id: W-3, start: 2024-01-01, loan: {rate: 0.0385}}", Language::en,
       "Applicant W-3  as of 2025-06-30  rules tiny 1  digest {digest}\n"
       "  ✔ subsidy [C-1] eligible: 1000.00 yuan of subsidy in total\n"},
  }));
  CAPTURE(record, language == Language::zh ? "zh" : "en");
  std::string expected = text;
  expected.replace(expected.find("{digest}"), 8, digest);
  CHECK(worded_text(record, language) == expected);
}

TEST_CASE("a reason carries the named dates its condition read, with the day each came to", "[report]") {
  talent::ParsedRecord p = talent::parse_record(worded(), "{id: W, start: 2024-02-29}");
  REQUIRE(p.record);
  talent::Decision d = talent::evaluate(worded(), *p.record, *talent::parse_date("2025-06-30"));
  const talent::Reason& in_time = d.programs[0].reasons[1];
  REQUIRE(in_time.definitions.size() == 1);
  CHECK(in_time.definitions[0].path == "deadline");
  CHECK(in_time.definitions[0].value == std::optional<std::string>("2027-02-28"));  // the engine's anniversary rule
  CHECK(d.programs[0].reasons[0].definitions.empty());
  talent::ParsedRecord undated = talent::parse_record(worded(), "{id: U}");
  d = talent::evaluate(worded(), *undated.record, *talent::parse_date("2025-06-30"));
  REQUIRE(d.programs[0].reasons[1].definitions.size() == 1);
  CHECK_FALSE(d.programs[0].reasons[1].definitions[0].value);  // no start date, no deadline
}

TEST_CASE("expression_words: an expression with the pack's labels and signs", "[report]") {
  auto [expression, language, words] = GENERATE(table<const char*, Language, const char*>({
      {"as_of <= deadline", Language::zh, "核定日期 ≤ 起始满3年之日"},
      {"as_of <= deadline", Language::en, "the as-of date ≤ the third anniversary of the start"},
      {"start + years(3)", Language::zh, "起始日期 + 3年"},
      {"start + years(3)", Language::en, "start date + years(3)"},
      {"has(loan) and loan.rate <= 5%", Language::zh, "有(贷款) 且 年利率 ≤ 5%"},
      {"loan.kind in [plain]", Language::zh, "种类 属于 [普通]"},
      {"min(loan.rate, 0.05) * 2 != 1", Language::en, "min(annual rate, 0.05) × 2 ≠ 1"},
      {"not (loan.kind == plain)", Language::zh, "非 (种类 = 普通)"},
      {"no_such_name == \"x\"", Language::zh, "no_such_name = “x”"},
      {"a $ b", Language::zh, "a $ b"},  // not an expression: as written
  }));
  CAPTURE(expression);
  CHECK(talent::expression_words(worded(), expression, language) == words);
}

TEST_CASE("an optional section's words for its absence, and a program's for its amount, reach the rule set", "[report]") {
  const talent::FieldInfo* loan = worded().find_field("loan");
  REQUIRE(loan);
  CHECK(loan->absent.zh == "无贷款");
  CHECK(loan->absent.en == "no loan");
  CHECK(worded().find_field("start")->absent.zh.empty());
  CHECK(worded().programs()[0].amount_label.zh == "贴息总额");
  // Without `amount_label`, the frequency's words.
  CHECK(programs().programs()[0].amount_label.zh == "每月");
  CHECK(programs().programs()[0].amount_label.en == "per month");
  CHECK(programs().programs()[1].amount_label.zh == "一次性");
  CHECK(programs().programs()[1].amount_label.en == "once");
}

TEST_CASE("JSON: the named dates a condition compares with, by id, with their day or null", "[report]") {
  auto rules = talent::builtin_rule_set();
  auto reason_of = [&](const std::string& record, const char* program, const char* condition, talent::Reasons style) {
    talent::ParsedRecord p = talent::parse_record(*rules, record);
    REQUIRE(p.record);
    talent::Decision d = talent::evaluate(*rules, *p.record, *talent::parse_date("2025-07-01"));
    std::string out;
    talent::append_json(*rules, d, Language::zh, style, out);
    nlohmann::json j = nlohmann::json::parse(out);
    for (const auto& p : j["programs"]) {
      if (p["program"] != program) continue;
      for (const auto& r : p["reasons"]) {
        if (r["condition"] == condition) return r;
      }
    }
    FAIL("no reason " << condition << " of " << program);
    return nlohmann::json();
  };
  const std::string base = "{id: D-1, degree: master, study_mode: full_time, institution: regular_university, "
                           "employment: {status: enterprise, in_city: true}";
  nlohmann::json r = reason_of(base + ", graduation_date: 2023-06-30}", "rent_subsidy", "within_two_years",
                               talent::Reasons::full);
  CHECK(r["result"] == false);
  CHECK(r["definitions"] == nlohmann::json{{"rent_deadline", "2025-06-30"}});
  CHECK(r["detail"].get<std::string>().find("毕业满2年之日为 2025-06-30") != std::string::npos);
  // Compact keeps what the rules gave; a missing fact leaves the day unknown.
  r = reason_of(base + "}", "rent_subsidy", "within_two_years", talent::Reasons::compact);
  CHECK(r["result"] == nullptr);
  CHECK(r["definitions"] == nlohmann::json{{"rent_deadline", nullptr}});
  CHECK_FALSE(r.contains("detail"));
  // A condition with no named date has no such key.
  CHECK_FALSE(reason_of(base + "}", "rent_subsidy", "works_in_city", talent::Reasons::full).contains("definitions"));
}
