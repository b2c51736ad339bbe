#include "pack/pack_loader.hpp"

#include "lang/checker.hpp"
#include "lang/compiler.hpp"
#include "lang/parser.hpp"
#include "pack/rule_set_access.hpp"
#include "pack/schema_loader.hpp"
#include "pack/yaml_read.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace talent {
namespace detail {

namespace {

std::string sha256_digest(const std::vector<const PackFile*>& files) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (const PackFile* f : files) {
    std::string header = f->name + '\0' + std::to_string(f->content.size()) + '\0';
    EVP_DigestUpdate(ctx, header.data(), header.size());
    EVP_DigestUpdate(ctx, f->content.data(), f->content.size());
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, hash, &length);
  EVP_MD_CTX_free(ctx);
  static const char* kHex = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 15];
  }
  return out;
}

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

class PackLoader {
 public:
  PackLoader(const std::vector<PackFile>& files, std::string root) : files_(files), root_(std::move(root)) {}

  LoadResult load() {
    pack_ = std::make_unique<CompiledPack>();
    const YamlDocument* manifest = parse("pack.yaml");
    if (!manifest) return finish();
    YamlReader r(*manifest, diagnostics_);
    const YamlNode& root = manifest->root;
    if (!r.mapping(root, "the pack manifest", {"id", "version", "title", "source", "effective_from", "schema", "programs", "clauses"},
                   {"not_encoded", "notes"})) {
      return finish();
    }
    if (const YamlNode* n = r.scalar(root, "id")) pack_->id = n->value;
    if (const YamlNode* n = r.scalar(root, "version")) pack_->version = n->value;
    pack_->title = r.text(root, "title");
    if (const YamlNode* source = root.find("source")) {
      if (source->is_scalar()) pack_->source_document = source->value;
      else if (r.mapping(*source, "source", {"document"}, {"published", "publisher", "location", "url"})) {
        if (const YamlNode* n = r.scalar(*source, "document")) pack_->source_document = n->value;
      }
    }
    if (const YamlNode* n = r.scalar(root, "effective_from")) {
      if (auto d = parse_date(n->value)) pack_->effective_from = *d;
      else r.error(*n, "invalid date '" + n->value + "' for effective_from (expected YYYY-MM-DD)");
    }
    load_clauses(r, root);
    if (const YamlNode* n = r.scalar(root, "schema")) {
      bool sound = false;
      if (const YamlDocument* schema = parse(n->value, n, &r)) {
        YamlReader sr(*schema, diagnostics_);
        sound = load_schema(sr, pack_->schema);
      }
      if (!sound) return finish();  // programs are checked against the schema
    }
    if (const YamlNode* programs = root.find("programs")) {
      if (!programs->is_sequence() || programs->items.empty()) {
        r.error(*programs, "expected 'programs' to list the program files, in the order decisions report them");
      } else {
        std::set<std::string> listed;
        for (const YamlNode& item : programs->items) {
          if (!item.is_scalar()) {
            r.error(item, "expected a program file name");
            continue;
          }
          if (!listed.insert(item.value).second) {
            r.error(item, "'" + item.value + "' is listed twice under programs");
            continue;
          }
          if (const YamlDocument* doc = parse(item.value, &item, &r)) load_program(*doc);
        }
      }
    }
    check_clause_coverage(r);
    return finish();
  }

 private:
  const YamlDocument* parse(const std::string& name, const YamlNode* named_at = nullptr, YamlReader* from = nullptr) {
    auto it = std::find_if(files_.begin(), files_.end(), [&](const PackFile& f) { return f.name == name; });
    std::string display = root_.empty() ? name : root_ + "/" + name;
    if (it == files_.end()) {
      if (from && named_at) from->error(*named_at, "no file '" + name + "' in the pack");
      else diagnostics_.push_back(Diagnostic{display, 0, 0, 1, "no such file: the pack's manifest must be named pack.yaml", ""});
      return nullptr;
    }
    if (it->content.size() > kMaxPackFileBytes) {
      diagnostics_.push_back(Diagnostic{display, 0, 0, 1,
                                        "file is " + std::to_string(it->content.size()) + " bytes; a pack file may hold at most " +
                                            std::to_string(kMaxPackFileBytes) + " bytes",
                                        ""});
      return nullptr;
    }
    used_.insert(&*it);
    docs_.push_back(std::make_unique<YamlDocument>());
    Diagnostic error;
    if (!parse_yaml(display, it->content, YamlLimits{}, *docs_.back(), error)) {
      diagnostics_.push_back(error);
      return nullptr;
    }
    return docs_.back().get();
  }

