// Evaluation stage: a program's outcome over a range of as-of dates. Within a
// stretch of days on which the same version and the same parameter values
// are in force, a program's outcome can change only where a condition
// compares the as-of date with a date computed from the record: on that date
// and on the day after it. Those days, the first day of every version and
// parameter value, and the range's first day are the only days decided; the
// outcome holds until the next of them. An as-of date used in any other way
// (inside date arithmetic, say) gives no such days, so there every day of the
// range is decided instead.
#include "talent/timeline.hpp"

#include "eval/evaluator.hpp"
#include "talent/rule_set.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace talent {
namespace detail {
namespace {

bool is_comparison(Op op) {
  return op == Op::equal || op == Op::not_equal || op == Op::less || op == Op::less_equal || op == Op::greater ||
         op == Op::greater_equal;
}

// Collects, under `node`, the date operands compared directly with the as-of
// date; false when the as-of date is read any other way.
bool as_of_comparisons(const CompiledPack& pack, std::uint32_t node, std::vector<std::uint32_t>& others) {
  const Node& n = pack.nodes[node];
  if (n.op == Op::as_of) return false;  // reached other than as a compared operand
  std::vector<std::uint32_t> children = operands(n);
  if (is_comparison(n.op) && children.size() == 2) {
    bool left = pack.nodes[n.a].op == Op::as_of, right = pack.nodes[n.b].op == Op::as_of;
    if (left && right) return true;  // as_of against itself never changes
    if (left || right) {
      std::uint32_t other = left ? n.b : n.a;
      others.push_back(other);
      return as_of_comparisons(pack, other, others);
    }
  }
  for (std::uint32_t child : children) {
    if (!as_of_comparisons(pack, child, others)) return false;
  }
  return true;
}

// Every compiled expression a version's programs evaluate.
std::vector<const CompiledExpression*> expressions(const CompiledPack& pack, const CompiledVersion& version) {
  std::vector<const CompiledExpression*> all;
  for (std::size_t index : version.info.programs) {
    const CompiledProgram& p = pack.programs[index];
    for (const auto& e : p.conditions) all.push_back(&e);
    for (const auto& e : p.remarks) all.push_back(&e);
    if (!p.amount_is_table) all.push_back(&p.amount);
    if (p.has_window) {
      all.push_back(&p.window_start);
      all.push_back(&p.window_end);
    }
  }
  return all;
}

void add_day(std::set<Date>& days, std::optional<Date> day, Date from, Date to) {
  if (day && from <= *day && *day <= to) days.insert(*day);
}

}  // namespace
}  // namespace detail

Timeline timeline(const RuleSet& rules, const Record& record, Date from, Date to) {
  using namespace detail;
  if (from.is_special() || to.is_special() || to < from) {
    throw std::invalid_argument("talent::timeline: expected two dates, the first not after the second");
  }
  const CompiledPack& pack = rules.compiled();
  // The first days of every stretch with the same rules and parameter values.
  std::set<Date> starts{from};
  for (const auto& v : pack.versions) add_day(starts, v.info.effective_from, from, to);
  for (const auto& p : pack.names.parameters) {
    for (const auto& step : p.history) add_day(starts, step.since, from, to);
  }
  std::set<Date> days = starts;
  bool every_day = false;
  for (auto it = starts.begin(); it != starts.end() && !every_day; ++it) {
    Date day = *it;
    const CompiledVersion& version = pack.versions[pack.version_at(day)];
    std::vector<std::uint32_t> others;
    for (const CompiledExpression* e : expressions(pack, version)) {
      if (!as_of_comparisons(pack, e->root, others)) every_day = true;
    }
    Evaluator ev(pack, version, record, day, std::max(day, version.info.effective_from));
    for (std::uint32_t node : others) {
      Value v = Value{};
      try {
        v = ev.eval(node);
      } catch (const ArithmeticFailure&) {
        continue;  // the decision on that day reports it
      }
      if (!v.known || v.beyond != 0 || pack.nodes[node].type != ValueType::date) continue;  // past the calendar: no day
      add_day(days, v.date, from, to);
      add_day(days, add_days(v.date, 1), from, to);
    }
  }
  if (every_day) {
    for (std::optional<Date> d = from; d && *d <= to; d = add_days(*d, 1)) days.insert(*d);
  }

  Timeline out{record.id(), from, to, {}, std::vector<Date>(days.begin(), days.end())};
  for (const ProgramInfo& p : rules.programs()) {
    bool listed = std::any_of(out.programs.begin(), out.programs.end(), [&](const ProgramTimeline& t) { return t.program == p.id; });
    if (!listed) out.programs.push_back(ProgramTimeline{p.id, {}});
  }
  for (std::size_t i = 0; i < out.checked.size(); ++i) {
    Date day = out.checked[i];
    Date last = i + 1 < out.checked.size() ? *add_days(out.checked[i + 1], -1) : to;
    Decision d = evaluate(rules, record, day, EvaluateOptions{false});
    for (const ProgramDecision& decided : d.programs) {
      const std::string& id = rules.programs()[decided.program].id;
      auto t = std::find_if(out.programs.begin(), out.programs.end(), [&](const ProgramTimeline& x) { return x.program == id; });
      TimelineSegment s{day, last, decided.status, decided.amount, d.version};
      auto& segments = t->segments;
      if (!segments.empty() && segments.back().status == s.status && segments.back().amount == s.amount &&
          segments.back().version == s.version && add_days(segments.back().to, 1) == s.from) {
        segments.back().to = last;
      } else {
        segments.push_back(s);
      }
    }
  }
  return out;
}

}  // namespace talent
