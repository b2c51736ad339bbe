#include "eval/evaluator.hpp"

#include "record/record_access.hpp"
#include "talent/rule_set.hpp"

#include <algorithm>
#include <stdexcept>

namespace talent::detail {
namespace {

Value unknown() { return Value{}; }

Value boolean(bool b) {
  Value v;
  v.known = true;
  v.flag = b;
  return v;
}

Exact slot_number(const FieldDef& f, const Slot& s) {
  switch (f.type) {
    case ValueType::money: return Exact{s.number, 100};
    case ValueType::rate: return Exact{s.number, Rate::kScale};
    default: return Exact{s.number, 1};
  }
}

int order(const Value& x, const Value& y, ValueType type) {
  switch (type) {
    case ValueType::integer:
    case ValueType::money:
    case ValueType::rate: {
      int c = 0;
      if (!exact_compare(x.number, y.number, c)) throw ArithmeticFailure{"comparison overflowed"};
      return c;
    }
    case ValueType::date: return x.date < y.date ? -1 : (y.date < x.date ? 1 : 0);
    case ValueType::enumeration: return x.choice == y.choice ? 0 : (x.choice < y.choice ? -1 : 1);
    case ValueType::boolean: return x.flag == y.flag ? 0 : (x.flag ? 1 : -1);
    case ValueType::string: return x.text->compare(*y.text);
    default: return 0;
  }
}

}  // namespace

Evaluator::Evaluator(const CompiledPack& pack, const Record& record, Date as_of)
    : pack_(pack),
      slots_(RecordAccess::slots(record).data()),
      strings_(RecordAccess::strings(record).data()),
      as_of_(as_of) {}

Truth Evaluator::truth(const CompiledExpression& e) const {
  Value v = eval(e.root);
  if (!v.known) return Truth::unknown;
  return v.flag ? Truth::yes : Truth::no;
}

Value Evaluator::eval(std::uint32_t index) const {
  const Node& n = pack_.nodes[index];
  switch (n.op) {
    case Op::constant: return pack_.constants[n.a];
    case Op::field: {
      const FieldDef& f = pack_.schema.fields[n.a];
      const Slot& s = slots_[f.slot];
      if (!s.present) return unknown();
      Value v;
      v.known = true;
      switch (f.type) {
        case ValueType::boolean: v.flag = s.number != 0; break;
        case ValueType::enumeration: v.choice = static_cast<std::int32_t>(s.number); break;
        case ValueType::date: v.date = s.date; break;
        case ValueType::string: v.text = &strings_[s.number]; break;
        default: v.number = slot_number(f, s); break;
      }
      return v;
    }
    case Op::has: return boolean(slots_[n.a].present);
    case Op::enum_test: {
      const Slot& s = slots_[pack_.schema.fields[n.a].slot];
      if (!s.present) return unknown();
      std::uint64_t mask = n.b | (static_cast<std::uint64_t>(n.c) << 32);
      return boolean((((mask >> s.number) & 1) != 0) != n.negative);
    }
    case Op::as_of: {
      Value v;
      v.known = true;
      v.date = as_of_;
      return v;
    }
    case Op::logical_not: {
      Value v = eval(n.a);
      if (v.known) v.flag = !v.flag;
      return v;
    }
    case Op::logical_and: {  // Kleene: false wins over unknown
      Value l = eval(n.a);
      if (l.known && !l.flag) return l;
      Value r = eval(n.b);
      if (r.known && !r.flag) return r;
      return l.known && r.known ? boolean(true) : unknown();
    }
    case Op::logical_or: {  // Kleene: true wins over unknown
      Value l = eval(n.a);
      if (l.known && l.flag) return l;
      Value r = eval(n.b);
      if (r.known && r.flag) return r;
      return l.known && r.known ? boolean(false) : unknown();
    }
    case Op::equal:
    case Op::not_equal:
    case Op::less:
    case Op::less_equal:
    case Op::greater:
    case Op::greater_equal: return compare(n);
    case Op::in_list:
    case Op::not_in_list: {
      Value subject = eval(n.a);
      if (!subject.known) return unknown();
      bool found = false;
      for (std::uint32_t i = n.b; i < n.b + n.c && !found; ++i) {
        found = order(subject, pack_.constants[i], n.operand) == 0;
      }
      return boolean(n.op == Op::in_list ? found : !found);
    }
    case Op::add:
    case Op::subtract:
    case Op::multiply:
    case Op::divide:
    case Op::negate:
    case Op::minimum:
    case Op::maximum: return arithmetic(n);
    case Op::add_years:
    case Op::add_months:
    case Op::add_days: return shift_date(n);
  }
  return unknown();
}

Value Evaluator::compare(const Node& n) const {
  Value l = eval(n.a);
  Value r = eval(n.b);
  if (!l.known || !r.known) return unknown();
  int c = order(l, r, n.operand);
  switch (n.op) {
    case Op::equal: return boolean(c == 0);
    case Op::not_equal: return boolean(c != 0);
    case Op::less: return boolean(c < 0);
    case Op::less_equal: return boolean(c <= 0);
    case Op::greater: return boolean(c > 0);
    default: return boolean(c >= 0);
  }
}

Value Evaluator::arithmetic(const Node& n) const {
  Value l = eval(n.a);
  if (n.op == Op::negate) {
    if (l.known) l.number.num = -l.number.num;
    return l;
  }
  Value r = eval(n.b);
  if (!l.known || !r.known) return unknown();
  Value v;
  v.known = true;
  bool ok = true;
  switch (n.op) {
    case Op::add: ok = exact_add(l.number, r.number, v.number); break;
    case Op::subtract: ok = exact_sub(l.number, r.number, v.number); break;
    case Op::multiply: ok = exact_mul(l.number, r.number, v.number); break;
    case Op::divide: ok = exact_div(l.number, r.number, v.number); break;
    case Op::minimum:
    case Op::maximum: {
      int c = 0;
      ok = exact_compare(l.number, r.number, c);
      v.number = (n.op == Op::minimum) == (c <= 0) ? l.number : r.number;
      break;
    }
    default: break;
  }
  if (!ok) throw ArithmeticFailure{n.op == Op::divide && r.number.num == 0 ? "division by zero" : "arithmetic overflow"};
  return v;
}

Value Evaluator::shift_date(const Node& n) const {
  Value d = eval(n.a);
  Value count = eval(n.b);
  if (!d.known || !count.known) return unknown();
  Int128 k = count.number.num / count.number.den;
  if (n.negative) k = -k;
  std::optional<Date> out;
  if (k >= -1000000 && k <= 1000000) {
    long steps = static_cast<long>(k);
    out = n.op == Op::add_years ? add_years(d.date, steps)
          : n.op == Op::add_months ? add_months(d.date, steps)
                                   : add_days(d.date, steps);
  }
  if (!out) throw ArithmeticFailure{"date arithmetic left the years 1400-9999"};
  d.date = *out;
  return d;
}

std::string field_text(const CompiledPack& pack, const Record& record, int field) {
  const FieldDef& f = pack.schema.fields[static_cast<std::size_t>(field)];
  const Slot& s = RecordAccess::slots(record)[static_cast<std::size_t>(f.slot)];
  switch (f.type) {
    case ValueType::boolean: return s.number ? "true" : "false";
    case ValueType::integer: return std::to_string(s.number);
    case ValueType::money: return Money::from_fen(s.number).to_string();
    case ValueType::rate: return Rate::from_units(s.number).to_string();
    case ValueType::date: return format_date(s.date);
    case ValueType::enumeration:
      return pack.schema.enums[static_cast<std::size_t>(f.enum_id)].values[static_cast<std::size_t>(s.number)].id;
    case ValueType::string: return RecordAccess::strings(record)[static_cast<std::size_t>(s.number)];
    default: return "";
  }
}

// ---------------------------------------------------------------------------
// Programs: conditions, status, amount, window.

namespace {

bool field_present(const CompiledPack& pack, const Slot* slots, int field) {
  return slots[pack.schema.fields[static_cast<std::size_t>(field)].slot].present;
}

// A field counts as missing when it is absent although every optional section
// above it is present: an absent optional section means "has none".
bool field_missing(const CompiledPack& pack, const Slot* slots, int field) {
  const FieldDef& f = pack.schema.fields[static_cast<std::size_t>(field)];
  if (slots[f.slot].present) return false;
  for (int s = f.section; s > 0; s = pack.schema.sections[static_cast<std::size_t>(s)].parent) {
    const SectionDef& sec = pack.schema.sections[static_cast<std::size_t>(s)];
    if (sec.optional && !slots[sec.slot].present) return false;
  }
  return true;
}

void add_missing(const CompiledPack& pack, const Slot* slots, const CompiledExpression& e,
                 std::vector<std::string>& missing) {
  for (int field : e.fields) {
    if (field_missing(pack, slots, field)) missing.push_back(pack.schema.fields[static_cast<std::size_t>(field)].path);
  }
}

std::vector<SeenValue> seen_values(const CompiledPack& pack, const Record& record, const CompiledExpression& e,
                                   Date as_of) {
  std::vector<SeenValue> seen;
  seen.reserve(e.fields.size() + e.sections.size() + (e.reads_as_of ? 1 : 0));
  const Slot* slots = RecordAccess::slots(record).data();
  for (int field : e.fields) {
    SeenValue v;
    v.path = pack.schema.fields[static_cast<std::size_t>(field)].path;
    if (field_present(pack, slots, field)) v.value = field_text(pack, record, field);
    seen.push_back(std::move(v));
  }
  for (int section : e.sections) {
    const SectionDef& sec = pack.schema.sections[static_cast<std::size_t>(section)];
    SeenValue v;
    v.path = sec.path;
    if (slots[sec.slot].present) v.value = "present";
    seen.push_back(std::move(v));
  }
  if (e.reads_as_of) seen.push_back(SeenValue{"as_of", format_date(as_of)});
  return seen;
}

void decide(const CompiledPack& pack, const CompiledProgram& program, const Record& record, const Evaluator& ev,
            Date as_of, bool explain, ProgramDecision& out) {
  const Slot* slots = RecordAccess::slots(record).data();
  bool any_false = false;
  bool any_unknown = false;
  if (explain) out.reasons.reserve(program.conditions.size());
  for (std::size_t i = 0; i < program.conditions.size(); ++i) {
    const CompiledExpression& c = program.conditions[i];
    Truth t = ev.truth(c);
    if (explain) out.reasons.push_back(Reason{i, t, seen_values(pack, record, c, as_of)});
    if (t == Truth::no) {
      any_false = true;
      if (!explain) break;  // the verdict cannot change
    } else if (t == Truth::unknown) {
      any_unknown = true;
      add_missing(pack, slots, c, out.missing);
    }
  }
  if (any_false) {
    out.status = Status::ineligible;
    out.missing.clear();
    return;
  }
  std::optional<Money> amount;
  if (any_unknown) {
    // Ask for every fact the program still needs, the amount's included.
    if (program.amount_is_table) {
      if (field_missing(pack, slots, program.table_field)) {
        out.missing.push_back(pack.schema.fields[static_cast<std::size_t>(program.table_field)].path);
      }
    } else {
      add_missing(pack, slots, program.amount, out.missing);
    }
  } else {
    if (program.amount_is_table) {
      const FieldDef& key = pack.schema.fields[static_cast<std::size_t>(program.table_field)];
      const Slot& s = slots[key.slot];
      if (s.present) amount = program.table[static_cast<std::size_t>(s.number)];
      else if (field_missing(pack, slots, program.table_field)) out.missing.push_back(key.path);
      if (explain) {
        out.amount_seen.push_back(SeenValue{key.path, s.present ? std::optional<std::string>(field_text(pack, record, program.table_field)) : std::nullopt});
      }
    } else {
      Value v = ev.eval(program.amount.root);
      if (v.known) {
        std::int64_t fen = 0;
        if (!exact_round(v.number, 100, fen)) throw ArithmeticFailure{"the amount does not fit in 64-bit fen"};
        if (fen < 0) {
          throw ArithmeticFailure{"the amount came out negative (" + Money::from_fen(fen).to_string() +
                                  "); the pack's amount expression is wrong"};
        }
        amount = Money::from_fen(fen);
      } else {
        add_missing(pack, slots, program.amount, out.missing);
      }
      if (explain) out.amount_seen = seen_values(pack, record, program.amount, as_of);
    }
  }
  if (!amount) {
    std::sort(out.missing.begin(), out.missing.end());
    out.missing.erase(std::unique(out.missing.begin(), out.missing.end()), out.missing.end());
    // Unknown only through sections the applicant does not have: ineligible (D8).
    out.status = out.missing.empty() ? Status::ineligible : Status::needs_info;
    return;
  }
  out.status = Status::eligible;
  out.amount = amount;
  if (program.has_window) {
    Value start = ev.eval(program.window_start.root);
    Value end = ev.eval(program.window_end.root);
    if (start.known && end.known) {
      if (end.date < start.date) {
        throw ArithmeticFailure{"the window ends (" + format_date(end.date) + ") before it starts (" +
                                format_date(start.date) + "); the pack's window is wrong"};
      }
      out.window = Window{start.date, end.date};
    }
  }
  for (std::size_t i = 0; i < program.remarks.size(); ++i) {
    if (ev.truth(program.remarks[i]) == Truth::yes) out.remarks.push_back(i);
  }
}

}  // namespace
}  // namespace talent::detail

namespace talent {

const char* to_string(Status status) {
  switch (status) {
    case Status::eligible: return "eligible";
    case Status::ineligible: return "ineligible";
    case Status::needs_info: return "needs_info";
  }
  return "?";
}

Decision evaluate(const RuleSet& rules, const Record& record, Date as_of, const EvaluateOptions& options) {
  const detail::CompiledPack& pack = rules.compiled();
  if (detail::RecordAccess::schema(record) != &pack.schema) {
    throw std::invalid_argument("talent::evaluate: the record was parsed with a different rule set");
  }
  if (as_of.is_special()) throw std::invalid_argument("talent::evaluate: as_of is not a date");
  Decision d;
  d.id = record.id();
  d.as_of = as_of;
  d.programs.resize(pack.programs.size());
  detail::Evaluator ev(pack, record, as_of);
  for (std::size_t i = 0; i < pack.programs.size(); ++i) {
    d.programs[i].program = i;
    try {
      detail::decide(pack, pack.programs[i], record, ev, as_of, options.explain, d.programs[i]);
    } catch (const detail::ArithmeticFailure& f) {
      const std::string& id = pack.program_infos[i].id;
      throw EvaluationError(id, id + ": " + f.what);
    }
  }
  return d;
}

}  // namespace talent