  void load_clauses(YamlReader& r, const YamlNode& root) {
    if (const YamlNode* clauses = root.find("clauses")) {
      if (!clauses->is_sequence()) return r.error(*clauses, "expected 'clauses' to be a list");
      for (const YamlNode& item : clauses->items) {
        if (!r.mapping(item, "a clause", {"id", "text"}, {"title"})) continue;
        Clause c;
        const YamlNode* id = r.scalar(item, "id");
        if (id) c.id = id->value;
        if (const YamlNode* text = r.scalar(item, "text")) c.text = text->value;
        c.title = r.text(item, "title");
        for (const auto& other : pack_->clauses) {
          if (id && other.id == c.id) r.error(*id, "duplicate clause id '" + c.id + "'");
        }
        pack_->clauses.push_back(std::move(c));
        clause_nodes_.push_back(&item);
      }
    }
    if (const YamlNode* list = root.find("not_encoded")) {
      if (!list->is_sequence()) return r.error(*list, "expected 'not_encoded' to be a list");
      for (const YamlNode& item : list->items) {
        if (!r.mapping(item, "a not-encoded clause", {"clause", "reason"}, {})) continue;
        UnencodedClause u;
        if (const YamlNode* c = r.scalar(item, "clause")) {
          u.clause = c->value;
          if (!find_clause(u.clause)) r.error(*c, "unknown clause '" + u.clause + "'" + did_you_mean(u.clause, clause_ids()));
        }
        u.reason = r.text(item, "reason");
        pack_->unencoded.push_back(std::move(u));
      }
    }
  }

  void check_clause_coverage(YamlReader& r) {
    for (std::size_t i = 0; i < pack_->clauses.size(); ++i) {
      const std::string& id = pack_->clauses[i].id;
      bool encoded = std::any_of(pack_->program_infos.begin(), pack_->program_infos.end(),
                                 [&](const ProgramInfo& p) { return p.clause == id; });
      bool listed = std::any_of(pack_->unencoded.begin(), pack_->unencoded.end(),
                                [&](const UnencodedClause& u) { return u.clause == id; });
      if (encoded && listed) r.error(*clause_nodes_[i], "clause '" + id + "' is encoded by a program and also listed under not_encoded");
      if (!encoded && !listed && diagnostics_.empty()) {
        r.error(*clause_nodes_[i], "clause '" + id + "' is neither encoded by a program nor listed under not_encoded with a reason");
      }
    }
  }

  const Clause* find_clause(const std::string& id) const {
    for (const auto& c : pack_->clauses) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }
  std::vector<std::string> clause_ids() const {
    std::vector<std::string> ids;
    for (const auto& c : pack_->clauses) ids.push_back(c.id);
    return ids;
  }

  // Parses, checks and compiles one expression scalar; `want` is its type.
  bool expression(YamlReader& r, const YamlNode& node, ValueType want, CompiledExpression& out) {
    if (!node.is_scalar()) {
      r.error(node, std::string("expected an expression (a ") + type_name(want) + ") as a single line of text");
      return false;
    }
    const YamlDocument& doc = r.document();
    Expr expr;
    ParseError pe;
    if (!parse_expression(node.value, expr, pe)) {
      std::string message = pe.message;
      if (pe.opened_at != static_cast<std::size_t>(-1)) {
        SourcePos opened = expression_position(doc, node, pe.opened_at, 1);
        message += " (opened at line " + std::to_string(opened.line) + ", column " + std::to_string(opened.column) + ")";
      }
      r.error(expression_position(doc, node, pe.offset, pe.length), message,
              utf8_length(std::string_view(node.value).substr(std::min(pe.offset, node.value.size()), pe.length)));
      return false;
    }
    std::vector<CheckError> errors;
    if (!check_expression(pack_->schema, expr, want, errors)) {
      for (const auto& e : errors) {
        r.error(expression_position(doc, node, e.offset, e.length), e.message,
                utf8_length(std::string_view(node.value).substr(std::min(e.offset, node.value.size()), e.length)));
      }
      return false;
    }
    out = compile_expression(expr, *pack_);
    return true;
  }

