// Base stage: the types of the rule language, shared by every stage: the schema declares
// fields of these types, the checker gives each expression one, the compiler
// and the evaluator act on them.
#pragma once

namespace talent::detail {

enum class ValueType : unsigned char {
  unresolved, boolean, integer, money, rate, date, enumeration, string, duration, number,
  decimal,  // a number with a field's fixed decimal places, e.g. a score of 87.50
};

// The type's name as the pack writes it ("money", "date").
inline const char* type_name(ValueType type) {
  // In the order of the enumerators above.
  static constexpr const char* kNames[] = {"unresolved", "bool",   "int",      "money",  "rate",
                                           "date",       "enum",   "string",   "duration", "number",
                                           "decimal"};
  auto index = static_cast<unsigned>(type);
  return index < sizeof kNames / sizeof kNames[0] ? kNames[index] : "?";
}

}  // namespace talent::detail
