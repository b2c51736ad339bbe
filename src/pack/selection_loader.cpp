#include "pack/selection_loader.hpp"

#include "lang/checker.hpp"
#include "lang/compiler.hpp"
#include "pack/definition_loader.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

bool orderable(ValueType t) {
  return t == ValueType::integer || t == ValueType::money || t == ValueType::rate || t == ValueType::decimal ||
         t == ValueType::date || t == ValueType::string;
}

class SelectionLoader {
 public:
  SelectionLoader(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups)
      : r_(r), pack_(pack), groups_(groups) {}

  void load() {
    const YamlNode& root = r_.document().root;
    // A misspelt kind is the one problem worth reporting: the file's other
    // keys mean nothing until it is known which kind of program it is.
    const YamlNode* kind = root.is_map() ? root.find("kind") : nullptr;
    if (kind && (!kind->is_scalar() || kind->value != "selection")) {
      return r_.error(*kind, ErrorCode::unknown_name,
                      "unknown program kind " + (kind->is_scalar() ? "'" + kind->value + "'" + did_you_mean(kind->value, {"selection"}) : std::string("(not a single value)")) +
                          "; expected 'selection' for a program that selects among a cycle's candidates, or no 'kind' for a program decided per applicant");
    }
    if (!r_.mapping(root, "a selection program", {"id", "kind", "title", "clause", "cycle", "quota", "candidacy", "ranking", "award"},
                    {"remarks", "notes", "decisions"})) {
      return;
    }
    SelectionInfo info;
    CompiledSelection s;
    const YamlNode* id = r_.scalar(root, "id");
    if (id) {
      info.id = id->value;
      bool twice = std::any_of(pack_.selection_infos.begin(), pack_.selection_infos.end(),
                               [&](const SelectionInfo& other) { return other.id == info.id; });
      if (twice) r_.error(*id, ErrorCode::duplicate, "duplicate program id '" + info.id + "'");
      else fresh_name(r_, *id, pack_, info.id);
    }
    info.title = r_.text(root, "title");
    info.notes = r_.text(root, "notes");
    clause(root, info);
    decisions(root, info);
    cycle(*root.find("cycle"), info, s);
    if (const YamlNode* quota = r_.scalar(root, "quota")) {
      s.quota = int_parameter(*quota, "quota", 1, "a cycle's quota selects at least one candidate");
      info.quota = quota->value;
    }
    conditions(*root.find("candidacy"), "candidacy", "condition", info.candidacy, s.program.conditions, true);
    if (const YamlNode* remarks = root.find("remarks")) {
      conditions(*remarks, "remarks", "remark", info.remarks, s.program.remarks, false);
    }
    ranking(*root.find("ranking"), info, s);
    const YamlNode& award = *root.find("award");
    if (award.is_scalar()) info.award_expression = award.value;
    if (read_expression(r_, pack_, award, ValueType::money, s.program.amount, nullptr, ExpressionDates::cycle)) {
      for (int p : s.program.amount.parameters) info.award_parameters.push_back(parameter(p).id);
    }
    if (id) parameters_in_force(*id, s);
    pack_.selection_infos.push_back(std::move(info));
    pack_.selections.push_back(std::move(s));
  }

 private:
  const ParameterDef& parameter(int index) const { return pack_.names.parameters[static_cast<std::size_t>(index)]; }

  void clause(const YamlNode& root, SelectionInfo& info) {
    const YamlNode* clause = r_.scalar(root, "clause");
    if (!clause) return;
    info.clause = clause->value;
    std::vector<std::string> ids;
    for (const auto& c : pack_.clauses) ids.push_back(c.id);
    if (std::find(ids.begin(), ids.end(), info.clause) == ids.end()) {
      r_.error(*clause, ErrorCode::unknown_name, "unknown clause '" + info.clause + "'" + did_you_mean(info.clause, ids) +
                                                     "; clauses are declared in pack.yaml");
    }
  }

  void decisions(const YamlNode& root, SelectionInfo& info) {
    const YamlNode* decisions = root.find("decisions");
    if (!decisions) return;
    if (!decisions->is_sequence()) r_.error(*decisions, ErrorCode::wrong_type, "expected 'decisions' to list the readings this program applies");
    for (const YamlNode& d : decisions->items) {
      if (d.is_scalar()) info.decisions.push_back(d.value);
      else r_.error(d, ErrorCode::wrong_type, "expected a reading's name, like D9");
    }
  }

  // cycle: {every_years: <int parameter>, first: <the first cycle's first day>}
  void cycle(const YamlNode& node, SelectionInfo& info, CompiledSelection& s) {
    if (!r_.mapping(node, "cycle", {"every_years", "first"}, {})) return;
    if (const YamlNode* every = r_.scalar(node, "every_years")) {
      s.every_years = int_parameter(*every, "every_years", 1, "a cycle lasts at least one year");
      info.every_years = every->value;
    }
    const YamlNode* first = r_.scalar(node, "first");
    if (!first) return;
    std::optional<Date> day = parse_date(first->value);
    if (!day) {
      return r_.error(*first, ErrorCode::invalid_value,
                      "invalid date '" + first->value + "' for the first cycle's first day (expected YYYY-MM-DD)");
    }
    if (!pack_.effective_from.is_special() && *day < pack_.effective_from) {
      return r_.error(*first, ErrorCode::invalid_value,
                      "the first cycle cannot open on " + first->value + ", before the rules that give it take effect (" +
                          format_date(pack_.effective_from) + ")");
    }
    s.first_cycle = info.first_cycle = *day;
  }

