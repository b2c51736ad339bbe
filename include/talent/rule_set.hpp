// A compiled rule pack: load once, share everywhere.
//
// Loading parses the pack's YAML, type-checks every expression against the
// pack's schema and compiles it. It returns either a complete, immutable
// RuleSet or every diagnostic found — never half a rule set. A RuleSet is
// never modified after loading, so one instance may be used by any number of
// threads at once.
//
// Lifetimes, in one place:
// - A RuleSet is always owned by a std::shared_ptr<const RuleSet>; copy the
//   pointer to share it. It lives until its last owner lets go.
// - A RecordReader is one of those owners: it may outlive your pointer.
// - A Record and a Decision own no part of the rule set and may outlive it.
//   A Record stays bound to the rule set that parsed it: evaluating it with
//   any other one (even the same pack loaded again) throws
//   std::invalid_argument. A Decision's indices (program, condition, remark)
//   refer to the rule set it was evaluated with; read them with that one.
// - Each loaded rule set is its own identity, never reused in the process,
//   even when a later one occupies the same memory.
//
//   talent::LoadResult r = talent::load_rule_set("rules/hohhot-talent-25");
//   if (!r.ok()) { std::cerr << talent::format(r.diagnostics); return 2; }
#pragma once

#include "talent/date.hpp"
#include "talent/diagnostic.hpp"
#include "talent/export.h"
#include "talent/messages.hpp"
#include "talent/money.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace talent {

namespace detail {
struct CompiledPack;
struct RuleSetAccess;
}

// Language and LocalizedText are declared in talent/messages.hpp.

enum class Frequency { monthly, once };
TALENT_API const char* to_string(Frequency frequency);

struct Clause {
  std::string id;        // "C-RENT"
  LocalizedText title;
  std::string text;      // quoted from the source document
};

struct UnencodedClause {
  std::string clause;    // a Clause id
  LocalizedText reason;  // why the pack does not encode it (yet)
};

struct ConditionInfo {
  std::string id;
  LocalizedText label;
  std::string expression;  // as written in the pack
  std::string decision;    // the reading it applies ("D2"), if the pack names one
  std::string note;        // the pack author's remark, if any
  // What the compiled condition looks at, as RuleSet::fields() names it: the
  // fields it reads or tests with has(), in schema order, then the sections
  // it tests with has(), in schema order. (The as-of date is not a field.)
  std::vector<std::string> fields_read;
  // False when the condition always has an answer: it reads no field's value,
  // only whether something is there (has(...)) or the as-of date. A condition
  // reading any field's value is unknown for a record lacking that value.
  bool can_be_unknown = false;
  // True when every value the schema allows satisfies the condition, so it
  // can only be true or unknown (e.g. `degree in [...]` listing every degree).
  bool cannot_be_false = false;
  // The shared condition group (a pack definition) it comes from, if any,
  // e.g. "graduate_base"; empty for a condition written in the program.
  std::string from;
  // The parameters it reads (ParameterInfo ids), and the programs whose
  // outcome it reads (program ids), in order of first use.
  std::vector<std::string> parameters;
  std::vector<std::string> programs;
};

struct AmountRow {
  std::string key;       // enum value
  Money amount;          // to_string() gives "1000.00"
};

struct ProgramInfo {
  std::string id;
  LocalizedText title;
  std::string clause;
  Frequency frequency = Frequency::once;
  // How a decision names the amount: the program's `amount_label` ("贴息总额"
  // / "of interest subsidy in total"), by default its frequency's words
  // ("每月" / "per month", "一次性" / "once"). The zh words come before the
  // amount, the en words after it.
  LocalizedText amount_label;
  std::vector<ConditionInfo> conditions;
  std::vector<ConditionInfo> remarks;  // notes shown when they hold
  std::string amount_expression;       // empty when the amount is a table
  std::vector<std::string> amount_parameters;  // parameters the amount reads
  std::string amount_table_field;      // field keying the table, if any
  std::vector<AmountRow> amount_table;
  std::vector<std::string> decisions;  // readings of the policy it applies ("D1", ...)
  std::string window_start;            // expressions; empty without a window
  std::string window_end;
  LocalizedText notes;
  // The version that introduced this form of the program (an index into
  // RuleSet::versions()); later versions use it until one amends it.
  std::size_t version = 0;
};

// One key of a selection program's ranking, as written. Candidates are
// ordered by the first key; a tie is broken by the next, and the last key is
// always the record's id, so that no two candidates tie.
struct RankingKeyInfo {
  std::string key;          // an expression, usually a field path ("selection.panel_score")
  bool descending = false;  // highest first (a score); otherwise lowest first (a date, the id)
};

