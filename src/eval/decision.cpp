// Evaluation stage: deciding each program of a pack for one record. Runs the
// Evaluator over a program's conditions and combines them in Kleene logic
// (false wins, then unknown), names the facts still missing, computes the
// amount and the window, and keeps the values each condition looked at when
// asked to explain. All state is per call.
#include "base/text.hpp"
#include "eval/evaluator.hpp"

#include "base/decimal.hpp"
#include "pack/rule_set_access.hpp"
#include "record/record_access.hpp"
#include "talent/rule_set.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace talent::detail {
namespace {

// Canonical text of a record field's value ("2024-07-01", "500.00"), put
// in `out` (reusing its storage).
void field_text(const CompiledPack& pack, const Record& record, int field, std::string& out) {
  const FieldDef& f = pack.schema.fields[static_cast<std::size_t>(field)];
  const Slot& s = RecordAccess::slots(record)[static_cast<std::size_t>(f.slot)];
  switch (f.type) {
    case ValueType::boolean: out.assign(s.number ? "true" : "false"); break;
    case ValueType::integer: out.assign(std::to_string(s.number)); break;
    case ValueType::money: out.assign(Money::from_fen(s.number).to_string()); break;
    case ValueType::rate: out.assign(Rate::from_units(s.number).to_string()); break;
    case ValueType::decimal: out.assign(format_decimal_units(s.number, f.places)); break;
    case ValueType::date: out.assign(format_date(s.date)); break;
    case ValueType::enumeration:
      out.assign(pack.schema.enums[static_cast<std::size_t>(f.enum_id)].values[static_cast<std::size_t>(s.number)].id);
      break;
    case ValueType::string: out.assign(RecordAccess::strings(record)[static_cast<std::size_t>(s.number)]); break;
    default: out.clear();
  }
}

std::string field_text(const CompiledPack& pack, const Record& record, int field) {
  std::string out;
  field_text(pack, record, field, out);
  return out;
}

// `value` holding `text` (reusing the storage it has), or empty.
void set_value(std::optional<std::string>& value, const char* text) {
  if (value) value->assign(text);
  else value.emplace(text);
}

bool field_present(const CompiledPack& pack, const Slot* slots, int field) {
  return slots[pack.schema.fields[static_cast<std::size_t>(field)].slot].present;
}

// A field counts as missing when it is absent although every optional section
// above it is present: an absent optional section means "has none".
bool field_missing(const CompiledPack& pack, const Slot* slots, int field) {
  const FieldDef& f = pack.schema.fields[static_cast<std::size_t>(field)];
  if (slots[f.slot].present) return false;
  for (int s = f.section; s > 0; s = pack.schema.sections[static_cast<std::size_t>(s)].parent) {
    const SectionDef& sec = pack.schema.sections[static_cast<std::size_t>(s)];
    if (sec.optional && !slots[sec.slot].present) return false;
  }
  return true;
}

void add_missing(const CompiledPack& pack, const Slot* slots, const CompiledExpression& e,
                 std::vector<std::string>& missing) {
  for (int field : e.fields) {
    if (field_missing(pack, slots, field)) missing.push_back(pack.schema.fields[static_cast<std::size_t>(field)].path);
  }
}

// The values `e` looks at, put in `seen` (reusing the storage of the
// SeenValues it holds, their strings included).
void seen_values(const CompiledPack& pack, const Record& record, const CompiledExpression& e, Date as_of,
                 std::vector<SeenValue>& seen) {
  seen.resize(e.fields.size() + e.sections.size() + (e.reads_as_of ? 1 : 0));
  std::size_t n = 0;
  const Slot* slots = RecordAccess::slots(record).data();
  for (int field : e.fields) {
    SeenValue& v = seen[n++];
    v.path.assign(pack.schema.fields[static_cast<std::size_t>(field)].path);
    if (!field_present(pack, slots, field)) v.value.reset();
    else if (v.value) field_text(pack, record, field, *v.value);
    else v.value.emplace(field_text(pack, record, field));
  }
  for (int section : e.sections) {
    const SectionDef& sec = pack.schema.sections[static_cast<std::size_t>(section)];
    SeenValue& v = seen[n++];
    v.path.assign(sec.path);
    if (slots[sec.slot].present) set_value(v.value, "present");
    else v.value.reset();
  }
  if (e.reads_as_of) {
    SeenValue& v = seen[n++];
    v.path.assign("as_of");
    set_value(v.value, format_date(as_of).c_str());
  }
}

std::vector<ParameterUse> parameters_used(const CompiledPack& pack, const Record& record, const CompiledExpression& e,
                                          const Evaluator& ev) {
  std::vector<ParameterUse> used;
  used.reserve(e.parameters.size());
  const Slot* slots = RecordAccess::slots(record).data();
  for (int index : e.parameters) {
    const ParameterDef& p = pack.names.parameters[static_cast<std::size_t>(index)];
    const ParameterStep& step = ev.step(index);
    ParameterUse use{p.id, std::nullopt, step.since};
    if (p.by_field < 0) {
      use.value = step.text;
    } else {
      const Slot& key = slots[pack.schema.fields[static_cast<std::size_t>(p.by_field)].slot];
      if (key.present) use.value = step.table_text[static_cast<std::size_t>(key.number)];
    }
    used.push_back(std::move(use));
  }
  return used;
}

// The days the named dates `e` reads come to, by the expressions' ids.
void named_dates(const CompiledPack& pack, const CompiledExpression& e, const Evaluator& ev,
                 std::vector<SeenValue>& out) {
  for (const NamedDate& d : e.named_dates) {
    Value v = ev.eval(d.node);
    out.push_back(SeenValue{pack.names.expressions[static_cast<std::size_t>(d.expression)].id, std::nullopt});
    if (v.known && v.beyond == 0) out.back().value = format_date(v.date);
  }
}

std::vector<ProgramUse> programs_used(const CompiledPack& pack, const CompiledVersion& version,
                                      const CompiledExpression& e, const ProgramDecision* decided) {
  std::vector<ProgramUse> used;
  for (int key : e.programs) {
    int position = version.position_of_key[static_cast<std::size_t>(key)];
    used.push_back(ProgramUse{pack.names.programs[static_cast<std::size_t>(key)], decided[position].status});
  }
  return used;
}

// The facts the programs a condition refers to still need.
void add_missing_of_programs(const CompiledVersion& version, const CompiledExpression& e,
                             const ProgramDecision* decided, std::vector<std::string>& missing) {
  for (int key : e.programs) {
    const ProgramDecision& other = decided[version.position_of_key[static_cast<std::size_t>(key)]];
    if (other.status == Status::needs_info) missing.insert(missing.end(), other.missing.begin(), other.missing.end());
  }
}

}  // namespace

