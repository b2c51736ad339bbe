#include "pack/definition_loader.hpp"

#include "base/text.hpp"
#include "talent/money.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

struct ParameterType {
  const char* name;
  ValueType type;
};
constexpr ParameterType kParameterTypes[] = {{"money", ValueType::money}, {"rate", ValueType::rate},
                                             {"int", ValueType::integer}, {"date", ValueType::date},
                                             {"bool", ValueType::boolean}};

const char* parameter_type_name(ValueType type) {
  for (const auto& t : kParameterTypes) {
    if (t.type == type) return t.name;
  }
  return "?";
}

// One value of a parameter's type, from its YAML scalar; false (reported) when
// it is not one.
bool parse_value(YamlReader& r, const YamlNode& node, ValueType type, Value& out, std::string& text) {
  if (!node.is_scalar()) {
    r.error(node, ErrorCode::wrong_type, std::string("expected a ") + parameter_type_name(type) + " value");
    return false;
  }
  const std::string& s = node.value;
  std::string why;
  ErrorCode code = ErrorCode::wrong_type;
  out = Value{};
  out.known = true;
  switch (type) {
    case ValueType::money: {
      auto m = Money::parse(s, &why, &code);
      if (m && m->fen() < 0) {
        why = "amounts are not negative";
        code = ErrorCode::invalid_value;
        m.reset();
      }
      if (!m) break;
      out.number = Exact{m->fen(), 100};
      text = m->to_string();
      return true;
    }
    case ValueType::rate: {
      auto rate = Rate::parse(s, &why, &code);
      if (!rate) break;
      out.number = Exact{rate->units(), Rate::kScale};
      text = rate->to_string();
      return true;
    }
    case ValueType::integer: {
      std::int64_t n = 0;
      WholeNumber w = parse_whole_number(s, n);
      if (w != WholeNumber::ok) {
        why = w == WholeNumber::too_large ? "too large" : "expected a whole number like 2";
        code = w == WholeNumber::too_large ? ErrorCode::limit : ErrorCode::wrong_type;
        break;
      }
      out.number = Exact{n, 1};
      text = std::to_string(n);
      return true;
    }
    case ValueType::date: {
      auto d = parse_date(s);
      if (!d) {
        why = "expected a real date YYYY-MM-DD";
        code = ErrorCode::invalid_value;
        break;
      }
      out.date = *d;
      text = format_date(*d);
      return true;
    }
    case ValueType::boolean:
      if (s != "true" && s != "false") {
        why = "expected true or false";
        break;
      }
      out.flag = s == "true";
      text = s;
      return true;
    default: break;
  }
  r.error(node, code, "invalid " + std::string(parameter_type_name(type)) + " value '" + s + "': " + why);
  return false;
}

class ParameterLoader {
 public:
  ParameterLoader(YamlReader& r, CompiledPack& pack, const Date* not_before)
      : r_(r), pack_(pack), not_before_(not_before) {}

  void load(const YamlNode& list) {
    if (!list.is_sequence()) {
      return r_.error(list, ErrorCode::wrong_type, "expected 'parameters' to be a list of {id, label, type, values}");
    }
    for (const YamlNode& item : list.items) {
      const YamlNode* id = item.is_map() ? item.find("id") : nullptr;
      int existing = id && id->is_scalar() ? pack_.names.find_parameter(id->value) : -1;
      if (existing >= 0) {
        if (r_.mapping(item, "new values of parameter '" + id->value + "'", {"id", "values"}, {})) {
          if (const YamlNode* list = item.find("values")) values(*list, static_cast<std::size_t>(existing));
        }
        continue;
      }
      declare(item);
    }
  }

