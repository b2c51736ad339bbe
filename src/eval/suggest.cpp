// Evaluation stage: what would make a program eligible. The search changes a
// few of the facts the program's conditions (and its amount) read, smallest
// sets first, and decides the changed record again:
// - each set of facts must include a fact of every condition that does not
//   hold yet (a has(section) is met by any fact of the section);
// - the values tried for a fact come from the compiled expressions: every
//   value of an enum, both booleans, and for dates and numbers the values the
//   expressions compare them with, evaluated for this record (shifted back
//   by the years, months or days added to the fact), each with its neighbours;
// - from a combination that makes the program eligible, each ordered fact is
//   widened to the range around it that still does (a binary search in either
//   direction), and each enum to the values that still do; when the ranges do
//   not hold together at their corners, the values found are given as they are.
#include "talent/suggest.hpp"

#include "eval/evaluator.hpp"
#include "eval/fact_values.hpp"
#include "record/record_access.hpp"
#include "talent/decision.hpp"
#include "talent/rule_set.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace talent {
namespace detail {
namespace {

using Point = FactValue;

class Search {
 public:
  Search(const RuleSet& rules, const Record& record, Date as_of)
      : rules_(rules), pack_(rules.compiled()), record_(record), as_of_(as_of) {}

  ProgramSuggestions program(std::size_t position, const ProgramDecision& decided, const SuggestOptions& options) {
    position_ = position;
    ProgramSuggestions out{decided.program, {}};
    const CompiledProgram& program = pack_.programs[decided.program];
    std::vector<std::vector<int>> unmet;  // per condition not yet true: the fields that can meet it
    std::set<int> fields;
    for (const Reason& r : decided.reasons) {
      std::vector<int> can = facts(program.conditions[r.condition]);
      fields.insert(can.begin(), can.end());
      if (r.result != Truth::yes) unmet.push_back(can);
    }
    for (int f : program.amount.fields) fields.insert(f);
    if (decided.status == Status::needs_info) {
      for (const std::string& path : decided.missing) {
        int f = pack_.schema.find_field(path);
        if (f >= 0) unmet.push_back({f});
      }
    }
    std::vector<int> candidates;
    for (int f : fields) {
      ValueType t = pack_.schema.fields[static_cast<std::size_t>(f)].type;
      if (t != ValueType::string) candidates.push_back(f);
    }
    std::vector<std::vector<int>> found;
    for (std::size_t size = 1; size <= options.max_changes && out.suggestions.size() < options.per_program; ++size) {
      std::vector<int> subset;
      std::function<void(std::size_t)> choose = [&](std::size_t next) {
        if (out.suggestions.size() >= options.per_program) return;
        if (subset.size() == size) {
          if (!covers(subset, unmet) || superset_of_any(subset, found)) return;
          if (auto s = solve(subset)) {
            found.push_back(subset);
            out.suggestions.push_back(std::move(*s));
          }
          return;
        }
        for (std::size_t i = next; i < candidates.size(); ++i) {
          subset.push_back(candidates[i]);
          choose(i + 1);
          subset.pop_back();
        }
      };
      choose(0);
    }
    return out;
  }

 private:
  // The fields whose change can make `e` hold: those it reads, and every
  // field of a section it tests with has().
  // Another program's outcome changes with the facts its own conditions read.
  std::vector<int> facts(const CompiledExpression& e) const {
    std::set<int> out(e.fields.begin(), e.fields.end());
    for (int s : e.sections) {
      for (std::size_t f = 0; f < pack_.schema.fields.size(); ++f) {
        if (within(static_cast<int>(f), s)) out.insert(static_cast<int>(f));
      }
    }
    const CompiledVersion& version = pack_.versions[pack_.version_at(as_of_)];
    for (int key : e.programs) {
      int position = version.position_of_key[static_cast<std::size_t>(key)];
      if (position < 0) continue;
      for (const auto& c : pack_.programs[version.info.programs[static_cast<std::size_t>(position)]].conditions) {
        if (&c == &e) continue;
        std::vector<int> more = c.programs.empty() ? facts(c) : std::vector<int>(c.fields.begin(), c.fields.end());
        out.insert(more.begin(), more.end());
      }
    }
    return {out.begin(), out.end()};
  }

  bool within(int field, int section) const {
    for (int s = pack_.schema.fields[static_cast<std::size_t>(field)].section; s > 0;
         s = pack_.schema.sections[static_cast<std::size_t>(s)].parent) {
      if (s == section) return true;
    }
    return false;
  }

  static bool covers(const std::vector<int>& subset, const std::vector<std::vector<int>>& unmet) {
    for (const auto& need : unmet) {
      bool met = std::any_of(need.begin(), need.end(),
                             [&](int f) { return std::find(subset.begin(), subset.end(), f) != subset.end(); });
      if (!met) return false;
    }
    return true;
  }

