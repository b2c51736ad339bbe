// Report stage: decisions and rejected records as JSON, written as they go
// (JsonWriter) with no tree in between: what `talent batch` prints.
//
// It must print exactly what the tree writer in report.cpp prints for the
// same decision: key for key, in the same order, under the same conditions.
// A key added to one is added to the other, in the same place;
// tests/unit/decision_writer_test.cpp compares the two over many generated
// decisions and fails on any difference. (The rule set's texts that every
// decision repeats are escaped once, in Texts; a new key needs no entry
// there, it is only faster with one.)
#include "report/json_writer.hpp"
#include "talent/report.hpp"

namespace talent {

using detail::json_string;
using detail::JsonWriter;

// The rule set's texts, each already a JSON string in the writer's language.
struct DecisionWriter::Texts {
  struct Program {
    std::string id, title, frequency, clause;
    std::vector<std::string> condition_ids, condition_labels, condition_froms, remark_ids, remark_texts;
  };
  struct Version {
    std::string id;
    Date since;
  };
  std::shared_ptr<const RuleSet> rules;
  Language language;
  Reasons reasons;
  std::string ruleset_id, version, digest;
  std::string statuses[3];  // by Status
  std::vector<Program> programs;
  std::vector<Version> versions;
  std::string detail;  // a reason's detail, reused from reason to reason

