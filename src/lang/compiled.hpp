// Language stage: the compiled form of a pack: flat node arrays that the evaluator walks
// without touching YAML, strings or the heap. Built once by the compiler and
// never modified afterwards.
#pragma once

#include "base/exact.hpp"
#include "base/value_type.hpp"
#include "lang/schema.hpp"
#include "talent/money.hpp"
#include "talent/rule_set.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace talent::detail {

// A value during evaluation. `known` false is the third truth value.
struct Value {
  bool known = false;
  bool flag = false;          // boolean
  std::int32_t choice = -1;   // enum value index
  Exact number;               // int, money, rate
  Date date;                  // not a date until set
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
};

struct Node {
  Op op = Op::constant;
  ValueType type = ValueType::unresolved;      // result type
  ValueType operand = ValueType::unresolved;   // comparisons: what is compared
  bool negative = false;
  std::uint32_t a = 0, b = 0, c = 0;
};

struct CompiledExpression {
  std::uint32_t root = 0;
  std::vector<int> fields;    // fields it reads or tests with has(), schema order, no repeats
  std::vector<int> sections;  // sections whose presence it tests with has()
  bool reads_as_of = false;
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

struct CompiledPack {
  std::string id, version, source_document, readings_document, digest;
  LocalizedText title;
  Date effective_from;
  std::vector<Clause> clauses;
  std::vector<UnencodedClause> unencoded;
  std::vector<ProgramInfo> program_infos;
  std::vector<FieldInfo> field_infos;

  Schema schema;
  std::vector<Node> nodes;
  std::vector<Value> constants;
  std::deque<std::string> strings;  // stable addresses for string constants
  std::vector<CompiledProgram> programs;
};

}  // namespace talent::detail
