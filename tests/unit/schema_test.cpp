#include "pack/schema_loader.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using talent::detail::Schema;
using talent::detail::ValueType;

namespace {

struct Loaded {
  bool ok = false;
  Schema schema;
  std::vector<std::string> problems;  // "line:column: message", in the order reported
};

// Loads `text` as schema.yaml, the way the pack loader does.
Loaded load(const std::string& text) {
  Loaded out;
  talent::detail::YamlDocument doc;
  talent::Diagnostic error;
  if (!talent::detail::parse_yaml("schema.yaml", text, {}, doc, error)) FAIL("not YAML: " << error.message);
  std::vector<talent::Diagnostic> diagnostics;
  talent::detail::YamlReader reader(doc, diagnostics);
  out.ok = talent::detail::load_schema(reader, out.schema);
  for (const auto& d : diagnostics) {
    CHECK(d.file == "schema.yaml");
    out.problems.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message);
  }
  return out;
}

// `text` makes the schema unusable, with exactly `problem` reported.
void check_unusable(const std::string& text, const std::string& problem) {
  Loaded l = load(text);
  CHECK(l.problems == std::vector<std::string>{problem});
  CHECK_FALSE(l.ok);
}

// One line per field: "path type slot N", then what else it declares.
std::vector<std::string> fields(const Schema& s) {
  std::vector<std::string> out;
  for (const auto& f : s.fields) {
    std::string line = f.path + " " + talent::detail::type_name(f.type) + " slot " + std::to_string(f.slot);
    if (f.enum_id >= 0) line += " enum " + s.enums[static_cast<std::size_t>(f.enum_id)].name;
    if (f.required) line += " required";
    if (f.min) line += " min " + std::to_string(*f.min);
    if (f.max) line += " max " + std::to_string(*f.max);
    if (f.section != 0) line += " in " + s.sections[static_cast<std::size_t>(f.section)].path;
    out.push_back(line);
  }
  return out;
}

// One line per section after the record itself.
std::vector<std::string> sections(const Schema& s) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < s.sections.size(); ++i) {
    const auto& sec = s.sections[i];
    std::string line = sec.path + " slot " + std::to_string(sec.slot) + (sec.optional ? " optional" : "") +
                       " parent " + std::to_string(sec.parent) + " fields";
    for (int f : sec.fields) line += " " + std::to_string(f);
    for (int c : sec.sections) line += " section " + std::to_string(c);
    out.push_back(line);
  }
  return out;
}

const char* kSchema = R"(enums:
  color:
    - {value: red, label: {zh: 红, en: red}, aliases: [红色, 赤]}
    - {value: blue, label: 蓝}
    - {value: green}
fields:
  id: {type: string, required: true, label: {zh: 编号, en: id}}
  flag: {type: bool}
  count: {type: int, min: -3, max: 12}
  price: {type: money}
  share: {type: rate}
  day: {type: date}
  colour: {type: enum, enum: color}
  home:
    type: section
    optional: true
    label: {zh: 住房, en: home}
    fields:
      size: {type: int, min: 0}
      deed:
        type: section
        fields:
          signed: {type: date, required: false}
  note: {type: string}
)";

// Schema text with one more line in `fields`, on line 5.
std::string with_field(const std::string& line) {
  return "enums:\n  e: [{value: x}, {value: y}]\nfields:\n  id: {type: string, required: true}\n" + line + "\n";
}

// Schema text whose enum `e` is `list`, on line 2.
std::string with_enum(const std::string& list) {
  return "enums:\n  e: " + list + "\nfields:\n  id: {type: string, required: true}\n";
}

}  // namespace

