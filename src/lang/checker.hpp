// Language stage: type-checking expressions against the schema.
//
// Resolves every name (field path, section, as_of, enum value), gives every
// node a type, and rejects mismatches with the offending token's position.
// There are no implicit conversions; untyped number literals take the type of
// what they are combined with (money, rate or int) and must fit it exactly.
#pragma once

#include "base/exact.hpp"
#include "lang/ast.hpp"
#include "lang/compiled.hpp"
#include "lang/schema.hpp"

#include <string>
#include <vector>

namespace talent::detail {

// Checks `expr` in place and requires its type to be `want`. Besides the
// schema's names it resolves the pack's `names` when given: parameters, named
// expressions (already checked) and, in eligible(...), program ids. With
// `want` unresolved any type will do (a named expression's) but a plain
// number or a duration. Returns false and appends to `errors` on any problem.
bool check_expression(const Schema& schema, Expr& expr, ValueType want, std::vector<ExpressionError>& errors,
                      const Names* names = nullptr);

// Requires an amount, a money expression that passed check_expression, to be
// able to pay something. Evaluates what is constant in it (constant.cpp): an
// amount that is 0.00 whatever the record holds (`0.00`, `0 * x`, `x * 0%`),
// or a min() with an argument that is the constant 0, is an error at the part
// that makes it so. Returns false and appends to `errors` on a problem.
//   if (check_expression(schema, e, ValueType::money, errors) && check_amount(e, errors)) ...
bool check_amount(const Expr& amount, std::vector<ExpressionError>& errors);

// The exact value of a checked int, money or rate literal (`36`, `0.50`, `50%`).
Exact number_value(const Expr& literal);

// Type of an enum literal or field in messages, e.g. "enum degree".
std::string describe_type(const Schema& schema, ValueType type, int enum_id);

}  // namespace talent::detail
