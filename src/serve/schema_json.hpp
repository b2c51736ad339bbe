// Serving stage: the record a rule set reads, as a JSON Schema (draft
// 2020-12), for clients that validate records or build forms before they
// send them (GET /v1/schema).
#pragma once

#include "talent/rule_set.hpp"

#include <string>

namespace talent::serve {

// One line of JSON. Enum values are listed by their canonical names, each
// with its label as `title`; the aliases a pack also accepts are not listed,
// so a record the schema accepts is always accepted by the service, not the
// other way round. Every field may be null (the same as leaving it out).
std::string schema_json(const RuleSet& rules, Language language);

}  // namespace talent::serve
