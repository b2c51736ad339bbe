#include "pack/program_loader.hpp"

#include "pack/expression_reader.hpp"
#include "pack/selection_loader.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

class ProgramLoader {
 public:
  ProgramLoader(CompiledPack& pack, const std::vector<ConditionGroup>& groups) : pack_(pack), groups_(groups) {}

  // Reads the program, then appends it to the pack even when it has errors:
  // the diagnostics keep the pack from becoming a rule set.
  void load(YamlReader& r) {
    const YamlNode& root = r.document().root;
    if (!r.mapping(root, "a program", {"id", "title", "clause", "frequency", "conditions", "amount"},
                   {"window", "remarks", "notes", "decisions", "amount_label"})) {
      return;
    }
    CompiledProgram p;
    ProgramInfo info;
    if (const YamlNode* id = r.scalar(root, "id")) {
      info.id = id->value;
      for (const auto& other : pack_.program_infos) {
        if (other.id == info.id) r.error(*id, ErrorCode::duplicate, "duplicate program id '" + info.id + "'");
      }
    }
    info.title = r.text(root, "title");
    info.notes = r.text(root, "notes");
    if (const YamlNode* clause = r.scalar(root, "clause")) {
      info.clause = clause->value;
      std::vector<std::string> ids = clause_ids();
      if (std::find(ids.begin(), ids.end(), info.clause) == ids.end()) {
        r.error(*clause, ErrorCode::unknown_name, "unknown clause '" + info.clause + "'" + did_you_mean(info.clause, ids) +
                                                      "; clauses are declared in pack.yaml");
      }
    }
    if (const YamlNode* f = r.scalar(root, "frequency")) {
      if (f->value == "monthly") info.frequency = Frequency::monthly;
      else if (f->value == "once") info.frequency = Frequency::once;
      else r.error(*f, ErrorCode::unknown_name, "unknown frequency '" + f->value + "'; expected monthly or once");
    }
    // How a decision names the amount; by default, by its frequency.
    info.amount_label = r.text(root, "amount_label");
    if (info.amount_label.zh.empty() && info.amount_label.en.empty()) {
      info.amount_label = info.frequency == Frequency::monthly ? LocalizedText{"每月", "per month"} : LocalizedText{"一次性", "once"};
    }
    if (const YamlNode* decisions = root.find("decisions")) {
      if (!decisions->is_sequence()) r.error(*decisions, ErrorCode::wrong_type, "expected 'decisions' to list the readings this program applies");
      for (const YamlNode& d : decisions->items) {
        if (d.is_scalar()) info.decisions.push_back(d.value);
        else r.error(d, ErrorCode::wrong_type, "expected a reading's name, like D1");
      }
    }
    load_conditions(r, root, "conditions", info.conditions, p.conditions, true);
    load_conditions(r, root, "remarks", info.remarks, p.remarks, false);
    if (const YamlNode* amount = root.find("amount")) load_amount(r, *amount, p, info);
    if (const YamlNode* window = root.find("window")) {
      if (r.mapping(*window, "window", {"start", "end"}, {})) {
        const YamlNode* start = r.scalar(*window, "start");
        const YamlNode* end = r.scalar(*window, "end");
        if (start && end) {
          info.window_start = start->value;
          info.window_end = end->value;
          bool ok = expression(r, *start, ValueType::date, p.window_start);
          ok = expression(r, *end, ValueType::date, p.window_end) && ok;
          p.has_window = ok;
        }
      }
    }
    pack_.program_infos.push_back(std::move(info));
    pack_.programs.push_back(std::move(p));
  }

 private:
  void load_conditions(YamlReader& r, const YamlNode& root, const char* key, std::vector<ConditionInfo>& infos,
                       std::vector<CompiledExpression>& compiled, bool required) {
    const YamlNode* list = root.find(key);
    if (!list) return;
    if (!list->is_sequence() || (required && list->items.empty())) {
      return r.error(*list, list->is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
                     std::string("expected '") + key + "' to be a list of {id, label, when}");
    }
    read_conditions(r, pack_, *list, key == std::string("remarks") ? "remark" : "condition", groups_, infos, compiled);
  }

