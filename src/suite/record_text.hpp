// Suite stage: a case's inline record cut out of the suite file's own text,
// so that parse_record sees exactly what the author wrote (quotes, comments
// and all) rather than a YAML tree written back out.
#pragma once

#include "pack/yaml_tree.hpp"

#include <string>

namespace talent::detail {

// The lines of the mapping `value` (the value of the key `key` in `doc`),
// dedented to its own indentation, each ending in '\n'; blank and comment
// lines are kept as empty lines so that line numbers still count.
std::string record_lines(const YamlDocument& doc, const YamlNode& key, const YamlNode& value);

}  // namespace talent::detail
