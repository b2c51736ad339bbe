// Language stage: checked syntax trees to the flat node arrays of compiled.hpp.
#pragma once

#include "lang/compiled.hpp"
#include "lang/ast.hpp"

namespace talent::detail {

// Appends the nodes of a checked expression to `pack` and returns its handle.
// Enum tests (==, !=, in against enum values) become one bit-mask node.
CompiledExpression compile_expression(const Expr& expr, CompiledPack& pack);

}  // namespace talent::detail
