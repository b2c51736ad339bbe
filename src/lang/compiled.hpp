// Language stage: the compiled form of a pack: flat node arrays that the evaluator walks
// without touching YAML, strings or the heap. Built once by the compiler and
// never modified afterwards.
#pragma once

#include "base/exact.hpp"
#include "base/value_type.hpp"
#include "lang/ast.hpp"
#include "lang/schema.hpp"
#include "talent/money.hpp"
#include "talent/rule_set.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

// A value during evaluation. `known` false is the third truth value.
struct Value {
  bool known = false;
  bool flag = false;          // boolean
  std::int32_t choice = -1;   // enum value index
  Exact number;               // int, money, rate
  Date date;                  // not a date until set
  // A date that arithmetic took past the calendar: +1 after 9999-12-31, -1
  // before 1400-01-01 (`date` then unused). Later or earlier than every date
  // a record or a pack can hold, which decides every comparison but one
  // between two such dates on the same side (unknown).
  std::int8_t beyond = 0;
  const std::string* text = nullptr;  // string
};

enum class Op : std::uint8_t {
  constant,         // a: index into constants
  field,            // a: field index
  has,              // a: slot whose presence is tested
  as_of,
  logical_not,      // a
  logical_and,      // a, b
  logical_or,       // a, b
  equal,            // a, b
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  in_list,          // a: subject; b, c: constants [b, b + c)
  not_in_list,
  add, subtract, multiply, divide, negate, minimum, maximum,  // numbers: a, b
  add_years, add_months, add_days,  // a: date, b: int count; `negative` subtracts
  enum_test,        // a: enum field; b | c << 32: mask of accepted values; `negative` inverts
  parameter,        // a: parameter index; its value in force on the rules date
  program_status,   // a: program key; true when eligible, false when ineligible, unknown when it needs information
  cycle_start,      // the first day of the cycle a selection program decides
  cycle_end,        // the last day of that cycle
};

struct Node {
  Op op = Op::constant;
  ValueType type = ValueType::unresolved;      // result type
  ValueType operand = ValueType::unresolved;   // comparisons: what is compared
  bool negative = false;
  std::uint32_t a = 0, b = 0, c = 0;
};

// A named expression of type date that an expression reads, and the node
// its inlined copy starts at.
struct NamedDate {
  int expression = -1;  // index into Names::expressions
  std::uint32_t node = 0;
};

struct CompiledExpression {
  std::uint32_t root = 0;
  std::vector<int> fields;    // fields it reads or tests with has(), schema order, no repeats
  std::vector<int> sections;  // sections whose presence it tests with has()
  std::vector<int> parameters;  // parameters it reads, first use first, no repeats
  std::vector<int> programs;    // program keys whose outcome it reads
  std::vector<NamedDate> named_dates;  // outermost named date expressions it reads, first use first
  bool reads_as_of = false;
  bool reads_cycle = false;      // reads cycle_start or cycle_end: only a selection program may
  bool reads_value = false;      // reads a field's value, so a record lacking it makes it unknown
  bool cannot_be_false = false;  // a condition every value the schema allows satisfies
};

// The executable half of a program; its description is the ProgramInfo at
// the same index of CompiledPack::program_infos.
struct CompiledProgram {
  std::vector<CompiledExpression> conditions;
  std::vector<CompiledExpression> remarks;
  bool amount_is_table = false;
  CompiledExpression amount;       // when !amount_is_table
  int table_field = -1;            // when amount_is_table
  std::vector<Money> table;        // by enum value index
  bool has_window = false;
  CompiledExpression window_start, window_end;
};

// A selection program, compiled: each candidate is decided by `program` (its
// candidacy as conditions, its award as the amount, its remarks) as a
// per-applicant program would be; the ones eligible are ranked by
// `ranking`, and at most the quota are selected.
struct RankingKey {
  CompiledExpression key;
  bool descending = false;
};

struct CompiledSelection {
  CompiledProgram program;
  int every_years = -1;             // Names::parameters index of an int parameter
  int quota = -1;                   // Names::parameters index of an int parameter
  Date first_cycle;                 // the first day of the first cycle
  std::vector<RankingKey> ranking;  // the last key is the record's id
};

// One dated value of a parameter: from `since` until the next step.
struct ParameterStep {
  Date since;
  Value value;                     // a plain parameter
  std::string text;                // its canonical text ("2", "300000.00", "0.5")
  std::vector<Value> table;        // a parameter keyed by an enum field: by value index
  std::vector<std::string> table_text;
};

// A named value with effective-dated history, e.g. the rent per degree.
struct ParameterDef {
  std::string id;
  LocalizedText label;
  ValueType type = ValueType::money;
  int by_field = -1;               // the enum field keying a table, or -1
  std::vector<ParameterStep> history;  // `since` strictly ascending
  // The step in force on `date`, or nullptr before the first one.
  const ParameterStep* at(Date date) const {
    const ParameterStep* found = nullptr;
    for (const auto& step : history) {
      if (step.since <= date) found = &step;
      else break;
    }
    return found;
  }
};

// A named expression, checked once and inlined wherever its name is used.
struct NamedExpression {
  std::string id;
  LocalizedText label;
  Expr expr;
  bool sound = true;  // false when its own check failed: uses of it fail without a second message
};

// The names a pack adds to the schema's: what an expression may refer to
// besides fields, sections, as_of and enum values.
struct Names {
  std::vector<ParameterDef> parameters;
  std::vector<NamedExpression> expressions;  // in definition order; each may use the earlier ones
  std::vector<std::string> programs;         // program keys: every program id of every version
  int find_parameter(std::string_view id) const {
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      if (parameters[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }
  int find_expression(std::string_view id) const {
    for (std::size_t i = 0; i < expressions.size(); ++i) {
      if (expressions[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }
  int find_program(std::string_view id) const {
    for (std::size_t i = 0; i < programs.size(); ++i) {
      if (programs[i] == id) return static_cast<int>(i);
    }
    return -1;
  }
};

// A version of the rules: the programs in force from a date.
struct CompiledVersion {
  VersionInfo info;                     // info.programs: indices into CompiledPack::programs, report order
  std::vector<int> position_of_key;     // program key -> position in info.programs, or -1
  std::vector<std::size_t> order;       // positions in evaluation order: referenced programs first
};

struct CompiledPack {
  std::string id, version, source_document, readings_document, digest;
  LocalizedText title;
  Date effective_from;
  std::vector<Clause> clauses;
  std::vector<UnencodedClause> unencoded;
  std::vector<ProgramInfo> program_infos;
  std::vector<SelectionInfo> selection_infos;
  std::vector<FieldInfo> field_infos;
  std::vector<ParameterInfo> parameter_infos;
  std::vector<NamedExpressionInfo> expression_infos;
  std::vector<VersionInfo> version_infos;  // copies of versions[i].info, for the public face

  Schema schema;
  Names names;
  std::vector<CompiledVersion> versions;  // by effective date, at least one
  std::vector<Node> nodes;
  std::vector<Value> constants;
  std::deque<std::string> strings;  // stable addresses for string constants
  std::vector<CompiledProgram> programs;  // every program variant of every version
  std::vector<CompiledSelection> selections;  // by index of selection_infos

  // The version in force on `date`; the first one for an earlier date.
  std::size_t version_at(Date date) const {
    std::size_t found = 0;
    for (std::size_t i = 1; i < versions.size(); ++i) {
      if (versions[i].info.effective_from <= date) found = i;
    }
    return found;
  }
};

}  // namespace talent::detail
