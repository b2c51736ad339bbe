// Pack stage: one selection program file (`kind: selection`). Reads its
// cycle, quota, candidacy conditions, ranking and award; every expression is
// parsed, checked and compiled as a per-applicant program's are, with the
// cycle's days (cycle_start, cycle_end) in place of the as-of date.
#pragma once

#include "lang/compiled.hpp"
#include "pack/expression_reader.hpp"
#include "pack/yaml_read.hpp"

#include <vector>

namespace talent::detail {

// Reads the selection program file `r` is reading into `pack` (its
// selection_infos and selections), whose schema, clauses, parameters and
// definitions are loaded already. Every problem is reported through `r`.
void load_selection(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups);

}  // namespace talent::detail
