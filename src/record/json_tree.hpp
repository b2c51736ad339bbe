// Record stage: JSON text to the same node tree YAML records become
// (pack/yaml_tree.hpp), so that one validator serves both.
//
// Built through nlohmann's SAX parser, which keeps numbers as written: a
// number's literal text reaches the validator, never a double. Strings become
// quoted scalars, numbers, booleans and null plain ones. Duplicate keys are
// refused and nesting is bounded while parsing, before anything recurses.
#pragma once

#include "pack/yaml_tree.hpp"
#include "talent/record.hpp"

#include <string>
#include <string_view>

namespace talent::detail {

// JSON text to a node tree: strings become quoted scalars, numbers keep
// their literal text. False with `error` set (code and message; the field is
// left alone) when the text is not JSON, holds a duplicate key or nests too
// deeply.
bool parse_json_tree(std::string_view text, const RecordLimits& limits, YamlNode& out, RecordError& error);

}  // namespace talent::detail
