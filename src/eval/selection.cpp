// Evaluation stage: deciding one cycle of a selection program. Each candidate
// is decided by the program's candidacy and award exactly as a per-applicant
// program is decided (decide(), three-valued), with the cycle's days in place
// of the as-of date; the qualified are ranked by the program's keys, the
// first `quota` selected; a candidate still missing facts is told the best
// rank it could reach. All state is per call.
#include "talent/selection.hpp"

#include "eval/evaluator.hpp"
#include "pack/rule_set_access.hpp"
#include "record/record_access.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace talent {
namespace {

using detail::CompiledPack;
using detail::CompiledSelection;
using detail::Exact;
using detail::Value;
using detail::ValueType;

// A ranking value: a key's value, or one that ranks ahead of every value.
struct KeyValue {
  Value value;
  bool ahead_of_all = false;
};

// A candidate being decided.
struct Candidate {
  const ParsedRecord* parsed = nullptr;
  ProgramDecision decision;
  std::vector<KeyValue> keys;
  bool rejected = false;
};

std::int64_t int_value(const CompiledPack& pack, int parameter, Date on, const std::string& program) {
  const detail::ParameterDef& p = pack.names.parameters[static_cast<std::size_t>(parameter)];
  const detail::ParameterStep* step = p.at(on);
  if (!step) {
    throw EvaluationError(program, ErrorCode::missing,
                          program + ": parameter '" + p.id + "' has no value on " + format_date(on));
  }
  return static_cast<std::int64_t>(step->value.number.num / step->value.number.den);
}

// The days of the cycle of `s` that opens in `year`: cycles follow one another
// from the first one, each lasting the years the rules in force on its first
// day give.
Window find_cycle(const CompiledPack& pack, const CompiledSelection& s, const std::string& program, int year) {
  int before = 0, after = 0;  // the years the cycles around `year` open in
  for (Date start = s.first_cycle; !start.is_special() && start.year() <= year;) {
    std::int64_t every = int_value(pack, s.every_years, start, program);
    if (every < 1) {
      throw EvaluationError(program, ErrorCode::invalid_value,
                            program + ": a cycle opening on " + format_date(start) + " would last " +
                                std::to_string(every) + " years; a cycle lasts at least one year");
    }
    std::optional<Date> next = add_years(start, static_cast<long>(every));
    if (start.year() == year) {
      std::optional<Date> end = next ? add_days(*next, -1) : std::nullopt;
      if (end) return Window{start, *end};
      break;
    }
    before = start.year();
    if (next) after = next->year();
    start = next ? *next : Date{};
  }
  std::string message = "no cycle of '" + program + "' opens in " + std::to_string(year) + ": its first cycle opens on " +
                        format_date(s.first_cycle);
  if (before > 0) {
    message += "; the cycles nearest to it open in " + std::to_string(before) +
               (after > year ? " and " + std::to_string(after) : std::string());
  }
  throw std::invalid_argument(message);
}

// -1 when `a` ranks ahead of `b` on this key, 1 when behind, 0 on a tie.
int compare_key(const KeyValue& a, const KeyValue& b, ValueType type, bool descending) {
  if (a.ahead_of_all || b.ahead_of_all) return a.ahead_of_all == b.ahead_of_all ? 0 : (a.ahead_of_all ? -1 : 1);
  int c = 0;
  switch (type) {
    case ValueType::date: c = a.value.date < b.value.date ? -1 : (b.value.date < a.value.date ? 1 : 0); break;
    case ValueType::string: c = a.value.text->compare(*b.value.text); break;
    default:
      if (!detail::exact_compare(a.value.number, b.value.number, c)) {
        throw detail::ArithmeticFailure{ErrorCode::limit, "comparing two ranking values overflowed"};
      }
  }
  c = c < 0 ? -1 : (c > 0 ? 1 : 0);
  return descending ? -c : c;
}

bool ahead(const CompiledPack& pack, const CompiledSelection& s, const std::vector<KeyValue>& a,
           const std::vector<KeyValue>& b) {
  for (std::size_t k = 0; k < s.ranking.size(); ++k) {
    int c = compare_key(a[k], b[k], pack.nodes[s.ranking[k].key.root].type, s.ranking[k].descending);
    if (c != 0) return c < 0;
  }
  return false;
}

// The most favourable value a missing ranking key could take: the field's
// bound in the key's direction, or ahead of every value when it has none.
KeyValue best_possible(const CompiledPack& pack, const detail::RankingKey& k) {
  KeyValue best;
  best.ahead_of_all = true;
  const detail::Node& root = pack.nodes[k.key.root];
  if (root.op != detail::Op::field) return best;
  const detail::FieldDef& f = pack.schema.fields[root.a];
  const std::optional<std::int64_t>& bound = k.descending ? f.max : f.min;
  if (!bound || (f.type != ValueType::integer && f.type != ValueType::decimal)) return best;
  best.ahead_of_all = false;
  best.value.known = true;
  best.value.number = Exact{*bound, 1};
  for (int i = 0; f.type == ValueType::decimal && i < f.places; ++i) best.value.number.den *= 10;
  return best;
}

// Fields of `e` the record lacks, unless an optional section above them is
// absent (the applicant has none: never asked for).
void add_missing(const CompiledPack& pack, const Record& record, const detail::CompiledExpression& e,
                 std::vector<std::string>& missing) {
  const auto& slots = detail::RecordAccess::slots(record);
  for (int index : e.fields) {
    const detail::FieldDef& f = pack.schema.fields[static_cast<std::size_t>(index)];
    bool absent = !slots[static_cast<std::size_t>(f.slot)].present;
    for (int s = f.section; absent && s > 0; s = pack.schema.sections[static_cast<std::size_t>(s)].parent) {
      const detail::SectionDef& sec = pack.schema.sections[static_cast<std::size_t>(s)];
      if (sec.optional && !slots[static_cast<std::size_t>(sec.slot)].present) absent = false;
    }
    if (absent) missing.push_back(f.path);
  }
}

void check_bound(const RuleSet& rules, const Record& record) {
  if (detail::RecordAccess::rule_set_serial(record) == detail::RuleSetAccess::serial(rules)) return;
  throw std::invalid_argument("talent::select: candidate '" + record.id() +
                              "' was parsed with another rule set; parse it again with this one");
}

}  // namespace

