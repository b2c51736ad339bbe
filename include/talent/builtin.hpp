// The rule pack shipped inside the library (rules/hohhot-talent-25).
//
//   auto rules = talent::builtin_rule_set();   // loaded once, then shared
#pragma once

#include "talent/export.h"
#include "talent/rule_set.hpp"

#include <memory>
#include <vector>

namespace talent {

// The embedded pack's files, as they were when the library was built.
TALENT_API std::vector<PackFile> builtin_pack_files();
// Loads the embedded pack on first use (thread-safe) and returns the same
// rule set afterwards. Throws std::logic_error if the embedded pack does not
// load, which the build's tests rule out.
TALENT_API std::shared_ptr<const RuleSet> builtin_rule_set();

}  // namespace talent
