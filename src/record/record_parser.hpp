// Record stage: applicant records. JSON (through nlohmann's SAX parser, which keeps
// numbers as written) and YAML both become a YamlNode tree, which is then
// validated against the schema into a Record's slots.
#pragma once

#include "pack/schema.hpp"
#include "talent/record.hpp"
#include "pack/yaml_tree.hpp"

#include <string_view>

namespace talent::detail {

// JSON text to a node tree: strings become quoted scalars, numbers keep
// their literal text. False with `error` set when the text is not JSON.
bool parse_json_tree(std::string_view text, const RecordLimits& limits, YamlNode& out, std::string& error);

// Validates a record tree against `schema`. `json` says whether plain
// scalars came from JSON (numbers, booleans) rather than YAML.
ParsedRecord build_record(const Schema& schema, const YamlNode& root, bool json, std::size_t number,
                          const RecordLimits& limits);

}  // namespace talent::detail
