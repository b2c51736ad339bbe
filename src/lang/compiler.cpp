#include "lang/compiler.hpp"

#include "talent/date.hpp"

#include <algorithm>
#include <optional>

namespace talent::detail {
namespace {

class Compiler {
 public:
  explicit Compiler(CompiledPack& pack) : pack_(pack) {}

  std::uint32_t emit(const Expr& e, CompiledExpression& out) {
    switch (e.kind) {
      case Expr::Kind::number:
      case Expr::Kind::date:
      case Expr::Kind::string:
      case Expr::Kind::boolean:
        return constant(literal(e), e.type);
      case Expr::Kind::name:
        if (e.is_as_of) {
          out.reads_as_of = true;
          return push(Node{Op::as_of, ValueType::date});
        }
        if (e.field >= 0) {
          if (std::find(out.fields.begin(), out.fields.end(), e.field) == out.fields.end()) out.fields.push_back(e.field);
          Node n{Op::field, e.type};
          n.a = static_cast<std::uint32_t>(e.field);
          return push(n);
        }
        return constant(literal(e), e.type);  // an enum value
      case Expr::Kind::call: return call(e, out);
      case Expr::Kind::unary: {
        Node n{e.text == "not" ? Op::logical_not : Op::negate, e.type};
        n.a = emit(e.args[0], out);
        return push(n);
      }
      case Expr::Kind::binary: return binary(e, out);
      case Expr::Kind::in_list: {
        std::vector<const Expr*> values;
        for (std::size_t i = 1; i < e.args.size(); ++i) values.push_back(&e.args[i]);
        if (auto fused = enum_test(e.args[0], values, e.negated, out)) return *fused;
        Node n{e.negated ? Op::not_in_list : Op::in_list, ValueType::boolean};
        n.a = emit(e.args[0], out);
        n.b = static_cast<std::uint32_t>(pack_.constants.size());
        for (std::size_t i = 1; i < e.args.size(); ++i) pack_.constants.push_back(literal(e.args[i]));
        n.c = static_cast<std::uint32_t>(e.args.size() - 1);
        n.operand = e.args[0].type;
        return push(n);
      }
    }
    return 0;
  }

 private:
  std::uint32_t call(const Expr& e, CompiledExpression& out) {
    if (e.text == "has") {
      const Expr& arg = e.args[0];
      if (arg.section >= 0 && std::find(out.sections.begin(), out.sections.end(), arg.section) == out.sections.end()) {
        out.sections.push_back(arg.section);
      }
      if (arg.field >= 0 && std::find(out.fields.begin(), out.fields.end(), arg.field) == out.fields.end()) {
        out.fields.push_back(arg.field);
      }
      Node n{Op::has, ValueType::boolean};
      n.a = static_cast<std::uint32_t>(arg.section >= 0
                                           ? pack_.schema.sections[static_cast<std::size_t>(arg.section)].slot
                                           : pack_.schema.fields[static_cast<std::size_t>(arg.field)].slot);
      return push(n);
    }
    if (e.text == "min" || e.text == "max") {
      std::uint32_t acc = emit(e.args[0], out);
      for (std::size_t i = 1; i < e.args.size(); ++i) {
        Node n{e.text == "min" ? Op::minimum : Op::maximum, e.type};
        n.a = acc;
        n.b = emit(e.args[i], out);
        acc = push(n);
      }
      return acc;
    }
    // years(n) / months(n) / days(n) are emitted by the date arithmetic that uses them.
    return emit(e.args[0], out);
  }

  std::uint32_t binary(const Expr& e, CompiledExpression& out) {
    const std::string& op = e.text;
    const Expr& l = e.args[0];
    const Expr& r = e.args[1];
    if (e.type == ValueType::date) {  // date ± years(n) / months(n) / days(n)
      Node n{r.text == "years" ? Op::add_years : r.text == "months" ? Op::add_months : Op::add_days, ValueType::date};
      n.negative = op == "-";
      n.a = emit(l, out);
      n.b = emit(r.args[0], out);
      return push(n);
    }
    if (op == "==" || op == "!=") {
      // `field == value` on an enum: one node testing a bit mask, the common
      // shape of eligibility conditions.
      const Expr* field = l.field >= 0 ? &l : &r;
      const Expr* value = l.field >= 0 ? &r : &l;
      if (auto fused = enum_test(*field, {value}, op == "!=", out)) return *fused;
    }
    Node n{Op::constant, e.type};
    if (op == "and") n.op = Op::logical_and;
    else if (op == "or") n.op = Op::logical_or;
    else if (op == "==") n.op = Op::equal;
    else if (op == "!=") n.op = Op::not_equal;
    else if (op == "<") n.op = Op::less;
    else if (op == "<=") n.op = Op::less_equal;
    else if (op == ">") n.op = Op::greater;
    else if (op == ">=") n.op = Op::greater_equal;
    else if (op == "+") n.op = Op::add;
    else if (op == "-") n.op = Op::subtract;
    else if (op == "*") n.op = Op::multiply;
    else if (op == "/") n.op = Op::divide;
    n.operand = l.type;
    n.a = emit(l, out);
    n.b = emit(r, out);
    return push(n);
  }

