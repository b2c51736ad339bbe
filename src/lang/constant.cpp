// Language stage, the checker's last step for amounts: what a checked money
// expression is before any record is seen. An amount that is 0.00 whatever the
// record holds pays every applicant nothing while reporting them eligible, so
// it is a load error, pointed at the part that makes it so.
#include "lang/checker.hpp"

#include "base/decimal.hpp"
#include "talent/money.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>

namespace talent::detail {
namespace {

// What is known of a numeric expression without a record.
struct Known {
  std::optional<Exact> value;  // it reads no field (and nothing overflowed)
  const Expr* zero = nullptr;  // it is 0 whatever the record holds, because of this part
};

bool is_zero(const std::optional<Exact>& v) { return v && v->num == 0; }

// The bytes a whole subtree covers; an operator node alone covers its token.
std::pair<std::size_t, std::size_t> span(const Expr& e) {
  std::pair<std::size_t, std::size_t> out{e.offset, e.offset + e.length};
  for (const Expr& a : e.args) {
    auto [begin, end] = span(a);
    out = {std::min(out.first, begin), std::max(out.second, end)};
  }
  return out;
}

class AmountCheck {
 public:
  explicit AmountCheck(std::vector<ExpressionError>& errors) : errors_(errors) {}

  Known fold(const Expr& e) {
    Known k;
    switch (e.kind) {
      case Expr::Kind::number: k.value = number_value(e); break;
      case Expr::Kind::unary: k = negated(e); break;
      case Expr::Kind::binary: k = arithmetic(e); break;
      case Expr::Kind::call: k = min_max(e); break;
      default: return k;  // a field: known only with a record
    }
    if (k.value) k.zero = is_zero(k.value) ? &e : nullptr;  // the largest constant part
    return k;
  }

  void error(const Expr& at, ErrorCode code, std::string message) {
    auto [begin, end] = span(at);
    errors_.push_back(ExpressionError{begin, end - begin, code, std::move(message)});
  }

 private:
  Known negated(const Expr& e) {
    Known x = fold(e.args[0]);
    if (e.op != Operator::negate) return {};
    Known k{std::nullopt, x.zero};
    Exact v;
    if (x.value && exact_sub(Exact{}, *x.value, v)) k.value = v;
    return k;
  }

  Known arithmetic(const Expr& e) {
    Known l = fold(e.args[0]);
    Known r = fold(e.args[1]);
    Known k;
    Exact v;
    bool ok = false;
    switch (e.op) {
      case Operator::add:
      case Operator::subtract:
        if (l.zero && r.zero) k.zero = l.zero;
        if (l.value && r.value) ok = e.op == Operator::add ? exact_add(*l.value, *r.value, v) : exact_sub(*l.value, *r.value, v);
        break;
      case Operator::multiply:
        k.zero = l.zero ? l.zero : r.zero;
        if (l.value && r.value) ok = exact_mul(*l.value, *r.value, v);
        break;
      case Operator::divide:  // 0 / n is 0, or an error when n is 0
        k.zero = l.zero;
        if (l.value && r.value) ok = exact_div(*l.value, *r.value, v);
        break;
      default: return {};  // not arithmetic: not in an amount
    }
    if (ok) k.value = v;
    return k;
  }

  Known min_max(const Expr& e) {
    bool minimum = e.op == Operator::minimum;
    if (!minimum && e.op != Operator::maximum) return {};
    std::optional<Exact> best;
    bool constant = true, all_zero = true;
    const Expr* first_zero = nullptr;
    for (std::size_t i = 0; i < e.args.size(); ++i) {
      Known a = fold(e.args[i]);
      if (minimum && a.zero) {
        error(e.args[i], ErrorCode::invalid_value,
              "min() with 0 is never more than 0, so the amount can pay nothing; expected a cap above 0");
      }
      if (i == 0) first_zero = a.zero;
      all_zero = all_zero && a.zero;
      int c = 0;
      if (!a.value || (best && !exact_compare(*a.value, *best, c))) constant = false;
      else if (!best || (minimum ? c < 0 : c > 0)) best = a.value;
    }
    Known k;
    if (constant) k.value = best;
    if (all_zero) k.zero = first_zero;
    return k;
  }

  std::vector<ExpressionError>& errors_;
};

}  // namespace

Exact number_value(const Expr& literal) {
  switch (literal.type) {
    case ValueType::integer: {
      Int128 n = 0;
      for (char c : literal.text) n = n * 10 + (c - '0');
      return Exact{n, 1};
    }
    case ValueType::money: return Exact{Money::parse(literal.text)->fen(), 100};
    case ValueType::rate: return Exact{Rate::parse(literal.text + (literal.percent ? "%" : ""))->units(), Rate::kScale};
    case ValueType::decimal: return Exact{*parse_decimal_units(literal.text, kMaxDecimalPlaces), decimal_scale(kMaxDecimalPlaces)};
    default: throw std::logic_error("number_value: not a checked int, money or rate literal");
  }
}

bool check_amount(const Expr& amount, std::vector<ExpressionError>& errors) {
  std::size_t before = errors.size();
  AmountCheck check(errors);
  Known k = check.fold(amount);
  if (errors.size() != before) return false;  // a min() with 0 said it already
  if (!k.zero) return true;
  if (k.zero == &amount) {
    check.error(amount, ErrorCode::invalid_value,
                "the amount is always 0.00; expected an amount above 0.00: a fixed amount, or one computed from the record's fields");
  } else {
    check.error(*k.zero, ErrorCode::invalid_value,
                "the amount is always 0.00 whatever the record holds, because this is 0; expected a value that is not 0 here");
  }
  return false;
}

}  // namespace talent::detail
