#include "pack/program_loader.hpp"

#include "lang/checker.hpp"
#include "lang/compiler.hpp"
#include "lang/parser.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

// Where the byte `offset` of an expression scalar sits in its file.
SourcePos expression_position(const YamlDocument& doc, const YamlNode& node, std::size_t offset,
                              std::size_t length) {
  const std::string& value = node.value;
  offset = std::min(offset, value.size());
  std::size_t line_index = static_cast<std::size_t>(node.pos.line - 1);
  if (line_index >= doc.lines.size()) return node.pos;
  const std::string& line = doc.lines[line_index];
  // Byte where the scalar's text starts on its first line.
  std::size_t start = 0;
  for (int c = 1; c < node.pos.column && start < line.size(); ++c) {
    start += 1;
    while (start < line.size() && (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80) ++start;
  }
  if (start < line.size() && (line[start] == '"' || line[start] == '\'')) ++start;
  if (value.find('\n') == std::string::npos && line.compare(start, value.size(), value) == 0) {
    return SourcePos{node.pos.line, utf8_length(std::string_view(line).substr(0, start)) + 1 +
                                        utf8_length(std::string_view(value).substr(0, offset))};
  }
  // Folded, block or escaped scalars: find the token itself in the source,
  // counting earlier occurrences of the same text.
  std::string token = value.substr(offset, std::max<std::size_t>(length, 1));
  std::size_t nl = token.find('\n');
  if (nl != std::string::npos) token.resize(nl);
  if (token.empty()) return node.pos;
  std::size_t skip = 0;
  for (std::size_t at = value.find(token); at != std::string::npos && at < offset; at = value.find(token, at + 1)) ++skip;
  for (std::size_t l = line_index; l < doc.lines.size(); ++l) {
    const std::string& text = doc.lines[l];
    for (std::size_t at = text.find(token, l == line_index ? start : 0); at != std::string::npos;
         at = text.find(token, at + 1)) {
      if (skip == 0) return SourcePos{static_cast<int>(l + 1), utf8_length(std::string_view(text).substr(0, at)) + 1};
      --skip;
    }
  }
  return node.pos;
}

class ProgramLoader {
 public:
  explicit ProgramLoader(CompiledPack& pack) : pack_(pack) {}

  // Reads the program, then appends it to the pack even when it has errors:
  // the diagnostics keep the pack from becoming a rule set.
  void load(YamlReader& r) {
    const YamlNode& root = r.document().root;
    if (!r.mapping(root, "a program", {"id", "title", "clause", "frequency", "conditions", "amount"},
                   {"window", "remarks", "notes", "decisions"})) {
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
    for (const YamlNode& item : list->items) {
      if (!r.mapping(item, "a condition", {"id", "label", "when"}, {"decision", "note"})) continue;
      ConditionInfo c;
      const YamlNode* id = r.scalar(item, "id");
      if (id) {
        c.id = id->value;
        for (const auto& other : infos) {
          if (other.id == c.id) {
            r.error(*id, ErrorCode::duplicate,
                    "duplicate " + std::string(key == std::string("remarks") ? "remark" : "condition") + " id '" + c.id + "'");
          }
        }
      }
      c.label = r.text(item, "label");
      if (const YamlNode* d = r.scalar(item, "decision")) c.decision = d->value;
      if (const YamlNode* n = r.scalar(item, "note")) c.note = n->value;
      CompiledExpression e;
      if (const YamlNode* when = item.find("when")) {
        if (when->is_scalar()) c.expression = when->value;
        if (expression(r, *when, ValueType::boolean, e)) describe(e, c);
      }
      infos.push_back(std::move(c));
      compiled.push_back(e);
    }
  }

  // What the compiler found a condition to read and to be able to answer.
  void describe(const CompiledExpression& e, ConditionInfo& c) const {
    for (int field : e.fields) c.fields_read.push_back(pack_.schema.fields[static_cast<std::size_t>(field)].path);
    std::vector<int> sections = e.sections;
    std::sort(sections.begin(), sections.end());
    for (int section : sections) c.fields_read.push_back(pack_.schema.sections[static_cast<std::size_t>(section)].path);
    c.can_be_unknown = e.reads_value;
    c.cannot_be_false = e.cannot_be_false;
  }

  void load_amount(YamlReader& r, const YamlNode& amount, CompiledProgram& p, ProgramInfo& info) {
    if (amount.is_scalar()) {
      info.amount_expression = amount.value;
      expression(r, amount, ValueType::money, p.amount);
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

  // Parses, checks and compiles one expression scalar; `want` is its type.
  bool expression(YamlReader& r, const YamlNode& node, ValueType want, CompiledExpression& out) {
    if (!node.is_scalar()) {
      r.error(node, ErrorCode::wrong_type,
              std::string("expected an expression (a ") + type_name(want) + ") as a single line of text");
      return false;
    }
    const YamlDocument& doc = r.document();
    Expr expr;
    ExpressionError pe;
    if (!parse_expression(node.value, expr, pe)) {
      std::string message = pe.message;
      if (pe.opened_at != static_cast<std::size_t>(-1)) {
        SourcePos opened = expression_position(doc, node, pe.opened_at, 1);
        message += " (opened at line " + std::to_string(opened.line) + ", column " + std::to_string(opened.column) + ")";
      }
      r.error(expression_position(doc, node, pe.offset, pe.length), pe.code, message,
              utf8_length(std::string_view(node.value).substr(std::min(pe.offset, node.value.size()), pe.length)));
      return false;
    }
    std::vector<ExpressionError> errors;
    if (!check_expression(pack_.schema, expr, want, errors) || (want == ValueType::money && !check_amount(expr, errors))) {
      for (const auto& e : errors) {
        r.error(expression_position(doc, node, e.offset, e.length), e.code, e.message,
                utf8_length(std::string_view(node.value).substr(std::min(e.offset, node.value.size()), e.length)));
      }
      return false;
    }
    out = compile_expression(expr, pack_);
    return true;
  }

  std::vector<std::string> clause_ids() const {
    std::vector<std::string> ids;
    for (const auto& c : pack_.clauses) ids.push_back(c.id);
    return ids;
  }

  CompiledPack& pack_;
};

}  // namespace

void load_program(YamlReader& r, CompiledPack& pack) { ProgramLoader(pack).load(r); }

}  // namespace talent::detail
