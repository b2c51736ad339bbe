#include "lang/compiler.hpp"

#include "lang/checker.hpp"

#include "talent/date.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

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
        if (e.is_cycle_start || e.is_cycle_end) {
          out.reads_cycle = true;
          return push(Node{e.is_cycle_start ? Op::cycle_start : Op::cycle_end, ValueType::date});
        }
        if (e.field >= 0) {
          add_field(e.field, out);
          Node n{Op::field, e.type};
          n.a = static_cast<std::uint32_t>(e.field);
          return push(n);
        }
        if (e.parameter >= 0) {
          const ParameterDef& p = pack_.names.parameters[static_cast<std::size_t>(e.parameter)];
          if (p.by_field >= 0) add_field(p.by_field, out);
          add_once(e.parameter, out.parameters);
          Node n{Op::parameter, e.type};
          n.a = static_cast<std::uint32_t>(e.parameter);
          return push(n);
        }
        if (e.named >= 0) return named(e.named, out);
        return constant(literal(e), e.type);  // an enum value
      case Expr::Kind::call: return call(e, out);
      case Expr::Kind::unary: {
        Node n{node_op(e), e.type};
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
    unchecked(e);
  }

 private:
  std::uint32_t call(const Expr& e, CompiledExpression& out) {
    if (e.op == Operator::has) {
      const Expr& arg = e.args[0];
      if (arg.section >= 0 && std::find(out.sections.begin(), out.sections.end(), arg.section) == out.sections.end()) {
        out.sections.push_back(arg.section);
      }
      if (arg.field >= 0) add_field(arg.field, out);
      Node n{Op::has, ValueType::boolean};
      n.a = static_cast<std::uint32_t>(arg.section >= 0
                                           ? pack_.schema.sections[static_cast<std::size_t>(arg.section)].slot
                                           : pack_.schema.fields[static_cast<std::size_t>(arg.field)].slot);
      return push(n);
    }
    if (e.op == Operator::eligible) {
      int key = e.args[0].program;
      if (key < 0) unchecked(e);
      add_once(key, out.programs);
      Node n{Op::program_status, ValueType::boolean};
      n.a = static_cast<std::uint32_t>(key);
      return push(n);
    }
    // min and max fold left over their arguments. years(n), months(n) and
    // days(n) are emitted by the date arithmetic that uses them, never alone.
    Op op = node_op(e);
    if (op != Op::minimum && op != Op::maximum) unchecked(e);
    std::uint32_t acc = emit(e.args[0], out);
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      Node n{op, e.type};
      n.a = acc;
      n.b = emit(e.args[i], out);
      acc = push(n);
    }
    return acc;
  }

  std::uint32_t binary(const Expr& e, CompiledExpression& out) {
    const Expr& l = e.args[0];
    const Expr& r = e.args[1];
    if (e.type == ValueType::date) {  // date ± years(n) / months(n) / days(n)
      Node n{node_op(r), ValueType::date};
      bool shift = n.op == Op::add_years || n.op == Op::add_months || n.op == Op::add_days;
      if (!shift || (e.op != Operator::add && e.op != Operator::subtract)) unchecked(e);
      n.negative = e.op == Operator::subtract;
      n.a = emit(l, out);
      n.b = emit(r.args[0], out);
      return push(n);
    }
    if (e.op == Operator::equal || e.op == Operator::not_equal) {
      // `field == value` on an enum: one node testing a bit mask, the common
      // shape of eligibility conditions.
      const Expr* field = l.field >= 0 ? &l : &r;
      const Expr* value = l.field >= 0 ? &r : &l;
      if (auto fused = enum_test(*field, {value}, e.op == Operator::not_equal, out)) return *fused;
    }
    Node n{node_op(e), e.type};
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
    add_field(field.field, out);
    Node n{Op::enum_test, ValueType::boolean};
    n.negative = negative;
    n.a = static_cast<std::uint32_t>(field.field);
    n.b = static_cast<std::uint32_t>(mask);
    n.c = static_cast<std::uint32_t>(mask >> 32);
    return push(n);
  }

  // The node operation for an operator, on the kind of node it belongs to.
  // Every operator is listed and none falls back to a constant: a tree that
  // did not pass the checker is refused.
  static Op node_op(const Expr& e) {
    using K = Expr::Kind;
    auto on = [&](K kind, Op op) { return e.kind == kind ? op : (unchecked(e), op); };
    switch (e.op) {
      case Operator::negate: return on(K::unary, Op::negate);
      case Operator::logical_not: return on(K::unary, Op::logical_not);
      case Operator::logical_or: return on(K::binary, Op::logical_or);
      case Operator::logical_and: return on(K::binary, Op::logical_and);
      case Operator::equal: return on(K::binary, Op::equal);
      case Operator::not_equal: return on(K::binary, Op::not_equal);
      case Operator::less: return on(K::binary, Op::less);
      case Operator::less_equal: return on(K::binary, Op::less_equal);
      case Operator::greater: return on(K::binary, Op::greater);
      case Operator::greater_equal: return on(K::binary, Op::greater_equal);
      case Operator::add: return on(K::binary, Op::add);
      case Operator::subtract: return on(K::binary, Op::subtract);
      case Operator::multiply: return on(K::binary, Op::multiply);
      case Operator::divide: return on(K::binary, Op::divide);
      case Operator::years: return on(K::call, Op::add_years);
      case Operator::months: return on(K::call, Op::add_months);
      case Operator::days: return on(K::call, Op::add_days);
      case Operator::minimum: return on(K::call, Op::minimum);
      case Operator::maximum: return on(K::call, Op::maximum);
      case Operator::has:  // compiled by call()
      case Operator::eligible:
      case Operator::none: break;
    }
    unchecked(e);
  }

  // A named expression, inlined. The outermost ones of type date are kept
  // with the node their copy starts at: an explanation shows the day they
  // come to (毕业满2年之日为 2025-06-30).
  std::uint32_t named(int index, CompiledExpression& out) {
    const NamedExpression& x = pack_.names.expressions[static_cast<std::size_t>(index)];
    ++named_depth_;
    std::uint32_t node = emit(x.expr, out);
    --named_depth_;
    bool listed = std::any_of(out.named_dates.begin(), out.named_dates.end(), [&](const NamedDate& d) { return d.expression == index; });
    if (named_depth_ == 0 && x.expr.type == ValueType::date && !listed) out.named_dates.push_back(NamedDate{index, node});
    return node;
  }

  [[noreturn]] static void unchecked(const Expr& e) {
    throw std::logic_error("compile_expression: the tree was not type-checked (operator '" +
                           std::string(spelling(e.op)) + "' at byte " + std::to_string(e.offset) + ")");
  }

  Value literal(const Expr& e) {
    Value v;
    v.known = true;
    switch (e.type) {
      case ValueType::boolean: v.flag = e.text == "true"; break;
      case ValueType::integer:
      case ValueType::money:
      case ValueType::rate:
      case ValueType::decimal: v.number = number_value(e); break;
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

  static void add_once(int item, std::vector<int>& list) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
  }
  static void add_field(int field, CompiledExpression& out) { add_once(field, out.fields); }

  std::uint32_t push(Node n) {
    pack_.nodes.push_back(n);
    return static_cast<std::uint32_t>(pack_.nodes.size() - 1);
  }

  CompiledPack& pack_;
  int named_depth_ = 0;  // named expressions being inlined, one inside another
};

// What the nodes of one compiled expression, [first, end) of the pack, can
// answer. A node reading a field's value is unknown when the record lacks the
// value; has() and as_of always have an answer. One enum test accepting every
// value of its enum is never false.
void describe(const CompiledPack& pack, std::size_t first, CompiledExpression& out) {
  for (std::size_t i = first; i < pack.nodes.size(); ++i) {
    const Node& n = pack.nodes[i];
    if (n.op == Op::field || n.op == Op::enum_test) out.reads_value = true;
    if (n.op == Op::program_status) out.reads_value = true;  // another program may need information
    if (n.op == Op::parameter && pack.names.parameters[n.a].by_field >= 0) out.reads_value = true;
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