  Texts(const RuleSet& r, Language l, Reasons s) : rules(r.shared_from_this()), language(l), reasons(s) {
    ruleset_id = json_string(r.id());
    version = json_string(r.version());
    digest = json_string(r.digest());
    for (Status status : {Status::eligible, Status::ineligible, Status::needs_info}) {
      statuses[static_cast<int>(status)] = json_string(to_string(status));
    }
    for (const ProgramInfo& info : r.programs()) {
      Program p{json_string(info.id), json_string(info.title.in(l)), json_string(to_string(info.frequency)),
                json_string(info.clause), {}, {}, {}, {}, {}};
      for (const ConditionInfo& c : info.conditions) {
        p.condition_ids.push_back(json_string(c.id));
        p.condition_labels.push_back(json_string(c.label.in(l)));
        p.condition_froms.push_back(c.from.empty() ? "" : json_string(c.from));
      }
      for (const ConditionInfo& remark : info.remarks) {
        p.remark_ids.push_back(json_string(remark.id));
        p.remark_texts.push_back(json_string(remark.label.in(l)));
      }
      programs.push_back(std::move(p));
    }
    for (const VersionInfo& v : r.versions()) versions.push_back(Version{json_string(v.id), v.effective_from});
  }
};

namespace {

// {"path": "value", ...}: a path given twice keeps its first place and its
// last value, as a JSON object built key by key does.
void write_values(JsonWriter& w, const std::vector<SeenValue>& values) {
  w.open_object();
  for (std::size_t i = 0; i < values.size(); ++i) {
    bool earlier = false;
    for (std::size_t j = 0; j < i && !earlier; ++j) earlier = values[j].path == values[i].path;
    if (earlier) continue;
    const SeenValue* last = &values[i];
    for (std::size_t k = i + 1; k < values.size(); ++k) {
      if (values[k].path == values[i].path) last = &values[k];
    }
    w.key(values[i].path).string_or_null(last->value);
  }
  w.close_object();
}

// {"rent_years": {"value": "2", "since": "2024-12-01"}}, a parameter given
// twice keeping its first place and its last value, as write_values.
void write_parameters(JsonWriter& w, const std::vector<ParameterUse>& used) {
  w.open_object();
  for (std::size_t i = 0; i < used.size(); ++i) {
    bool earlier = false;
    for (std::size_t j = 0; j < i && !earlier; ++j) earlier = used[j].parameter == used[i].parameter;
    if (earlier) continue;
    const ParameterUse* last = &used[i];
    for (std::size_t k = i + 1; k < used.size(); ++k) {
      if (used[k].parameter == used[i].parameter) last = &used[k];
    }
    w.key(used[i].parameter).open_object();
    w.key("value").string_or_null(last->value).key("since").date(last->since);
    w.close_object();
  }
  w.close_object();
}

// {"home_purchase_subsidy": "eligible"}, likewise.
void write_outcomes(JsonWriter& w, const std::vector<ProgramUse>& used) {
  w.open_object();
  for (std::size_t i = 0; i < used.size(); ++i) {
    bool earlier = false;
    for (std::size_t j = 0; j < i && !earlier; ++j) earlier = used[j].program == used[i].program;
    if (earlier) continue;
    const ProgramUse* last = &used[i];
    for (std::size_t k = i + 1; k < used.size(); ++k) {
      if (used[k].program == used[i].program) last = &used[k];
    }
    w.key(used[i].program).string(to_string(last->status));
  }
  w.close_object();
}

}  // namespace

DecisionWriter::DecisionWriter(const RuleSet& rules, Language language, Reasons reasons)
    : texts_(std::make_unique<Texts>(rules, language, reasons)) {}
DecisionWriter::~DecisionWriter() = default;
DecisionWriter::DecisionWriter(DecisionWriter&&) noexcept = default;
DecisionWriter& DecisionWriter::operator=(DecisionWriter&&) noexcept = default;

void DecisionWriter::append(const Decision& decision, std::string& out) {
  Texts& t = *texts_;
  const RuleSet& rules = *t.rules;
  Language language = t.language;
  Reasons style = t.reasons;
  JsonWriter w(out);
  w.open_object();
  w.key("id").string(decision.id);
  w.key("as_of").date(decision.as_of);
  w.key("ruleset").open_object();
  w.key("id").json(t.ruleset_id).key("version").json(t.version).key("digest").json(t.digest);
  if (decision.version < t.versions.size()) {
    const Texts::Version& v = t.versions[decision.version];
    w.key("in_force").open_object().key("version").json(v.id).key("since").date(v.since).close_object();
  }
  w.close_object();
  w.key("programs").open_array();
  for (const ProgramDecision& p : decision.programs) {
    const ProgramInfo& info = rules.programs()[p.program];
    const Texts::Program& texts = t.programs[p.program];
    w.open_object();
    w.key("program").json(texts.id);
    w.key("title").json(texts.title);
    w.key("status").json(t.statuses[static_cast<int>(p.status)]);
    if (p.amount) w.key("amount").string(p.amount->to_string());
    w.key("frequency").json(texts.frequency);
    if (p.window) {
      w.key("window").open_object().key("start").date(p.window->start).key("end").date(p.window->end).close_object();
    }
    w.key("clause").json(texts.clause);
    if (p.status == Status::needs_info) {
      w.key("missing").open_array();
      for (const std::string& m : p.missing) w.string(m);
      w.close_array();
    }
    if (style != Reasons::none && !p.reasons.empty()) {
      w.key("reasons").open_array();
      for (const Reason& r : p.reasons) {
        w.open_object();
        w.key("condition").json(texts.condition_ids[r.condition]);
        w.key("result");
        if (r.result == Truth::unknown) w.null();
        else w.boolean(r.result == Truth::yes);
        if (style == Reasons::full) w.key("label").json(texts.condition_labels[r.condition]);
        w.key("seen");
        write_values(w, r.seen);
        if (!r.parameters.empty()) {
          w.key("parameters");
          write_parameters(w, r.parameters);
        }
        if (!r.programs.empty()) {
          w.key("programs");
          write_outcomes(w, r.programs);
        }
        if (!r.definitions.empty()) {
          w.key("definitions");
          write_values(w, r.definitions);
        }
        if (!texts.condition_froms[r.condition].empty()) w.key("from").json(texts.condition_froms[r.condition]);
        if (style == Reasons::full) {
          t.detail = info.conditions[r.condition].label.in(language);
          t.detail += language == Language::zh ? "：" : ": ";
          append_reason_detail(rules, r, language, t.detail);
          w.key("detail").string(t.detail);
        }
        w.close_object();
      }
      w.close_array();
    }
    if (style != Reasons::none && p.amount && !p.amount_seen.empty()) {
      w.key("amount_basis");
      write_values(w, p.amount_seen);
    }
    if (style != Reasons::none && p.amount && !p.amount_parameters.empty()) {
      w.key("amount_parameters");
      write_parameters(w, p.amount_parameters);
    }
    if (!p.remarks.empty()) {
      w.key("notes").open_array();
      for (std::size_t r : p.remarks) w.open_object().key("id").json(texts.remark_ids[r]).key("text").json(texts.remark_texts[r]).close_object();
      w.close_array();
    }
    w.close_object();
  }
  w.close_array();
  if (!decision.normalized.empty()) {
    w.key("normalized").open_array();
    for (const Normalization& n : decision.normalized) {
      w.open_object().key("field").string(n.field).key("from").string(n.from).key("to").string(n.to).close_object();
    }
    w.close_array();
  }
  if (!decision.ignored.empty()) {
    w.key("ignored").open_array();
    for (const std::string& path : decision.ignored) w.string(path);
    w.close_array();
  }
  w.close_object();
}

void DecisionWriter::append(const ParsedRecord& rejected, std::string& out) { append_json(rejected, out); }
void DecisionWriter::append(const ParsedRecord& rejected, std::string_view file, std::string& out) {
  append_json(rejected, file, out);
}

void append_json(const RuleSet& rules, const Decision& decision, Language language, Reasons reasons,
                 std::string& out) {
  DecisionWriter(rules, language, reasons).append(decision, out);
}

}  // namespace talent
