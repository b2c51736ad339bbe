// Command stage: deciding each record under two rule sets and totalling what
// changes. Records are first decided without reasons (the fast path); only
// an applicant whose outcome differs is decided again with reasons, to say
// why.
#include "cli/population_diff.hpp"

#include <algorithm>

namespace talent::cli {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool same_window(const std::optional<Window>& a, const std::optional<Window>& b) {
  if (!a || !b) return !a && !b;
  return a->start == b->start && a->end == b->end;
}

Outcome outcome_of(const ProgramDecision& p) { return Outcome{p.status, p.amount, p.window}; }

bool same_outcome(const ProgramDecision* a, const ProgramDecision* b) {
  if (!a || !b) return !a && !b;
  return a->status == b->status && a->amount == b->amount && same_window(a->window, b->window);
}

std::optional<std::string> truth_text(Truth t) {
  if (t == Truth::unknown) return std::nullopt;
  return std::string(t == Truth::yes ? "true" : "false");
}

BecauseValue present(std::optional<std::string> value) { return BecauseValue{true, std::move(value)}; }

void add_to(std::int64_t& sum, const std::optional<Money>& amount, const std::string& program) {
  if (amount && __builtin_add_overflow(sum, amount->fen(), &sum)) throw TotalTooLarge{program};
}

// A parameter as one side's decision used it.
struct UsedParameter {
  std::string id;
  std::optional<std::string> value;
  Date since;
};

// The parameters the conditions read, and those the amount read when
// `with_amount` (only an eligible decision reports them).
std::vector<UsedParameter> parameters_used(const ProgramDecision& p, bool with_amount) {
  std::vector<UsedParameter> out;
  auto note = [&](const ParameterUse& u) {
    for (const auto& seen : out) {
      if (seen.id == u.parameter) return;
    }
    out.push_back(UsedParameter{u.parameter, u.value, u.since});
  };
  for (const Reason& r : p.reasons) {
    for (const ParameterUse& u : r.parameters) note(u);
  }
  if (with_amount) {
    for (const ParameterUse& u : p.amount_parameters) note(u);
  }
  return out;
}

std::vector<ProgramUse> outcomes_read(const ProgramDecision& p) {
  std::vector<ProgramUse> out;
  for (const Reason& r : p.reasons) {
    for (const ProgramUse& u : r.programs) {
      bool known = std::any_of(out.begin(), out.end(), [&](const ProgramUse& o) { return o.program == u.program; });
      if (!known) out.push_back(u);
    }
  }
  return out;
}

std::string parameter_label(const RuleSet& rules, const std::string& id, Language language) {
  for (const ParameterInfo& p : rules.parameters()) {
    if (p.id == id) return p.label.in(language);
  }
  return "";
}

std::string program_title(const RuleSet& rules, const std::string& id, Language language) {
  for (const ProgramInfo& p : rules.programs()) {
    if (p.id == id) return p.title.in(language);
  }
  return "";
}

}  // namespace

const char* transition_name(int status) {
  if (status == ProgramTotals::kAbsent) return "absent";
  return to_string(static_cast<Status>(status));
}

PopulationDiff::PopulationDiff(DiffSide before, DiffSide after, Language language)
    : sides_{std::move(before), std::move(after)}, language_(language) {
  // The programs in force on each side's date: the old side's in its order,
  // then those only the new side has.
  for (int s = 0; s < 2; ++s) {
    const RuleSet& rules = *sides_[s].rules;
    const VersionInfo& version = rules.versions()[rules.version_at(sides_[s].as_of)];
    for (std::size_t index : version.programs) {
      const ProgramInfo& info = rules.programs()[index];
      auto it = std::find_if(totals_.begin(), totals_.end(), [&](const ProgramTotals& t) { return t.id == info.id; });
      if (it == totals_.end()) {
        ProgramTotals t;
        t.id = info.id;
        t.title = info.title;
        totals_.push_back(std::move(t));
        for (auto& p : position_) p.push_back(kNone);
        it = totals_.end() - 1;
      }
      (s == 0 ? it->before_frequency : it->after_frequency) = info.frequency;
      position_[s][static_cast<std::size_t>(it - totals_.begin())] = index;
    }
  }
}

