// Report stage: a timeline (talent/timeline.hpp) as JSON and as text.
#include "talent/timeline.hpp"

#include "base/text.hpp"
#include "report/wording.hpp"
#include "talent/rule_set.hpp"

#include <nlohmann/json.hpp>

namespace talent {
namespace {

using Json = nlohmann::ordered_json;
using detail::zh;

const ProgramInfo* program_info(const RuleSet& rules, const std::string& id) {
  for (const ProgramInfo& p : rules.programs()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

// "    2023-06-30 至 2025-06-30  符合：每月 500.00 元（版本 v2）"
void append_segment(const RuleSet& rules, const ProgramInfo& info, const TimelineSegment& s, Language language,
                    std::string& out) {
  bool z = zh(language);
  std::string line = "    " + format_date(s.from) + (z ? " 至 " : " to ") + format_date(s.to) + "  " +
                     detail::verdict(s.status, language);
  if (s.amount) line += (z ? "：" : ": ") + detail::amount_words(info, *s.amount, language);
  if (rules.versions().size() > 1 && s.version < rules.versions().size()) {
    line += (z ? "（版本 " : " (version ") + rules.versions()[s.version].id + (z ? "）" : ")");
  }
  detail::append_display_line(line, out);
}

}  // namespace

std::string to_json(const RuleSet& rules, const Timeline& timeline) {
  Json j;
  j["id"] = timeline.id;
  j["from"] = format_date(timeline.from);
  j["to"] = format_date(timeline.to);
  j["ruleset"] = {{"id", rules.id()}, {"version", rules.version()}, {"digest", rules.digest()}};
  Json programs = Json::array();
  for (const ProgramTimeline& p : timeline.programs) {
    Json segments = Json::array();
    for (const TimelineSegment& s : p.segments) {
      Json seg = {{"from", format_date(s.from)}, {"to", format_date(s.to)}, {"status", to_string(s.status)}};
      if (s.amount) seg["amount"] = s.amount->to_string();
      if (s.version < rules.versions().size()) seg["version"] = rules.versions()[s.version].id;
      segments.push_back(std::move(seg));
    }
    programs.push_back({{"program", p.program}, {"segments", std::move(segments)}});
  }
  j["programs"] = std::move(programs);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_text(const RuleSet& rules, const Timeline& timeline, Language language) {
  bool z = zh(language);
  std::string out;
  // The header names the pack; across an amendment each segment names the
  // version it was decided by.
  detail::append_display_line((z ? "申请人 " : "Applicant ") + timeline.id + (z ? "　时间范围 " : "  from ") +
                                  format_date(timeline.from) + (z ? " 至 " : " to ") + format_date(timeline.to) +
                                  (z ? "　" : "  ") + detail::rules_words(rules, rules.versions().size(), language),
                              out);
  for (const ProgramTimeline& p : timeline.programs) {
    const ProgramInfo* info = program_info(rules, p.program);
    if (!info) continue;  // not a program of these rules: the timeline is of another rule set
    detail::append_display_line("  " + info->title.in(language) + " [" + info->clause + "]", out);
    if (p.segments.empty()) out += z ? "    （此期间不施行）\n" : "    (not in force in this range)\n";
    for (const TimelineSegment& s : p.segments) append_segment(rules, *info, s, language, out);
  }
  return out;
}

}  // namespace talent
