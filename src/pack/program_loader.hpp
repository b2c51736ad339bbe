// Pack stage: one program file. Reads its description, conditions, remarks,
// amount (an expression or a table keyed by an enum field) and window;
// parses, type-checks and compiles every expression against the pack's
// schema, pointing each error at its token inside the YAML string.
#pragma once

#include "lang/compiled.hpp"
#include "pack/expression_reader.hpp"
#include "pack/yaml_read.hpp"

namespace talent::detail {

// Reads the program file `r` is reading into `pack`, whose schema, clauses
// and names are loaded already; its conditions may use the shared `groups`.
// Every problem is reported through `r`. The program is appended (to
// program_infos and programs) unless the file is not a mapping of a
// program's keys. A file with a `kind` is a selection program
// (selection_loader.hpp), appended to the pack's selections instead.
void load_program(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups);

}  // namespace talent::detail
