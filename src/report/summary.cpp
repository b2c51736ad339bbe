// Report stage: counts and sums over many decisions (talent/summary.hpp).
#include "talent/summary.hpp"

#include "base/text.hpp"
#include "report/json_writer.hpp"
#include "report/wording.hpp"

#include <stdexcept>

namespace talent {
namespace {

__extension__ typedef unsigned __int128 Wide;

using detail::zh;

}  // namespace

void Summary::Fen::add(Fen other) {
  Wide sum = ((static_cast<Wide>(high) << 64) | low) + ((static_cast<Wide>(other.high) << 64) | other.low);
  high = static_cast<std::uint64_t>(sum >> 64);
  low = static_cast<std::uint64_t>(sum);
}

std::string Summary::yuan(Fen fen) {
  Wide value = (static_cast<Wide>(fen.high) << 64) | fen.low;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  while (digits.size() < 3) digits.insert(digits.begin(), '0');
  digits.insert(digits.end() - 2, '.');
  return digits;
}

Summary::Summary(const RuleSet& rules)
    : programs_(rules.programs().size()), amounts_(rules.programs().size()), monthly_(rules.programs().size()) {
  for (std::size_t i = 0; i < rules.programs().size(); ++i) {
    monthly_[i] = rules.programs()[i].frequency == Frequency::monthly;
  }
}

void Summary::add(const Decision& decision) {
  ++decided_;
  for (const ProgramDecision& p : decision.programs) {
    if (p.program >= programs_.size()) throw std::invalid_argument("talent::Summary::add: a decision of another rule set");
    Program& counts = programs_[p.program];
    switch (p.status) {
      case Status::eligible: ++counts.eligible; break;
      case Status::ineligible: ++counts.ineligible; break;
      case Status::needs_info: ++counts.needs_info; break;
    }
    // Amounts are never negative (evaluate refuses a negative one).
    if (p.amount && p.amount->fen() > 0) amounts_[p.program].add(Fen{0, static_cast<std::uint64_t>(p.amount->fen())});
  }
}

void Summary::merge(const Summary& other) {
  if (other.programs_.size() != programs_.size()) {
    throw std::invalid_argument("talent::Summary::merge: a summary of another rule set");
  }
  decided_ += other.decided_;
  rejected_ += other.rejected_;
  for (std::size_t i = 0; i < programs_.size(); ++i) {
    programs_[i].eligible += other.programs_[i].eligible;
    programs_[i].ineligible += other.programs_[i].ineligible;
    programs_[i].needs_info += other.programs_[i].needs_info;
    amounts_[i].add(other.amounts_[i]);
  }
}

std::string Summary::amount(std::size_t index) const { return yuan(amounts_.at(index)); }

std::string Summary::monthly_outlay() const {
  Fen total;
  for (std::size_t i = 0; i < amounts_.size(); ++i) {
    if (monthly_[i]) total.add(amounts_[i]);
  }
  return yuan(total);
}

std::string Summary::one_off_total() const {
  Fen total;
  for (std::size_t i = 0; i < amounts_.size(); ++i) {
    if (!monthly_[i]) total.add(amounts_[i]);
  }
  return yuan(total);
}

std::string to_text(const RuleSet& rules, const Summary& summary, Language language) {
  bool z = zh(language);
  std::string out;
  out += z ? "汇总：记录 " + std::to_string(summary.records()) + " 条，已核定 " + std::to_string(summary.decided()) +
                 " 条，无法受理 " + std::to_string(summary.rejected()) + " 条\n"
           : "Summary: " + std::to_string(summary.records()) + " records, " + std::to_string(summary.decided()) +
                 " decided, " + std::to_string(summary.rejected()) + " rejected\n";
  for (std::size_t i = 0; i < summary.program_count(); ++i) {
    const ProgramInfo& info = rules.programs()[i];
    const Summary::Program& p = summary.program(i);
    bool monthly = info.frequency == Frequency::monthly;
    std::string line = "  " + info.title.in(language) + " [" + info.id + "]";
    if (z) {
      line += "：符合 " + std::to_string(p.eligible) + "，不符合 " + std::to_string(p.ineligible) + "，需补充材料 " +
              std::to_string(p.needs_info) + "；" + (monthly ? "每月合计 " : "合计 ") + summary.amount(i) + " 元";
    } else {
      line += ": " + std::to_string(p.eligible) + " eligible, " + std::to_string(p.ineligible) + " not eligible, " +
              std::to_string(p.needs_info) + " need information; " + summary.amount(i) +
              (monthly ? " yuan per month" : " yuan in all");
    }
    detail::append_display_line(line, out);
  }
  out += z ? "  按月发放的项目每月合计 " + summary.monthly_outlay() + " 元；一次性项目合计 " + summary.one_off_total() + " 元\n"
           : "  Monthly programs: " + summary.monthly_outlay() + " yuan per month; one-off programs: " +
                 summary.one_off_total() + " yuan in all\n";
  return out;
}

std::string to_json(const RuleSet& rules, const Summary& summary) {
  std::string out;
  detail::JsonWriter w(out);
  w.open_object();
  w.key("records").number(summary.records());
  w.key("decided").number(summary.decided());
  w.key("rejected").number(summary.rejected());
  w.key("programs").open_array();
  for (std::size_t i = 0; i < summary.program_count(); ++i) {
    const ProgramInfo& info = rules.programs()[i];
    const Summary::Program& p = summary.program(i);
    w.open_object();
    w.key("program").string(info.id);
    w.key("frequency").string(to_string(info.frequency));
    w.key("eligible").number(p.eligible);
    w.key("ineligible").number(p.ineligible);
    w.key("needs_info").number(p.needs_info);
    w.key("amount").string(summary.amount(i));
    w.close_object();
  }
  w.close_array();
  w.key("monthly_outlay").string(summary.monthly_outlay());
  w.key("one_off_total").string(summary.one_off_total());
  w.close_object();
  return out;
}

}  // namespace talent
