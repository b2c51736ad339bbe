#include "talent/rule_set.hpp"

#include "lang/compiled.hpp"
#include "pack/rule_set_access.hpp"

#include <atomic>

namespace talent {
namespace {

// Serial numbers are never reused in a process, so a record can tell whether
// it is being evaluated against the rule set that parsed it, even after that
// rule set is gone and another one occupies its memory.
std::atomic<std::uint64_t> next_serial{1};

}  // namespace

namespace detail {

std::shared_ptr<const RuleSet> RuleSetAccess::make(std::unique_ptr<CompiledPack> pack) {
  return std::shared_ptr<const RuleSet>(new RuleSet(std::move(pack)));
}

}  // namespace detail

const char* to_string(Frequency frequency) { return frequency == Frequency::monthly ? "monthly" : "once"; }

const char* to_string(FieldType type) {
  switch (type) {
    case FieldType::boolean: return "bool";
    case FieldType::integer: return "int";
    case FieldType::money: return "money";
    case FieldType::rate: return "rate";
    case FieldType::date: return "date";
    case FieldType::enumeration: return "enum";
    case FieldType::text: return "string";
    case FieldType::section: return "section";
    case FieldType::decimal: return "decimal";
  }
  return "?";
}

RuleSet::RuleSet(std::unique_ptr<detail::CompiledPack> pack)
    : pack_(std::move(pack)), serial_(next_serial.fetch_add(1, std::memory_order_relaxed)) {}
RuleSet::~RuleSet() = default;
const std::string& RuleSet::id() const { return pack_->id; }
const std::string& RuleSet::version() const { return pack_->version; }
const LocalizedText& RuleSet::title() const { return pack_->title; }
const std::string& RuleSet::source_document() const { return pack_->source_document; }
const std::string& RuleSet::readings_document() const { return pack_->readings_document; }
Date RuleSet::effective_from() const { return pack_->effective_from; }
const std::string& RuleSet::digest() const { return pack_->digest; }
const std::vector<Clause>& RuleSet::clauses() const { return pack_->clauses; }
const std::vector<UnencodedClause>& RuleSet::unencoded_clauses() const { return pack_->unencoded; }
const std::vector<ProgramInfo>& RuleSet::programs() const { return pack_->program_infos; }
const std::vector<SelectionInfo>& RuleSet::selections() const { return pack_->selection_infos; }
const std::vector<FieldInfo>& RuleSet::fields() const { return pack_->field_infos; }
const RecordForms& RuleSet::forms() const { return pack_->schema.forms; }
const std::vector<VersionInfo>& RuleSet::versions() const { return pack_->version_infos; }
std::size_t RuleSet::version_at(Date date) const { return pack_->version_at(date); }
const std::vector<ParameterInfo>& RuleSet::parameters() const { return pack_->parameter_infos; }
const std::vector<NamedExpressionInfo>& RuleSet::named_expressions() const { return pack_->expression_infos; }

const FieldInfo* RuleSet::find_field(const std::string& path) const {
  for (const auto& f : pack_->field_infos) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

const LocalizedText* RuleSet::field_label(const std::string& path) const {
  const FieldInfo* f = find_field(path);
  return f ? &f->label : nullptr;
}

const Clause* RuleSet::find_clause(const std::string& id) const {
  for (const auto& c : pack_->clauses) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace talent