 private:
  void declare(const YamlNode& item) {
    if (!r_.mapping(item, "a parameter", {"id", "label", "type", "values"}, {"by", "clause", "note"})) return;
    const YamlNode* id = r_.scalar(item, "id");
    const YamlNode* type = r_.scalar(item, "type");
    if (!id || !type || !fresh_name(r_, *id, pack_, id->value)) return;
    ParameterDef def;
    def.id = id->value;
    def.label = r_.text(item, "label");
    auto t = std::find_if(std::begin(kParameterTypes), std::end(kParameterTypes),
                          [&](const ParameterType& k) { return type->value == k.name; });
    if (t == std::end(kParameterTypes)) {
      return r_.error(*type, ErrorCode::unknown_name, "unknown parameter type '" + type->value + "'" +
                                                          did_you_mean(type->value, {"money", "rate", "int", "date", "bool"}) +
                                                          "; expected money, rate, int, date or bool");
    }
    def.type = t->type;
    ParameterInfo info{def.id, def.label, t->name, "", "", {}};
    if (const YamlNode* clause = r_.scalar(item, "clause")) {
      info.clause = clause->value;
      if (!std::any_of(pack_.clauses.begin(), pack_.clauses.end(), [&](const Clause& c) { return c.id == clause->value; })) {
        std::vector<std::string> ids;
        for (const auto& c : pack_.clauses) ids.push_back(c.id);
        r_.error(*clause, ErrorCode::unknown_name, "unknown clause '" + clause->value + "'" + did_you_mean(clause->value, ids));
      }
    }
    if (const YamlNode* by = r_.scalar(item, "by")) {
      int field = pack_.schema.find_field(by->value);
      if (field < 0) {
        return r_.error(*by, ErrorCode::unknown_name,
                        "unknown field '" + by->value + "'" + did_you_mean(by->value, pack_.schema.field_paths()));
      }
      if (pack_.schema.fields[static_cast<std::size_t>(field)].type != ValueType::enumeration) {
        return r_.error(*by, ErrorCode::wrong_type, "a parameter is keyed by an enum field; '" + by->value + "' is " +
                                                        type_name(pack_.schema.fields[static_cast<std::size_t>(field)].type));
      }
      def.by_field = field;
      info.by = by->value;
    }
    pack_.names.parameters.push_back(std::move(def));
    pack_.parameter_infos.push_back(std::move(info));
    // `mapping` has already reported a missing 'values'.
    if (const YamlNode* list = item.find("values")) values(*list, pack_.names.parameters.size() - 1);
  }

  // Appends the dated values under `list` to parameter `index`.
  void values(const YamlNode& list, std::size_t index) {
    ParameterDef& def = pack_.names.parameters[index];
    ParameterInfo& info = pack_.parameter_infos[index];
    if (!list.is_sequence() || list.items.empty()) {
      return r_.error(list, list.is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
                      "expected 'values' to list {since, " + std::string(def.by_field >= 0 ? "table" : "value") +
                          "}: each value and the day from which it applies");
    }
    for (const YamlNode& item : list.items) {
      const char* value_key = def.by_field >= 0 ? "table" : "value";
      if (!r_.mapping(item, "a value of parameter '" + def.id + "'", {"since", value_key}, {"source", "note"})) continue;
      const YamlNode* since = r_.scalar(item, "since");
      if (!since) continue;
      ParameterStep step;
      if (auto d = parse_date(since->value)) step.since = *d;
      else {
        r_.error(*since, ErrorCode::invalid_value, "invalid date '" + since->value + "' for since (expected YYYY-MM-DD)");
        continue;
      }
      if (!def.history.empty() && !(def.history.back().since < step.since)) {
        r_.error(*since, ErrorCode::invalid_value,
                 "values of parameter '" + def.id + "' must be in date order: " + since->value +
                     " is not after " + format_date(def.history.back().since));
        continue;
      }
      if (not_before_ && step.since < *not_before_) {
        r_.error(*since, ErrorCode::invalid_value,
                 "a value of parameter '" + def.id + "' cannot apply from " + since->value + ", before the rules that give it take effect (" +
                     format_date(*not_before_) + ")");
        continue;
      }
      ParameterValueInfo shown{step.since, "", {}};
      // `mapping` reports a missing 'table' or 'value' and keeps going;
      // nothing is read from a key that is not there.
      const YamlNode* given = item.find(value_key);
      if (!given) continue;
      bool ok = def.by_field >= 0 ? table(*item.find_key("table"), *given, def, step, shown)
                                  : parse_value(r_, *given, def.type, step.value, step.text);
      if (!ok) continue;
      shown.value = step.text;
      def.history.push_back(std::move(step));
      info.history.push_back(std::move(shown));
    }
  }

  bool table(const YamlNode& key_node, const YamlNode& node, const ParameterDef& def, ParameterStep& step,
             ParameterValueInfo& shown) {
    const FieldDef& field = pack_.schema.fields[static_cast<std::size_t>(def.by_field)];
    const EnumDef& e = pack_.schema.enums[static_cast<std::size_t>(field.enum_id)];
    if (!node.is_map()) {
      r_.error(node, ErrorCode::wrong_type, "expected 'table' to map each value of enum " + e.name + " to a value");
      return false;
    }
    step.table.assign(e.values.size(), Value{});
    step.table_text.assign(e.values.size(), "");
    std::vector<bool> covered(e.values.size(), false);
    bool ok = true;
    for (const auto& [key, value] : node.entries) {
      int index = -1;
      for (std::size_t i = 0; i < e.values.size(); ++i) {
        if (e.values[i].id == key.value) index = static_cast<int>(i);
      }
      if (index < 0) {
        r_.error(key, ErrorCode::unknown_name, "'" + key.value + "' is not a value of enum " + e.name + did_you_mean(key.value, e.ids()));
        ok = false;
        continue;
      }
      auto i = static_cast<std::size_t>(index);
      covered[i] = true;
      if (!parse_value(r_, value, def.type, step.table[i], step.table_text[i])) ok = false;
    }
    std::string uncovered;
    for (std::size_t i = 0; i < covered.size(); ++i) {
      if (!covered[i]) uncovered += (uncovered.empty() ? "'" : ", '") + e.values[i].id + "'";
    }
    if (!uncovered.empty()) {
      r_.error(key_node, ErrorCode::missing, "the table does not cover every value of enum " + e.name + ": missing " + uncovered);
      return false;
    }
    for (std::size_t i = 0; i < e.values.size(); ++i) shown.rows.emplace_back(e.values[i].id, step.table_text[i]);
    return ok;
  }

