// Report stage: decisions as spreadsheet rows (talent/spreadsheet.hpp), the
// cells quoted by libcsv.
#include "talent/report.hpp"
#include "talent/spreadsheet.hpp"

#include "report/wording.hpp"

#include <csv.h>

namespace talent {
namespace {

using detail::zh;

// One quoted cell, after a comma unless it is the row's first. `outside`:
// text an applicant wrote, which must not start a formula.
void cell(std::string& out, std::string_view text, bool first = false, bool outside = false) {
  if (!first) out += ',';
  std::string guarded;
  if (outside && !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    guarded = "'" + std::string(text);
    text = guarded;
  }
  std::size_t size = csv_write(nullptr, 0, text.data(), text.size());
  std::size_t at = out.size();
  out.resize(at + size);
  csv_write(&out[at], size, text.data(), text.size());
}

const std::vector<std::size_t>& programs_in_force(const RuleSet& rules, Date as_of) {
  return rules.versions()[rules.version_at(as_of)].programs;
}

std::string label_of(const RuleSet& rules, const std::string& path, Language language) {
  const LocalizedText* label = rules.field_label(path);
  return label && !label->in(language).empty() ? label->in(language) : path;
}

std::string normalized_text(const RuleSet& rules, const std::vector<Normalization>& normalized, Language language) {
  std::string out;
  for (const Normalization& n : normalized) {
    if (n.to == n.field) continue;  // a field's name: the header says it once
    if (!out.empty()) out += zh(language) ? "；" : "; ";
    out += label_of(rules, n.field, language) + " " + n.from + "→" + n.to;
  }
  return out;
}

void row_start(std::string& out, std::size_t number, std::size_t line, const std::string& id) {
  cell(out, std::to_string(number), true);
  cell(out, line > 0 ? std::to_string(line) : "");
  cell(out, id, false, true);
}

}  // namespace

std::string csv_header(const RuleSet& rules, Date as_of, Language language) {
  bool z = zh(language);
  std::string out;
  cell(out, z ? "记录" : "record", true);
  cell(out, z ? "行" : "line");
  cell(out, rules.field_label("id") ? label_of(rules, "id", language) : "id");
  for (std::size_t index : programs_in_force(rules, as_of)) {
    const ProgramInfo& p = rules.programs()[index];
    std::string title = p.title.in(language) + (z ? "：" : ": ");
    cell(out, title + (z ? "结果" : "status"));
    if (p.frequency == Frequency::monthly) cell(out, title + (z ? "每月金额（元）" : "amount per month (yuan)"));
    else cell(out, title + (z ? "金额（元）" : "amount (yuan)"));
    cell(out, title + (z ? "期限" : "window"));
    cell(out, title + (z ? "缺少" : "missing"));
    cell(out, title + (z ? "首个未满足条件" : "first unmet condition"));
  }
  cell(out, z ? "错误" : "error");
  cell(out, z ? "已规范输入" : "normalized");
  out += "\r\n";
  return out;
}

void append_csv(const RuleSet& rules, const Decision& decision, std::size_t number, std::size_t line, Language language,
                std::string& out) {
  bool z = zh(language);
  row_start(out, number, line, decision.id);
  for (const ProgramDecision& p : decision.programs) {
    const ProgramInfo& info = rules.programs()[p.program];
    cell(out, detail::verdict(p.status, language));
    cell(out, p.amount ? p.amount->to_string() : "");
    cell(out, p.window ? format_date(p.window->start) + (z ? " 至 " : " to ") + format_date(p.window->end) : "");
    std::string missing;
    for (const std::string& m : p.missing) missing += (missing.empty() ? "" : z ? "、" : ", ") + label_of(rules, m, language);
    cell(out, missing);
    std::string unmet;
    for (const Reason& r : p.reasons) {
      if (r.result != Truth::no) continue;
      unmet = info.conditions[r.condition].label.in(language) + (z ? "（" : " (") + reason_detail(rules, r, language) +
              (z ? "）" : ")");
      break;
    }
    cell(out, unmet, false, true);
  }
  cell(out, "");
  cell(out, normalized_text(rules, decision.normalized, language), false, true);
  out += "\r\n";
}

void append_csv(const RuleSet& rules, const ParsedRecord& rejected, Date as_of, Language language, std::string& out) {
  row_start(out, rejected.number, rejected.line, rejected.id.value_or(""));
  for (std::size_t i = 0; i < programs_in_force(rules, as_of).size(); ++i) {
    for (int column = 0; column < 5; ++column) cell(out, "");
  }
  std::string error;
  if (rejected.error) {
    const std::string& field = rejected.error->field;
    std::string label = label_of(rules, field, language);
    if (!field.empty()) error = (label == field ? field : label + " (" + field + ")") + (zh(language) ? "：" : ": ");
    error += rejected.error->message;
  }
  cell(out, error, false, true);
  cell(out, "");
  out += "\r\n";
}

}  // namespace talent
