#include "eval/evaluator.hpp"

#include "base/decimal.hpp"
#include "record/record_access.hpp"

#include <optional>

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
    case ValueType::decimal: return Exact{s.number, decimal_scale(f.places)};
    default: return Exact{s.number, 1};
  }
}

int order(const Value& x, const Value& y, ValueType type) {
  switch (type) {
    case ValueType::integer:
    case ValueType::money:
    case ValueType::rate:
    case ValueType::decimal: {
      int c = 0;
      if (!exact_compare(x.number, y.number, c)) throw ArithmeticFailure{ErrorCode::limit, "comparison overflowed"};
      return c;
    }
    case ValueType::date:
      if (x.beyond != y.beyond) return x.beyond < y.beyond ? -1 : 1;
      return x.date < y.date ? -1 : (y.date < x.date ? 1 : 0);
    case ValueType::enumeration: return x.choice == y.choice ? 0 : (x.choice < y.choice ? -1 : 1);
    case ValueType::boolean: return x.flag == y.flag ? 0 : (x.flag ? 1 : -1);
    case ValueType::string: return x.text->compare(*y.text);
    default: return 0;
  }
}

}  // namespace

std::vector<std::uint32_t> operands(const Node& n) {
  switch (n.op) {
    case Op::logical_not:
    case Op::negate:
    case Op::in_list:
    case Op::not_in_list: return {n.a};
    case Op::logical_and:
    case Op::logical_or:
    case Op::equal:
    case Op::not_equal:
    case Op::less:
    case Op::less_equal:
    case Op::greater:
    case Op::greater_equal:
    case Op::add:
    case Op::subtract:
    case Op::multiply:
    case Op::divide:
    case Op::minimum:
    case Op::maximum:
    case Op::add_years:
    case Op::add_months:
    case Op::add_days: return {n.a, n.b};
    default: return {};
  }
}

Evaluator::Evaluator(const CompiledPack& pack, const CompiledVersion& version, const Record& record, Date as_of,
                     Date rules_date)
    : pack_(pack),
      version_(version),
      slots_(RecordAccess::slots(record).data()),
      strings_(RecordAccess::strings(record).data()),
      as_of_(as_of),
      rules_date_(rules_date) {}

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
    case Op::cycle_start:
    case Op::cycle_end: {
      Value v;
      v.date = n.op == Op::cycle_start ? cycle_.start : cycle_.end;
      v.known = !v.date.is_special();
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
    case Op::parameter: return parameter(n);
    case Op::program_status: {
      int position = version_.position_of_key[n.a];
      if (position < 0 || !decided_) return unknown();  // the loader refuses both
      switch (decided_[position].status) {
        case Status::eligible: return boolean(true);
        case Status::ineligible: return boolean(false);
        case Status::needs_info: return unknown();
      }
      return unknown();
    }
  }
  return unknown();
}

const ParameterStep& Evaluator::step(int parameter) const {
  const ParameterDef& p = pack_.names.parameters[static_cast<std::size_t>(parameter)];
  const ParameterStep* s = p.at(rules_date_);
  if (!s) {
    // The loader checks that every parameter a version reads has a value on
    // the day the version takes effect, so this is a pack it did not load.
    throw ArithmeticFailure{ErrorCode::missing, "parameter '" + p.id + "' has no value in force on " +
                                                    format_date(rules_date_)};
  }
  return *s;
}

Value Evaluator::parameter(const Node& n) const {
  const ParameterDef& p = pack_.names.parameters[n.a];
  const ParameterStep& s = step(static_cast<int>(n.a));
  if (p.by_field < 0) return s.value;
  const Slot& key = slots_[pack_.schema.fields[static_cast<std::size_t>(p.by_field)].slot];
  if (!key.present) return unknown();
  return s.table[static_cast<std::size_t>(key.number)];
}

Value Evaluator::compare(const Node& n) const {
  Value l = eval(n.a);
  Value r = eval(n.b);
  if (!l.known || !r.known) return unknown();
  if (l.beyond != 0 && l.beyond == r.beyond) return unknown();  // both past the same end of the calendar
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
  if (!ok && n.op == Op::divide && r.number.num == 0) throw ArithmeticFailure{ErrorCode::invalid_value, "division by zero"};
  if (!ok) throw ArithmeticFailure{ErrorCode::limit, "arithmetic overflow"};
  return v;
}

Value Evaluator::shift_date(const Node& n) const {
  Value d = eval(n.a);
  Value count = eval(n.b);
  if (!d.known || !count.known) return unknown();
  Int128 k = count.number.num / count.number.den;
  if (n.negative) k = -k;
  if (d.beyond != 0) {
    // Past the calendar already: still so when moved further out; unknown
    // when moved back, since where it was is not kept.
    return k == 0 || (k > 0) == (d.beyond > 0) ? d : unknown();
  }
  std::optional<Date> out;
  if (k >= -1000000 && k <= 1000000) {
    long steps = static_cast<long>(k);
    out = n.op == Op::add_years ? add_years(d.date, steps)
          : n.op == Op::add_months ? add_months(d.date, steps)
                                   : add_days(d.date, steps);
  }
  if (out) d.date = *out;
  else d.beyond = k > 0 ? 1 : -1;  // a defined result, not an error (docs/rules.md#dates)
  return d;
}

}  // namespace talent::detail