  // The int parameter `node` names, every value of which is at least
  // `at_least`; -1 (reported) when it is not one.
  int int_parameter(const YamlNode& node, const std::string& what, std::int64_t at_least, const std::string& why) {
    int index = pack_.names.find_parameter(node.value);
    if (index < 0) {
      std::vector<std::string> ints;
      for (const auto& p : pack_.names.parameters) {
        if (p.type == ValueType::integer && p.by_field < 0) ints.push_back(p.id);
      }
      r_.error(node, ErrorCode::unknown_name, "unknown parameter '" + node.value + "'" + did_you_mean(node.value, ints) +
                                                  "; '" + what + "' names an int parameter (parameters.yaml)");
      return -1;
    }
    const ParameterDef& p = parameter(index);
    if (p.type != ValueType::integer || p.by_field >= 0) {
      r_.error(node, ErrorCode::wrong_type, "'" + what + "' names an int parameter; '" + node.value + "' is " +
                                                (p.by_field >= 0 ? "a table keyed by an enum field" : std::string("of type ") + type_name(p.type)));
      return -1;
    }
    for (const ParameterStep& step : p.history) {
      if (step.value.number.num < at_least) {
        r_.error(node, ErrorCode::invalid_value, "parameter '" + p.id + "' is " + step.text + " from " + format_date(step.since) +
                                                     "; " + why);
        return -1;
      }
    }
    return index;
  }

  void conditions(const YamlNode& list, const char* key, const char* what, std::vector<ConditionInfo>& infos,
                  std::vector<CompiledExpression>& compiled, bool required) {
    if (!list.is_sequence() || (required && list.items.empty())) {
      return r_.error(list, list.is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
                      std::string("expected '") + key + "' to be a list of {id, label, when}");
    }
    read_conditions(r_, pack_, list, what, groups_, infos, compiled, ExpressionDates::cycle);
  }

  // ranking: a list of {key: <expression>, order: ascending|descending},
  // ending with the record's id.
  void ranking(const YamlNode& list, SelectionInfo& info, CompiledSelection& s) {
    if (!list.is_sequence() || list.items.empty()) {
      return r_.error(list, list.is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
                      "expected 'ranking' to list the keys candidates are ranked by, each {key, order}, the record's id last");
    }
    bool sound = true;
    for (const YamlNode& item : list.items) {
      if (!r_.mapping(item, "a ranking key", {"key", "order"}, {})) {
        sound = false;
        continue;
      }
      RankingKey k;
      RankingKeyInfo shown;
      if (const YamlNode* order = r_.scalar(item, "order")) {
        if (order->value == "descending" || order->value == "ascending") {
          k.descending = shown.descending = order->value == "descending";
        } else {
          sound = false;
          r_.error(*order, ErrorCode::unknown_name, "unknown order '" + order->value + "'" +
                                                        did_you_mean(order->value, {"ascending", "descending"}) +
                                                        "; expected descending (highest first) or ascending (lowest first)");
        }
      }
      const YamlNode& key = *item.find("key");
      if (key.is_scalar()) shown.key = key.value;
      Expr tree;
      if (!read_expression(r_, pack_, key, ValueType::unresolved, k.key, &tree, ExpressionDates::cycle)) {
        sound = false;
        continue;
      }
      if (!orderable(tree.type)) {
        r_.error(key, ErrorCode::wrong_type, "a ranking key orders numbers, dates or text, not " +
                                                 describe_type(pack_.schema, tree.type, tree.enum_id));
        sound = false;
        continue;
      }
      k.key = compile_expression(tree, pack_);
      if (!dates_fit(r_, key, k.key, ExpressionDates::cycle)) sound = false;
      s.ranking.push_back(std::move(k));
      info.ranking.push_back(std::move(shown));
    }
    if (!sound || s.ranking.empty()) return;
    // The id makes the order total: two candidates never tie on it (select()
    // rejects a cycle's records that share an id).
    const Node& last = pack_.nodes[s.ranking.back().key.root];
    if (last.op != Op::field || static_cast<int>(last.a) != pack_.schema.id_field) {
      const std::string& id = pack_.schema.fields[static_cast<std::size_t>(pack_.schema.id_field)].path;
      r_.error(*list.items.back().find("key"), ErrorCode::invalid_value,
               "the ranking must end with the record's id ('- {key: " + id + ", order: ascending}'), so that no two candidates tie");
    }
  }

  // Every parameter the selection reads has a value when its first cycle opens.
  void parameters_in_force(const YamlNode& id, const CompiledSelection& s) {
    if (s.first_cycle.is_special()) return;
    std::vector<int> read;
    for (int p : {s.every_years, s.quota}) {
      if (p >= 0) read.push_back(p);
    }
    auto add = [&](const CompiledExpression& e) { read.insert(read.end(), e.parameters.begin(), e.parameters.end()); };
    for (const auto& c : s.program.conditions) add(c);
    for (const auto& c : s.program.remarks) add(c);
    for (const auto& k : s.ranking) add(k.key);
    add(s.program.amount);
    std::vector<int> reported;
    for (int index : read) {
      const ParameterDef& p = parameter(index);
      if (p.at(s.first_cycle) || std::find(reported.begin(), reported.end(), index) != reported.end()) continue;
      reported.push_back(index);
      r_.error(id, ErrorCode::missing, "selection program '" + id.value + "' reads parameter '" + p.id + "', which has no value on " +
                                           format_date(s.first_cycle) + ", when its first cycle opens" +
                                           (p.history.empty() ? "" : "; its first value applies from " + format_date(p.history.front().since)));
    }
  }

  YamlReader& r_;
  CompiledPack& pack_;
  const std::vector<ConditionGroup>& groups_;
};

}  // namespace

void load_selection(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups) {
  SelectionLoader(r, pack, groups).load();
}

}  // namespace talent::detail
