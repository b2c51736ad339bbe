// Suite stage: coverage. Counts which outcomes of every condition, remark and
// amount-table row the cases of a suite exercised, and prints what they never
// did.
#include "talent/suite.hpp"

#include "base/messages.hpp"
#include "base/text.hpp"

#include <algorithm>
#include <sstream>

namespace talent {

using detail::join;

Coverage::Coverage(const RuleSet& rules) : rules_(rules) {
  for (const ProgramInfo& p : rules.programs()) {
    conditions_.emplace_back(p.conditions.size());
    remarks_.emplace_back(p.remarks.size());
    std::map<std::string, std::size_t> rows;
    for (const AmountRow& row : p.amount_table) rows[row.key] = 0;
    rows_.push_back(std::move(rows));
  }
  for (const SelectionInfo& s : rules.selections()) {
    candidacy_.emplace_back(s.candidacy.size());
    selection_remarks_.emplace_back(s.remarks.size());
  }
}

void Coverage::add(const SelectionCase& c, const Selection& selection) {
  auto count = [&](const ProgramDecision& d) {
    for (const Reason& r : d.reasons) {
      Counts& n = candidacy_[c.program][r.condition];
      (r.result == Truth::yes ? n.yes : r.result == Truth::no ? n.no : n.unknown)++;
    }
    if (d.status != Status::eligible) return;
    for (std::size_t i = 0; i < selection_remarks_[c.program].size(); ++i) {
      bool held = std::find(d.remarks.begin(), d.remarks.end(), i) != d.remarks.end();
      (held ? selection_remarks_[c.program][i].yes : selection_remarks_[c.program][i].no)++;
    }
  };
  for (const auto& x : selection.selected) count(x.decision);
  for (const auto& x : selection.not_selected) count(x.decision);
  for (const auto& x : selection.needs_info) count(x.decision);
}

void Coverage::add(const SuiteCase& c, const Decision& decision) {
  for (const ProgramExpectation& e : c.expect) {
    const ProgramDecision* found = decision.find(e.program);
    if (!found) continue;
    const ProgramDecision& d = *found;
    const ProgramInfo& info = rules_.programs()[e.program];
    for (const Reason& r : d.reasons) {
      Counts& n = conditions_[e.program][r.condition];
      (r.result == Truth::yes ? n.yes : r.result == Truth::no ? n.no : n.unknown)++;
    }
    if (d.status == Status::eligible) {
      for (std::size_t i = 0; i < info.remarks.size(); ++i) {
        bool held = std::find(d.remarks.begin(), d.remarks.end(), i) != d.remarks.end();
        (held ? remarks_[e.program][i].yes : remarks_[e.program][i].no)++;
      }
    }
    // A table row counts only when the case pinned the amount down.
    if (e.amount && d.amount && !info.amount_table.empty()) {
      for (const SeenValue& v : d.amount_seen) {
        if (v.path == info.amount_table_field && v.value) {
          auto it = rows_[e.program].find(*v.value);
          if (it != rows_[e.program].end()) ++it->second;
        }
      }
    }
  }
}

namespace {

// `text` padded with spaces to `width` terminal cells (Chinese takes two).
std::string padded(const std::string& text, std::size_t width) {
  std::size_t cells = detail::display_width(text);
  return cells >= width ? text : text + std::string(width - cells, ' ');
}

}  // namespace

std::size_t Coverage::report(std::ostream& report_out, Language language) const {
  // Lines are built whole so that their column padding can be trimmed.
  std::ostringstream out;
  std::size_t gaps = 0;
  std::size_t items = 0;
  auto word = [&](const char* id, std::vector<MessageArg> args = {}) { return message(id, language, args); };
  const char* separator = language == Language::zh ? "、" : ", ";
  // "condition " / "条件  ": the kind of a line, one width for all three.
  const std::size_t kind_width = language == Language::zh ? 6 : 10;
  auto kind = [&](const char* id) { return "    " + padded(word(id), kind_width); };
  const std::string not_applicable = word("suite.coverage.not_applicable");
  auto cell = [](const std::string& label, std::size_t n) { return label + " " + padded(std::to_string(n), 4); };
  // The false and unknown columns are as wide as their widest cell, "n/a" or a count.
  const std::size_t false_width = std::max<std::size_t>(10, detail::display_width("false " + not_applicable));
  const std::size_t unknown_width = std::max<std::size_t>(12, detail::display_width("unknown " + not_applicable));
  auto never = [&](const std::vector<std::string>& outcomes) {
    return outcomes.empty() ? std::string() : "  " + word("suite.coverage.never", {detail::arg("outcomes", join(outcomes, separator))});
  };
  // Outcomes the compiler rules out are shown as n/a, never asked for: a
  // condition that reads no value always has an answer, and one every
  // allowed value satisfies cannot be false.
  auto condition_line = [&](const ConditionInfo& c, const Counts& n) {
    bool can_be_unknown = c.can_be_unknown;
    bool can_be_false = !c.cannot_be_false;
    std::vector<std::string> missed;
    if (n.yes == 0) missed.push_back("true");
    if (can_be_false && n.no == 0) missed.push_back("false");
    if (can_be_unknown && n.unknown == 0) missed.push_back("unknown");
    items += 1 + (can_be_false ? 1 : 0) + (can_be_unknown ? 1 : 0);
    gaps += missed.size();
    out << kind("suite.coverage.condition") << padded(c.id, 28) << cell("true", n.yes) << " "
        << padded(can_be_false ? cell("false", n.no) : "false " + not_applicable, false_width) << " "
        << padded(can_be_unknown ? cell("unknown", n.unknown) : "unknown " + not_applicable, unknown_width) << never(missed)
        << (can_be_false ? "" : "  " + word("suite.coverage.cannot_be_false")) << "\n";
  };
  auto remark_line = [&](const ConditionInfo& r, const Counts& n) {
    const std::string held = word("suite.coverage.held"), not_held = word("suite.coverage.not_held");
    std::vector<std::string> missed;
    if (n.yes == 0) missed.push_back(held);
    if (n.no == 0) missed.push_back(not_held);
    items += 2;
    gaps += missed.size();
    out << kind("suite.coverage.remark") << padded(r.id, 28) << cell(held, n.yes) << " " << cell(not_held, n.no)
        << never(missed) << "\n";
  };
  out << word("suite.coverage.title", {detail::arg("pack", display_text(rules_.id())),
                                       detail::arg("version", display_text(rules_.version()))})
      << "\n";
  for (std::size_t p = 0; p < rules_.programs().size(); ++p) {
    const ProgramInfo& info = rules_.programs()[p];
    out << "  " << display_text(info.id) << "\n";
    for (std::size_t i = 0; i < info.conditions.size(); ++i) condition_line(info.conditions[i], conditions_[p][i]);
    for (std::size_t i = 0; i < info.remarks.size(); ++i) remark_line(info.remarks[i], remarks_[p][i]);
    for (const AmountRow& row : info.amount_table) {
      std::size_t n = rows_[p].at(row.key);
      ++items;
      if (n == 0) ++gaps;
      out << kind("suite.coverage.amount") << padded(info.amount_table_field + " = " + row.key, 28)
          << padded(row.amount.to_string(), 10) << " " << cell(word("suite.coverage.checked"), n)
          << (n == 0 ? "  " + word("suite.coverage.never_checked") : "") << "\n";
    }
  }
  // Selection programs: every candidate of the cases that decide them.
  for (std::size_t s = 0; s < rules_.selections().size(); ++s) {
    const SelectionInfo& info = rules_.selections()[s];
    out << "  " << word("suite.coverage.selection", {detail::arg("program", display_text(info.id))}) << "\n";
    for (std::size_t i = 0; i < info.candidacy.size(); ++i) condition_line(info.candidacy[i], candidacy_[s][i]);
    for (std::size_t i = 0; i < info.remarks.size(); ++i) remark_line(info.remarks[i], selection_remarks_[s][i]);
  }
  if (gaps == 0) {
    out << word("suite.coverage.complete", {detail::arg("count", std::to_string(items))}) << "\n";
  } else {
    out << word("suite.coverage.gaps", {detail::arg("gaps", std::to_string(gaps)), detail::arg("count", std::to_string(items))})
        << "\n";
  }
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    line.erase(line.find_last_not_of(' ') + 1);
    report_out << line << "\n";
  }
  return gaps;
}

}  // namespace talent
