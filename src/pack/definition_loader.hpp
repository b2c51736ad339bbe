// Pack stage: the pack-level names programs share. Parameters (named values
// with effective-dated history, plain or keyed by an enum field) come from
// the manifest's `parameters` file and from amendments; named expressions and
// shared condition groups come from its `definitions` file.
#pragma once

#include "lang/compiled.hpp"
#include "pack/expression_reader.hpp"
#include "pack/yaml_read.hpp"

#include <vector>

namespace talent::detail {

// Reads a list of parameters (`list`, the `parameters:` of a parameters file
// or an amendment) into pack.names and pack.parameter_infos. An entry naming
// a parameter that exists already may only add later values to its history
// (`id` and `values`); `not_before`, when given, is the earliest `since`
// those values may have: the day the pack or the amendment takes effect, so
// that no value claims to apply before the rules that give it.
void load_parameters(YamlReader& r, const YamlNode& list, CompiledPack& pack, const Date* not_before = nullptr);

// Reads a definitions file: `expressions` (named expressions, each using
// only the names defined above it) into pack.names, and `condition_groups`
// into `groups`.
void load_definitions(YamlReader& r, CompiledPack& pack, std::vector<ConditionGroup>& groups);

// Whether `id` may name something new in the pack's expressions: it is not a
// field, a section, as_of, a parameter, a named expression or a program.
// Reports the clash at `at` and returns false otherwise.
bool fresh_name(YamlReader& r, const YamlNode& at, const CompiledPack& pack, const std::string& id);

}  // namespace talent::detail
