// The pack's values in a caseworker's words, for `talent rules`: enum values
// by their labels, money with its unit, rates as percentages (its
// expressions: talent::expression_words).
#pragma once

#include "talent/rule_set.hpp"

#include <string>

namespace talent::cli {

// A parameter's canonical value of `type` ("money", "rate", "bool", ...):
// "1000.00 元", "50%", "是"; other types as they are.
std::string value_words(const std::string& type, const std::string& text, Language language);

// The value `value` of the enum field `field` by its label ("博士研究生"), or
// `value` itself.
std::string enum_words(const RuleSet& rules, const std::string& field, const std::string& value, Language language);

// A parameter's value in force on `on`, in words: "2", or, for a table,
// "按学历，博士研究生 1000.00 元、硕士研究生 800.00 元"; "" before its first value.
std::string parameter_words(const RuleSet& rules, const ParameterInfo& parameter, Date on, Language language);

// The parameter with id `id`, or nullptr.
const ParameterInfo* find_parameter(const RuleSet& rules, const std::string& id);

}  // namespace talent::cli