  static bool superset_of_any(const std::vector<int>& subset, const std::vector<std::vector<int>>& found) {
    return std::any_of(found.begin(), found.end(), [&](const std::vector<int>& f) {
      return std::includes(subset.begin(), subset.end(), f.begin(), f.end());
    });
  }

  // The record with `field` set to `p` (and its sections present).
  void assign(Record& r, int field, const Point& p) const {
    const FieldDef& f = pack_.schema.fields[static_cast<std::size_t>(field)];
    Slot& s = RecordAccess::slots(r)[static_cast<std::size_t>(f.slot)];
    s.present = true;
    s.number = p.number;
    s.date = p.date;
    for (int sec = f.section; sec > 0; sec = pack_.schema.sections[static_cast<std::size_t>(sec)].parent) {
      RecordAccess::slots(r)[static_cast<std::size_t>(pack_.schema.sections[static_cast<std::size_t>(sec)].slot)].present = true;
    }
  }

  bool eligible(const std::vector<int>& subset, const std::vector<Point>& values) const {
    Record r = record_;
    for (std::size_t i = 0; i < subset.size(); ++i) assign(r, subset[i], values[i]);
    ++evaluations_;
    try {
      Decision d = evaluate(rules_, r, as_of_, EvaluateOptions{false});
      return d.programs[position_].status == Status::eligible;
    } catch (const EvaluationError&) {
      return false;
    }
  }

  std::optional<Suggestion> solve(const std::vector<int>& subset) const {
    std::vector<std::vector<Point>> options;
    std::size_t combinations = 1;
    for (int f : subset) {
      options.push_back(values_to_try(pack_, version(), position_, record_, as_of_, f));
      if (options.back().empty()) return std::nullopt;
      combinations *= options.back().size();
      if (combinations > kMaxCombinations) return std::nullopt;
    }
    std::vector<Point> values(subset.size());
    std::vector<std::size_t> at(subset.size(), 0);
    for (std::size_t tried = 0; tried < combinations; ++tried) {
      for (std::size_t i = 0; i < subset.size(); ++i) values[i] = options[i][at[i]];
      if (eligible(subset, values)) return describe(subset, values);
      for (std::size_t i = 0; i < subset.size() && ++at[i] == options[i].size(); ++i) at[i] = 0;
    }
    return std::nullopt;
  }

  // The change for each fact around a working combination.
  Suggestion describe(const std::vector<int>& subset, const std::vector<Point>& values) const {
    // Per fact, the values to offer: an enum's values that work, an ordered
    // fact's range (as its two ends), a boolean's value.
    std::vector<std::vector<Point>> offered;
    std::vector<std::pair<Point, Point>> ranges;
    for (std::size_t i = 0; i < subset.size(); ++i) {
      const FieldDef& f = pack_.schema.fields[static_cast<std::size_t>(subset[i])];
      ranges.push_back(widen(subset, values, i));
      std::vector<Point> choice;
      if (f.type == ValueType::enumeration) {
        for (const Point& p : values_to_try(pack_, version(), position_, record_, as_of_, subset[i])) {
          std::vector<Point> other(values);
          other[i] = p;
          if (eligible(subset, other)) choice.push_back(p);
        }
      } else {
        choice = {ranges[i].first, ranges[i].second};
      }
      offered.push_back(choice);
    }
    // Every combination of what is offered must hold together. If one does
    // not, pin one fact at the value found (a fact that cannot change first)
    // and widen the others again; failing that, offer the values found.
    bool together = holds_together(subset, values, offered);
    for (std::size_t pin = 0; pin < subset.size() && !together && subset.size() > 1; ++pin) {
      std::size_t k = pinning_order(subset)[pin];
      std::vector<std::vector<Point>> narrowed = offered;
      narrowed[k] = {values[k]};
      for (std::size_t i = 0; i < subset.size(); ++i) {
        if (i == k || narrowed[i].size() != 2 || pack_.schema.fields[static_cast<std::size_t>(subset[i])].type == ValueType::enumeration) continue;
        std::pair<Point, Point> r = widen(subset, values, i);
        narrowed[i] = {r.first, r.second};
      }
      if (holds_together(subset, values, narrowed)) {
        offered = narrowed;
        together = true;
        for (std::size_t i = 0; i < subset.size(); ++i) {
          if (offered[i].size() == 2 && pack_.schema.fields[static_cast<std::size_t>(subset[i])].type != ValueType::enumeration) {
            ranges[i] = {offered[i][0], offered[i][1]};
          } else if (offered[i].size() == 1) {
            ranges[i] = {offered[i][0], offered[i][0]};
          }
        }
      }
    }
    Suggestion s;
    for (std::size_t i = 0; i < subset.size(); ++i) {
      const FieldDef& f = pack_.schema.fields[static_cast<std::size_t>(subset[i])];
      bool lacking = missing(f);
      FieldChange c{f.path, {}, {}, {}, {}, f.changeable || lacking, lacking};
      if (!together || f.type == ValueType::boolean || ranges[i].first == ranges[i].second ||
          (f.type == ValueType::enumeration && offered[i].size() == 1)) {
        c.set = canonical_text(pack_.schema, f, together ? offered[i].front() : values[i]);
      } else if (f.type == ValueType::enumeration) {
        for (const Point& p : offered[i]) c.one_of.push_back(canonical_text(pack_.schema, f, p));
      } else {
        // A bound is open only where the type itself ends, not where the schema says.
        if (!(ranges[i].first == lowest(f)) || f.min) c.at_least = canonical_text(pack_.schema, f, ranges[i].first);
        if (!(ranges[i].second == highest(f)) || f.max) c.at_most = canonical_text(pack_.schema, f, ranges[i].second);
      }
      s.changes.push_back(std::move(c));
    }
    return s;
  }

