#include "pack/yaml_read.hpp"

#include <algorithm>

namespace talent::detail {
void YamlReader::error(const YamlNode& at, ErrorCode code, std::string message) {
  int length = at.is_scalar() ? std::max(1, utf8_length(at.value) + (at.quoted ? 2 : 0)) : 1;
  error(at.pos, code, std::move(message), length);
}

void YamlReader::error(SourcePos pos, ErrorCode code, std::string message, int length) {
  diagnostics_.push_back(doc_.diagnostic(pos, code, std::move(message), length));
}

bool YamlReader::mapping(const YamlNode& node, std::string_view what,
                         std::initializer_list<const char*> required,
                         std::initializer_list<const char*> optional) {
  if (!node.is_map()) {
    error(node, ErrorCode::wrong_type,
          "expected " + std::string(what) + " as a mapping (key: value), found a " + node.kind_name());
    return false;
  }
  std::vector<std::string> allowed;
  for (const char* k : required) allowed.emplace_back(k);
  for (const char* k : optional) allowed.emplace_back(k);
  for (const auto& entry : node.entries) {
    if (std::find(allowed.begin(), allowed.end(), entry.first.value) == allowed.end()) {
      error(entry.first, ErrorCode::unknown_name,
            "unknown key '" + entry.first.value + "' in " + std::string(what) + did_you_mean(entry.first.value, allowed));
    }
  }
  for (const char* k : required) {
    if (!node.find(k)) error(node, ErrorCode::missing, std::string(what) + " lacks the required key '" + k + "'");
  }
  return true;
}

const YamlNode* YamlReader::scalar(const YamlNode& map, const char* key) {
  const YamlNode* n = map.find(key);
  if (!n) return nullptr;
  if (!n->is_scalar()) {
    error(*n, ErrorCode::wrong_type, std::string("expected '") + key + "' to be a single value, found a " + n->kind_name());
    return nullptr;
  }
  return n;
}

LocalizedText YamlReader::text(const YamlNode& map, const char* key) {
  LocalizedText out;
  const YamlNode* n = map.find(key);
  if (!n) return out;  // `mapping` reports a missing required key
  if (n->is_scalar()) {
    out.zh = out.en = n->value;
    return out;
  }
  if (!mapping(*n, key, {"zh", "en"}, {})) return out;
  if (const YamlNode* zh = scalar(*n, "zh")) out.zh = zh->value;
  if (const YamlNode* en = scalar(*n, "en")) out.en = en->value;
  return out;
}

bool YamlReader::boolean(const YamlNode& node, bool& out) {
  if (node.is_scalar() && !node.quoted && (node.value == "true" || node.value == "false")) {
    out = node.value == "true";
    return true;
  }
  error(node, ErrorCode::wrong_type, "expected true or false");
  return false;
}

}  // namespace talent::detail
