// Pack stage: the expressions and conditions of a pack's YAML: each
// expression scalar parsed, type-checked against the schema and the pack's
// names, and compiled, every error pointed at its token inside the YAML
// string; lists of conditions, including the shared groups a program uses.
#pragma once

#include "lang/compiled.hpp"
#include "pack/yaml_read.hpp"

#include <string>
#include <vector>

namespace talent::detail {

// A pack definition: conditions several programs share, e.g. the graduate
// base of reading D1. A program lists `- use: graduate_base`; its conditions
// are then the group's, each saying where it came from.
struct ConditionGroup {
  std::string id;
  LocalizedText label;
  std::vector<ConditionInfo> infos;
  std::vector<CompiledExpression> compiled;
};

// Which dates the expressions being read may use.
enum class ExpressionDates {
  as_of,   // a per-applicant program's: decided as of one date, `as_of`
  cycle,   // a selection program's: decided for a cycle, `cycle_start` and `cycle_end`; no as_of, no eligible()
  either,  // a definition's: checked where it is used
};

// Whether the compiled expression `e`, read from `node`, uses only the dates
// `dates` allows (and, for a selection, no eligible()). Reports at `node`
// and returns false otherwise.
bool dates_fit(YamlReader& r, const YamlNode& node, const CompiledExpression& e, ExpressionDates dates);

// Parses, checks and compiles the expression scalar `node`, whose type must
// be `want`, using only the dates `dates` allows. The checked tree is kept in `tree` when given. With `want`
// unresolved it reads a named expression: any type but a plain number or a
// duration, checked but not compiled (it is compiled where it is used). Every problem is
// reported through `r`; returns false on any.
bool read_expression(YamlReader& r, CompiledPack& pack, const YamlNode& node, ValueType want, CompiledExpression& out,
                     Expr* tree = nullptr, ExpressionDates dates = ExpressionDates::as_of);

// Appends the conditions listed in `list` (each {id, label, when} with an
// optional decision and note, or {use: group}) to `infos` and `compiled`.
// `what` names an item in messages ("condition", "remark"); ids must be
// unique among `infos`, those already there included.
void read_conditions(YamlReader& r, CompiledPack& pack, const YamlNode& list, const char* what,
                     const std::vector<ConditionGroup>& groups, std::vector<ConditionInfo>& infos,
                     std::vector<CompiledExpression>& compiled, ExpressionDates dates = ExpressionDates::as_of);

}  // namespace talent::detail