std::vector<Change> PopulationDiff::compare(const Record& before, const Record& after, int& failed_side) {
  const Record* records[2] = {&before, &after};
  Decision decided[2];
  for (int s = 0; s < 2; ++s) {
    failed_side = s;
    decided[s] = evaluate(*sides_[s].rules, *records[s], sides_[s].as_of, EvaluateOptions{false});
  }
  // The totals change only once nothing more can fail, so that a record is
  // counted whole or not at all.
  std::vector<const ProgramDecision*> found[2];
  std::vector<std::size_t> differing;
  for (std::size_t t = 0; t < totals_.size(); ++t) {
    for (int s = 0; s < 2; ++s) {
      found[s].push_back(position_[s][t] == kNone ? nullptr : decided[s].find(position_[s][t]));
    }
    if (!same_outcome(found[0][t], found[1][t])) differing.push_back(t);
  }
  std::vector<Change> changes;
  if (!differing.empty()) {
    // Decided again, with reasons, to say what made the difference.
    Decision explained[2];
    for (int s = 0; s < 2; ++s) {
      failed_side = s;
      explained[s] = evaluate(*sides_[s].rules, *records[s], sides_[s].as_of, EvaluateOptions{true});
    }
    for (std::size_t t : differing) changes.push_back(describe(t, explained[0], explained[1]));
  }
  failed_side = -1;
  for (std::size_t t = 0; t < totals_.size(); ++t) {
    ProgramTotals& totals = totals_[t];
    const ProgramDecision* p[2] = {found[0][t], found[1][t]};
    if (p[0]) add_to(totals.before_fen, p[0]->amount, totals.id);
    if (p[1]) add_to(totals.after_fen, p[1]->amount, totals.id);
    if (same_outcome(p[0], p[1])) continue;
    int from = p[0] ? static_cast<int>(p[0]->status) : ProgramTotals::kAbsent;
    int to = p[1] ? static_cast<int>(p[1]->status) : ProgramTotals::kAbsent;
    if (from != to) {
      ++totals.transitions[{from, to}];
    } else if (p[0]->status == Status::eligible) {
      if (p[0]->amount != p[1]->amount) ++totals.amount_changed;
      if (!same_window(p[0]->window, p[1]->window)) ++totals.window_changed;
    }
  }
  ++compared_;
  if (!changes.empty()) ++changed_;
  return changes;
}