  void load_program(const YamlDocument& doc) {
    YamlReader r(doc, diagnostics_);
    const YamlNode& root = doc.root;
    if (!r.mapping(root, "a program", {"id", "title", "clause", "frequency", "conditions", "amount"},
                   {"window", "remarks", "notes", "decisions"})) {
      return;
    }
    CompiledProgram p;
    ProgramInfo info;
    if (const YamlNode* id = r.scalar(root, "id")) {
      info.id = id->value;
      for (const auto& other : pack_->program_infos) {
        if (other.id == info.id) r.error(*id, "duplicate program id '" + info.id + "'");
      }
    }
    info.title = r.text(root, "title");
    info.notes = r.text(root, "notes");
    if (const YamlNode* clause = r.scalar(root, "clause")) {
      info.clause = clause->value;
      if (!find_clause(info.clause)) {
        r.error(*clause, "unknown clause '" + info.clause + "'" + did_you_mean(info.clause, clause_ids()) +
                             "; clauses are declared in pack.yaml");
      }
    }
    if (const YamlNode* f = r.scalar(root, "frequency")) {
      if (f->value == "monthly") info.frequency = Frequency::monthly;
      else if (f->value == "once") info.frequency = Frequency::once;
      else r.error(*f, "unknown frequency '" + f->value + "'; expected monthly or once");
    }
    if (const YamlNode* decisions = root.find("decisions")) {
      if (!decisions->is_sequence()) r.error(*decisions, "expected 'decisions' to list the readings this program applies");
      for (const YamlNode& d : decisions->items) {
        if (d.is_scalar()) info.decisions.push_back(d.value);
        else r.error(d, "expected a reading's name, like D1");
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
    pack_->program_infos.push_back(std::move(info));
    pack_->programs.push_back(std::move(p));
  }

  void load_conditions(YamlReader& r, const YamlNode& root, const char* key, std::vector<ConditionInfo>& infos,
                       std::vector<CompiledExpression>& compiled, bool required) {
    const YamlNode* list = root.find(key);
    if (!list) return;
    if (!list->is_sequence() || (required && list->items.empty())) {
      return r.error(*list, std::string("expected '") + key + "' to be a list of {id, label, when}");
    }
    for (const YamlNode& item : list->items) {
      if (!r.mapping(item, "a condition", {"id", "label", "when"}, {"decision", "note"})) continue;
      ConditionInfo c;
      const YamlNode* id = r.scalar(item, "id");
      if (id) {
        c.id = id->value;
        for (const auto& other : infos) {
          if (other.id == c.id) r.error(*id, "duplicate " + std::string(key == std::string("remarks") ? "remark" : "condition") + " id '" + c.id + "'");
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
    for (int field : e.fields) c.fields_read.push_back(pack_->schema.fields[static_cast<std::size_t>(field)].path);
    std::vector<int> sections = e.sections;
    std::sort(sections.begin(), sections.end());
    for (int section : sections) c.fields_read.push_back(pack_->schema.sections[static_cast<std::size_t>(section)].path);
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
    int field = pack_->schema.find_field(by->value);
    if (field < 0) {
      return r.error(*by, "unknown field '" + by->value + "'" + did_you_mean(by->value, pack_->schema.field_paths()));
    }
    const FieldDef& f = pack_->schema.fields[static_cast<std::size_t>(field)];
    if (f.type != ValueType::enumeration) {
      return r.error(*by, "an amount table is keyed by an enum field; '" + by->value + "' is " + type_name(f.type));
    }
    if (!table->is_map()) return r.error(*table, "expected 'table' to map each value of the enum to an amount");
    const EnumDef& e = pack_->schema.enums[static_cast<std::size_t>(f.enum_id)];
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
        r.error(key, "'" + key.value + "' is not a value of enum " + e.name + did_you_mean(key.value, e.ids()));
        continue;
      }
      std::string why;
      std::optional<Money> m;
      if (value.is_scalar()) m = Money::parse(value.value, &why);
      else why = "expected an amount like 1000.00";
      covered[static_cast<std::size_t>(index)] = true;  // reported below if invalid, not as uncovered too
      if (!m) {
        r.error(value, "invalid amount for '" + key.value + "': " + why);
        continue;
      }
      if (m->fen() < 0) {
        r.error(value, "invalid amount for '" + key.value + "': amounts are not negative");
        continue;
      }
      p.table[static_cast<std::size_t>(index)] = *m;
      covered[static_cast<std::size_t>(index)] = true;
      info.amount_table.push_back(AmountRow{key.value, m->to_string()});
    }
    std::string uncovered;
    for (std::size_t i = 0; i < covered.size(); ++i) {
      if (!covered[i]) uncovered += (uncovered.empty() ? "'" : ", '") + e.values[i].id + "'";
    }
    if (!uncovered.empty()) {
      r.error(*amount.find_key("table"), "the amount table does not cover every value of enum " + e.name + ": missing " + uncovered);
    }
  }

  LoadResult finish() {
    LoadResult result;
    if (!diagnostics_.empty()) {
      result.diagnostics = std::move(diagnostics_);
      return result;
    }
    std::vector<const PackFile*> used(used_.begin(), used_.end());
    std::sort(used.begin(), used.end(), [](const PackFile* a, const PackFile* b) { return a->name < b->name; });
    pack_->digest = sha256_digest(used);
    for (const auto& f : pack_->schema.fields) {
      FieldInfo info{f.path, f.type == ValueType::enumeration ? "enum" : type_name(f.type), f.label, {}};
      if (f.enum_id >= 0) {
        for (const auto& v : pack_->schema.enums[static_cast<std::size_t>(f.enum_id)].values) {
          info.values.push_back(EnumValueInfo{v.id, v.label});
        }
      }
      pack_->field_infos.push_back(std::move(info));
    }
    for (std::size_t i = 1; i < pack_->schema.sections.size(); ++i) {
      const SectionDef& s = pack_->schema.sections[i];
      pack_->field_infos.push_back(FieldInfo{s.path, "section", s.label, {}});
    }
    result.rule_set = RuleSetAccess::make(std::move(pack_));
    return result;
  }

  const std::vector<PackFile>& files_;
  std::string root_;
  std::unique_ptr<CompiledPack> pack_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::unique_ptr<YamlDocument>> docs_;
  std::vector<const YamlNode*> clause_nodes_;
  std::set<const PackFile*> used_;
};

}  // namespace

}  // namespace detail

LoadResult load_rule_set(const std::vector<PackFile>& files, const std::string& display_root) {
  if (files.size() > detail::kMaxPackFiles) {
    LoadResult r;
    r.diagnostics.push_back(Diagnostic{display_root, 0, 0, 1,
                                       "a pack may hold at most " + std::to_string(detail::kMaxPackFiles) + " files", ""});
    return r;
  }
  return detail::PackLoader(files, display_root).load();
}

LoadResult load_rule_set(const std::string& directory) {
  namespace fs = std::filesystem;
  LoadResult failed;
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    failed.diagnostics.push_back(Diagnostic{directory, 0, 0, 1, "not a folder holding a rule pack (expected pack.yaml inside)", ""});
    return failed;
  }
  std::vector<PackFile> files;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    std::string name = entry.path().filename().string();
    std::string display = directory + "/" + name;
    if (files.size() >= detail::kMaxPackFiles) {
      failed.diagnostics.push_back(Diagnostic{directory, 0, 0, 1, "a pack may hold at most " + std::to_string(detail::kMaxPackFiles) + " files", ""});
      return failed;
    }
    auto size = entry.file_size(ec);
    if (ec || size > detail::kMaxPackFileBytes) {
      failed.diagnostics.push_back(Diagnostic{display, 0, 0, 1,
                                              "file is " + std::to_string(size) + " bytes; a pack file may hold at most " +
                                                  std::to_string(detail::kMaxPackFileBytes) + " bytes",
                                              ""});
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
      failed.diagnostics.push_back(Diagnostic{display, 0, 0, 1, "cannot read the file", ""});
      continue;
    }
    files.push_back(PackFile{name, std::move(content)});
  }
  if (!failed.diagnostics.empty()) return failed;
  std::string root = directory;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return load_rule_set(files, root);
}

}  // namespace talent
