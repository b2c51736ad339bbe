// Report stage: rejected records, as JSON for machines and as text for a
// caseworker, each problem worded from the message table.
#include "base/messages.hpp"
#include "base/text.hpp"
#include "report/json_writer.hpp"
#include "talent/report.hpp"

namespace talent {
namespace {

using detail::arg;
using detail::JsonWriter;

void write_error(JsonWriter& w, const RecordError& e) {
  w.open_object();
  w.key("field");
  if (e.field.empty()) w.null();
  else w.string(e.field);
  w.key("code").string(to_string(e.code));
  w.key("message").string(e.message);
  w.close_object();
}

// The problem itself in `language`, without its field.
std::string problem(const RecordError& e, Language language) {
  if (e.message_id.empty() || !has_message(e.message_id)) return e.message;
  return message(e.message_id, language, e.message_args);
}

std::string described(const RuleSet* rules, const RecordError& e, Language language) {
  std::string what = problem(e, language);
  if (e.field.empty()) return what;
  const LocalizedText* label = rules ? rules->field_label(e.field) : nullptr;
  if (label && !label->in(language).empty()) {
    return message("record.field_labelled", language,
                   {arg("label", label->in(language)), arg("path", e.field), arg("problem", what)});
  }
  return message("record.field", language, {arg("path", e.field), arg("problem", what)});
}

std::string rejected_text(const RuleSet* rules, const ParsedRecord& rejected, Language language, std::string_view file) {
  std::string where;
  if (!file.empty()) {
    where = file == "-" ? message("text.standard_input", language) : detail::display_text(file);
    if (rejected.line > 0) where += ":" + std::to_string(rejected.line);
    where += " ";
  }
  std::string who = file.empty() && rejected.line > 0 ? message("text.line", language, {arg("line", std::to_string(rejected.line))}) : "";
  if (rejected.id) who += " (" + detail::display_text(*rejected.id) + ")";
  std::vector<const RecordError*> errors;
  for (const RecordError& e : rejected.errors) errors.push_back(&e);
  if (errors.empty() && rejected.error) errors.push_back(&*rejected.error);
  std::vector<MessageArg> args{arg("where", where), arg("number", std::to_string(rejected.number)), arg("who", who)};
  if (errors.size() <= 1) {
    args.push_back(arg("problem", errors.empty() ? "" : detail::display_text(described(rules, *errors[0], language))));
    return message("text.rejected", language, args) + "\n";
  }
  args.push_back(arg("count", std::to_string(errors.size())));
  std::string out = message("text.rejected_many", language, args) + "\n";
  for (const RecordError* e : errors) out += "  - " + detail::display_text(described(rules, *e, language)) + "\n";
  return out;
}

}  // namespace

void append_json(const ParsedRecord& rejected, std::string_view file, std::string& out) {
  JsonWriter w(out);
  w.open_object();
  w.key("id").string_or_null(rejected.id);
  w.key("record").number(rejected.number);
  if (!file.empty()) w.key("file").string(file);
  if (rejected.line > 0) w.key("line").number(rejected.line);
  w.key("error");
  if (rejected.error) write_error(w, *rejected.error);
  else if (!rejected.errors.empty()) write_error(w, rejected.errors.front());
  else w.null();
  w.key("errors").open_array();
  if (!rejected.errors.empty()) {
    for (const RecordError& e : rejected.errors) write_error(w, e);
  } else if (rejected.error) {
    write_error(w, *rejected.error);
  }
  w.close_array();
  w.close_object();
}

void append_json(const ParsedRecord& rejected, std::string& out) { append_json(rejected, {}, out); }

std::string to_json(const ParsedRecord& rejected) { return to_json(rejected, {}); }

std::string to_json(const ParsedRecord& rejected, std::string_view file) {
  std::string out;
  append_json(rejected, file, out);
  return out;
}

std::string describe(const RuleSet& rules, const RecordError& error, Language language) {
  return described(&rules, error, language);
}

std::string to_text(const RuleSet& rules, const ParsedRecord& rejected, Language language, std::string_view file) {
  return rejected_text(&rules, rejected, language, file);
}

std::string to_text(const ParsedRecord& rejected, Language language) {
  return rejected_text(nullptr, rejected, language, {});
}

RecordError to_record_error(const RuleSet& rules, const EvaluationError& error) {
  LocalizedText title{error.program(), error.program()};
  for (const ProgramInfo& p : rules.programs()) {
    if (p.id == error.program()) title = p.title;
  }
  std::string kind = "record.amount_failed.";
  kind += to_string(error.code());
  if (!has_message(kind)) kind = "record.amount_failed.limit";
  std::vector<MessageArg> args{arg("program", title), arg("detail", error.what()),
                               arg("what", LocalizedText{message(kind, Language::zh), ""})};
  return RecordError{"", error.code(), error.what(), "record.amount_failed", std::move(args)};
}

}  // namespace talent