  void load_amount(YamlReader& r, const YamlNode& amount, CompiledProgram& p, ProgramInfo& info) {
    if (amount.is_scalar()) {
      info.amount_expression = amount.value;
      Expr tree;
      if (!read_expression(r, pack_, amount, ValueType::money, p.amount, &tree)) return;
      for (int index : p.amount.parameters) info.amount_parameters.push_back(pack_.names.parameters[static_cast<std::size_t>(index)].id);
      // An amount that is a table parameter reads as a table: its rows as the
      // pack takes effect, for `talent rules` and for coverage of each row.
      if (tree.kind == Expr::Kind::name && tree.parameter >= 0) {
        const ParameterDef& def = pack_.names.parameters[static_cast<std::size_t>(tree.parameter)];
        const ParameterStep* step = def.at(pack_.effective_from);
        if (def.by_field < 0 || !step) return;
        const FieldDef& key = pack_.schema.fields[static_cast<std::size_t>(def.by_field)];
        info.amount_table_field = key.path;
        const EnumDef& e = pack_.schema.enums[static_cast<std::size_t>(key.enum_id)];
        for (std::size_t i = 0; i < e.values.size(); ++i) {
          if (auto m = Money::parse(step->table_text[i])) info.amount_table.push_back(AmountRow{e.values[i].id, *m});
        }
      }
      return;
    }
    if (!r.mapping(amount, "amount", {"by", "table"}, {})) return;
    const YamlNode* by = r.scalar(amount, "by");
    const YamlNode* table = amount.find("table");
    if (!by || !table) return;
    int field = pack_.schema.find_field(by->value);
    if (field < 0) {
      return r.error(*by, ErrorCode::unknown_name,
                     "unknown field '" + by->value + "'" + did_you_mean(by->value, pack_.schema.field_paths()));
    }
    const FieldDef& f = pack_.schema.fields[static_cast<std::size_t>(field)];
    if (f.type != ValueType::enumeration) {
      return r.error(*by, ErrorCode::wrong_type,
                     "an amount table is keyed by an enum field; '" + by->value + "' is " + type_name(f.type));
    }
    if (!table->is_map()) return r.error(*table, ErrorCode::wrong_type, "expected 'table' to map each value of the enum to an amount");
    const EnumDef& e = pack_.schema.enums[static_cast<std::size_t>(f.enum_id)];
    p.amount_is_table = true;
    p.table_field = field;
    info.amount_table_field = f.path;
    p.table.assign(e.values.size(), Money());
    std::vector<bool> covered(e.values.size(), false);
    for (const auto& [key, value] : table->entries) {
      int index = -1;
      for (std::size_t i = 0; i < e.values.size(); ++i) {
        if (e.values[i].id == key.value) index = static_cast<int>(i);
      }
      if (index < 0) {
        r.error(key, ErrorCode::unknown_name,
                "'" + key.value + "' is not a value of enum " + e.name + did_you_mean(key.value, e.ids()));
        continue;
      }
      std::string why;
      ErrorCode code = ErrorCode::wrong_type;
      std::optional<Money> m;
      if (value.is_scalar()) m = Money::parse(value.value, &why, &code);
      else why = "expected an amount like 1000.00";
      covered[static_cast<std::size_t>(index)] = true;  // reported below if invalid, not as uncovered too
      if (!m) {
        r.error(value, code, "invalid amount for '" + key.value + "': " + why);
        continue;
      }
      if (m->fen() < 0) {
        r.error(value, ErrorCode::invalid_value, "invalid amount for '" + key.value + "': amounts are not negative");
        continue;
      }
      p.table[static_cast<std::size_t>(index)] = *m;
      covered[static_cast<std::size_t>(index)] = true;
      info.amount_table.push_back(AmountRow{key.value, *m});
    }
    std::string uncovered;
    for (std::size_t i = 0; i < covered.size(); ++i) {
      if (!covered[i]) uncovered += (uncovered.empty() ? "'" : ", '") + e.values[i].id + "'";
    }
    if (!uncovered.empty()) {
      r.error(*amount.find_key("table"), ErrorCode::missing,
              "the amount table does not cover every value of enum " + e.name + ": missing " + uncovered);
    }
  }

  bool expression(YamlReader& r, const YamlNode& node, ValueType want, CompiledExpression& out) {
    return read_expression(r, pack_, node, want, out);
  }

  std::vector<std::string> clause_ids() const {
    std::vector<std::string> ids;
    for (const auto& c : pack_.clauses) ids.push_back(c.id);
    return ids;
  }

  CompiledPack& pack_;
  const std::vector<ConditionGroup>& groups_;
};

}  // namespace

void load_program(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups) {
  const YamlNode& root = r.document().root;
  if (root.is_map() && root.find("kind")) return load_selection(r, pack, groups);
  ProgramLoader(pack, groups).load(r);
}

}  // namespace talent::detail
