// Report stage: the words every text report shares, so that a decision, a
// timeline and a selection say "符合", "每月 500.00 元" and the rules' header
// the same way.
#pragma once

#include "talent/decision.hpp"
#include "talent/messages.hpp"
#include "talent/money.hpp"
#include "talent/rule_set.hpp"

#include <string>

namespace talent::detail {

inline bool zh(Language language) { return language == Language::zh; }

// 符合 / 不符合 / 需补充材料; eligible / not eligible / needs information.
const char* verdict(Status status, Language language);

// "每月 1000.00 元", "贴息总额 17325.00 元"; "1000.00 yuan per month": an
// amount with the program's own label.
std::string amount_words(const ProgramInfo& program, const Money& amount, Language language);

// "政策 hohhot-talent-25 2024.12.1　摘要 ef7f1e0951a4": which rules decided,
// with the digest's first 12 hex digits, for a text report's header; when the
// pack has several versions, the one in force ("（适用版本 v2，自 2026-01-01
// 起）") before the digest. `version` indexes RuleSet::versions().
std::string rules_words(const RuleSet& rules, std::size_t version, Language language);

}  // namespace talent::detail