Change PopulationDiff::describe(std::size_t t, const Decision& before, const Decision& after) const {
  Change change;
  change.id = after.id;
  change.program = totals_[t].id;
  const ProgramDecision* pa = position_[0][t] == kNone ? nullptr : before.find(position_[0][t]);
  const ProgramDecision* pb = position_[1][t] == kNone ? nullptr : after.find(position_[1][t]);
  if (pa) change.before = outcome_of(*pa);
  if (pb) change.after = outcome_of(*pb);
  // A program in one rule set only: its outcome on the other side is all
  // there is to say.
  if (!pa || !pb) return change;
  const RuleSet& ra = *sides_[0].rules;
  const RuleSet& rb = *sides_[1].rules;
  const ProgramInfo& ia = ra.programs()[pa->program];
  const ProgramInfo& ib = rb.programs()[pb->program];
  std::vector<Because>& out = change.because;

  // Conditions, matched by id: those whose result differs, and those only one
  // side has.
  std::vector<bool> matched(pa->reasons.size(), false);
  for (const Reason& r : pb->reasons) {
    const ConditionInfo& c = ib.conditions[r.condition];
    const Reason* old = nullptr;
    for (std::size_t i = 0; i < pa->reasons.size(); ++i) {
      if (ia.conditions[pa->reasons[i].condition].id == c.id) {
        old = &pa->reasons[i];
        matched[i] = true;
      }
    }
    if (old && old->result == r.result) continue;
    Because b{Because::Kind::condition, c.id, c.label.in(language_), {}, present(truth_text(r.result)), {}, {}};
    if (old) b.before = present(truth_text(old->result));
    out.push_back(std::move(b));
  }
  for (std::size_t i = 0; i < pa->reasons.size(); ++i) {
    if (matched[i]) continue;
    const ConditionInfo& c = ia.conditions[pa->reasons[i].condition];
    out.push_back(Because{Because::Kind::condition, c.id, c.label.in(language_),
                          present(truth_text(pa->reasons[i].result)), {}, {}, {}});
  }

  // Other programs' outcomes the conditions read (eligible(program)).
  std::vector<ProgramUse> ua = outcomes_read(*pa);
  std::vector<ProgramUse> ub = outcomes_read(*pb);
  auto outcome = [&](const std::vector<ProgramUse>& uses, const std::string& id) {
    BecauseValue v;
    for (const ProgramUse& u : uses) {
      if (u.program == id) v = present(std::string(to_string(u.status)));
    }
    return v;
  };
  std::vector<std::string> read;
  for (const auto& u : ub) read.push_back(u.program);
  for (const auto& u : ua) {
    if (std::find(read.begin(), read.end(), u.program) == read.end()) read.push_back(u.program);
  }
  for (const std::string& id : read) {
    BecauseValue b0 = outcome(ua, id), b1 = outcome(ub, id);
    if (b0.present == b1.present && b0.value == b1.value) continue;
    std::string label = program_title(rb, id, language_);
    if (label.empty()) label = program_title(ra, id, language_);
    out.push_back(Because{Because::Kind::outcome_of, id, label, b0, b1, {}, {}});
  }

  // Parameter values that differ, or that only one side used. The amount's
  // are compared when both sides have an amount.
  bool amounts = pa->status == Status::eligible && pb->status == Status::eligible;
  std::vector<UsedParameter> qa = parameters_used(*pa, amounts);
  std::vector<UsedParameter> qb = parameters_used(*pb, amounts);
  std::vector<std::string> names;
  for (const auto& q : qb) names.push_back(q.id);
  for (const auto& q : qa) {
    if (std::find(names.begin(), names.end(), q.id) == names.end()) names.push_back(q.id);
  }
  for (const std::string& id : names) {
    Because b{Because::Kind::parameter, id, parameter_label(rb, id, language_), {}, {}, {}, {}};
    if (b.label.empty()) b.label = parameter_label(ra, id, language_);
    for (const auto& q : qa) {
      if (q.id == id) b.before = present(q.value), b.before_since = q.since;
    }
    for (const auto& q : qb) {
      if (q.id == id) b.after = present(q.value), b.after_since = q.since;
    }
    if (b.before.present == b.after.present && b.before.value == b.after.value) continue;
    out.push_back(std::move(b));
  }

  // The same status but another amount: the values it was computed from
  // that differ.
  if (amounts && pa->amount != pb->amount) {
    auto value_at = [](const std::vector<SeenValue>& seen, const std::string& path) {
      BecauseValue v;
      for (const SeenValue& s : seen) {
        if (s.path == path) v = present(s.value);
      }
      return v;
    };
    std::vector<std::string> paths;
    for (const SeenValue& s : pb->amount_seen) paths.push_back(s.path);
    for (const SeenValue& s : pa->amount_seen) {
      if (std::find(paths.begin(), paths.end(), s.path) == paths.end()) paths.push_back(s.path);
    }
    for (const std::string& path : paths) {
      BecauseValue b0 = value_at(pa->amount_seen, path), b1 = value_at(pb->amount_seen, path);
      if (b0.present == b1.present && b0.value == b1.value) continue;
      const LocalizedText* label = rb.field_label(path);
      if (!label) label = ra.field_label(path);
      out.push_back(Because{Because::Kind::amount, path, label ? label->in(language_) : "", b0, b1, {}, {}});
    }
  }
  return change;
}

}  // namespace talent::cli