// A selection program (`kind: selection` in its file): awards decided for a
// cycle's candidates together, at most `quota` of them, rather than for one
// applicant as of a date. select() (talent/selection.hpp) decides a cycle;
// evaluate() does not report selection programs.
struct SelectionInfo {
  std::string id;
  LocalizedText title;
  std::string clause;
  std::vector<ConditionInfo> candidacy;  // all must hold for a candidate to be ranked
  std::vector<ConditionInfo> remarks;    // notes shown with a selected candidate when they hold
  std::string every_years;               // the int parameter: years from one cycle's first day to the next one's
  Date first_cycle;                      // the first day of the first cycle
  std::string quota;                     // the int parameter: the most candidates selected in a cycle
  std::vector<RankingKeyInfo> ranking;
  std::string award_expression;          // money, e.g. min(selection.requested_amount, craftsman_award_cap)
  std::vector<std::string> award_parameters;
  std::vector<std::string> decisions;    // readings of the policy it applies
  LocalizedText notes;
};

// The source of a version of the rules: the document that made it.
struct VersionSource {
  std::string document;
  std::string clause;     // where in the document, if given
  std::string published;  // as the document dates itself, e.g. "2024-12"
};

// The rules in force from a date: the pack as first published, then each
// amendment in date order.
struct VersionInfo {
  std::string id;            // the pack's version for the first; the amendment's id after
  LocalizedText title;
  Date effective_from;
  VersionSource source;
  std::vector<std::size_t> programs;  // indices into RuleSet::programs(), in report order
};

// One value of a parameter and the day from which it applies.
struct ParameterValueInfo {
  Date since;
  std::string value;              // canonical text ("2", "300000.00", "0.5"), for a plain parameter
  std::vector<std::pair<std::string, std::string>> rows;  // enum value -> canonical text, for a table
};

// A named, dated value programs use instead of literals (e.g. the rent per
// degree, the 2-year limit).
struct ParameterInfo {
  std::string id;
  LocalizedText label;
  std::string type;               // "money", "int", "rate", "date", "bool"
  std::string by;                 // the enum field keying a table, or empty
  std::string clause;             // the clause it comes from, if the pack says
  std::vector<ParameterValueInfo> history;  // by `since`, ascending
};

// A named expression of the pack's definitions, used by name in conditions,
// amounts and windows (e.g. rent_deadline: graduation_date + years(rent_years)).
struct NamedExpressionInfo {
  std::string id;
  LocalizedText label;
  std::string expression;  // as written
};

struct EnumValueInfo {
  std::string id;         // "full_time"
  LocalizedText label;    // 全日制 / full-time
  std::vector<std::string> aliases;  // other names a record may write for it: 全日制
};

// What a schema entry holds; to_string gives the pack's own spelling of it.
enum class FieldType {
  boolean,      // "bool": true or false
  integer,      // "int": a whole number
  money,        // "money": yuan and fen (talent::Money)
  rate,         // "rate": an exact fraction (talent::Rate)
  date,         // "date": a calendar day
  enumeration,  // "enum": one of FieldInfo::values
  text,         // "string": free text, e.g. the record's id
  section,      // "section": a group of fields, tested with has() as a whole
  decimal,      // "decimal": an exact number with the field's fixed decimal places (a score of 87.50)
};
TALENT_API const char* to_string(FieldType type);

struct FieldInfo {
  std::string path;       // "employment.status"
  FieldType type = FieldType::text;
  LocalizedText label;
  std::vector<EnumValueInfo> values;  // enum fields: the allowed values, in schema order
  // False for a fact the applicant cannot change (the schema's `mutable:
  // false`): suggestions name it as what would be needed, not as advice.
  bool can_change = true;
  std::vector<std::string> aliases;  // other names a record may give it by (RecordForms::label_names)
  bool required = false;
  bool optional = false;             // a section whose absence means "has none"
  std::optional<std::int64_t> min;   // int fields; decimal fields in units of 10^-places
  std::optional<std::int64_t> max;
  int places = 0;                    // decimal fields: the decimals a value may have
  // An optional section's absence in words, as the schema's `absent` says
  // it ("无购房记录" / "no home purchase recorded"); empty when it says none.
  LocalizedText absent;
};

// What to do with a field of a record that the schema does not declare:
// reject the record (the default: a misspelt field name matters), or accept
// it without the field, listing it in the decision's `ignored` (warn) or not
// (ignore). `schema` stands for the schema's own choice (RecordForms).
enum class UnknownFields : std::uint8_t { schema, reject, warn, ignore };

