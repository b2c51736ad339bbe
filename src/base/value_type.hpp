// The types of the rule language, shared by every stage: the schema declares
// fields of these types, the checker gives each expression one, the compiler
// and the evaluator act on them.
#pragma once

namespace talent::detail {

enum class ValueType : unsigned char {
  unresolved, boolean, integer, money, rate, date, enumeration, string, duration, number,
};

// The type's name as the pack writes it ("money", "date").
inline const char* type_name(ValueType type) {
  switch (type) {
    case ValueType::unresolved: return "unresolved";
    case ValueType::boolean: return "bool";
    case ValueType::integer: return "int";
    case ValueType::money: return "money";
    case ValueType::rate: return "rate";
    case ValueType::date: return "date";
    case ValueType::enumeration: return "enum";
    case ValueType::string: return "string";
    case ValueType::duration: return "duration";
    case ValueType::number: return "number";
  }
  return "?";
}

}  // namespace talent::detail
