// Record stage: applicant records. JSON (json_tree.hpp) and YAML (yaml_tree.hpp)
// both become a YamlNode tree, which is then validated against the schema
// into a Record's slots.
#pragma once

#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "pack/yaml_tree.hpp"

#include <cstddef>

namespace talent::detail {

// Validates a record tree against the schema of `rules` and binds the record
// to `rules`. `json` says whether plain scalars came from JSON (numbers,
// booleans) rather than YAML.
ParsedRecord build_record(const RuleSet& rules, const YamlNode& root, bool json, std::size_t number,
                          const RecordLimits& limits);

}  // namespace talent::detail