TEST_CASE("fields get their type and a slot each, in schema order", "[schema]") {
  Loaded l = load(kSchema);
  REQUIRE(l.problems.empty());
  CHECK(l.ok);
  CHECK(fields(l.schema) == std::vector<std::string>{
                                "id string slot 0 required",
                                "flag bool slot 1",
                                "count int slot 2 min -3 max 12",
                                "price money slot 3",
                                "share rate slot 4",
                                "day date slot 5",
                                "colour enum slot 6 enum color",
                                "home.size int slot 8 min 0 in home",
                                "home.deed.signed date slot 10 in home.deed",
                                "note string slot 11",
                            });
  CHECK(l.schema.slot_count == 12);
  CHECK(l.schema.id_field == 0);
  CHECK(l.schema.fields[0].label.zh == "编号");
  CHECK(l.schema.fields[0].label.en == "id");
  CHECK(l.schema.fields[1].label.zh.empty());
  CHECK(l.schema.fields[8].name == "signed");
}

TEST_CASE("sections take a slot of their own, optional or not, and may nest", "[schema]") {
  Loaded l = load(kSchema);
  REQUIRE(l.ok);
  CHECK(sections(l.schema) == std::vector<std::string>{
                                  "home slot 7 optional parent 0 fields 7 section 2",
                                  "home.deed slot 9 parent 1 fields 8",
                              });
  const auto& record = l.schema.sections[0];
  CHECK(record.path.empty());
  CHECK(record.fields == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 9});
  CHECK(record.sections == std::vector<int>{1});
  CHECK(l.schema.sections[1].label.en == "home");
  CHECK(l.schema.sections[2].name == "deed");
  CHECK(l.schema.find_section("home.deed") == 2);
  CHECK(l.schema.find_section("deed") == -1);
  CHECK(l.schema.find_field("home.deed.signed") == 8);
  CHECK(l.schema.find_field("signed") == -1);
  CHECK(l.schema.field_paths() == std::vector<std::string>{"id", "flag", "count", "price", "share", "day", "colour",
                                                           "home.size", "home.deed.signed", "note", "home",
                                                           "home.deed"});
}

TEST_CASE("enum values keep their labels and aliases, and are found by either", "[schema]") {
  Loaded l = load(kSchema);
  REQUIRE(l.ok);
  REQUIRE(l.schema.enums.size() == 1);
  const auto& color = l.schema.enums[0];
  CHECK(color.name == "color");
  CHECK(color.ids() == std::vector<std::string>{"red", "blue", "green"});
  CHECK(color.values[0].label.zh == "红");
  CHECK(color.values[0].label.en == "red");
  CHECK(color.values[0].aliases == std::vector<std::string>{"红色", "赤"});
  CHECK(color.values[1].label.zh == "蓝");  // a plain label serves both languages
  CHECK(color.values[1].label.en == "蓝");
  CHECK(color.values[2].label.zh.empty());
  auto [text, index] = GENERATE(table<const char*, int>({
      {"red", 0}, {"红色", 0}, {"赤", 0}, {"blue", 1}, {"green", 2}, {"蓝", -1}, {"Red", -1}, {"", -1},
  }));
  CAPTURE(text);
  CHECK(color.find(text) == index);
  CHECK(l.schema.find_enum("color") == 0);
  CHECK(l.schema.find_enum("colour") == -1);
}

TEST_CASE("an empty enums mapping and fields of every kind load", "[schema]") {
  Loaded l = load("enums: {}\nfields:\n  id: {type: string, required: true}\n  s: {type: section, fields: {}}\n");
  CHECK(l.problems.empty());
  CHECK(l.ok);
  CHECK(l.schema.slot_count == 2);
  CHECK(sections(l.schema) == std::vector<std::string>{"s slot 1 parent 0 fields"});
}

