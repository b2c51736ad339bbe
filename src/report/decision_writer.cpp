// Report stage: decisions and rejected records as JSON, written as they go
// (JsonWriter) with no tree in between: what `talent batch` prints.
//
// It must print exactly what the tree writer in report.cpp prints for the
// same decision: key for key, in the same order, under the same conditions.
// A key added to one is added to the other, in the same place;
// tests/unit/decision_writer_test.cpp compares the two over many generated
// decisions and fails on any difference.
#include "report/json_writer.hpp"
#include "talent/report.hpp"

namespace talent {
namespace {

using detail::JsonWriter;

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

void write_reason(JsonWriter& w, const RuleSet& rules, const ConditionInfo& c, const Reason& r, Language language,
                  Reasons style, std::string& scratch) {
  w.open_object();
  w.key("condition").string(c.id);
  w.key("result");
  if (r.result == Truth::unknown) w.null();
  else w.boolean(r.result == Truth::yes);
  if (style == Reasons::full) w.key("label").string(c.label.in(language));
  w.key("seen");
  write_values(w, r.seen);
  if (style == Reasons::full) {
    scratch = c.label.in(language);
    scratch += language == Language::zh ? "：" : ": ";
    append_reason_detail(rules, r, language, scratch);
    w.key("detail").string(scratch);
  }
  w.close_object();
}

void write_program(JsonWriter& w, const RuleSet& rules, const ProgramDecision& p, Language language, Reasons style,
                   std::string& scratch) {
  const ProgramInfo& info = rules.programs()[p.program];
  w.open_object();
  w.key("program").string(info.id);
  w.key("title").string(info.title.in(language));
  w.key("status").string(to_string(p.status));
  if (p.amount) w.key("amount").string(p.amount->to_string());
  w.key("frequency").string(to_string(info.frequency));
  if (p.window) {
    w.key("window").open_object().key("start").date(p.window->start).key("end").date(p.window->end).close_object();
  }
  w.key("clause").string(info.clause);
  if (p.status == Status::needs_info) {
    w.key("missing").open_array();
    for (const std::string& m : p.missing) w.string(m);
    w.close_array();
  }
  if (style != Reasons::none && !p.reasons.empty()) {
    w.key("reasons").open_array();
    for (const Reason& r : p.reasons) write_reason(w, rules, info.conditions[r.condition], r, language, style, scratch);
    w.close_array();
  }
  if (style != Reasons::none && p.amount && !p.amount_seen.empty()) {
    w.key("amount_basis");
    write_values(w, p.amount_seen);
  }
  if (!p.remarks.empty()) {
    w.key("notes").open_array();
    for (std::size_t r : p.remarks) {
      w.open_object().key("id").string(info.remarks[r].id).key("text").string(info.remarks[r].label.in(language));
      w.close_object();
    }
    w.close_array();
  }
  w.close_object();
}

}  // namespace

void append_json(const RuleSet& rules, const Decision& decision, Language language, Reasons reasons,
                 std::string& out) {
  std::string scratch;  // a reason's detail, reused from reason to reason
  JsonWriter w(out);
  w.open_object();
  w.key("id").string(decision.id);
  w.key("as_of").date(decision.as_of);
  w.key("ruleset").open_object();
  w.key("id").string(rules.id()).key("version").string(rules.version()).key("digest").string(rules.digest());
  w.close_object();
  w.key("programs").open_array();
  for (const ProgramDecision& p : decision.programs) write_program(w, rules, p, language, reasons, scratch);
  w.close_array();
  w.close_object();
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
