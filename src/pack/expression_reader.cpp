#include "pack/expression_reader.hpp"

#include "lang/checker.hpp"
#include "lang/compiler.hpp"
#include "lang/parser.hpp"

#include <algorithm>
#include <cctype>

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
  // counting earlier occurrences of the same text. The end of the expression
  // is just after its last character.
  if (offset == value.size() && offset > 0) {
    SourcePos last = expression_position(doc, node, offset - 1, 1);
    if (last.line != node.pos.line || last.column != node.pos.column) ++last.column;
    return last;
  }
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

// What the compiler found a condition to read and to be able to answer.
void describe(const CompiledPack& pack, const CompiledExpression& e, ConditionInfo& c) {
  for (int field : e.fields) c.fields_read.push_back(pack.schema.fields[static_cast<std::size_t>(field)].path);
  std::vector<int> sections = e.sections;
  std::sort(sections.begin(), sections.end());
  for (int section : sections) c.fields_read.push_back(pack.schema.sections[static_cast<std::size_t>(section)].path);
  for (int p : e.parameters) c.parameters.push_back(pack.names.parameters[static_cast<std::size_t>(p)].id);
  for (int key : e.programs) c.programs.push_back(pack.names.programs[static_cast<std::size_t>(key)]);
  c.can_be_unknown = e.reads_value;
  c.cannot_be_false = e.cannot_be_false;
}

bool taken(const std::vector<ConditionInfo>& infos, const std::string& id) {
  return std::any_of(infos.begin(), infos.end(), [&](const ConditionInfo& c) { return c.id == id; });
}

// Byte offset of the name `word` standing alone in `text`, or npos (it came
// through a named expression).
std::size_t find_name(const std::string& text, const std::string& word) {
  auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    std::size_t end = at + word.size();
    if ((at == 0 || !name_char(text[at - 1])) && (end == text.size() || !name_char(text[end]))) return at;
  }
  return std::string::npos;
}

}  // namespace

bool dates_fit(YamlReader& r, const YamlNode& node, const CompiledExpression& e, ExpressionDates dates) {
  std::string word, message;
  if (dates == ExpressionDates::cycle && e.reads_as_of) {
    word = "as_of";
    message = "a selection program is decided for a cycle, not as of a date: use cycle_start or cycle_end instead of as_of";
  } else if (dates == ExpressionDates::cycle && !e.programs.empty()) {
    word = "eligible";
    message = "a selection program cannot read a per-applicant program's outcome with eligible(): it decides a cycle's "
              "candidates, not one applicant as of a date";
  } else if (dates == ExpressionDates::as_of && e.reads_cycle) {
    word = find_name(node.value, "cycle_start") != std::string::npos || find_name(node.value, "cycle_end") == std::string::npos
               ? "cycle_start" : "cycle_end";
    message = "cycle_start and cycle_end are the days a selection program's cycle opens and closes; a per-applicant "
              "program is decided as of a date: use as_of";
  } else {
    return true;
  }
  std::size_t at = node.is_scalar() ? find_name(node.value, word) : std::string::npos;
  if (at == std::string::npos) {
    r.error(node, ErrorCode::invalid_value, message + " (here through a named expression or shared condition)");
  } else {
    r.error(expression_position(r.document(), node, at, word.size()), ErrorCode::invalid_value, message,
            utf8_length(word));
  }
  return false;
}

bool read_expression(YamlReader& r, CompiledPack& pack, const YamlNode& node, ValueType want, CompiledExpression& out,
                     Expr* tree, ExpressionDates dates) {
  if (!node.is_scalar()) {
    r.error(node, ErrorCode::wrong_type,
            want == ValueType::unresolved ? std::string("expected an expression as a single line of text")
                                          : std::string("expected an expression (a ") + type_name(want) +
                                                ") as a single line of text");
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
  bool any = want == ValueType::unresolved;
  if (!check_expression(pack.schema, expr, want, errors, &pack.names) ||
      (want == ValueType::money && !check_amount(expr, errors))) {
    for (const auto& e : errors) {
      r.error(expression_position(doc, node, e.offset, e.length), e.code, e.message,
              utf8_length(std::string_view(node.value).substr(std::min(e.offset, node.value.size()), e.length)));
    }
    return false;
  }
  if (!any) {
    out = compile_expression(expr, pack);
    if (!dates_fit(r, node, out, dates)) return false;
  }
  if (tree) *tree = std::move(expr);
  return true;
}

void read_conditions(YamlReader& r, CompiledPack& pack, const YamlNode& list, const char* what,
                     const std::vector<ConditionGroup>& groups, std::vector<ConditionInfo>& infos,
                     std::vector<CompiledExpression>& compiled, ExpressionDates dates) {
  for (const YamlNode& item : list.items) {
    if (item.is_map() && item.find("use")) {
      if (!r.mapping(item, "a use of shared conditions", {"use"}, {})) continue;
      const YamlNode* use = r.scalar(item, "use");
      if (!use) continue;
      auto group = std::find_if(groups.begin(), groups.end(), [&](const ConditionGroup& g) { return g.id == use->value; });
      if (group == groups.end()) {
        std::vector<std::string> ids;
        for (const auto& g : groups) ids.push_back(g.id);
        r.error(*use, ErrorCode::unknown_name,
                "unknown shared conditions '" + use->value + "'" + did_you_mean(use->value, ids) +
                    (ids.empty() ? "; the pack defines none (condition_groups in its definitions)"
                                 : "; the pack defines " + join(ids)));
        continue;
      }
      for (std::size_t i = 0; i < group->infos.size(); ++i) {
        if (!dates_fit(r, *use, group->compiled[i], dates)) continue;
        if (taken(infos, group->infos[i].id)) {
          r.error(*use, ErrorCode::duplicate, "'" + group->id + "' brings " + what + " '" + group->infos[i].id +
                                                  "', which this list already has");
          continue;
        }
        infos.push_back(group->infos[i]);
        compiled.push_back(group->compiled[i]);
      }
      continue;
    }
    if (!r.mapping(item, std::string("a ") + what, {"id", "label", "when"}, {"decision", "note"})) continue;
    ConditionInfo c;
    const YamlNode* id = r.scalar(item, "id");
    if (id) {
      c.id = id->value;
      if (taken(infos, c.id)) r.error(*id, ErrorCode::duplicate, std::string("duplicate ") + what + " id '" + c.id + "'");
    }
    c.label = r.text(item, "label");
    if (const YamlNode* d = r.scalar(item, "decision")) c.decision = d->value;
    if (const YamlNode* n = r.scalar(item, "note")) c.note = n->value;
    CompiledExpression e;
    if (const YamlNode* when = item.find("when")) {
      if (when->is_scalar()) c.expression = when->value;
      if (read_expression(r, pack, *when, ValueType::boolean, e, nullptr, dates)) describe(pack, e, c);
    }
    infos.push_back(std::move(c));
    compiled.push_back(e);
  }
}

}  // namespace talent::detail