void decide(const CompiledPack& pack, const CompiledVersion& version, const CompiledProgram& program,
            const Record& record, const Evaluator& ev, Date as_of, bool explain, const ProgramDecision* decided,
            ProgramDecision& out) {
  const Slot* slots = RecordAccess::slots(record).data();
  bool any_false = false;
  bool any_unknown = false;
  // Explaining, every condition has its reason, made where an earlier
  // decision's reasons left their storage.
  if (explain) out.reasons.resize(program.conditions.size());
  for (std::size_t i = 0; i < program.conditions.size(); ++i) {
    const CompiledExpression& c = program.conditions[i];
    Truth t = ev.truth(c);
    if (explain) {
      // A fresh reason but for the seen values' storage, so that nothing of
      // the earlier decision's reason stays behind.
      Reason& reason = out.reasons[i];
      std::vector<SeenValue> seen = std::move(reason.seen);
      reason = Reason{};
      reason.condition = i;
      reason.result = t;
      reason.seen = std::move(seen);
      seen_values(pack, record, c, as_of, reason.seen);
      reason.parameters = parameters_used(pack, record, c, ev);
      reason.programs = programs_used(pack, version, c, decided);
      named_dates(pack, c, ev, reason.definitions);
    }
    if (t == Truth::no) {
      any_false = true;
      if (!explain) break;  // the verdict cannot change
    } else if (t == Truth::unknown) {
      any_unknown = true;
      add_missing(pack, slots, c, out.missing);
      add_missing_of_programs(version, c, decided, out.missing);
    }
  }
  if (any_false) {
    out.status = Status::ineligible;
    out.missing.clear();
    return;
  }
  std::optional<Money> amount;
  if (any_unknown) {
    // Ask for every fact the program still needs, the amount's included.
    if (program.amount_is_table) {
      if (field_missing(pack, slots, program.table_field)) {
        out.missing.push_back(pack.schema.fields[static_cast<std::size_t>(program.table_field)].path);
      }
    } else {
      add_missing(pack, slots, program.amount, out.missing);
    }
  } else {
    if (program.amount_is_table) {
      const FieldDef& key = pack.schema.fields[static_cast<std::size_t>(program.table_field)];
      const Slot& s = slots[key.slot];
      if (s.present) amount = program.table[static_cast<std::size_t>(s.number)];
      else if (field_missing(pack, slots, program.table_field)) out.missing.push_back(key.path);
      if (explain) {
        out.amount_seen.resize(1);
        SeenValue& v = out.amount_seen[0];
        v.path.assign(key.path);
        if (!s.present) v.value.reset();
        else if (v.value) field_text(pack, record, program.table_field, *v.value);
        else v.value.emplace(field_text(pack, record, program.table_field));
      }
    } else {
      Value v = ev.eval(program.amount.root);
      if (v.known) {
        std::int64_t fen = 0;
        if (!exact_round(v.number, 100, fen)) throw ArithmeticFailure{ErrorCode::limit, "the amount does not fit in 64-bit fen"};
        if (fen < 0) {
          throw ArithmeticFailure{ErrorCode::invalid_value, "the amount came out negative (" +
                                                                Money::from_fen(fen).to_string() +
                                                                "); the pack's amount expression is wrong"};
        }
        amount = Money::from_fen(fen);
      } else {
        add_missing(pack, slots, program.amount, out.missing);
      }
      if (explain) {
        seen_values(pack, record, program.amount, as_of, out.amount_seen);
        out.amount_parameters = parameters_used(pack, record, program.amount, ev);
      }
    }
  }
  if (!amount) {
    std::sort(out.missing.begin(), out.missing.end());
    out.missing.erase(std::unique(out.missing.begin(), out.missing.end()), out.missing.end());
    // Unknown only through sections the applicant does not have: ineligible (D8).
    out.status = out.missing.empty() ? Status::ineligible : Status::needs_info;
    return;
  }
  out.status = Status::eligible;
  out.amount = amount;
  if (program.has_window) {
    Value start = ev.eval(program.window_start.root);
    Value end = ev.eval(program.window_end.root);
    if (start.known && end.known) {
      // A window reaching past the calendar runs to its first or last day.
      for (Value* v : {&start, &end}) {
        if (v->beyond != 0) v->date = v->beyond > 0 ? *make_date(9999, 12, 31) : *make_date(1400, 1, 1);
      }
      if (end.date < start.date) {
        throw ArithmeticFailure{ErrorCode::invalid_value, "the window ends (" + format_date(end.date) +
                                                              ") before it starts (" + format_date(start.date) +
                                                              "); the pack's window is wrong"};
      }
      out.window = Window{start.date, end.date};
    }
  }
  for (std::size_t i = 0; i < program.remarks.size(); ++i) {
    if (ev.truth(program.remarks[i]) == Truth::yes) out.remarks.push_back(i);
  }
}

