// Pack stage: helpers for reading the pack's YAML files: keys checked against
// what each mapping allows, scalars of the expected kind, and every problem
// recorded as a positioned diagnostic instead of thrown.
#pragma once

#include "base/text.hpp"
#include "talent/rule_set.hpp"
#include "pack/yaml_tree.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

class YamlReader {
 public:
  YamlReader(const YamlDocument& doc, std::vector<Diagnostic>& diagnostics)
      : doc_(doc), diagnostics_(diagnostics) {}

  const YamlDocument& document() const { return doc_; }
  // Records a diagnostic of kind `code` at `at` (a scalar is underlined whole).
  void error(const YamlNode& at, ErrorCode code, std::string message);
  void error(SourcePos pos, ErrorCode code, std::string message, int length = 1);

  // True when `node` is a mapping; reports unknown keys (with a suggestion)
  // and missing required keys.
  bool mapping(const YamlNode& node, std::string_view what, std::initializer_list<const char*> required,
               std::initializer_list<const char*> optional);
  // The scalar under `key`; nullptr when absent (`mapping` reports missing
  // required keys) or when it is not a single value (reported here).
  const YamlNode* scalar(const YamlNode& map, const char* key);
  // {zh: ..., en: ...}; a plain scalar counts as both languages. Empty when
  // absent (`mapping` reports a missing required key).
  LocalizedText text(const YamlNode& map, const char* key);
  bool boolean(const YamlNode& node, bool& out);

 private:
  const YamlDocument& doc_;
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace talent::detail
