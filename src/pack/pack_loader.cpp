#include "pack/pack_loader.hpp"
#include "base/file_read.hpp"

#include "pack/amendment_loader.hpp"
#include "pack/definition_loader.hpp"
#include "pack/program_loader.hpp"
#include "pack/rule_set_access.hpp"
#include "pack/schema_loader.hpp"
#include "pack/yaml_read.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

namespace talent {
namespace detail {

namespace {

// Why a pack file was not read, for its diagnostic.
std::string pack_file_problem(const FileText& read) {
  if (read.code == ErrorCode::limit && read.size > 0) {
    return "file is " + std::to_string(read.size) + " bytes; a pack file may hold at most " +
           std::to_string(kMaxPackFileBytes) + " bytes";
  }
  return "cannot read this pack file: " + read.problem;
}

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

// A schema field's type as the public face names it. The schema loader gives
// fields only the types a pack can declare, never the checker's own.
FieldType field_type(ValueType type) {
  switch (type) {
    case ValueType::boolean: return FieldType::boolean;
    case ValueType::integer: return FieldType::integer;
    case ValueType::money: return FieldType::money;
    case ValueType::rate: return FieldType::rate;
    case ValueType::decimal: return FieldType::decimal;
    case ValueType::date: return FieldType::date;
    case ValueType::enumeration: return FieldType::enumeration;
    case ValueType::string: return FieldType::text;
    default: break;
  }
  throw std::logic_error(std::string("a schema field of type ") + type_name(type));
}

class PackLoader {
 public:
  PackLoader(const std::vector<PackFile>& files, std::string root, bool from_disk = false)
      : files_(files), root_(std::move(root)), from_disk_(from_disk) {}

  LoadResult load() {
    pack_ = std::make_unique<CompiledPack>();
    const YamlDocument* manifest = parse("pack.yaml");
    if (!manifest) return finish();
    YamlReader r(*manifest, diagnostics_);
    const YamlNode& root = manifest->root;
    if (root.is_map() && root.find("extends")) {
      // A pack made of another pack plus amendments: the other pack's files are
      // read from its folder, named relative to this one.
      if (!r.mapping(root, "the manifest of a pack that extends another", {"id", "version", "title", "extends"},
                     {"source", "amendments", "notes", "readings"})) {
        return finish();
      }
      const YamlNode* base = r.scalar(root, "extends");
      if (!base) return finish();
      std::string prefix = base->value;
      while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
      prefix += "/";
      const YamlDocument* base_manifest = parse(prefix + "pack.yaml", base, &r);
      if (!base_manifest) return finish();
      YamlReader br(*base_manifest, diagnostics_);
      if (base_manifest->root.is_map() && base_manifest->root.find("extends")) {
        br.error(*base_manifest->root.find_key("extends"), ErrorCode::invalid_value,
                 "a pack that is extended cannot itself extend another pack");
        return finish();
      }
      if (!load_manifest(br, prefix) || !diagnostics_.empty()) return finish();
      identity(r, root);
      load_amendments(r, root, "");
      return finish();
    }
    load_manifest(r, "");
    return finish();
  }

 private:
  void identity(YamlReader& r, const YamlNode& root) {
    if (const YamlNode* n = r.scalar(root, "id")) pack_->id = n->value;
    if (const YamlNode* n = r.scalar(root, "version")) pack_->version = n->value;
    pack_->title = r.text(root, "title");
    if (const YamlNode* source = root.find("source")) {
      if (source->is_scalar()) pack_->source_document = source->value;
      else if (r.mapping(*source, "source", {"document"}, {"published", "publisher", "location", "url"})) {
        if (const YamlNode* n = r.scalar(*source, "document")) pack_->source_document = n->value;
      }
    }
    if (const YamlNode* n = r.scalar(root, "readings")) pack_->readings_document = n->value;
  }

