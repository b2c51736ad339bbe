// Pack stage: YAML text to a tree of nodes that remember where they came from.
//
// Built from yaml-cpp's event parser rather than its Node API so that every
// node keeps its position (converted here, and only here, from yaml-cpp's
// 0-based byte marks to 1-based character columns), scalars remember whether
// they were quoted, duplicate keys are caught, aliases are refused (no
// "billion laughs") and nesting is bounded before anything recurses over it.
#pragma once

#include "talent/diagnostic.hpp"
#include "base/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace talent::detail {

struct SourcePos {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in characters
};

struct YamlNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  bool quoted = false;  // a quoted or block scalar: never a number, bool or null
  std::string value;    // scalar text
  SourcePos pos;
  std::vector<YamlNode> items;                         // sequence items
  std::vector<std::pair<YamlNode, YamlNode>> entries;  // map entries, in order

  bool is_map() const { return kind == Kind::map; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_scalar() const { return kind == Kind::scalar; }
  // The value under `key` in a map, or nullptr.
  const YamlNode* find(std::string_view key) const;
  // The key node itself (for pointing at "table:" rather than its value).
  const YamlNode* find_key(std::string_view key) const;
  const char* kind_name() const;
};

struct YamlLimits {
  int max_depth = 64;
  std::size_t max_nodes = 200000;
};

// A parsed file: its name, its lines (for carets) and its root node.
struct YamlDocument {
  std::string file;
  std::vector<std::string> lines;
  YamlNode root;

  Diagnostic diagnostic(SourcePos pos, ErrorCode code, std::string message, int length = 1) const;
};

// Parses `text` (one YAML document, or empty). On failure returns false and
// sets `error` to a positioned diagnostic.
bool parse_yaml(std::string file, std::string_view text, const YamlLimits& limits,
                YamlDocument& out, Diagnostic& error);

// Splits text into lines without their line terminators.
std::vector<std::string> split_lines(std::string_view text);

}  // namespace talent::detail
