#include "eval/fact_values.hpp"

#include "eval/evaluator.hpp"
#include "base/decimal.hpp"
#include "record/record_access.hpp"

#include <algorithm>
#include <set>

namespace talent::detail {
namespace {

// An exact number as whole units of the field's type, when it is one.
std::optional<std::int64_t> scaled(const Exact& x, const FieldDef& f) {
  Int128 scale = f.type == ValueType::money    ? 100
                 : f.type == ValueType::rate    ? Rate::kScale
                 : f.type == ValueType::decimal ? decimal_scale(f.places)
                                                : 1;
  Int128 num = x.num * scale;
  if (x.den == 0 || num % x.den != 0) return std::nullopt;
  Int128 units = num / x.den;
  if (units > INT64_MAX || units < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(units);
}

// Whether a record may hold `p` in field `f` (the schema's bounds; money
// and rates are not negative).
}  // namespace

std::vector<FactValue> values_to_try(const CompiledPack& pack_, const CompiledVersion& version, std::size_t position,
                                     const Record& record_, Date as_of_, int field) {
  const FieldDef& f = pack_.schema.fields[static_cast<std::size_t>(field)];
  std::set<FactValue> out;
  switch (f.type) {
    case ValueType::boolean: return {FactValue{1, {}}, FactValue{0, {}}};
    case ValueType::enumeration: {
      std::vector<FactValue> all;
      for (std::size_t i = 0; i < pack_.schema.enums[static_cast<std::size_t>(f.enum_id)].values.size(); ++i) {
        all.push_back(FactValue{static_cast<std::int64_t>(i), {}});
      }
      return all;
    }
    default: break;
  }
  Evaluator ev(pack_, version, record_, as_of_, std::max(as_of_, version.info.effective_from));
  const Slot& current = RecordAccess::slots(record_)[static_cast<std::size_t>(f.slot)];
  if (current.present) out.insert(FactValue{current.number, current.date});
  if (f.type == ValueType::date) out.insert(FactValue{0, as_of_});
  else out.insert(FactValue{f.min.value_or(0) > 1 ? *f.min : 1, {}});
  const CompiledProgram& program = pack_.programs[version.info.programs[position]];
  std::vector<const CompiledExpression*> all;
  for (const auto& e : program.conditions) all.push_back(&e);
  all.push_back(&program.amount);
  // The years, months or days added to this fact before it is compared.
  std::vector<std::pair<Op, long>> shifts;
  for (const Node& n : pack_.nodes) {
    bool on_field = (n.op == Op::add_years || n.op == Op::add_months || n.op == Op::add_days) &&
                    pack_.nodes[n.a].op == Op::field && static_cast<int>(pack_.nodes[n.a].a) == field;
    if (!on_field) continue;
    Value count;
    try {
      count = ev.eval(n.b);
    } catch (const ArithmeticFailure&) {
      continue;
    }
    if (count.known && count.number.den == 1) {
      shifts.emplace_back(n.op, static_cast<long>(count.number.num) * (n.negative ? -1 : 1));
    }
  }
  std::vector<std::uint32_t> stack;
  for (const CompiledExpression* e : all) stack.push_back(e->root);
  while (!stack.empty()) {
    const Node& n = pack_.nodes[stack.back()];
    std::uint32_t index = stack.back();
    stack.pop_back();
    for (std::uint32_t child : operands(n)) stack.push_back(child);
    if (n.type != f.type || n.op == Op::field) continue;
    Value v;
    try {
      v = ev.eval(index);
    } catch (const ArithmeticFailure&) {
      continue;
    }
    if (!v.known || v.beyond != 0) continue;  // a date past the calendar is no value to suggest
    if (f.type == ValueType::date) {
      out.insert(FactValue{0, v.date});
      for (auto [op, k] : shifts) {
        auto back = op == Op::add_years ? add_years(v.date, -k) : op == Op::add_months ? add_months(v.date, -k)
                                                                                        : add_days(v.date, -k);
        if (back) out.insert(FactValue{0, *back});
      }
    } else if (auto whole = scaled(v.number, f)) {
      out.insert(FactValue{*whole, {}});
    }
  }
  // Each value with its neighbours: a comparison turns on or just beside it.
  std::set<FactValue> near;
  for (const FactValue& p : out) {
    for (int step : {-1, 0, 1}) {
      if (f.type == ValueType::date) {
        if (auto d = add_days(p.date, step)) near.insert(FactValue{0, *d});
      } else {
        near.insert(FactValue{p.number + step, {}});
      }
    }
  }
  std::vector<FactValue> fitting;
  for (const FactValue& p : near) {
    if (fits(f, p)) fitting.push_back(p);
  }
  return fitting;
}


bool fits(const FieldDef& f, const FactValue& p) {
  if (f.type == ValueType::date) return !p.date.is_special();
  if ((f.type == ValueType::money || f.type == ValueType::rate) && p.number < 0) return false;
  if (f.type == ValueType::rate && p.number >= Rate::kScale) return false;  // a rate is below 100%
  if (f.min && p.number < *f.min) return false;
  if (f.max && p.number > *f.max) return false;
  return true;
}


std::optional<FactValue> moved(const FieldDef& f, const FactValue& p, std::int64_t by) {
  if (f.type == ValueType::date) {
    auto d = add_days(p.date, static_cast<long>(by));
    if (!d) return std::nullopt;
    return FactValue{0, *d};
  }
  return FactValue{p.number + by, {}};
}

FactValue lowest(const FieldDef& f) {
  if (f.type == ValueType::date) return FactValue{0, *make_date(1400, 1, 1)};
  bool signed_type = f.type == ValueType::integer || f.type == ValueType::decimal;
  return FactValue{f.min.value_or(signed_type ? -(std::int64_t{1} << 50) : 0), {}};
}
FactValue highest(const FieldDef& f) {
  if (f.type == ValueType::date) return FactValue{0, *make_date(9999, 12, 31)};
  if (f.type == ValueType::rate) return FactValue{Rate::kScale - 1, {}};
  return FactValue{f.max.value_or(std::int64_t{1} << 50), {}};
}

std::string canonical_text(const Schema& schema, const FieldDef& f, const FactValue& p) {
  switch (f.type) {
    case ValueType::boolean: return p.number ? "true" : "false";
    case ValueType::integer: return std::to_string(p.number);
    case ValueType::money: return Money::from_fen(p.number).to_string();
    case ValueType::rate: return Rate::from_units(p.number).to_string();
    case ValueType::decimal: return format_decimal_units(p.number, f.places);
    case ValueType::date: return format_date(p.date);
    case ValueType::enumeration:
      return schema.enums[static_cast<std::size_t>(f.enum_id)].values[static_cast<std::size_t>(p.number)].id;
    default: return "";
  }
}


}  // namespace talent::detail
