#include "lang/checker.hpp"

#include "base/decimal.hpp"
#include "base/text.hpp"

#include "talent/date.hpp"
#include "talent/money.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

struct Hint {
  ValueType type = ValueType::unresolved;
  int enum_id = -1;
};

bool numeric(ValueType t) {
  return t == ValueType::integer || t == ValueType::money || t == ValueType::rate || t == ValueType::decimal;
}

class Checker {
 public:
  Checker(const Schema& schema, const Names* names, std::vector<ExpressionError>& errors)
      : schema_(schema), names_(names), errors_(errors) {}

  void infer(Expr& e, Hint hint) {
    switch (e.kind) {
      case Expr::Kind::number: return number(e, hint);
      case Expr::Kind::date: return date(e);
      case Expr::Kind::string: e.type = ValueType::string; return;
      case Expr::Kind::boolean: e.type = ValueType::boolean; return;
      case Expr::Kind::name: return name(e, hint);
      case Expr::Kind::call: return call(e, hint);
      case Expr::Kind::unary: return unary(e, hint);
      case Expr::Kind::binary: return binary(e, hint);
      case Expr::Kind::in_list: return in_list(e);
    }
  }

  void error(const Expr& at, ErrorCode code, std::string message) {
    errors_.push_back(ExpressionError{at.offset, at.length, code, std::move(message)});
  }

  bool program_name(const std::string& text) const { return names_ && names_->find_program(text) >= 0; }
  // Uses of a named expression whose own check failed (and was reported).
  int quiet_failures() const { return quiet_failures_; }
  std::string type_of(const Expr& e) const { return describe_type(schema_, e.type, e.enum_id); }

 private:
  // A number literal takes the hinted numeric type; without one it stays
  // `number` until an operator gives it a type.
  void number(Expr& e, Hint hint) {
    e.type = ValueType::number;
    ValueType want = hint.type;
    if (e.percent && want != ValueType::rate) want = ValueType::rate;
    if (!numeric(want)) return;
    std::string text = e.text + (e.percent ? "%" : "");
    std::string why;
    ErrorCode code = ErrorCode::invalid_value;
    e.type = ValueType::unresolved;  // a literal that does not fit is reported once, here
    if (want == ValueType::integer) {
      if (e.text.find('.') != std::string::npos) {
        return error(e, ErrorCode::wrong_type, "expected a whole number (int), found " + text);
      }
      if (e.text.size() > 18) return error(e, ErrorCode::limit, "number " + text + " is too large");
    } else if (want == ValueType::money) {
      if (!Money::parse(e.text, &why, &code)) {
        return error(e, code, "'" + text + "' is not a valid money amount: " + why);
      }
    } else if (want == ValueType::decimal) {
      if (!parse_decimal_units(e.text, kMaxDecimalPlaces, &why, &code)) return error(e, code, "'" + text + "' is not a valid decimal: " + why);
    } else if (!Rate::parse(text, &why, &code)) {
      return error(e, code, "'" + text + "' is not a valid rate: " + why);
    }
    e.type = want;
  }

  void date(Expr& e) {
    if (!parse_date(e.text)) {
      error(e, ErrorCode::invalid_value, "invalid date '" + e.text + "': no such calendar day (expected YYYY-MM-DD)");
      return;
    }
    e.type = ValueType::date;
  }

