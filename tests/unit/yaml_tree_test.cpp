#include "pack/yaml_tree.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using talent::detail::YamlDocument;
using talent::detail::YamlLimits;
using talent::detail::YamlNode;

namespace {

// The tree in document order, one node per string: `a@1:1` for a plain
// scalar, `"a"@1:1` for a quoted one, `{@`, `[@` and `~@` for a mapping, a list
// and a null. A map's entries give the key, then its value.
void flatten(const YamlNode& n, std::vector<std::string>& out) {
  std::string at = "@" + std::to_string(n.pos.line) + ":" + std::to_string(n.pos.column);
  switch (n.kind) {
    case YamlNode::Kind::null: out.push_back("~" + at); break;
    case YamlNode::Kind::scalar: out.push_back((n.quoted ? "\"" + n.value + "\"" : n.value) + at); break;
    case YamlNode::Kind::sequence:
      out.push_back("[" + at);
      for (const auto& item : n.items) flatten(item, out);
      break;
    case YamlNode::Kind::map:
      out.push_back("{" + at);
      for (const auto& [key, value] : n.entries) {
        flatten(key, out);
        flatten(value, out);
      }
      break;
  }
}

YamlDocument parsed(const std::string& text, const YamlLimits& limits = {}) {
  YamlDocument doc;
  talent::Diagnostic error;
  if (!talent::detail::parse_yaml("f.yaml", text, limits, doc, error)) FAIL("refused: " << error.message);
  return doc;
}

std::vector<std::string> tree(const std::string& text) {
  std::vector<std::string> out;
  flatten(parsed(text).root, out);
  return out;
}

// "line:column: [code] message" for a refused text, or "accepted".
std::string refused(const std::string& text, const YamlLimits& limits = {}) {
  YamlDocument doc;
  talent::Diagnostic error;
  if (talent::detail::parse_yaml("f.yaml", text, limits, doc, error)) return "accepted";
  return std::to_string(error.line) + ":" + std::to_string(error.column) + ": [" + talent::to_string(error.code) + "] " +
         error.message;
}

YamlLimits depth(int max_depth) {
  YamlLimits limits;
  limits.max_depth = max_depth;
  return limits;
}

}  // namespace

TEST_CASE("every node carries its line and column, counted from 1", "[yaml_tree]") {
  CHECK(tree("a: 1\nb: \"x\"\nc: [1, 'q', ~]\nd: {e: null}\n") ==
        std::vector<std::string>{"{@1:1", "a@1:1", "1@1:4", "b@2:1", "\"x\"@2:4", "c@3:1", "[@3:4", "1@3:5",
                                 "\"q\"@3:8", "~@3:13", "d@4:1", "{@4:4", "e@4:5", "~@4:8"});
  CHECK(tree("- 1\n- 2\n") == std::vector<std::string>{"[@1:1", "1@1:3", "2@2:3"});
  // Blank lines count; a document marker line counts too.
  CHECK(tree("a: 1\n\n\nb:   x   \n") == std::vector<std::string>{"{@1:1", "a@1:1", "1@1:4", "b@4:1", "x@4:6"});
  CHECK(tree("---\na: 1\n") == std::vector<std::string>{"{@2:1", "a@2:1", "1@2:4"});
  CHECK(tree("a: 1\r\nb: 2\r\n") == std::vector<std::string>{"{@1:1", "a@1:1", "1@1:4", "b@2:1", "2@2:4"});
}

TEST_CASE("columns count UTF-8 characters, not bytes", "[yaml_tree]") {
  CHECK(tree("值: {名: 甲, 乙: [丙, \"丁\"]}") ==
        std::vector<std::string>{"{@1:1", "值@1:1", "{@1:4", "名@1:5", "甲@1:8", "乙@1:11", "[@1:14", "丙@1:15",
                                 "\"丁\"@1:18"});
  CHECK(tree("- 名: 甲\n  乙: 丙") == std::vector<std::string>{"[@1:1", "{@1:3", "名@1:3", "甲@1:6", "乙@2:3", "丙@2:6"});
  CHECK(tree("é: [ü, ß]") == std::vector<std::string>{"{@1:1", "é@1:1", "[@1:4", "ü@1:5", "ß@1:8"});
  CHECK(tree("\"名\": 小 # 注释") == std::vector<std::string>{"{@1:1", "\"名\"@1:1", "小@1:6"});
  // A refusal on a line of wide characters is placed the same way.
  CHECK(refused("值: {a: 1, a: 2}") == "1:11: [duplicate] duplicate key 'a' (first given on line 1)");
  CHECK(refused("x: \"名字\" : y") == "1:9: [syntax] YAML syntax: illegal map value");
}

