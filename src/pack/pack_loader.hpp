// Pack stage: the whole pack. Reads the manifest, the schema and each program
// file, checks and compiles every expression, and either returns a complete
// RuleSet or every diagnostic found.
#pragma once

#include "talent/rule_set.hpp"

namespace talent::detail {

constexpr std::size_t kMaxPackFileBytes = 1 << 20;  // one file of a pack
constexpr std::size_t kMaxPackFiles = 64;

}  // namespace talent::detail
