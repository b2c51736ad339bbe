#include "pack/amendment_loader.hpp"

#include "pack/definition_loader.hpp"
#include "pack/schema_loader.hpp"

#include <algorithm>
#include <functional>

namespace talent::detail {
namespace {

class AmendmentLoader {
 public:
  AmendmentLoader(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups,
                  std::vector<ProgramAnchor>& anchors)
      : r_(r), pack_(pack), groups_(groups), anchors_(anchors) {}

  void load() {
    const YamlNode& root = r_.document().root;
    if (!r_.mapping(root, "an amendment", {"id", "title", "effective_from", "source"},
                    {"fields", "parameters", "programs", "notes"})) {
      return;
    }
    const CompiledVersion& previous = pack_.versions.back();
    CompiledVersion version;
    VersionInfo& info = version.info;
    if (const YamlNode* id = r_.scalar(root, "id")) {
      info.id = id->value;
      for (const auto& v : pack_.versions) {
        if (v.info.id == info.id) r_.error(*id, ErrorCode::duplicate, "version '" + info.id + "' is declared twice");
      }
    }
    info.title = r_.text(root, "title");
    const YamlNode* effective = r_.scalar(root, "effective_from");
    if (!effective) return;
    auto date = parse_date(effective->value);
    if (!date) {
      return r_.error(*effective, ErrorCode::invalid_value,
                      "invalid date '" + effective->value + "' for effective_from (expected YYYY-MM-DD)");
    }
    if (!(previous.info.effective_from < *date)) {
      return r_.error(*effective, ErrorCode::invalid_value,
                      "an amendment must take effect after the version before it ('" + previous.info.id + "', from " +
                          format_date(previous.info.effective_from) + "); amendments are listed in date order");
    }
    info.effective_from = *date;
    if (const YamlNode* source = root.find("source")) read_source(*source, info.source);
    if (const YamlNode* fields = root.find("fields")) add_fields(*fields);
    if (const YamlNode* parameters = root.find("parameters")) load_parameters(r_, *parameters, pack_, &info.effective_from);
    info.programs = previous.info.programs;
    if (const YamlNode* programs = root.find("programs")) {
      if (!programs->is_sequence()) {
        r_.error(*programs, ErrorCode::wrong_type, "expected 'programs' to list the changes, one {program, ...} each");
      } else {
        for (const YamlNode& change : programs->items) amend(change, info);
      }
    }
    pack_.versions.push_back(std::move(version));
  }

 private:
  void read_source(const YamlNode& node, VersionSource& out) {
    if (node.is_scalar()) {
      out.document = node.value;
      return;
    }
    if (!r_.mapping(node, "source", {"document"}, {"clause", "published", "url"})) return;
    if (const YamlNode* n = r_.scalar(node, "document")) out.document = n->value;
    if (const YamlNode* n = r_.scalar(node, "clause")) out.clause = n->value;
    if (const YamlNode* n = r_.scalar(node, "published")) out.published = n->value;
  }

  // New record fields: optional, since records from before the amendment
  // do not have them.
  void add_fields(const YamlNode& fields) {
    std::size_t before = pack_.schema.fields.size();
    add_schema_fields(r_, fields, pack_.schema);
    for (std::size_t i = before; i < pack_.schema.fields.size(); ++i) {
      if (!pack_.schema.fields[i].required) continue;
      const std::string& path = pack_.schema.fields[i].path;
      r_.error(*fields.find_key(path.substr(0, path.find('.'))), ErrorCode::invalid_value,
               "field '" + path + "' added by an amendment cannot be required: records made before it lack it");
    }
  }