Selection select(const RuleSet& rules, const std::string& program, int cycle_year,
                 const std::vector<ParsedRecord>& candidates, const EvaluateOptions& options) {
  const CompiledPack& pack = rules.compiled();
  Selection out;
  std::vector<std::string> ids;
  for (const SelectionInfo& info : pack.selection_infos) ids.push_back(info.id);
  auto found = std::find(ids.begin(), ids.end(), program);
  if (found == ids.end()) {
    std::string known;
    for (const auto& id : ids) known += (known.empty() ? "" : ", ") + id;
    bool per_applicant = std::any_of(rules.programs().begin(), rules.programs().end(),
                                     [&](const ProgramInfo& p) { return p.id == program; });
    throw std::invalid_argument("no selection program '" + program + "' in " + rules.id() +
                                (per_applicant ? " ('" + program + "' is decided per applicant: use talent check)" : "") + "; " +
                                (ids.empty() ? std::string("it has none") : "its selection programs are " + known));
  }
  out.program = static_cast<std::size_t>(found - ids.begin());
  const CompiledSelection& s = pack.selections[out.program];
  out.cycle_year = cycle_year;
  out.cycle = find_cycle(pack, s, program, cycle_year);
  out.version = pack.version_at(out.cycle.start);
  out.quota = int_value(pack, s.quota, out.cycle.start, program);
  const detail::CompiledVersion& version = pack.versions[out.version];

  // An id names one application: records sharing one are all rejected.
  std::map<std::string, std::vector<std::size_t>> by_id;
  for (const ParsedRecord& p : candidates) {
    if (p.record) {
      check_bound(rules, *p.record);
      by_id[p.record->id()].push_back(p.number);
    }
  }
  std::vector<Candidate> all(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const ParsedRecord& p = candidates[i];
    Candidate& c = all[i];
    c.parsed = &p;
    c.rejected = true;
    if (!p.record) {
      out.rejected.push_back(RejectedCandidate{p.id, p.number, p.error.value_or(RecordError{"", ErrorCode::syntax, ""})});
      continue;
    }
    const std::vector<std::size_t>& same = by_id[p.record->id()];
    if (same.size() > 1) {
      std::string records;
      for (std::size_t n : same) records += (records.empty() ? "#" : ", #") + std::to_string(n);
      out.rejected.push_back(RejectedCandidate{p.id, p.number, RecordError{"id", ErrorCode::duplicate,
          "application id '" + p.record->id() + "' is given by records " + records + "; each candidate of a cycle needs an id of its own"}});
      continue;
    }
    detail::Evaluator ev(pack, version, *p.record, out.cycle.start, out.cycle.start);
    ev.cycle(out.cycle);
    c.decision.program = out.program;
    try {
      detail::decide(pack, version, s.program, *p.record, ev, out.cycle.start, options.explain, nullptr, c.decision);
      if (c.decision.status != Status::ineligible) {
        bool unranked = false;
        for (const detail::RankingKey& k : s.ranking) {
          Value v = ev.eval(k.key.root);
          if (!v.known) {
            unranked = true;
            add_missing(pack, *p.record, k.key, c.decision.missing);
          }
          c.keys.push_back(KeyValue{v, false});
        }
        if (unranked || c.decision.status == Status::needs_info) {
          std::vector<std::string>& m = c.decision.missing;
          std::sort(m.begin(), m.end());
          m.erase(std::unique(m.begin(), m.end()), m.end());
          c.decision.status = m.empty() ? Status::ineligible : Status::needs_info;
          c.decision.amount.reset();
          c.decision.remarks.clear();
        }
      }
    } catch (const detail::ArithmeticFailure& f) {
      out.rejected.push_back(RejectedCandidate{p.id, p.number, RecordError{"", f.code, program + ": " + f.what}});
      continue;
    }
    // The cycle's days, as a condition reading them saw them.
    for (Reason& r : c.decision.reasons) {
      if (!s.program.conditions[r.condition].reads_cycle) continue;
      r.seen.push_back(SeenValue{"cycle_start", format_date(out.cycle.start)});
      r.seen.push_back(SeenValue{"cycle_end", format_date(out.cycle.end)});
    }
    c.rejected = false;
  }

  std::vector<const Candidate*> qualified;
  for (const Candidate& c : all) {
    if (!c.rejected && c.decision.status == Status::eligible) qualified.push_back(&c);
  }
  try {
    std::stable_sort(qualified.begin(), qualified.end(),
                     [&](const Candidate* a, const Candidate* b) { return ahead(pack, s, a->keys, b->keys); });
  } catch (const detail::ArithmeticFailure& f) {
    throw EvaluationError(program, f.code, program + ": " + f.what);
  }
  for (std::size_t i = 0; i < qualified.size(); ++i) {
    const Candidate& c = *qualified[i];
    std::size_t rank = i + 1;
    if (static_cast<std::int64_t>(rank) <= out.quota) {
      out.selected.push_back(SelectedCandidate{c.parsed->record->id(), c.parsed->number, rank, *c.decision.amount, c.decision});
    } else {
      out.not_selected.push_back(NotSelectedCandidate{c.parsed->record->id(), c.parsed->number, rank, c.decision});
    }
  }
  for (const Candidate& c : all) {
    if (c.rejected) continue;
    if (c.decision.status == Status::ineligible) {
      out.not_selected.push_back(NotSelectedCandidate{c.parsed->record->id(), c.parsed->number, std::nullopt, c.decision});
    } else if (c.decision.status == Status::needs_info) {
      std::vector<KeyValue> best = c.keys;
      best.resize(s.ranking.size());
      for (std::size_t k = 0; k < s.ranking.size(); ++k) {
        if (!best[k].value.known) best[k] = best_possible(pack, s.ranking[k]);
      }
      std::size_t ahead_of_it = 0;
      try {
        for (const Candidate* q : qualified) ahead_of_it += ahead(pack, s, q->keys, best) ? 1 : 0;
      } catch (const detail::ArithmeticFailure& f) {
        throw EvaluationError(program, f.code, program + ": " + f.what);
      }
      out.needs_info.push_back(PendingCandidate{c.parsed->record->id(), c.parsed->number, c.decision.missing, ahead_of_it + 1, c.decision});
    }
  }
  std::stable_sort(out.needs_info.begin(), out.needs_info.end(),
                   [](const PendingCandidate& a, const PendingCandidate& b) { return a.best_rank < b.best_rank; });
  return out;
}

}  // namespace talent