  YamlReader& r_;
  CompiledPack& pack_;
  const Date* not_before_;
};

}  // namespace

bool fresh_name(YamlReader& r, const YamlNode& at, const CompiledPack& pack, const std::string& id) {
  const char* clash = nullptr;
  if (id == "as_of") clash = "the as-of date";
  else if (id == "cycle_start" || id == "cycle_end") clash = "a day of a selection program's cycle";
  else if (pack.schema.find_field(id) >= 0) clash = "a field of the record";
  else if (pack.schema.find_section(id) >= 0) clash = "a section of the record";
  else if (pack.names.find_parameter(id) >= 0) clash = "a parameter";
  else if (pack.names.find_expression(id) >= 0) clash = "a named expression";
  else if (pack.names.find_program(id) >= 0) clash = "a program";
  if (!clash) return true;
  r.error(at, ErrorCode::duplicate, "'" + id + "' is already the name of " + clash + "; choose another name");
  return false;
}

void load_parameters(YamlReader& r, const YamlNode& list, CompiledPack& pack, const Date* not_before) {
  ParameterLoader(r, pack, not_before).load(list);
}

void load_definitions(YamlReader& r, CompiledPack& pack, std::vector<ConditionGroup>& groups) {
  const YamlNode& root = r.document().root;
  if (!r.mapping(root, "the definitions", {}, {"expressions", "condition_groups"})) return;
  if (const YamlNode* list = root.find("expressions")) {
    if (!list->is_sequence()) r.error(*list, ErrorCode::wrong_type, "expected 'expressions' to be a list of {id, label, is}");
    for (const YamlNode& item : list->items) {
      if (!r.mapping(item, "a named expression", {"id", "label", "is"}, {"note"})) continue;
      const YamlNode* id = r.scalar(item, "id");
      if (!id || !fresh_name(r, *id, pack, id->value)) continue;
      NamedExpression named{id->value, r.text(item, "label"), Expr{}};
      CompiledExpression unused;
      // Added after its own check, so that it cannot use itself or one
      // defined below it; when that check fails, its uses fail quietly.
      if (!item.find("is")) continue;  // reported by `mapping`
      const YamlNode& is = *item.find("is");
      named.sound = read_expression(r, pack, is, ValueType::unresolved, unused, &named.expr);
      pack.expression_infos.push_back(NamedExpressionInfo{named.id, named.label, is.is_scalar() ? is.value : ""});
      pack.names.expressions.push_back(std::move(named));
    }
  }
  if (const YamlNode* list = root.find("condition_groups")) {
    if (!list->is_sequence()) {
      return r.error(*list, ErrorCode::wrong_type, "expected 'condition_groups' to be a list of {id, label, conditions}");
    }
    for (const YamlNode& item : list->items) {
      if (!r.mapping(item, "a group of conditions", {"id", "label", "conditions"}, {"decision", "note"})) continue;
      ConditionGroup group;
      if (const YamlNode* id = r.scalar(item, "id")) {
        group.id = id->value;
        for (const auto& other : groups) {
          if (other.id == group.id) r.error(*id, ErrorCode::duplicate, "duplicate condition group '" + group.id + "'");
        }
      }
      group.label = r.text(item, "label");
      const YamlNode* decision = r.scalar(item, "decision");
      if (!item.find("conditions")) continue;  // reported by `mapping`
      const YamlNode& conditions = *item.find("conditions");
      if (!conditions.is_sequence() || conditions.items.empty()) {
        r.error(conditions, conditions.is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
                "expected 'conditions' to be a list of {id, label, when}");
        continue;
      }
      // A group may use the groups above it, and serve per-applicant and
      // selection programs alike: its dates are checked where it is used.
      read_conditions(r, pack, conditions, "condition", groups, group.infos, group.compiled, ExpressionDates::either);
      for (auto& c : group.infos) {
        if (c.from.empty()) c.from = group.id;
        if (c.decision.empty() && decision) c.decision = decision->value;
      }
      groups.push_back(std::move(group));
    }
  }
}

}  // namespace talent::detail