  void amend(const YamlNode& change, VersionInfo& info) {
    if (!r_.mapping(change, "a change to a program", {"program"},
                    {"add_conditions", "replace_conditions", "remove_conditions", "add_remarks", "amount", "window",
                     "notes"})) {
      return;
    }
    const YamlNode* name = r_.scalar(change, "program");
    if (!name) return;
    auto position = std::find_if(info.programs.begin(), info.programs.end(),
                                 [&](std::size_t p) { return pack_.program_infos[p].id == name->value; });
    if (position == info.programs.end()) {
      std::vector<std::string> ids;
      for (std::size_t p : info.programs) ids.push_back(pack_.program_infos[p].id);
      return r_.error(*name, ErrorCode::unknown_name,
                      "unknown program '" + name->value + "'" + did_you_mean(name->value, ids) + "; the programs are " + join(ids));
    }
    ProgramInfo program = pack_.program_infos[*position];
    CompiledProgram compiled = pack_.programs[*position];
    if (program.version == pack_.versions.size()) {
      return r_.error(*name, ErrorCode::duplicate, "program '" + name->value + "' is changed twice in this amendment");
    }
    program.version = pack_.versions.size();
    if (const YamlNode* list = change.find("remove_conditions")) remove(*list, program, compiled);
    if (const YamlNode* list = change.find("replace_conditions")) replace(*list, program, compiled);
    if (const YamlNode* list = change.find("add_conditions")) {
      if (list_of(*list, "add_conditions")) {
        read_conditions(r_, pack_, *list, "condition", groups_, program.conditions, compiled.conditions);
      }
    }
    if (const YamlNode* list = change.find("add_remarks")) {
      if (list_of(*list, "add_remarks")) read_conditions(r_, pack_, *list, "remark", groups_, program.remarks, compiled.remarks);
    }
    if (const YamlNode* amount = change.find("amount")) {
      CompiledExpression e;
      if (read_expression(r_, pack_, *amount, ValueType::money, e)) {
        compiled.amount_is_table = false;
        compiled.amount = e;
        program.amount_expression = amount->value;
        program.amount_table.clear();
        program.amount_table_field.clear();
        program.amount_parameters.clear();
        for (int p : e.parameters) program.amount_parameters.push_back(pack_.names.parameters[static_cast<std::size_t>(p)].id);
      }
    }
    if (const YamlNode* window = change.find("window")) {
      if (r_.mapping(*window, "window", {"start", "end"}, {})) {
        const YamlNode* start = r_.scalar(*window, "start");
        const YamlNode* end = r_.scalar(*window, "end");
        if (start && end && read_expression(r_, pack_, *start, ValueType::date, compiled.window_start) &&
            read_expression(r_, pack_, *end, ValueType::date, compiled.window_end)) {
          compiled.has_window = true;
          program.window_start = start->value;
          program.window_end = end->value;
        }
      }
    }
    if (change.find("notes")) program.notes = r_.text(change, "notes");
    *position = pack_.programs.size();
    pack_.program_infos.push_back(std::move(program));
    pack_.programs.push_back(std::move(compiled));
    anchors_.push_back(ProgramAnchor{&r_.document(), name});
  }

  bool list_of(const YamlNode& list, const char* key) {
    if (list.is_sequence() && !list.items.empty()) return true;
    r_.error(list, list.is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
             std::string("expected '") + key + "' to be a non-empty list");
    return false;
  }

  // The index of condition `id` in `program`, or -1 (reported at `at`).
  int condition(const YamlNode& at, const ProgramInfo& program, const std::string& id) {
    for (std::size_t i = 0; i < program.conditions.size(); ++i) {
      if (program.conditions[i].id == id) return static_cast<int>(i);
    }
    std::vector<std::string> ids;
    for (const auto& c : program.conditions) ids.push_back(c.id);
    r_.error(at, ErrorCode::unknown_name,
             "program '" + program.id + "' has no condition '" + id + "'" + did_you_mean(id, ids));
    return -1;
  }

  void remove(const YamlNode& list, ProgramInfo& program, CompiledProgram& compiled) {
    if (!list_of(list, "remove_conditions")) return;
    for (const YamlNode& item : list.items) {
      if (!item.is_scalar()) {
        r_.error(item, ErrorCode::wrong_type, "expected the id of a condition to remove");
        continue;
      }
      int i = condition(item, program, item.value);
      if (i < 0) continue;
      program.conditions.erase(program.conditions.begin() + i);
      compiled.conditions.erase(compiled.conditions.begin() + i);
    }
    if (program.conditions.empty()) {
      r_.error(list, ErrorCode::missing, "program '" + program.id + "' would be left without conditions");
    }
  }

  void replace(const YamlNode& list, ProgramInfo& program, CompiledProgram& compiled) {
    if (!list_of(list, "replace_conditions")) return;
    std::vector<ConditionInfo> infos;
    std::vector<CompiledExpression> expressions;
    read_conditions(r_, pack_, list, "condition", groups_, infos, expressions);
    for (std::size_t k = 0; k < infos.size() && k < list.items.size(); ++k) {
      const YamlNode* id = list.items[k].find("id");
      int i = condition(id ? *id : list.items[k], program, infos[k].id);
      if (i < 0) continue;
      program.conditions[static_cast<std::size_t>(i)] = infos[k];
      compiled.conditions[static_cast<std::size_t>(i)] = expressions[k];
    }
  }