TEST_CASE("quoted, block and tagged scalars are marked quoted; plain ones are not", "[yaml_tree]") {
  auto [text, value, quoted] = GENERATE(table<const char*, const char*, bool>({
      {"a: 12", "12", false},
      {"a: true", "true", false},
      {"a: '12'", "12", true},
      {"a: \"true\"", "true", true},
      {"a: 'null'", "null", true},
      {"a: ''", "", true},
      {"a: \"名字\\n\"", "名字\n", true},
      {"a: |\n  block\n", "block\n", true},
      {"a: >\n  folded\n  text\n", "folded text\n", true},
      {"a: !!str 12", "12", true},
      {"a: &anchor 12", "12", false},  // an anchor alone is harmless
  }));
  CAPTURE(text);
  YamlDocument doc = parsed(text);
  const YamlNode* a = doc.root.find("a");
  REQUIRE(a);
  CHECK(a->kind == YamlNode::Kind::scalar);
  CHECK(a->value == value);
  CHECK(a->quoted == quoted);
  CHECK(a->pos.line == 1);
  CHECK(a->pos.column == 4);
}

TEST_CASE("null, ~ and an empty value are null nodes, not scalars", "[yaml_tree]") {
  auto text = GENERATE("a: null", "a: ~", "a:", "a: Null");
  CAPTURE(text);
  YamlDocument doc = parsed(text);
  REQUIRE(doc.root.find("a"));
  CHECK(doc.root.find("a")->kind == YamlNode::Kind::null);
  CHECK(std::string(doc.root.find("a")->kind_name()) == "null");
}

TEST_CASE("empty text and a text of comments are an empty document", "[yaml_tree]") {
  for (const char* text : {"", "# only a comment\n", "\n\n"}) {
    CAPTURE(text);
    YamlDocument doc = parsed(text);
    CHECK(doc.root.kind == YamlNode::Kind::null);
  }
}

TEST_CASE("aliases are refused where they are used", "[yaml_tree]") {
  CHECK(refused("a: &x 1\nb: *x") == "2:4: [limit] YAML aliases (*name) are not allowed here; write the value out");
  CHECK(refused("a: &x {k: 1}\nb:\n  <<: *x") == "3:7: [limit] YAML aliases (*name) are not allowed here; write the value out");
  CHECK(refused("a: *x") == "1:4: [syntax] YAML syntax: the referenced anchor is not defined");
}

TEST_CASE("a duplicate key is refused where it is repeated, naming the first line", "[yaml_tree]") {
  auto [text, error] = GENERATE(table<const char*, const char*>({
      {"a: 1\nb: 2\na: 3", "3:1: [duplicate] duplicate key 'a' (first given on line 1)"},
      {"k:\n  名字: 1\n  名字: 2", "3:3: [duplicate] duplicate key '名字' (first given on line 2)"},
      {"\"a\": 1\n'a': 2", "2:1: [duplicate] duplicate key 'a' (first given on line 1)"},  // quoting does not make another key
      {"a: {k: 1}\nb: {k: 2}", "accepted"},                                      // one key in two mappings
  }));
  CAPTURE(text);
  CHECK(refused(text) == error);
}

TEST_CASE("a mapping key must be a single value", "[yaml_tree]") {
  CHECK(refused("? [1, 2]\n: v") == "1:3: [wrong_type] a mapping key must be a plain name, not a list");
  CHECK(refused("{a: 1}: 2") == "1:1: [wrong_type] a mapping key must be a plain name, not a mapping");
}

