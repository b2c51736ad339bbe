// Language stage: type-checking expressions against the schema.
//
// Resolves every name (field path, section, as_of, enum value), gives every
// node a type, and rejects mismatches with the offending token's position.
// There are no implicit conversions; untyped number literals take the type of
// what they are combined with (money, rate or int) and must fit it exactly.
#pragma once

#include "lang/ast.hpp"
#include "pack/schema.hpp"

#include <string>
#include <vector>

namespace talent::detail {

struct CheckError {
  std::size_t offset = 0;
  std::size_t length = 1;
  std::string message;
};

// Checks `expr` in place and requires its type to be `want`. Returns false
// and appends to `errors` on any problem.
bool check_expression(const Schema& schema, Expr& expr, ValueType want, std::vector<CheckError>& errors);

// Type of an enum literal or field in messages, e.g. "enum degree".
std::string describe_type(const Schema& schema, ValueType type, int enum_id);

}  // namespace talent::detail
