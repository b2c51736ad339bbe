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
    std::vector<std::string> condition_ids, condition_labels, remark_ids, remark_texts;
  };
  std::shared_ptr<const RuleSet> rules;
  Language language;
  Reasons reasons;
  std::string ruleset_id, version, digest;
  std::string statuses[3];  // by Status
  std::vector<Program> programs;
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
                json_string(info.clause), {}, {}, {}, {}};
      for (const ConditionInfo& c : info.conditions) {
        p.condition_ids.push_back(json_string(c.id));
        p.condition_labels.push_back(json_string(c.label.in(l)));
      }
      for (const ConditionInfo& remark : info.remarks) {
        p.remark_ids.push_back(json_string(remark.id));
        p.remark_texts.push_back(json_string(remark.label.in(l)));
      }
      programs.push_back(std::move(p));
    }
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
    if (!p.remarks.empty()) {
      w.key("notes").open_array();
      for (std::size_t r : p.remarks) w.open_object().key("id").json(texts.remark_ids[r]).key("text").json(texts.remark_texts[r]).close_object();
      w.close_array();
    }
    w.close_object();
  }
  w.close_array();
  w.close_object();
}

void DecisionWriter::append(const ParsedRecord& rejected, std::string& out) { append_json(rejected, out); }

void append_json(const RuleSet& rules, const Decision& decision, Language language, Reasons reasons,
                 std::string& out) {
  DecisionWriter(rules, language, reasons).append(decision, out);
}

void append_json(const ParsedRecord& rejected, std::string& out) {
  JsonWriter w(out);
  w.open_object();
  w.key("id").string_or_null(rejected.id);
  w.key("record").number(rejected.number);
  w.key("error");
  if (rejected.error) {
    w.open_object();
    w.key("field");
    if (rejected.error->field.empty()) w.null();
    else w.string(rejected.error->field);
    w.key("code").string(to_string(rejected.error->code));
    w.key("message").string(rejected.error->message);
    w.close_object();
  } else {
    w.null();
  }
  w.close_object();
}

}  // namespace talent