  void name(Expr& e, Hint hint) {
    if (e.text == "as_of") {
      e.type = ValueType::date;
      e.is_as_of = true;
      return;
    }
    if (e.text == "cycle_start" || e.text == "cycle_end") {  // a selection's (the pack loader checks where)
      e.type = ValueType::date;
      (e.text == "cycle_start" ? e.is_cycle_start : e.is_cycle_end) = true;
      return;
    }
    int field = schema_.find_field(e.text);
    if (field >= 0) {
      const FieldDef& f = schema_.fields[static_cast<std::size_t>(field)];
      e.field = field;
      e.type = f.type;
      e.enum_id = f.enum_id;
      return;
    }
    if (int p = names_ ? names_->find_parameter(e.text) : -1; p >= 0) {
      e.parameter = p;
      e.type = names_->parameters[static_cast<std::size_t>(p)].type;
      return;
    }
    if (int x = names_ ? names_->find_expression(e.text) : -1; x >= 0) {
      if (!names_->expressions[static_cast<std::size_t>(x)].sound) return void(++quiet_failures_);
      e.named = x;
      e.type = names_->expressions[static_cast<std::size_t>(x)].expr.type;
      e.enum_id = names_->expressions[static_cast<std::size_t>(x)].expr.enum_id;
      return;
    }
    if (schema_.find_section(e.text) >= 0) {
      return error(e, ErrorCode::wrong_type,
                   "'" + e.text + "' is a section, not a value; use has(" + e.text + ") or one of its fields");
    }
    if (hint.type == ValueType::enumeration && hint.enum_id >= 0) {
      const EnumDef& def = schema_.enums[static_cast<std::size_t>(hint.enum_id)];
      for (std::size_t i = 0; i < def.values.size(); ++i) {
        if (def.values[i].id == e.text) {
          e.type = ValueType::enumeration;
          e.enum_id = hint.enum_id;
          e.enum_value = static_cast<int>(i);
          return;
        }
      }
      std::string list;
      for (const auto& v : def.values) list += (list.empty() ? "" : ", ") + v.id;
      return error(e, ErrorCode::unknown_name,
                   "'" + e.text + "' is not a value of enum " + def.name + did_you_mean(e.text, def.ids()) +
                       "; expected one of: " + list);
    }
    std::vector<std::string> names = schema_.field_paths();
    names.push_back("as_of");
    bool pack_names = names_ && (!names_->parameters.empty() || !names_->expressions.empty());
    for (const auto& p : pack_names ? names_->parameters : std::vector<ParameterDef>{}) names.push_back(p.id);
    for (const auto& x : pack_names ? names_->expressions : std::vector<NamedExpression>{}) names.push_back(x.id);
    if (program_name(e.text)) {
      return error(e, ErrorCode::wrong_type, "'" + e.text + "' is a program, not a value; use eligible(" + e.text + ")");
    }
    error(e, ErrorCode::unknown_name,
          std::string(pack_names ? "unknown name '" : "unknown field '") + e.text + "'" + did_you_mean(e.text, names) +
              (pack_names ? "; expected a field, a parameter, a named expression or as_of" : ""));
  }

