// Pack stage: the whole pack. Reads the pack's files and its manifest (clauses
// and what is not encoded), the schema (schema_loader) and each program file
// (program_loader), then checks that every clause is accounted for, computes
// the digest and either returns a complete RuleSet or every diagnostic found.
#pragma once

#include "talent/rule_set.hpp"

namespace talent::detail {

constexpr std::size_t kMaxPackFileBytes = 1 << 20;  // one file of a pack
constexpr std::size_t kMaxPackFiles = 64;

}  // namespace talent::detail