TEST_CASE("field declarations are checked, each problem at its token", "[schema]") {
  auto [line, problem] = GENERATE(table<const char*, const char*>({
      {"  f: {type: enumm, enum: e}",
       "5:13: unknown type 'enumm' (did you mean 'enum'?); expected bool, int, money, rate, decimal, date, enum, string or section"},
      {"  f: {type: sectoin, fields: {v: {type: int}}}",
       "5:13: unknown type 'sectoin' (did you mean 'section'?); expected bool, int, money, rate, decimal, date, enum, string or section"},
      {"  f: {type: float}", "5:13: unknown type 'float'; expected bool, int, money, rate, decimal, date, enum, string or section"},
      {"  f: {type: [int]}", "5:13: expected 'type' to be a single value, found a list"},
      {"  f: {type: enum, enum: ee}", "5:25: unknown enum 'ee' (did you mean 'e'?)"},
      {"  f: {type: enum, enum: size}", "5:25: unknown enum 'size'"},
      {"  f: {type: enum}", "5:6: field 'f' has type enum but names no enum ('enum: <name>')"},
      {"  f: {type: int, enum: e}", "5:24: 'enum' applies to enum fields only"},
      {"  f: {type: money, min: 1}", "5:25: 'min' applies to int and decimal fields only"},
      {"  f: {type: int, min: many}", "5:23: expected 'min' to be a whole number"},
      {"  f: {type: int, max: 1.5}", "5:23: expected 'max' to be a whole number"},
      {"  f: {type: int, max: 99999999999999999999}", "5:23: expected 'max' to be a whole number"},
      {"  f: {type: int, required: yes}", "5:28: expected true or false"},
      {"  f: {type: int, required: \"true\"}", "5:28: expected true or false"},
      {"  f: {type: int, optional: true}", "5:28: 'optional' applies to sections only"},
      {"  f: {type: int, fields: {}}", "5:26: 'fields' applies to sections only"},
      {"  f: {label: x}", "5:6: field 'f' lacks the required key 'type'"},
      {"  f: int", "5:6: expected field 'f' as a mapping (key: value), found a scalar"},
      {"  s: {type: section, required: true, fields: {v: {type: int}}}", "5:32: 'required' does not apply to a section"},
      {"  s: {type: section, min: 1, fields: {v: {type: int}}}", "5:27: 'min' does not apply to a section"},
      {"  s: {type: section, optional: 1, fields: {v: {type: int}}}", "5:32: expected true or false"},
      {"  s: {type: section}", "5:6: section 's' declares no 'fields'"},
      {"  s: {type: section, fields: [v]}", "5:30: expected 'fields' to map field names to their declarations"},
      {"  s: {type: section, fields: {v: {type: date, min: 0}}}", "5:52: 'min' applies to int and decimal fields only"},
  }));
  CAPTURE(line);
  check_unusable(with_field(line), problem);
}

// Unknown and missing keys: reported, and loading goes on to find more.
struct KeyProblem {
  std::string text;
  const char* problem;
};
std::vector<KeyProblem> key_problems() {
  return {
      {with_field("  f: {type: int, lable: x}"), "5:18: unknown key 'lable' in field 'f' (did you mean 'label'?)"},
      {with_field("  s: {type: section, fields: {v: {type: int, mni: 0}}}"),
       "5:46: unknown key 'mni' in field 's.v' (did you mean 'min'?)"},
      {with_field("  f: {type: int, label: {zh: 甲, en: a, fr: b}}"), "5:40: unknown key 'fr' in label"},
      {with_enum("[{value: x, lable: y}]"), "2:18: unknown key 'lable' in an enum value (did you mean 'label'?)"},
      {with_enum("[{label: x}]"), "2:7: an enum value lacks the required key 'value'"},
      {"enum: {}\nenums: {}\nfields:\n  id: {type: string, required: true}\n",
       "1:1: unknown key 'enum' in the schema (did you mean 'enums'?)"},
      {"fields:\n  id: {type: string, required: true}\n", "1:1: the schema lacks the required key 'enums'"},
  };
}

TEST_CASE("unknown and missing keys are named, unknown ones with a suggestion", "[schema]") {
  for (const auto& [text, problem] : key_problems()) {
    CAPTURE(text);
    CHECK(load(text).problems == std::vector<std::string>{problem});
  }
}

// A misspelt or missing key is reported, but the schema stays usable, so the
// pack loader goes on to check the programs against it and the author sees
// every problem at once (the pack still does not load).
TEST_CASE("a problem with a key is reported and leaves the schema usable", "[schema]") {
  for (const auto& [text, problem] : key_problems()) {
    CAPTURE(text, problem);
    Loaded l = load(text);
    CHECK(l.ok);
    CHECK(l.problems.size() == 1);
  }
}