  // Reads a whole manifest; file names in it are relative to `prefix`.
  // Returns false when what is read cannot support the rest.
  bool load_manifest(YamlReader& r, const std::string& prefix) {
    const YamlNode& root = r.document().root;
    if (!r.mapping(root, "the pack manifest", {"id", "version", "title", "source", "effective_from", "schema", "programs", "clauses"},
                   {"not_encoded", "notes", "readings", "parameters", "definitions", "amendments"})) {
      return false;
    }
    identity(r, root);
    if (const YamlNode* n = r.scalar(root, "effective_from")) {
      if (auto d = parse_date(n->value)) pack_->effective_from = *d;
      else r.error(*n, ErrorCode::invalid_value, "invalid date '" + n->value + "' for effective_from (expected YYYY-MM-DD)");
    }
    load_clauses(r, root);
    if (const YamlNode* n = r.scalar(root, "schema")) {
      bool sound = false;
      if (const YamlDocument* schema = parse(prefix + n->value, n, &r)) {
        YamlReader sr(*schema, diagnostics_);
        sound = load_schema(sr, pack_->schema);
      }
      if (!sound) return false;  // programs are checked against the schema
    }
    if (const YamlNode* n = r.scalar(root, "parameters")) {
      if (const YamlDocument* doc = parse(prefix + n->value, n, &r)) {
        YamlReader pr(*doc, diagnostics_);
        const YamlNode* list = doc->root.is_map() ? doc->root.find("parameters") : nullptr;
        if (pr.mapping(doc->root, "the parameters file", {"parameters"}, {}) && list) {
          load_parameters(pr, *list, *pack_,
                          pack_->effective_from.is_special() ? nullptr : &pack_->effective_from);
        }
      }
    }
    if (const YamlNode* n = r.scalar(root, "definitions")) {
      if (const YamlDocument* doc = parse(prefix + n->value, n, &r)) {
        YamlReader dr(*doc, diagnostics_);
        load_definitions(dr, *pack_, groups_);
      }
    }
    std::vector<const YamlDocument*> program_docs;
    if (const YamlNode* programs = root.find("programs")) {
      if (!programs->is_sequence() || programs->items.empty()) {
        r.error(*programs, programs->is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
                "expected 'programs' to list the program files, in the order decisions report them");
      } else {
        std::set<std::string> listed;
        for (const YamlNode& item : programs->items) {
          if (!item.is_scalar()) {
            r.error(item, ErrorCode::wrong_type, "expected a program file name");
            continue;
          }
          if (!listed.insert(item.value).second) {
            r.error(item, ErrorCode::duplicate, "'" + item.value + "' is listed twice under programs");
            continue;
          }
          if (const YamlDocument* doc = parse(prefix + item.value, &item, &r)) program_docs.push_back(doc);
        }
      }
    }
    // Every program's id is known before any condition is checked, so that
    // eligible(program) may name a program listed later.
    for (const YamlDocument* doc : program_docs) {
      const YamlNode* id = doc->root.is_map() ? doc->root.find("id") : nullptr;
      if (!id || !id->is_scalar() || doc->root.find("kind") || pack_->names.find_program(id->value) >= 0) continue;
      YamlReader pr(*doc, diagnostics_);
      if (fresh_name(pr, *id, *pack_, id->value)) pack_->names.programs.push_back(id->value);
    }
    CompiledVersion first;
    for (const YamlDocument* doc : program_docs) {
      YamlReader pr(*doc, diagnostics_);
      std::size_t before = pack_->programs.size();
      load_program(pr, *pack_, groups_);
      if (pack_->programs.size() == before) continue;
      first.info.programs.push_back(before);
      const YamlNode* id = doc->root.find("id");
      anchors_.push_back(ProgramAnchor{doc, id ? id : &doc->root});
    }
    first.info.id = pack_->version;
    first.info.title = pack_->title;
    first.info.effective_from = pack_->effective_from;
    first.info.source.document = pack_->source_document;
    if (const YamlNode* source = root.find("source"); source && source->is_map()) {
      if (const YamlNode* n = source->find("published"); n && n->is_scalar()) first.info.source.published = n->value;
    }
    pack_->versions.push_back(std::move(first));
    check_clause_coverage(r);
    load_amendments(r, root, prefix);
    return true;
  }

  void load_amendments(YamlReader& r, const YamlNode& root, const std::string& prefix) {
    const YamlNode* list = root.find("amendments");
    if (!list) return;
    if (!list->is_sequence()) return r.error(*list, ErrorCode::wrong_type, "expected 'amendments' to list amendment files, in date order");
    for (const YamlNode& item : list->items) {
      if (!item.is_scalar()) {
        r.error(item, ErrorCode::wrong_type, "expected an amendment file name");
        continue;
      }
      if (const YamlDocument* doc = parse(prefix + item.value, &item, &r)) {
        YamlReader ar(*doc, diagnostics_);
        load_amendment(ar, *pack_, groups_, anchors_);
      }
    }
  }