// A unit an amount may be written in, after the number: 万 = 10000.00 yuan.
struct MoneyUnit {
  std::string name;
  Money value;
};

// The forms a record may use besides the canonical ones, as the schema's
// `forms:` declares them (docs/rules.md). Each value or field name written
// in one of them is rewritten to its canonical form and listed in the
// record's and the decision's `normalized`; nothing else is guessed, and an
// ambiguous value (a rate of 3.85, a date 6/7/2024) is still rejected.
// A schema without `forms:` accepts the canonical forms only.
struct RecordForms {
  UnknownFields unknown_fields = UnknownFields::reject;  // never `schema`
  bool label_names = false;  // a field or section by its label or an alias: 学历, 就业创业情况
  bool path_names = false;   // a nested field by its dotted path as one key: employment.status, 就业创业情况.就业状态
  bool enum_labels = false;  // an enum value by its labels (zh, en), besides its aliases
  bool full_width = false;   // full-width digits and signs (２０２４，３．８５％) read as ASCII
  std::vector<std::string> true_words;     // 是, 有
  std::vector<std::string> false_words;    // 否, 无
  std::vector<std::string> date_patterns;  // "YYYY年M月D日": YYYY four digits, M and D one or two
  std::string money_grouping;              // "," in 300,000.00; empty: none
  std::vector<std::string> money_signs;    // written before an amount: ￥
  std::vector<MoneyUnit> money_units;      // written after it: 万, 元
};

// Made only by load_rule_set (and builtin_rule_set), always owned by a
// shared_ptr; shared_from_this() gives another owner from a reference.
class TALENT_API RuleSet : public std::enable_shared_from_this<RuleSet> {
 public:
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const std::string& id() const;
  const std::string& version() const;
  const LocalizedText& title() const;
  const std::string& source_document() const;
  // Where the readings of the policy that the pack's programs and conditions
  // cite ("D1", "D2", ...) are explained: the manifest's `readings`, a
  // document a reader can look up. Empty when the pack names none.
  const std::string& readings_document() const;
  Date effective_from() const;
  // "sha256:<hex>" over the files the manifest uses (itself, the schema and
  // the programs), names included.
  const std::string& digest() const;

  const std::vector<Clause>& clauses() const;
  const std::vector<UnencodedClause>& unencoded_clauses() const;
  // Every program of every version: a program an amendment changes appears
  // once per form. A version lists the ones it uses.
  const std::vector<ProgramInfo>& programs() const;
  // The selection programs, in the manifest's order. They belong to no
  // version: a cycle is decided by the rules in force on its first day.
  const std::vector<SelectionInfo>& selections() const;
  // The versions by effective date; the first is the pack as first published.
  const std::vector<VersionInfo>& versions() const;
  // The version in force on `date` (an index into versions()): the latest one
  // taking effect on or before it, or the first one for an earlier date.
  std::size_t version_at(Date date) const;
  const std::vector<ParameterInfo>& parameters() const;
  const std::vector<NamedExpressionInfo>& named_expressions() const;
  const std::vector<FieldInfo>& fields() const;      // in schema order
  // The field at `path`, or nullptr.
  const FieldInfo* find_field(const std::string& path) const;
  // The label of a field path, or nullptr for an unknown path.
  const LocalizedText* field_label(const std::string& path) const;
  // The forms a record may be written in besides the canonical ones.
  const RecordForms& forms() const;
  const Clause* find_clause(const std::string& id) const;

  // The compiled form, for the library's own stages (its type is internal).
  const detail::CompiledPack& compiled() const { return *pack_; }

 private:
  friend struct detail::RuleSetAccess;  // the loader is the only maker
  explicit RuleSet(std::unique_ptr<detail::CompiledPack> pack);
  std::unique_ptr<detail::CompiledPack> pack_;
  std::uint64_t serial_;  // unique in the process: what a Record is bound to
};

struct LoadResult {
  std::shared_ptr<const RuleSet> rule_set;  // null when anything was wrong
  std::vector<Diagnostic> diagnostics;      // every problem, in file order
  bool ok() const { return rule_set != nullptr; }
};

// One file of a pack held in memory. `name` is relative to the pack folder.
struct PackFile {
  std::string name;
  std::string content;
};

// Loads the pack in `directory` (its manifest is `pack.yaml`).
// Diagnostics name files as `directory/name`.
TALENT_API LoadResult load_rule_set(const std::string& directory);
// Loads a pack from memory; `display_root` prefixes file names in diagnostics.
TALENT_API LoadResult load_rule_set(const std::vector<PackFile>& files, const std::string& display_root);

}  // namespace talent