namespace {

// `p` as a ProgramDecision just made, but keeping the storage its lists
// have; whatever it holds besides them starts from its default.
//
// The reasons keep their elements (with the strings they hold) so that the
// next decision writes over them; without explaining, they are emptied here.
void start_afresh(ProgramDecision& p, bool explain) {
  ProgramDecision fresh;
  fresh.missing = std::move(p.missing);
  fresh.reasons = std::move(p.reasons);
  fresh.amount_seen = std::move(p.amount_seen);
  fresh.remarks = std::move(p.remarks);
  fresh.missing.clear();
  fresh.remarks.clear();
  if (!explain) fresh.reasons.clear();
  fresh.amount_seen.clear();
  p = std::move(fresh);
}

// An outside string for a message: shown as display_text shows it, and cut
// (at a character boundary) when long.
std::string shown(const std::string& text) {
  std::size_t cut = std::min<std::size_t>(text.size(), 64);
  while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  return detail::display_text(std::string_view(text).substr(0, cut)) + (cut < text.size() ? "..." : "");
}

// A record may only be evaluated with the rule set that parsed it: its slots
// follow that rule set's schema. Serials are never reused, so this holds even
// when that rule set is gone and another one took its memory.
void check_bound(const RuleSet& rules, const Record& record) {
  std::uint64_t serial = RecordAccess::rule_set_serial(record);
  if (serial == RuleSetAccess::serial(rules)) return;
  std::string message = "talent::evaluate: record '" + shown(record.id()) + "' ";
  if (serial == 0) {
    message += "was not parsed with any rule set; make records with parse_record or a RecordReader";
  } else {
    message += "was parsed with another rule set (load #" + std::to_string(serial) +
               ") and cannot be evaluated against this one (" + shown(rules.id()) + " version " +
               shown(rules.version()) + ", load #" + std::to_string(RuleSetAccess::serial(rules)) +
               "); parse it again with this one";
  }
  throw std::invalid_argument(message);
}

}  // namespace
}  // namespace talent::detail

