#include "report/wording.hpp"

#include "base/text.hpp"

namespace talent::detail {

const char* verdict(Status status, Language language) {
  switch (status) {
    case Status::eligible: return zh(language) ? "符合" : "eligible";
    case Status::ineligible: return zh(language) ? "不符合" : "not eligible";
    case Status::needs_info: return zh(language) ? "需补充材料" : "needs information";
  }
  return "?";
}

std::string amount_words(const ProgramInfo& program, const Money& amount, Language language) {
  if (zh(language)) return program.amount_label.in(language) + " " + amount.to_string() + " 元";
  return amount.to_string() + " yuan " + program.amount_label.in(language);
}

std::string rules_words(const RuleSet& rules, std::size_t version, Language language) {
  bool z = zh(language);
  std::string out = (z ? "政策 " : "rules ") + rules.id() + " " + rules.version();
  if (rules.versions().size() > 1 && version < rules.versions().size()) {
    const VersionInfo& v = rules.versions()[version];
    out += (z ? "（适用版本 " : " (in force: ") + v.id + (z ? "，自 " : ", since ") + format_date(v.effective_from) +
           (z ? " 起）" : ")");
  }
  return out + (z ? "　摘要 " : "  digest ") + digest_head(rules.digest());
}

}  // namespace talent::detail