TEST_CASE("enums are checked: values listed once, aliases naming one value", "[schema]") {
  auto [list, problem] = GENERATE(table<const char*, const char*>({
      {"[{value: x}, {value: x}]", "2:19: enum 'e' lists 'x' twice"},
      {"[{value: x, aliases: [y]}, {value: y}]", "2:33: enum 'e' lists 'y' twice"},
      {"[{value: x, aliases: [a]}, {value: y, aliases: [a]}]", "2:33: alias 'a' of enum 'e' names two values"},
      {"[{value: x}, {value: y, aliases: [x]}]", "2:19: alias 'x' of enum 'e' names two values"},
      {"[]", "2:6: expected enum 'e' to be a non-empty list of values"},
      {"x", "2:6: expected enum 'e' to be a non-empty list of values"},
      {"[x]", "2:7: expected an enum value as a mapping (key: value), found a scalar"},
      {"[{value: x, aliases: y}]", "2:27: expected 'aliases' to be a list"},
      {"[{value: x, aliases: [[y]]}]", "2:28: expected an alias to be a single value"},
  }));
  CAPTURE(list);
  check_unusable(with_enum(list), problem);
}

TEST_CASE("the schema as a whole: two mappings and the record's identifier", "[schema]") {
  const char* kNoId = "the schema must declare the record's identifier: 'id: {type: string, required: true}'";
  auto [text, problems] = GENERATE_COPY(table<const char*, std::vector<std::string>>({
      {"[1]", {"1:1: expected the schema as a mapping (key: value), found a list"}},
      {"enums: {}\n", {"1:1: the schema lacks the required key 'fields'", std::string("1:1: ") + kNoId}},
      {"enums: [a]\nfields:\n  id: {type: string, required: true}\n",
       {"1:8: expected 'enums' to map enum names to their values"}},
      {"enums: {}\nfields: [id]\n",
       {"2:9: expected 'fields' to map field names to their declarations", std::string("1:1: ") + kNoId}},
      {"enums: {}\nfields:\n  name: {type: string}\n", {std::string("1:1: ") + kNoId}},
      {"enums: {}\nfields:\n  id: {type: string}\n", {std::string("1:1: ") + kNoId}},
      {"enums: {}\nfields:\n  id: {type: int, required: true}\n", {std::string("1:1: ") + kNoId}},
      {"enums: {}\nfields:\n  s:\n    type: section\n    fields:\n      id: {type: string, required: true}\n",
       {std::string("1:1: ") + kNoId}},
  }));
  CAPTURE(text);
  Loaded l = load(text);
  CHECK(l.problems == problems);
  CHECK_FALSE(l.ok);
}

TEST_CASE("every problem of a schema is reported, in the order met", "[schema]") {
  Loaded l = load(
      "enums:\n"
      "  e: [{value: x}, {value: x}]\n"
      "  f: []\n"
      "fields:\n"
      "  id: {type: string, required: true}\n"
      "  a: {type: enumm, enum: e}\n"
      "  b: {type: enum, enum: ee}\n"
      "  c: {type: int, min: many, max: 2}\n"
      "  d:\n"
      "    type: section\n"
      "    fields:\n"
      "      g: {type: bool, required: maybe}\n");
  CHECK(l.problems == std::vector<std::string>{
                          "2:19: enum 'e' lists 'x' twice",
                          "3:6: expected enum 'f' to be a non-empty list of values",
                          "6:13: unknown type 'enumm' (did you mean 'enum'?); expected bool, int, money, rate, decimal, date, "
                          "enum, string or section",
                          "7:25: unknown enum 'ee' (did you mean 'e'?)",
                          "8:23: expected 'min' to be a whole number",
                          "12:33: expected true or false",
                      });
  CHECK_FALSE(l.ok);
}