namespace talent {

const char* to_string(Status status) {
  switch (status) {
    case Status::eligible: return "eligible";
    case Status::ineligible: return "ineligible";
    case Status::needs_info: return "needs_info";
  }
  return "?";
}

Decision evaluate(const RuleSet& rules, const Record& record, Date as_of, const EvaluateOptions& options) {
  Decision d;
  evaluate(rules, record, as_of, options, d);
  return d;
}

void evaluate(const RuleSet& rules, const Record& record, Date as_of, const EvaluateOptions& options, Decision& d) {
  const detail::CompiledPack& pack = rules.compiled();
  detail::check_bound(rules, record);
  if (as_of.is_special()) throw std::invalid_argument("talent::evaluate: as_of is not a date");
  d.id.assign(record.id());
  d.name.clear();
  if (pack.schema.name_field >= 0) {
    const detail::Slot& s = detail::RecordAccess::slots(record)[static_cast<std::size_t>(pack.schema.fields[static_cast<std::size_t>(pack.schema.name_field)].slot)];
    if (s.present) d.name.assign(detail::RecordAccess::strings(record)[static_cast<std::size_t>(s.number)]);
  }
  d.as_of = as_of;
  d.normalized = record.normalized();
  d.ignored = record.ignored();
  d.version = pack.version_at(as_of);
  const detail::CompiledVersion& version = pack.versions[d.version];
  // Parameters take the values in force on the as-of date; an as-of date
  // before the first version is decided by the first version as it took effect.
  Date rules_date = std::max(as_of, version.info.effective_from);
  d.programs.resize(version.info.programs.size());
  for (ProgramDecision& p : d.programs) detail::start_afresh(p, options.explain);
  detail::Evaluator ev(pack, version, record, as_of, rules_date);
  ev.decided(d.programs.data());
  for (std::size_t position : version.order) {
    std::size_t index = version.info.programs[position];
    d.programs[position].program = index;
    try {
      detail::decide(pack, version, pack.programs[index], record, ev, as_of, options.explain, d.programs.data(),
                     d.programs[position]);
    } catch (const detail::ArithmeticFailure& f) {
      const std::string& id = pack.program_infos[index].id;
      throw EvaluationError(id, f.code, id + ": " + f.what);
    }
  }
}

}  // namespace talent
