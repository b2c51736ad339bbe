// Report stage: one cycle of a selection program as text (Chinese or English)
// and as one JSON object.
#include "talent/report.hpp"
#include "base/text.hpp"
#include "report/wording.hpp"
#include "talent/selection.hpp"

#include <nlohmann/json.hpp>

namespace talent {
namespace {

using Json = nlohmann::ordered_json;

using detail::zh;

std::string field_name(const RuleSet& rules, const std::string& path, Language language) {
  const LocalizedText* label = rules.field_label(path);
  if (!label || label->in(language).empty()) return path;
  return label->in(language) + " (" + path + ")";
}

// The candidacy conditions that came out false.
std::vector<const Reason*> failed(const ProgramDecision& d) {
  std::vector<const Reason*> out;
  for (const Reason& r : d.reasons) {
    if (r.result == Truth::no) out.push_back(&r);
  }
  return out;
}

std::string beyond_quota_text(std::size_t rank, std::int64_t quota, Language language) {
  return zh(language) ? "排名第 " + std::to_string(rank) + "，超出名额 " + std::to_string(quota)
                      : "ranked " + std::to_string(rank) + ", beyond the quota of " + std::to_string(quota);
}

// "未满足：在市域内就业或创业（在市域内就业或创业 = 否）", one per false condition.
std::string not_qualified_text(const RuleSet& rules, const SelectionInfo& info, const ProgramDecision& d,
                               Language language) {
  bool z = zh(language);
  std::string out;
  for (const Reason* r : failed(d)) {
    if (!out.empty()) out += z ? "；" : "; ";
    out += (z ? "未满足：" : "not met: ") + info.candidacy[r->condition].label.in(language);
    std::string detail = reason_detail(rules, *r, language);
    if (!detail.empty()) out += (z ? "（" : " (") + detail + (z ? "）" : ")");
  }
  if (out.empty()) out = z ? "不符合评选条件" : "does not qualify";
  return out;
}

std::string missing_text(const RuleSet& rules, const PendingCandidate& c, std::int64_t quota, Language language) {
  bool z = zh(language);
  std::string out = z ? "缺少：" : "missing: ";
  for (std::size_t i = 0; i < c.missing.size(); ++i) out += (i ? (z ? "、" : ", ") : "") + field_name(rules, c.missing[i], language);
  std::string rank = std::to_string(c.best_rank);
  bool could = static_cast<std::int64_t>(c.best_rank) <= quota;
  if (z) out += "；补齐后最好可排第 " + rank + " 名，" + (could ? "仍可能入选" : "也无法进入名额 " + std::to_string(quota));
  else out += "; once given, it could rank " + rank + " at best: " + (could ? "it could still be selected" : "beyond the quota of " + std::to_string(quota));
  return out;
}

Json error_json(const RecordError& e) {
  return Json{{"field", e.field.empty() ? Json(nullptr) : Json(e.field)}, {"code", to_string(e.code)}, {"message", e.message}};
}

}  // namespace

std::string to_json(const RuleSet& rules, const Selection& selection, Language language) {
  const SelectionInfo& info = rules.selections()[selection.program];
  Json out;
  out["program"] = info.id;
  out["cycle"] = {{"start", format_date(selection.cycle.start)}, {"end", format_date(selection.cycle.end)}};
  out["quota"] = selection.quota;
  Json selected = Json::array();
  for (const auto& c : selection.selected) selected.push_back({{"id", c.id}, {"rank", c.rank}, {"award", c.award.to_string()}});
  out["selected"] = std::move(selected);
  Json not_selected = Json::array();
  for (const auto& c : selection.not_selected) {
    Json reason;
    if (c.rank) {
      reason = {{"code", "beyond_quota"}, {"rank", *c.rank}, {"text", beyond_quota_text(*c.rank, selection.quota, language)}};
    } else {
      Json conditions = Json::array();
      for (const Reason* r : failed(c.decision)) conditions.push_back(info.candidacy[r->condition].id);
      reason = {{"code", "not_qualified"}, {"conditions", std::move(conditions)},
                {"text", not_qualified_text(rules, info, c.decision, language)}};
    }
    not_selected.push_back({{"id", c.id}, {"reason", std::move(reason)}});
  }
  out["not_selected"] = std::move(not_selected);
  Json pending = Json::array();
  for (const auto& c : selection.needs_info) pending.push_back({{"id", c.id}, {"missing", c.missing}, {"best_rank", c.best_rank}});
  out["needs_info"] = std::move(pending);
  Json rejected = Json::array();
  for (const auto& c : selection.rejected) {
    rejected.push_back({{"id", c.id ? Json(*c.id) : Json(nullptr)}, {"error", error_json(c.error)}});
  }
  out["rejected"] = std::move(rejected);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_text(const RuleSet& rules, const Selection& selection, Language language) {
  bool z = zh(language);
  const SelectionInfo& info = rules.selections()[selection.program];
  std::string quota = std::to_string(selection.quota);
  std::string out, line = info.title.in(language) + " [" + info.clause + "] " + info.id;
  line += (z ? "　评选周期 " : "  cycle ") + format_date(selection.cycle.start) + (z ? " 至 " : " to ") +
         format_date(selection.cycle.end) + (z ? "　名额 " : "  quota ") + quota + (z ? "　" : "  ") +
         detail::rules_words(rules, selection.version, language);
  detail::append_display_line(line, out);
  auto heading = [&](const char* zh_text, const char* en_text, std::size_t n) {
    out += std::string(z ? zh_text : en_text) + (z ? "（" : " (") + std::to_string(n) + (z ? " 名）：\n" : "):\n");
  };
  heading("入选", "Selected", selection.selected.size());
  for (const auto& c : selection.selected) {
    line = "  " + std::string(c.rank < 10 ? " " : "") + std::to_string(c.rank) + ". " + c.id + (z ? "  奖励 " : "  award ") +
           c.award.to_string() + (z ? " 元" : " yuan");
    for (std::size_t r : c.decision.remarks) line += (z ? "（" : " (") + info.remarks[r].label.in(language) + (z ? "）" : ")");
    detail::append_display_line(line, out);
  }
  if (selection.selected.empty()) out += z ? "  （无）\n" : "  (none)\n";
  if (!selection.not_selected.empty()) heading("未入选", "Not selected", selection.not_selected.size());
  for (const auto& c : selection.not_selected) {
    detail::append_display_line("  " + c.id + "  " +
                                    (c.rank ? beyond_quota_text(*c.rank, selection.quota, language)
                                            : not_qualified_text(rules, info, c.decision, language)),
                                out);
  }
  if (!selection.needs_info.empty()) heading("需补充材料", "Needs information", selection.needs_info.size());
  for (const auto& c : selection.needs_info) {
    detail::append_display_line("  " + c.id + "  " + missing_text(rules, c, selection.quota, language), out);
  }
  bool provisional = false;
  for (const auto& c : selection.needs_info) provisional = provisional || static_cast<std::int64_t>(c.best_rank) <= selection.quota;
  if (provisional && static_cast<std::int64_t>(selection.selected.size()) >= selection.quota) {
    out += z ? "  注意：需补充材料的候选人补齐后若排入名额，排名靠后的入选者将被替换。\n"
             : "  Note: a candidate who needs information may still rank within the quota once it is given, "
               "and would then displace the lowest-ranked selected.\n";
  }
  if (!selection.rejected.empty()) {
    out += z ? "无法受理（" + std::to_string(selection.rejected.size()) + " 条）：\n"
             : "Rejected (" + std::to_string(selection.rejected.size()) + "):\n";
  }
  for (const auto& c : selection.rejected) {
    detail::append_display_line(std::string(z ? "  记录 #" : "  record #") + std::to_string(c.record) +
                                    (c.id ? " (" + *c.id + ")" : "") + (z ? "：" : ": ") + describe(rules, c.error, language),
                                out);
  }
  return out;
}

}  // namespace talent