  // An enum field tested against enum literals, as a single mask node; nullopt
  // when the shape does not fit (not an enum field, a value not literal, or
  // more than 64 enum values).
  std::optional<std::uint32_t> enum_test(const Expr& field, const std::vector<const Expr*>& values, bool negative,
                                         CompiledExpression& out) {
    if (field.kind != Expr::Kind::name || field.field < 0 || field.type != ValueType::enumeration) return std::nullopt;
    // The mask holds one bit per value of the enum, so the enum must fit in it.
    if (pack_.schema.enums[static_cast<std::size_t>(field.enum_id)].values.size() > 64) return std::nullopt;
    std::uint64_t mask = 0;
    for (const Expr* v : values) {
      if (v->kind != Expr::Kind::name || v->field >= 0 || v->enum_value < 0 || v->enum_value >= 64) return std::nullopt;
      mask |= std::uint64_t{1} << v->enum_value;
    }
    if (std::find(out.fields.begin(), out.fields.end(), field.field) == out.fields.end()) out.fields.push_back(field.field);
    Node n{Op::enum_test, ValueType::boolean};
    n.negative = negative;
    n.a = static_cast<std::uint32_t>(field.field);
    n.b = static_cast<std::uint32_t>(mask);
    n.c = static_cast<std::uint32_t>(mask >> 32);
    return push(n);
  }

  Value literal(const Expr& e) {
    Value v;
    v.known = true;
    switch (e.type) {
      case ValueType::boolean: v.flag = e.text == "true"; break;
      case ValueType::integer: {
        Int128 n = 0;
        for (char c : e.text) n = n * 10 + (c - '0');
        v.number = Exact{n, 1};
        break;
      }
      case ValueType::money: v.number = Exact{Money::parse(e.text)->fen(), 100}; break;
      case ValueType::rate:
        v.number = Exact{Rate::parse(e.text + (e.percent ? "%" : ""))->units(), Rate::kScale};
        break;
      case ValueType::date: v.date = *parse_date(e.text); break;
      case ValueType::enumeration: v.choice = e.enum_value; break;
      case ValueType::string:
        pack_.strings.push_back(e.text);
        v.text = &pack_.strings.back();
        break;
      default: v.known = false; break;
    }
    return v;
  }

  std::uint32_t constant(Value v, ValueType type) {
    Node n{Op::constant, type};
    n.a = static_cast<std::uint32_t>(pack_.constants.size());
    pack_.constants.push_back(v);
    return push(n);
  }

  std::uint32_t push(Node n) {
    pack_.nodes.push_back(n);
    return static_cast<std::uint32_t>(pack_.nodes.size() - 1);
  }

  CompiledPack& pack_;
};

// What the nodes of one compiled expression, [first, end) of the pack, can
// answer. A node reading a field's value is unknown when the record lacks the
// value; has() and as_of always have an answer. One enum test accepting every
// value of its enum is never false.
void describe(const CompiledPack& pack, std::size_t first, CompiledExpression& out) {
  for (std::size_t i = first; i < pack.nodes.size(); ++i) {
    if (pack.nodes[i].op == Op::field || pack.nodes[i].op == Op::enum_test) out.reads_value = true;
  }
  const Node& root = pack.nodes[out.root];
  if (root.op != Op::enum_test || root.negative) return;
  std::uint64_t mask = root.b | (std::uint64_t{root.c} << 32);
  const FieldDef& f = pack.schema.fields[root.a];
  std::size_t values = pack.schema.enums[static_cast<std::size_t>(f.enum_id)].values.size();
  out.cannot_be_false = mask == (values >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << values) - 1);
}

}  // namespace

CompiledExpression compile_expression(const Expr& expr, CompiledPack& pack) {
  CompiledExpression out;
  std::size_t first = pack.nodes.size();
  out.root = Compiler(pack).emit(expr, out);
  std::sort(out.fields.begin(), out.fields.end());
  describe(pack, first, out);
  return out;
}

}  // namespace talent::detail