  const YamlDocument* parse(const std::string& name, const YamlNode* named_at = nullptr, YamlReader* from = nullptr) {
    auto it = std::find_if(files_.begin(), files_.end(), [&](const PackFile& f) { return f.name == name; });
    std::string display = root_.empty() ? name : root_ + "/" + name;
    if (name.find('/') != std::string::npos) display = std::filesystem::path(display).lexically_normal().string();
    const PackFile* found = it == files_.end() ? outside(name, display) : &*it;
    if (!found && !diagnostics_.empty() && diagnostics_.back().file == display) return nullptr;  // reported by outside()
    if (!found) {
      if (from && named_at) from->error(*named_at, ErrorCode::missing, "no file '" + name + "' in the pack");
      else diagnostics_.push_back(Diagnostic{display, 0, 0, 1, ErrorCode::missing, "no such file: the pack's manifest must be named pack.yaml", ""});
      return nullptr;
    }
    if (found->content.size() > kMaxPackFileBytes) {
      diagnostics_.push_back(Diagnostic{display, 0, 0, 1, ErrorCode::limit,
                                        "file is " + std::to_string(found->content.size()) + " bytes; a pack file may hold at most " +
                                            std::to_string(kMaxPackFileBytes) + " bytes",
                                        ""});
      return nullptr;
    }
    used_.insert(found);
    docs_.push_back(std::make_unique<YamlDocument>());
    Diagnostic error;
    if (!parse_yaml(display, found->content, YamlLimits{}, *docs_.back(), error)) {
      diagnostics_.push_back(error);
      return nullptr;
    }
    return docs_.back().get();
  }

  // A file outside the pack's folder (a pack it extends), read from disk when
  // the pack was loaded from a folder; nullptr when there is none.
  const PackFile* outside(const std::string& name, const std::string& display) {
    namespace fs = std::filesystem;
    if (!from_disk_ || name.find('/') == std::string::npos) return nullptr;
    for (const PackFile& f : outside_) {
      if (f.name == name) return &f;
    }
    std::error_code ec;
    fs::path path = fs::path(root_) / name;
    if (!fs::is_regular_file(path, ec) || path.extension() != ".yaml") return nullptr;
    if (used_.size() + outside_.size() >= kMaxPackFiles) {
      diagnostics_.push_back(Diagnostic{display, 0, 0, 1, ErrorCode::limit, "a pack may hold at most " + std::to_string(kMaxPackFiles) + " files", ""});
      return nullptr;
    }
    FileText read = read_text_file(path, kMaxPackFileBytes);
    if (!read.ok()) {
      diagnostics_.push_back(Diagnostic{display, 0, 0, 1, read.code, pack_file_problem(read), ""});
      return nullptr;
    }
    std::string content = std::move(read.text);
    outside_.push_back(PackFile{name, std::move(content)});
    return &outside_.back();
  }

