// Suite stage: reading a selection case of a suite file: a cycle of a
// selection program, its candidates (a file of records and records inline)
// and what select() must decide for them.
#pragma once

#include "pack/yaml_tree.hpp"
#include "talent/suite.hpp"

namespace talent::detail {

// Reads `node`, a case holding `selection:`, of the suite file `doc` read
// into `out`: appends it to out.selection_cases when it is sound, or its
// problems to out.errors (with their positions) and the case to out.broken.
void read_selection_case(const RuleSet& rules, const YamlDocument& doc, const YamlNode& node, SuiteFile& out);

}  // namespace talent::detail