  void call(Expr& e, Hint hint) {
    const std::string& f = e.text;
    auto arity = [&](std::size_t n) {
      if (e.args.size() == n) return true;
      error(e, ErrorCode::wrong_type, f + "() takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                                          ", given " + std::to_string(e.args.size()));
      return false;
    };
    switch (e.op) {
      case Operator::years:
      case Operator::months:
      case Operator::days:
        if (!arity(1)) return;
        infer(e.args[0], Hint{ValueType::integer});
        if (expect(e.args[0], ValueType::integer, f + "() counts whole " + f)) e.type = ValueType::duration;
        return;
      case Operator::minimum:
      case Operator::maximum: return min_max(e, hint);
      case Operator::has: {
        if (!arity(1)) return;
        Expr& arg = e.args[0];
        if (arg.kind != Expr::Kind::name || arg.text == "as_of") {
          return error(arg, ErrorCode::wrong_type, "has() takes a field or section path, like has(home_purchase)");
        }
        arg.section = schema_.find_section(arg.text);
        if (arg.section < 0) {
          arg.field = schema_.find_field(arg.text);
          if (arg.field < 0) {
            return error(arg, ErrorCode::unknown_name,
                         "unknown field or section '" + arg.text + "'" + did_you_mean(arg.text, schema_.field_paths()));
          }
        }
        e.type = ValueType::boolean;
        return;
      }
      case Operator::eligible: {
        if (!arity(1)) return;
        Expr& arg = e.args[0];
        if (arg.kind != Expr::Kind::name || !program_name(arg.text)) {
          std::vector<std::string> ids = names_ ? names_->programs : std::vector<std::string>{};
          return error(arg, ErrorCode::unknown_name, "eligible() takes a program's id, not '" + arg.text + "'" +
                                                         did_you_mean(arg.text, ids) + "; the programs are " + join(ids));
        }
        arg.program = names_->find_program(arg.text);
        e.type = ValueType::boolean;
        return;
      }
      default: break;  // a name that is no function
    }
    error(e, ErrorCode::unknown_name,
          "unknown function '" + f + "'" + did_you_mean(f, {"years", "months", "days", "min", "max", "has", "eligible"}) +
              "; expected years, months, days, min, max, has or eligible");
  }

  void min_max(Expr& e, Hint hint) {
    const std::string& f = e.text;
    if (e.args.size() < 2) {
      error(e, ErrorCode::wrong_type, f + "() takes two or more arguments, given " + std::to_string(e.args.size()));
      return;
    }
    Hint common = hint;
    bool any_number = false;
    for (auto& a : e.args) {
      infer(a, common);
      if (a.type == ValueType::number) any_number = true;
      else if (a.type != ValueType::unresolved) common = Hint{a.type, a.enum_id};
    }
    if (common.type == ValueType::unresolved && any_number) common.type = ValueType::number;
    if (!numeric(common.type)) {
      if (common.type != ValueType::unresolved && common.type != ValueType::number) {
        error(e, ErrorCode::wrong_type,
              f + "() compares int, money or rate values, not " + describe_type(schema_, common.type, common.enum_id));
      } else if (common.type == ValueType::number) {
        error(e, ErrorCode::wrong_type, f + "() of plain numbers: combine it with a field so its type is known");
      }
      return;
    }
    for (auto& a : e.args) {
      if (a.type == ValueType::number) infer(a, common);
      if (a.type == ValueType::unresolved) return;
      if (a.type != common.type) {
        return error(a, ErrorCode::wrong_type,
                     f + "() mixes " + describe_type(schema_, common.type, -1) + " with " + type_of(a));
      }
    }
    e.type = common.type;
  }

  void unary(Expr& e, Hint hint) {
    Expr& operand = e.args[0];
    if (e.op == Operator::logical_not) {
      infer(operand, Hint{ValueType::boolean});
      if (expect(operand, ValueType::boolean, "'not' applies to conditions")) e.type = ValueType::boolean;
      return;
    }
    if (e.op != Operator::negate) {
      return error(e, ErrorCode::unknown_name, std::string("unknown operator '") + spelling(e.op) + "'");
    }
    infer(operand, hint);
    if (operand.type == ValueType::unresolved) return;
    if (operand.type == ValueType::number || numeric(operand.type)) {
      e.type = operand.type;
      return;
    }
    error(operand, ErrorCode::wrong_type, "'-' applies to int, money or rate, not " + type_of(operand));
  }

  void binary(Expr& e, Hint hint) {
    const std::string op = spelling(e.op);
    const Family kind = family(e.op);
    Expr& l = e.args[0];
    Expr& r = e.args[1];
    if (kind == Family::none) return error(e, ErrorCode::unknown_name, "unknown operator '" + op + "'");
    if (kind == Family::logic) {
      infer(l, Hint{ValueType::boolean});
      infer(r, Hint{ValueType::boolean});
      bool ok = expect(l, ValueType::boolean, "'" + op + "' joins conditions");
      ok = expect(r, ValueType::boolean, "'" + op + "' joins conditions") && ok;
      if (ok) e.type = ValueType::boolean;
      return;
    }
    bool comparison = kind == Family::comparison;
    if (kind == Family::product) {
      infer(l, Hint{});
      infer(r, Hint{});
    } else {
      Hint side = comparison ? Hint{} : hint;
      // `self_employed == employment.status`: type the field first so that
      // the enum value on the left can be resolved.
      if (comparison && l.kind == Expr::Kind::name && l.text != "as_of" && schema_.find_field(l.text) < 0 &&
          r.kind == Expr::Kind::name && schema_.find_field(r.text) >= 0) {
        infer(r, Hint{});
        side = Hint{r.type, r.enum_id};
      }
      infer(l, side);
      // Without the left side's type a bare name on the right (an enum
      // value) cannot be resolved; one error is enough.
      if (l.type == ValueType::unresolved && r.kind == Expr::Kind::name && r.text != "as_of" &&
          schema_.find_field(r.text) < 0) {
        return;
      }
      infer(r, Hint{l.type == ValueType::number ? side.type : l.type, l.enum_id});
      if (l.type == ValueType::number && r.type != ValueType::number) infer(l, Hint{r.type, r.enum_id});
    }
    if (l.type == ValueType::unresolved || r.type == ValueType::unresolved) return;
    if (kind == Family::product) {
      // A plain number scales: whole numbers are counts, decimals are rates.
      for (Expr* x : {&l, &r}) {
        if (x->type == ValueType::number) {
          bool whole = !x->percent && x->text.find('.') == std::string::npos;
          infer(*x, Hint{whole ? ValueType::integer : ValueType::rate});
          if (x->type == ValueType::unresolved) return;
        }
      }
    }
    if (l.type == ValueType::number && r.type == ValueType::number) {
      infer(l, Hint{ValueType::integer});
      infer(r, Hint{ValueType::integer});
      if (l.type == ValueType::unresolved || r.type == ValueType::unresolved) return;
    }
    if (comparison) return compare(e, l, r);
    bool plus = e.op == Operator::add;
    if (kind == Family::sum) {
      if (l.type == ValueType::date && r.type == ValueType::duration) {
        e.type = ValueType::date;
        return;
      }
      if (r.type == ValueType::date && l.type == ValueType::duration && plus) {
        return error(e, ErrorCode::wrong_type, "write the date first: date + years(n)");
      }
      if (numeric(l.type) && l.type == r.type) {
        e.type = l.type;
        return;
      }
      return error(e, ErrorCode::wrong_type,
                   "cannot " + std::string(plus ? "add " : "subtract ") + type_of(r) + (plus ? " to " : " from ") +
                       type_of(l) + (l.type == ValueType::date ? "; add years(n), months(n) or days(n) to a date" : ""));
    }
    if (e.op == Operator::multiply) {
      ValueType a = l.type, b = r.type;
      auto is = [&](ValueType x, ValueType y) { return (a == x && b == y) || (a == y && b == x); };
      if (a == ValueType::integer && b == ValueType::integer) e.type = ValueType::integer;
      else if (is(ValueType::money, ValueType::integer) || is(ValueType::money, ValueType::rate)) e.type = ValueType::money;
      else if (is(ValueType::rate, ValueType::rate) || is(ValueType::rate, ValueType::integer)) e.type = ValueType::rate;
      else error(e, ErrorCode::wrong_type, "cannot multiply " + type_of(l) + " by " + type_of(r) +
                           (a == ValueType::money && b == ValueType::money ? " (money times money has no meaning)" : ""));
      return;
    }
    // divide
    if ((l.type == ValueType::money || l.type == ValueType::rate) && r.type == ValueType::integer) {
      if (r.kind == Expr::Kind::number && r.text.find_first_not_of("0") == std::string::npos) {
        return error(r, ErrorCode::invalid_value, "division by zero");
      }
      e.type = l.type;
      return;
    }
    error(e, ErrorCode::wrong_type,
          "cannot divide " + type_of(l) + " by " + type_of(r) + "; only money or rate divided by an int");
  }

  void compare(Expr& e, Expr& l, Expr& r) {
    bool ordered = e.op != Operator::equal && e.op != Operator::not_equal;
    if (l.type != r.type || (l.type == ValueType::enumeration && l.enum_id != r.enum_id)) {
      return error(e, ErrorCode::wrong_type, "cannot compare " + type_of(l) + " with " + type_of(r));
    }
    if (ordered && !numeric(l.type) && l.type != ValueType::date) {
      return error(e, ErrorCode::wrong_type,
                   std::string("'") + spelling(e.op) + "' orders numbers and dates, not " + type_of(l));
    }
    if (l.type == ValueType::duration) return error(e, ErrorCode::wrong_type, "cannot compare durations; compare dates instead");
    e.type = ValueType::boolean;
  }

  void in_list(Expr& e) {
    Expr& subject = e.args[0];
    infer(subject, Hint{});
    if (subject.type == ValueType::unresolved) return;
    if (subject.type == ValueType::boolean || subject.type == ValueType::duration || subject.type == ValueType::number) {
      return error(subject, ErrorCode::wrong_type,
                   "'in' tests " + type_of(subject) + "? use a field of type enum, string, int, money, rate or date");
    }
    if (e.args.size() < 2) return error(e, ErrorCode::missing, "the list after 'in' is empty");
    bool ok = true;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      Expr& item = e.args[i];
      bool literal = item.kind == Expr::Kind::number || item.kind == Expr::Kind::date ||
                     item.kind == Expr::Kind::string ||
                     (item.kind == Expr::Kind::name && subject.type == ValueType::enumeration &&
                      schema_.find_field(item.text) < 0 && item.text != "as_of");
      if (!literal) {
        error(item, ErrorCode::invalid_value, "the list after 'in' holds values, not expressions");
        ok = false;
        continue;
      }
      infer(item, Hint{subject.type, subject.enum_id});
      if (item.type == ValueType::unresolved) {
        ok = false;
        continue;
      }
      if (item.type != subject.type) {
        error(item, ErrorCode::wrong_type, "list value " + type_of(item) + " does not match " + type_of(subject));
        ok = false;
        continue;
      }
      for (std::size_t j = 1; j < i; ++j) {
        if (e.args[j].text == item.text && e.args[j].type == item.type) {
          error(item, ErrorCode::duplicate, "'" + item.text + "' is listed twice");
          ok = false;
        }
      }
    }
    if (ok) e.type = ValueType::boolean;
  }