  void load_clauses(YamlReader& r, const YamlNode& root) {
    if (const YamlNode* clauses = root.find("clauses")) {
      if (!clauses->is_sequence()) return r.error(*clauses, ErrorCode::wrong_type, "expected 'clauses' to be a list");
      for (const YamlNode& item : clauses->items) {
        if (!r.mapping(item, "a clause", {"id", "text"}, {"title"})) continue;
        Clause c;
        const YamlNode* id = r.scalar(item, "id");
        if (id) c.id = id->value;
        if (const YamlNode* text = r.scalar(item, "text")) c.text = text->value;
        c.title = r.text(item, "title");
        for (const auto& other : pack_->clauses) {
          if (id && other.id == c.id) r.error(*id, ErrorCode::duplicate, "duplicate clause id '" + c.id + "'");
        }
        pack_->clauses.push_back(std::move(c));
        clause_nodes_.push_back(&item);
      }
    }
    if (const YamlNode* list = root.find("not_encoded")) {
      if (!list->is_sequence()) return r.error(*list, ErrorCode::wrong_type, "expected 'not_encoded' to be a list");
      for (const YamlNode& item : list->items) {
        if (!r.mapping(item, "a not-encoded clause", {"clause", "reason"}, {})) continue;
        UnencodedClause u;
        if (const YamlNode* c = r.scalar(item, "clause")) {
          u.clause = c->value;
          if (!find_clause(u.clause)) r.error(*c, ErrorCode::unknown_name, "unknown clause '" + u.clause + "'" + did_you_mean(u.clause, clause_ids()));
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
                                 [&](const ProgramInfo& p) { return p.clause == id; }) ||
                     std::any_of(pack_->selection_infos.begin(), pack_->selection_infos.end(),
                                 [&](const SelectionInfo& s) { return s.clause == id; });
      bool listed = std::any_of(pack_->unencoded.begin(), pack_->unencoded.end(),
                                [&](const UnencodedClause& u) { return u.clause == id; });
      if (encoded && listed) r.error(*clause_nodes_[i], ErrorCode::duplicate, "clause '" + id + "' is encoded by a program and also listed under not_encoded");
      if (!encoded && !listed && diagnostics_.empty()) {
        r.error(*clause_nodes_[i], ErrorCode::missing, "clause '" + id + "' is neither encoded by a program nor listed under not_encoded with a reason");
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

  LoadResult finish() {
    LoadResult result;
    if (diagnostics_.empty() && !pack_->versions.empty()) settle_versions(*pack_, anchors_, diagnostics_);
    if (!diagnostics_.empty()) {
      result.diagnostics = std::move(diagnostics_);
      return result;
    }
    std::vector<const PackFile*> used(used_.begin(), used_.end());
    std::sort(used.begin(), used.end(), [](const PackFile* a, const PackFile* b) { return a->name < b->name; });
    pack_->digest = sha256_digest(used);
    for (const auto& f : pack_->schema.fields) {
      FieldInfo info{f.path, field_type(f.type), f.label, {}, f.changeable, f.aliases, f.required, false, f.min, f.max, f.places, {}};
      if (f.enum_id >= 0) {
        for (const auto& v : pack_->schema.enums[static_cast<std::size_t>(f.enum_id)].values) {
          info.values.push_back(EnumValueInfo{v.id, v.label, v.aliases});
        }
      }
      pack_->field_infos.push_back(std::move(info));
    }
    for (std::size_t i = 1; i < pack_->schema.sections.size(); ++i) {
      const SectionDef& s = pack_->schema.sections[i];
      pack_->field_infos.push_back(FieldInfo{s.path, FieldType::section, s.label, {}, true, s.aliases, false, s.optional, {}, {}, 0, s.absent});
    }
    result.rule_set = RuleSetAccess::make(std::move(pack_));
    return result;
  }

  const std::vector<PackFile>& files_;
  std::string root_;
  bool from_disk_ = false;
  std::deque<PackFile> outside_;  // files of an extended pack, read on demand
  std::unique_ptr<CompiledPack> pack_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::unique_ptr<YamlDocument>> docs_;
  std::vector<const YamlNode*> clause_nodes_;
  std::set<const PackFile*> used_;
  std::vector<ConditionGroup> groups_;
  std::vector<ProgramAnchor> anchors_;  // by program form
};

}  // namespace

}  // namespace detail

LoadResult load_rule_set(const std::vector<PackFile>& files, const std::string& display_root) {
  if (files.size() > detail::kMaxPackFiles) {
    LoadResult r;
    r.diagnostics.push_back(Diagnostic{display_root, 0, 0, 1, ErrorCode::limit,
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
    failed.diagnostics.push_back(Diagnostic{directory, 0, 0, 1, ErrorCode::unreadable, "not a folder holding a rule pack (expected pack.yaml inside)", ""});
    return failed;
  }
  std::vector<PackFile> files;
  // Every *.yaml file of the folder, read only when it is a regular file
  // inside it (symbolic links resolved): a link to a file elsewhere, to
  // itself or to a device is reported, never followed or left out silently.
  fs::directory_iterator entry(directory, ec), end;
  for (; !ec && entry != end; entry.increment(ec)) {
    if (entry->path().extension() != ".yaml") continue;
    std::string name = entry->path().filename().string();
    std::string display = directory + "/" + name;
    if (files.size() >= detail::kMaxPackFiles) {
      failed.diagnostics.push_back(Diagnostic{directory, 0, 0, 1, ErrorCode::limit, "a pack may hold at most " + std::to_string(detail::kMaxPackFiles) + " files", ""});
      return failed;
    }
    detail::FileText read = detail::read_text_file(entry->path(), detail::kMaxPackFileBytes, directory);
    if (!read.ok()) {
      failed.diagnostics.push_back(Diagnostic{display, 0, 0, 1, read.code, detail::pack_file_problem(read), ""});
      continue;
    }
    files.push_back(PackFile{name, std::move(read.text)});
  }
  if (ec) failed.diagnostics.push_back(Diagnostic{directory, 0, 0, 1, ErrorCode::unreadable, "cannot list the folder: " + ec.message(), ""});
  if (!failed.diagnostics.empty()) return failed;
  std::string root = directory;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (files.size() > detail::kMaxPackFiles) return load_rule_set(files, root);
  return detail::PackLoader(files, root, true).load();
}

}  // namespace talent
