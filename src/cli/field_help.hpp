// Command stage: what a field of the record holds and how it may be written,
// in words for a caseworker — for `talent schema`, `talent template` and the
// questions of `talent ask`. Everything is read from the rule set: its
// fields, labels, enum values and the forms its schema accepts.
#pragma once

#include "talent/rule_set.hpp"

#include <string>
#include <vector>

namespace talent::cli {

// The fields and sections in schema order: each section just before its
// fields.
std::vector<const FieldInfo*> fields_in_order(const RuleSet& rules);

// "日期", "金额（元）", "是否" ...; "date", "amount (yuan)", "yes or no" ...
std::string type_words(const FieldInfo& field, Language language);

// The values a field takes and the forms it may be written in:
// "博士研究生、硕士研究生（也可写 博士、硕士）", "2024-06-30；也可写 2024年6月30日、2024/6/30",
// "是 / 否". Empty for free text.
std::string allowed_words(const RuleSet& rules, const FieldInfo& field, Language language);

// The field's label in `language`, or its path when it has none.
std::string label_of(const FieldInfo& field, Language language);

// The path of a field's section ("employment" for employment.status), "" at the top.
std::string parent_path(const std::string& path);

}  // namespace talent::cli
