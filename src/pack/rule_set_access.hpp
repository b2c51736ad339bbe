// Pack stage: the library's own way to make a RuleSet and read its identity.
#pragma once

#include "talent/rule_set.hpp"

#include <cstdint>
#include <memory>

namespace talent::detail {

struct RuleSetAccess {
  // The only way a RuleSet comes to be: owned by a shared_ptr from the start.
  static std::shared_ptr<const RuleSet> make(std::unique_ptr<CompiledPack> pack);
  // Unique within the process, never reused.
  static std::uint64_t serial(const RuleSet& rules) { return rules.serial_; }
};

}  // namespace talent::detail