  bool holds_together(const std::vector<int>& subset, const std::vector<Point>& values,
                      const std::vector<std::vector<Point>>& offered) const {
    std::vector<std::size_t> at(subset.size(), 0);
    for (std::size_t n = 0;; ++n) {
      std::vector<Point> combination(values);
      for (std::size_t i = 0; i < subset.size(); ++i) combination[i] = offered[i][at[i]];
      if (n >= kMaxCombinations || !eligible(subset, combination)) return false;
      std::size_t i = 0;
      for (; i < subset.size() && ++at[i] == offered[i].size(); ++i) at[i] = 0;
      if (i == subset.size()) return true;
    }
  }

  // Positions of `subset`, the facts that cannot change first.
  std::vector<std::size_t> pinning_order(const std::vector<int>& subset) const {
    std::vector<std::size_t> order(subset.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return !pack_.schema.fields[static_cast<std::size_t>(subset[a])].changeable &&
             pack_.schema.fields[static_cast<std::size_t>(subset[b])].changeable;
    });
    return order;
  }

  // The widest run of values around values[i] that keeps the program
  // eligible, the other facts held where they are.
  std::pair<Point, Point> widen(const std::vector<int>& subset, const std::vector<Point>& values, std::size_t i) const {
    const FieldDef& f = pack_.schema.fields[static_cast<std::size_t>(subset[i])];
    if (f.type == ValueType::boolean || f.type == ValueType::enumeration) return {values[i], values[i]};
    auto holds = [&](const Point& p) {
      std::vector<Point> v(values);
      v[i] = p;
      return fits(f, p) && eligible(subset, v);
    };
    auto edge = [&](const Point& limit, int direction) {
      // Gallop outwards, then bisect between the last good and first bad value.
      std::int64_t good = 0, step = 1, bad = -1;
      while (true) {
        std::optional<Point> p = moved(f, values[i], direction * step);
        if (!p || (direction > 0 ? limit < *p : *p < limit)) {
          if (holds(limit)) return limit;
          bad = step;
          break;
        }
        if (!holds(*p)) {
          bad = step;
          break;
        }
        good = step;
        step *= 2;
      }
      while (bad - good > 1) {
        std::int64_t mid = good + (bad - good) / 2;
        std::optional<Point> p = moved(f, values[i], direction * mid);
        if (p && holds(*p)) good = mid;
        else bad = mid;
      }
      return *moved(f, values[i], direction * good);
    };
    return {edge(lowest(f), -1), edge(highest(f), 1)};
  }

  // Absent although every optional section above it is there: a fact to
  // provide. (A fact of an absent optional section is one the applicant
  // does not have, like a loan not taken.)
  bool missing(const FieldDef& f) const {
    const auto& slots = RecordAccess::slots(record_);
    if (slots[static_cast<std::size_t>(f.slot)].present) return false;
    for (int s = f.section; s > 0; s = pack_.schema.sections[static_cast<std::size_t>(s)].parent) {
      const SectionDef& sec = pack_.schema.sections[static_cast<std::size_t>(s)];
      if (sec.optional && !slots[static_cast<std::size_t>(sec.slot)].present) return false;
    }
    return true;
  }

  const CompiledVersion& version() const { return pack_.versions[pack_.version_at(as_of_)]; }

  static constexpr std::size_t kMaxCombinations = 4096;

  const RuleSet& rules_;
  const CompiledPack& pack_;
  const Record& record_;
  Date as_of_;
  std::size_t position_ = 0;
  mutable std::size_t evaluations_ = 0;
};

}  // namespace
}  // namespace detail

std::vector<ProgramSuggestions> suggest(const RuleSet& rules, const Record& record, Date as_of,
                                        const SuggestOptions& options) {
  Decision decision = evaluate(rules, record, as_of, EvaluateOptions{true});
  std::vector<ProgramSuggestions> out;
  detail::Search search(rules, record, as_of);
  for (std::size_t position = 0; position < decision.programs.size(); ++position) {
    const ProgramDecision& p = decision.programs[position];
    if (p.status == Status::eligible) continue;
    out.push_back(search.program(position, p, options));
  }
  return out;
}

}  // namespace talent
