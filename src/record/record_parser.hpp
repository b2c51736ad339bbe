// Record stage: applicant records. YAML (yaml_tree.hpp) becomes a YamlNode
// tree, which is then validated against the schema into a Record's slots.
// JSON is read straight into the slots (json_record.hpp); only a JSON record
// that reader does not accept goes through the tree (json_tree.hpp), which
// finds and words its first problem.
#pragma once

#include "talent/record.hpp"
#include "talent/rule_set.hpp"
#include "pack/yaml_tree.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace talent::detail {

// Makes `out` a rejected record's result: `errors`, the first as `error`.
void set_errors(ParsedRecord& out, std::vector<RecordError> errors);

// Validates a record tree against the schema of `rules` and binds the record
// to `rules`. `json` says whether plain scalars came from JSON (numbers,
// booleans) rather than YAML.
// `unknown`: what to do with fields the schema does not declare.
ParsedRecord build_record(const RuleSet& rules, const YamlNode& root, bool json, std::size_t number,
                          const RecordLimits& limits, UnknownFields unknown = UnknownFields::schema);

// The reference reading of a record: parse_record as it was before JSON was
// read straight into the record, every record through the node tree. The
// direct reader must give the same result for every text; tests and the
// record fuzzer compare the two.
ParsedRecord parse_record_with_tree(const RuleSet& rules, std::string_view text, std::size_t number,
                                    const RecordLimits& limits, UnknownFields unknown = UnknownFields::schema);

}  // namespace talent::detail
