// Report stage: a rule set's words for people as JSON — the labels of its
// fields and their values, the titles of its programs, the labels of their
// conditions and notes, in every language — so that a decision written with
// compact reasons (condition ids and the values seen, no labels) can be
// shown in full by a program that looked them up once.
#include "report/json_writer.hpp"
#include "talent/report.hpp"

namespace talent {
namespace {

using detail::JsonWriter;

void write_text(JsonWriter& w, const LocalizedText& text) {
  w.open_object().key("zh").string(text.zh).key("en").string(text.en).close_object();
}

void write_program(JsonWriter& w, const ProgramInfo& p) {
  w.open_object();
  w.key("program").string(p.id);
  w.key("title");
  write_text(w, p.title);
  w.key("frequency").string(to_string(p.frequency));
  w.key("clause").string(p.clause);
  w.key("conditions").open_array();
  for (const ConditionInfo& c : p.conditions) {
    w.open_object().key("condition").string(c.id).key("label");
    write_text(w, c.label);
    w.close_object();
  }
  w.close_array();
  w.key("notes").open_array();
  for (const ConditionInfo& r : p.remarks) {
    w.open_object().key("id").string(r.id).key("text");
    write_text(w, r.label);
    w.close_object();
  }
  w.close_array();
  w.close_object();
}

}  // namespace

std::string to_json(const RuleSet& rules) {
  std::string out;
  JsonWriter w(out);
  w.open_object();
  w.key("id").string(rules.id()).key("version").string(rules.version()).key("digest").string(rules.digest());
  w.key("fields").open_array();
  for (const FieldInfo& f : rules.fields()) {
    w.open_object().key("path").string(f.path).key("type").string(to_string(f.type)).key("label");
    write_text(w, f.label);
    if (!f.values.empty()) {
      w.key("values").open_array();
      for (const EnumValueInfo& v : f.values) {
        w.open_object().key("value").string(v.id).key("label");
        write_text(w, v.label);
        w.close_object();
      }
      w.close_array();
    }
    w.close_object();
  }
  w.close_array();
  // Per version, the programs in force: a decision names its version in
  // ruleset.in_force, and a program's conditions may differ between versions.
  w.key("versions").open_array();
  for (const VersionInfo& v : rules.versions()) {
    w.open_object().key("version").string(v.id).key("since").date(v.effective_from);
    w.key("programs").open_array();
    for (std::size_t index : v.programs) write_program(w, rules.programs()[index]);
    w.close_array();
    w.close_object();
  }
  w.close_array();
  w.close_object();
  w.flush();
  return out;
}

}  // namespace talent