  YamlReader& r_;
  CompiledPack& pack_;
  const std::vector<ConditionGroup>& groups_;
  std::vector<ProgramAnchor>& anchors_;
};

// The programs of `version` in an order where every program comes after the
// ones whose outcome its conditions read; false with the cycle in `cycle`.
bool decision_order(const CompiledPack& pack, CompiledVersion& version, std::vector<std::string>& cycle,
                    std::size_t& culprit) {
  const auto& programs = version.info.programs;
  std::vector<int> state(programs.size(), 0);  // 0 new, 1 on the path, 2 done
  std::vector<std::size_t> path;
  std::function<bool(std::size_t)> visit = [&](std::size_t position) {
    if (state[position] == 2) return true;
    if (state[position] == 1) {
      auto from = std::find(path.begin(), path.end(), position);
      for (auto it = from; it != path.end(); ++it) cycle.push_back(pack.program_infos[programs[*it]].id);
      cycle.push_back(pack.program_infos[programs[position]].id);
      culprit = position;
      return false;
    }
    state[position] = 1;
    path.push_back(position);
    const CompiledProgram& p = pack.programs[programs[position]];
    for (const auto* list : {&p.conditions, &p.remarks}) {
      for (const CompiledExpression& e : *list) {
        for (int key : e.programs) {
          int other = version.position_of_key[static_cast<std::size_t>(key)];
          if (other >= 0 && !visit(static_cast<std::size_t>(other))) return false;
        }
      }
    }
    path.pop_back();
    state[position] = 2;
    version.order.push_back(position);
    return true;
  };
  for (std::size_t i = 0; i < programs.size(); ++i) {
    if (!visit(i)) return false;
  }
  return true;
}

}  // namespace

void load_amendment(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups,
                    std::vector<ProgramAnchor>& anchors) {
  AmendmentLoader(r, pack, groups, anchors).load();
}

void settle_versions(CompiledPack& pack, const std::vector<ProgramAnchor>& anchors, std::vector<Diagnostic>& diagnostics) {
  auto report = [&](std::size_t program, ErrorCode code, const std::string& message) {
    const ProgramAnchor& a = anchors[program];
    if (a.document && a.node) diagnostics.push_back(a.document->diagnostic(a.node->pos, code, message, 1));
  };
  for (CompiledVersion& version : pack.versions) {
    const auto& programs = version.info.programs;
    version.position_of_key.assign(pack.names.programs.size(), -1);
    for (std::size_t i = 0; i < programs.size(); ++i) {
      int key = pack.names.find_program(pack.program_infos[programs[i]].id);
      if (key >= 0) version.position_of_key[static_cast<std::size_t>(key)] = static_cast<int>(i);
    }
    std::string in_version = pack.versions.size() > 1 ? " (version '" + version.info.id + "')" : "";
    for (std::size_t i = 0; i < programs.size(); ++i) {
      const CompiledProgram& p = pack.programs[programs[i]];
      std::vector<const CompiledExpression*> all;
      for (const auto& e : p.conditions) all.push_back(&e);
      for (const auto& e : p.remarks) all.push_back(&e);
      all.push_back(&p.amount);
      if (p.has_window) {
        all.push_back(&p.window_start);
        all.push_back(&p.window_end);
      }
      for (const CompiledExpression* e : all) {
        for (int key : e->programs) {
          if (version.position_of_key[static_cast<std::size_t>(key)] < 0) {
            report(programs[i], ErrorCode::unknown_name,
                   "program '" + pack.program_infos[programs[i]].id + "' reads the outcome of '" +
                       pack.names.programs[static_cast<std::size_t>(key)] + "', which is not in force" + in_version);
          }
        }
        for (int index : e->parameters) {
          const ParameterDef& def = pack.names.parameters[static_cast<std::size_t>(index)];
          if (def.at(version.info.effective_from)) continue;
          report(programs[i], ErrorCode::missing,
                 "program '" + pack.program_infos[programs[i]].id + "' reads parameter '" + def.id +
                     "', which has no value on " + format_date(version.info.effective_from) + ", when version '" +
                     version.info.id + "' takes effect" +
                     (def.history.empty() ? std::string() : "; its first value applies from " + format_date(def.history.front().since)));
        }
      }
    }
    std::vector<std::string> cycle;
    std::size_t culprit = 0;
    if (!decision_order(pack, version, cycle, culprit)) {
      report(programs[culprit], ErrorCode::invalid_value,
             "programs read each other's outcome in a cycle" + in_version + ": " + join(cycle, " → ") +
                 "; one of them must decide without the other");
      version.order.clear();
    }
    pack.version_infos.push_back(version.info);
  }
}

}  // namespace talent::detail