TEST_CASE("nesting and size are bounded before anything recurses", "[yaml_tree]") {
  std::string deepest = std::string(64, '[') + std::string(64, ']');
  std::string too_deep = std::string(65, '[') + std::string(65, ']');
  CHECK(refused(deepest) == "accepted");
  CHECK(refused(too_deep) == "1:65: [limit] nesting deeper than 64 levels");
  CHECK(refused("[[[1]]]", depth(3)) == "accepted");
  CHECK(refused("[[[[1]]]]", depth(3)) == "1:4: [limit] nesting deeper than 3 levels");
  CHECK(refused("a: [1, [2, [3]]]", depth(3)) == "1:12: [limit] nesting deeper than 3 levels");  // the mapping is a level

  YamlLimits five;
  five.max_nodes = 5;
  CHECK(refused("a: [1, 2]", five) == "accepted");  // mapping, key, list and two items
  CHECK(refused("a: [1, [2, [3]]]", five) == "1:9: [limit] more than 5 YAML nodes");
}

TEST_CASE("a file holds one YAML document", "[yaml_tree]") {
  CHECK(refused("a: 1\n---\nb: 2") == "2:1: [syntax] expected one YAML document, found several ('---')");
  CHECK(refused("a: 1\n...\n") == "accepted");
}

TEST_CASE("syntax errors keep yaml-cpp's reason at a 1-based position", "[yaml_tree]") {
  CHECK(refused("a: [1, 2\nb: 3") == "2:2: [syntax] YAML syntax: end of sequence flow not found");
  CHECK(refused("a: \"unclosed") == "1:13: [syntax] YAML syntax: illegal EOF in scalar");
  CHECK(refused("a: \"x\" # c\n\tb: 1") == "2:2: [syntax] YAML syntax: end of map not found");
}

TEST_CASE("a refusal is a diagnostic naming the file, with its source line", "[yaml_tree]") {
  YamlDocument doc;
  talent::Diagnostic error;
  REQUIRE_FALSE(talent::detail::parse_yaml("rules/x.yaml", "a: 1\nb: *x\n", {}, doc, error));
  CHECK(error.file == "rules/x.yaml");
  CHECK(error.line == 2);
  CHECK(error.column == 4);
  CHECK(error.length == 1);
  CHECK(error.source_line == "b: *x");
  CHECK(error.code == talent::ErrorCode::syntax);
  CHECK(talent::format(error) ==
        "rules/x.yaml:2:4: error: YAML syntax: the referenced anchor is not defined\n"
        "    b: *x\n"
        "       ^\n");

  YamlDocument ok = parsed("名字: 值\r\n");
  talent::Diagnostic d = ok.diagnostic({1, 5}, talent::ErrorCode::invalid_value, "a message", 1);
  CHECK(d.file == "f.yaml");
  CHECK(d.line == 1);
  CHECK(d.column == 5);
  CHECK(d.code == talent::ErrorCode::invalid_value);
  CHECK(d.message == "a message");
  CHECK(d.source_line == "名字: 值");  // without the \r
  CHECK(ok.diagnostic({9, 1}, talent::ErrorCode::syntax, "past the end").source_line.empty());
}

TEST_CASE("find gives a mapping's value, find_key its key", "[yaml_tree]") {
  YamlDocument doc = parsed("a: 1\nb: [x]\n");
  REQUIRE(doc.root.is_map());
  REQUIRE(doc.root.find("b"));
  CHECK(doc.root.find("b")->is_sequence());
  CHECK(doc.root.find("b")->pos.column == 4);
  REQUIRE(doc.root.find_key("b"));
  CHECK(doc.root.find_key("b")->is_scalar());
  CHECK(doc.root.find_key("b")->pos.column == 1);
  CHECK(doc.root.find("c") == nullptr);
  CHECK(doc.root.find_key("c") == nullptr);
  CHECK(doc.root.find("b")->find("x") == nullptr);  // a list has no keys
  CHECK(std::string(doc.root.kind_name()) == "mapping");
  CHECK(std::string(doc.root.find("b")->kind_name()) == "list");
  CHECK(std::string(doc.root.find("a")->kind_name()) == "scalar");
}

TEST_CASE("split_lines drops line terminators and keeps the last line", "[yaml_tree]") {
  using Lines = std::vector<std::string>;
  auto [text, lines] = GENERATE(table<const char*, Lines>({
      {"a\nb", Lines{"a", "b"}},
      {"a\r\nb\r\n", Lines{"a", "b", ""}},
      {"", Lines{""}},
      {"\n", Lines{"", ""}},
      {"a\rb", Lines{"a\rb"}},  // a lone \r is not a line end
  }));
  CAPTURE(text);
  CHECK(talent::detail::split_lines(text) == lines);
}