  bool expect(const Expr& e, ValueType want, const std::string& why) {
    if (e.type == ValueType::unresolved) return false;
    if (e.type == want) return true;
    error(e, ErrorCode::wrong_type,
          "expected " + describe_type(schema_, want, -1) + ", found " + type_of(e) + " (" + why + ")");
    return false;
  }


  const Schema& schema_;
  const Names* names_;
  std::vector<ExpressionError>& errors_;
  int quiet_failures_ = 0;
};

}  // namespace

std::string describe_type(const Schema& schema, ValueType type, int enum_id) {
  if (type == ValueType::enumeration && enum_id >= 0) return "enum " + schema.enums[static_cast<std::size_t>(enum_id)].name;
  if (type == ValueType::number) return "a number";
  return type_name(type);
}

bool check_expression(const Schema& schema, Expr& expr, ValueType want, std::vector<ExpressionError>& errors,
                      const Names* names) {
  std::size_t before = errors.size();
  Checker checker(schema, names, errors);
  checker.infer(expr, Hint{want});
  if (errors.size() != before || checker.quiet_failures() > 0) return false;
  if (want == ValueType::unresolved && (expr.type == ValueType::number || expr.type == ValueType::duration)) {
    checker.error(expr, ErrorCode::wrong_type, expr.type == ValueType::number
                                                   ? "a plain number has no type here; declare it as a parameter"
                                                   : "a duration is not a value; name the date it leads to, like graduation_date + years(2)");
    return false;
  }
  if (want != ValueType::unresolved && expr.type != want) {
    checker.error(expr, ErrorCode::wrong_type,
                  "expected " + describe_type(schema, want, -1) + " here, found " + checker.type_of(expr));
    return false;
  }
  return true;
}

}  // namespace talent::detail
