#include "cli/suite.hpp"

#include "pack/yaml_read.hpp"
#include "pack/yaml_tree.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace talent::cli {
namespace {

using detail::SourcePos;
using detail::YamlDocument;
using detail::YamlNode;

const char* const kStatuses = "eligible, ineligible or needs_info";

std::optional<Status> parse_status(const std::string& text) {
  if (text == "eligible") return Status::eligible;
  if (text == "ineligible") return Status::ineligible;
  if (text == "needs_info") return Status::needs_info;
  return std::nullopt;
}

std::optional<Frequency> parse_frequency(const std::string& text) {
  if (text == "monthly") return Frequency::monthly;
  if (text == "once") return Frequency::once;
  return std::nullopt;
}

const char* truth_name(Truth t) {
  switch (t) {
    case Truth::yes: return "true";
    case Truth::no: return "false";
    case Truth::unknown: return "unknown";
  }
  return "?";
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

std::string shown_list(const std::vector<std::string>& items) { return "[" + join(items) + "]"; }

// Byte offset of the 1-based character column `column` in `line`.

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

bool blank_or_comment(const std::string& line) {
  std::size_t i = line.find_first_not_of(" \t");
  return i == std::string::npos || line[i] == '#';
}

std::string directory_of(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// Reads one suite file. Every check reports where it failed; a case with any
// problem is left out (and counted as broken) rather than run half-checked.
class SuiteReader {
 public:
  SuiteReader(const RuleSet& rules, const YamlDocument& doc, SuiteFile& out)
      : rules_(rules), doc_(doc), out_(out) {}

  void read_file() {
    const YamlNode& root = doc_.root;
    if (!root.is_map()) {
      error(root.pos.line ? root.pos : SourcePos{1, 1},
            "a suite file is a mapping with a 'cases:' list (and optionally 'title:' and 'as_of:')");
      out_.unreadable = true;
      return;
    }
    std::optional<Date> default_as_of;
    const YamlNode* cases = nullptr;
    for (const auto& [key, value] : root.entries) {
      if (key.value == "title") {
        scalar(value, "title");
      } else if (key.value == "as_of") {
        default_as_of = date(value, "as_of");
      } else if (key.value == "cases") {
        cases = &value;
      } else {
        error(key, "unknown key '" + key.value + "' in a suite file" +
                       detail::did_you_mean(key.value, {"title", "as_of", "cases"}) + "; expected title, as_of or cases");
      }
    }
    if (!cases) {
      error(root.pos, "the suite file has no 'cases:' list");
      out_.unreadable = true;
      return;
    }
    if (!cases->is_sequence()) {
      error(*cases, "'cases' must be a list of cases (each starting with '- name:')");
      out_.unreadable = true;
      return;
    }
    for (const YamlNode& item : cases->items) read_case(item, default_as_of);
  }

 private:
  void error(SourcePos pos, std::string message, int length = 1) {
    out_.errors.push_back(doc_.diagnostic(pos, std::move(message), length));
    ++errors_;
  }
  void error(const YamlNode& at, std::string message) {
    int length = at.is_scalar() ? std::max(1, detail::utf8_length(at.value) + (at.quoted ? 2 : 0)) : 1;
    error(at.pos, std::move(message), length);
  }

  const std::string* scalar(const YamlNode& node, const std::string& what) {
    if (!node.is_scalar()) {
      error(node, "'" + what + "' must be a single value, found a " + node.kind_name());
      return nullptr;
    }
    return &node.value;
  }

  std::optional<Date> date(const YamlNode& node, const std::string& what) {
    const std::string* text = scalar(node, what);
    if (!text) return std::nullopt;
    auto d = parse_date(*text);
    if (!d) error(node, "'" + what + "' must be a real date YYYY-MM-DD, found '" + *text + "'");
    return d;
  }

  void read_case(const YamlNode& node, const std::optional<Date>& default_as_of) {
    std::size_t errors_before = errors_;
    SuiteCase c;
    c.file = out_.path;
    c.line = node.pos.line;
    if (!node.is_map()) {
      error(node, "a case is a mapping starting with 'name:', found a " + std::string(node.kind_name()));
      out_.broken.push_back(out_.path + ":" + std::to_string(c.line) + ": FAIL: (not a case)");
      return;
    }
    static const std::vector<std::string> kKeys = {"name", "clause", "tags", "note", "as_of", "record",
                                                   "record_file", "expect", "expect_error"};
    std::optional<Date> as_of = default_as_of;
    const YamlNode *record = nullptr, *record_key = nullptr, *record_file = nullptr;
    const YamlNode *expect = nullptr, *expect_error = nullptr;
    for (const auto& [key, value] : node.entries) {
      const std::string& k = key.value;
      if (k == "name") {
        if (const std::string* s = scalar(value, "name")) c.name = *s;
      } else if (k == "clause") {
        if (const std::string* s = scalar(value, "clause")) {
          c.clause = *s;
          if (!rules_.find_clause(*s)) {
            std::vector<std::string> ids;
            for (const Clause& cl : rules_.clauses()) ids.push_back(cl.id);
            error(value, "unknown clause '" + *s + "'" + detail::did_you_mean(*s, ids) + "; the pack has " + join(ids));
          }
        }
      } else if (k == "tags") {
        if (value.is_scalar()) {
          c.tags.push_back(value.value);
        } else if (value.is_sequence()) {
          for (const YamlNode& t : value.items) {
            if (const std::string* s = scalar(t, "tags")) c.tags.push_back(*s);
          }
        } else {
          error(value, "'tags' must be a list like [D2, boundary]");
        }
      } else if (k == "note") {
        scalar(value, "note");
      } else if (k == "as_of") {
        as_of = date(value, "as_of");
      } else if (k == "record") {
        record = &value;
        record_key = &key;
      } else if (k == "record_file") {
        record_file = &value;
      } else if (k == "expect") {
        expect = &value;
      } else if (k == "expect_error") {
        expect_error = &value;
      } else {
        error(key, "unknown key '" + k + "' in a case" + detail::did_you_mean(k, kKeys) + "; a case has " + join(kKeys));
      }
    }
    if (c.name.empty()) error(node.pos, "the case has no 'name:'");
    if (!as_of) {
      if (!node.find("as_of") && !default_as_of) error(node.pos, "the case has no 'as_of:' date (and the file gives none)");
    } else {
      c.as_of = *as_of;
    }
    if (record && record_file) {
      error(*record_file, "give either 'record:' or 'record_file:', not both");
    } else if (record) {
      c.record_text = record_text(*record_key, *record);
    } else if (record_file) {
      if (const std::string* s = scalar(*record_file, "record_file")) {
        std::string path = (!s->empty() && (*s)[0] == '/') ? *s : directory_of(out_.path) + *s;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
          error(*record_file, "cannot open the record file '" + path + "'");
        } else {
          std::ostringstream text;
          text << in.rdbuf();
          c.record_text = text.str();
        }
      }
    } else {
      error(node.pos, "the case has no applicant: add 'record:' (the record inline) or 'record_file:'");
    }
    if (expect && expect_error) {
      error(*expect_error, "give either 'expect:' (a decision) or 'expect_error:' (a rejected record), not both");
    } else if (expect) {
      read_expect(*expect, c);
    } else if (expect_error) {
      read_expect_error(*expect_error, c);
    } else {
      error(node.pos, "the case expects nothing: add 'expect:' (per program) or 'expect_error:'");
    }
    if (errors_ != errors_before) {
      out_.broken.push_back(out_.path + ":" + std::to_string(c.line) + ": FAIL: " + c.name +
                            " (not run: the case has errors, see above)");
      return;
    }
    out_.cases.push_back(std::move(c));
  }

  // The record's own lines, cut out of the suite file and dedented, so that
  // parse_record sees exactly what the author wrote (quotes included).
  std::string record_text(const YamlNode& key, const YamlNode& value) {
    if (value.is_scalar()) return value.value;  // a block scalar holding YAML or JSON text
    if (!value.is_map()) {
      error(value, "'record' must be the applicant's fields (a mapping), found a " + std::string(value.kind_name()));
      return {};
    }
    std::size_t key_indent = static_cast<std::size_t>(key.pos.column - 1);
    std::size_t first = static_cast<std::size_t>(value.pos.line - 1);
    std::vector<std::string> lines;
    std::string head = doc_.lines[first];
    std::size_t start = detail::byte_offset_of_column(head, value.pos.column);
    lines.push_back(std::string(start, ' ') + head.substr(start));
    for (std::size_t i = first + 1; i < doc_.lines.size(); ++i) {
      const std::string& line = doc_.lines[i];
      if (!blank_or_comment(line) && indent_of(line) <= key_indent) break;
      lines.push_back(line);
    }
    while (!lines.empty() && blank_or_comment(lines.back())) lines.pop_back();
    std::size_t strip = std::string::npos;
    for (const auto& line : lines) {
      if (!blank_or_comment(line)) strip = std::min(strip, indent_of(line));
    }
    std::string text;
    for (const auto& line : lines) {
      if (blank_or_comment(line)) text += "\n";
      else text += line.substr(strip) + "\n";
    }
    return text;
  }

  void read_expect(const YamlNode& node, SuiteCase& c) {
    if (!node.is_map() || node.entries.empty()) {
      error(node, "'expect' must map program ids to what they decide, e.g. 'rent_subsidy: {status: eligible}'");
      return;
    }
    const auto& programs = rules_.programs();
    std::vector<std::string> ids;
    for (const ProgramInfo& p : programs) ids.push_back(p.id);
    for (const auto& [key, value] : node.entries) {
      auto it = std::find(ids.begin(), ids.end(), key.value);
      if (it == ids.end()) {
        error(key, "unknown program '" + key.value + "'" + detail::did_you_mean(key.value, ids) +
                       "; the pack's programs are " + join(ids));
        continue;
      }
      ProgramExpectation e;
      e.program = static_cast<std::size_t>(it - ids.begin());
      read_program_expectation(programs[e.program], value, e);
      c.expect.push_back(std::move(e));
    }
  }

  void read_program_expectation(const ProgramInfo& program, const YamlNode& node, ProgramExpectation& e) {
    static const std::vector<std::string> kKeys = {"status", "amount", "frequency", "window", "missing", "reasons", "remarks"};
    if (!node.is_map()) {
      error(node, "the expectation for '" + program.id + "' must be a mapping with at least 'status:'");
      return;
    }
    const YamlNode* amount_node = nullptr;
    for (const auto& [key, value] : node.entries) {
      const std::string& k = key.value;
      if (k == "status") {
        if (const std::string* s = scalar(value, "status")) {
          e.status = parse_status(*s);
          if (!e.status) error(value, "unknown status '" + *s + "'" + detail::did_you_mean(*s, {"eligible", "ineligible", "needs_info"}) + "; expected " + kStatuses);
        }
      } else if (k == "amount") {
        amount_node = &value;
        if (const std::string* s = scalar(value, "amount")) {
          std::string why;
          e.amount = Money::parse(*s, &why);
          if (!e.amount) error(value, "'amount' must be yuan with at most two decimals, like \"1000.00\": " + why);
        }
      } else if (k == "frequency") {
        if (const std::string* s = scalar(value, "frequency")) {
          e.frequency = parse_frequency(*s);
          if (!e.frequency) error(value, "unknown frequency '" + *s + "'; expected monthly or once");
        }
      } else if (k == "window") {
        read_window(value, e);
      } else if (k == "missing") {
        read_missing(value, e);
      } else if (k == "reasons") {
        read_truths(program, value, e, false);
      } else if (k == "remarks") {
        read_truths(program, value, e, true);
      } else {
        error(key, "unknown expectation '" + k + "' for " + program.id + detail::did_you_mean(k, kKeys) + "; expected " + join(kKeys));
      }
    }
    if (!node.find("status")) error(node.pos, "the expectation for '" + program.id + "' has no 'status:' (" + kStatuses + ")");
    // The decision contract reports these only for some statuses; expecting
    // them otherwise is a mistake in the case, not something to test.
    if (e.status && *e.status != Status::eligible && amount_node) {
      error(*amount_node, "an amount is only reported when the status is eligible, not " + std::string(to_string(*e.status)));
    }
    if (e.status && *e.status != Status::needs_info && e.missing && !e.missing->empty()) {
      error(node.pos, "missing fields are only reported when the status is needs_info, not " + std::string(to_string(*e.status)));
    }
  }

  void read_window(const YamlNode& node, ProgramExpectation& e) {
    if (!node.is_map()) {
      error(node, "'window' must be {start: YYYY-MM-DD, end: YYYY-MM-DD}");
      return;
    }
    std::optional<Date> start, end;
    for (const auto& [key, value] : node.entries) {
      if (key.value == "start") start = date(value, "window.start");
      else if (key.value == "end") end = date(value, "window.end");
      else error(key, "unknown key '" + key.value + "' in a window; expected start and end");
    }
    if (!node.find("start") || !node.find("end")) {
      error(node.pos, "'window' needs both start and end");
      return;
    }
    if (start && end) e.window = Window{*start, *end};
  }

  void read_missing(const YamlNode& node, ProgramExpectation& e) {
    if (!node.is_sequence()) {
      error(node, "'missing' must be a list of field paths, like [graduation_date]");
      return;
    }
    std::vector<std::string> paths;
    for (const FieldInfo& f : rules_.fields()) paths.push_back(f.path);
    std::vector<std::string> missing;
    for (const YamlNode& item : node.items) {
      const std::string* s = scalar(item, "missing");
      if (!s) continue;
      if (!rules_.field_label(*s)) {
        error(item, "unknown field '" + *s + "'" + detail::did_you_mean(*s, paths) + " in 'missing'");
        continue;
      }
      missing.push_back(*s);
    }
    std::sort(missing.begin(), missing.end());
    e.missing = std::move(missing);
  }

  // reasons: {condition: true|false|unknown}; remarks: {remark: true|false}.
  void read_truths(const ProgramInfo& program, const YamlNode& node, ProgramExpectation& e, bool remarks) {
    const char* what = remarks ? "remarks" : "reasons";
    const auto& infos = remarks ? program.remarks : program.conditions;
    std::vector<std::string> ids;
    for (const ConditionInfo& c : infos) ids.push_back(c.id);
    if (!node.is_map()) {
      error(node, std::string("'") + what + "' must map " + (remarks ? "remark" : "condition") + " ids to " +
                      (remarks ? "true or false" : "true, false or unknown"));
      return;
    }
    for (const auto& [key, value] : node.entries) {
      auto it = std::find(ids.begin(), ids.end(), key.value);
      if (it == ids.end()) {
        error(key, std::string("unknown ") + (remarks ? "remark" : "condition") + " '" + key.value + "' of " +
                       program.id + detail::did_you_mean(key.value, ids) +
                       (ids.empty() ? "; it has none" : "; it has " + join(ids)));
        continue;
      }
      std::size_t index = static_cast<std::size_t>(it - ids.begin());
      std::string text = value.is_scalar() && !value.quoted ? value.value : "";
      if (value.kind == YamlNode::Kind::null) text = "null";
      if (text == "true" || text == "false") {
        if (remarks) e.remarks.emplace_back(index, text == "true");
        else e.reasons.emplace_back(index, text == "true" ? Truth::yes : Truth::no);
      } else if (!remarks && text == "unknown") {
        e.reasons.emplace_back(index, Truth::unknown);
      } else {
        error(value, "'" + key.value + "' must be " + (remarks ? "true or false" : "true, false or unknown") +
                         (value.is_scalar() ? ", found '" + value.value + "'" : ""));
      }
    }
  }

  void read_expect_error(const YamlNode& node, SuiteCase& c) {
    if (!node.is_map()) {
      error(node, "'expect_error' must be {field: ..., message_contains: ...}");
      return;
    }
    ErrorExpectation e;
    for (const auto& [key, value] : node.entries) {
      if (key.value == "field") {
        if (value.kind == YamlNode::Kind::null) e.field = "";
        else if (const std::string* s = scalar(value, "field")) e.field = *s;
      } else if (key.value == "message_contains") {
        if (const std::string* s = scalar(value, "message_contains")) e.message_contains = *s;
      } else {
        error(key, "unknown key '" + key.value + "' in expect_error" +
                       detail::did_you_mean(key.value, {"field", "message_contains"}) + "; expected field and message_contains");
      }
    }
    if (!e.field && !e.message_contains) error(node.pos, "'expect_error' needs 'field:', 'message_contains:' or both");
    c.expect_error = std::move(e);
  }

  const RuleSet& rules_;
  const YamlDocument& doc_;
  SuiteFile& out_;
  std::size_t errors_ = 0;
};

std::string seen_text(const std::vector<SeenValue>& seen) {
  std::vector<std::string> parts;
  for (const SeenValue& v : seen) parts.push_back(v.path + " = " + (v.value ? *v.value : "(not given)"));
  return join(parts);
}

std::string window_text(const std::optional<Window>& w) {
  return w ? format_date(w->start) + " .. " + format_date(w->end) : "none";
}

// Compares one program's decision with what the case expects.
void compare(const RuleSet& rules, const ProgramExpectation& e, const ProgramDecision& d,
             std::vector<std::string>& differences) {
  const ProgramInfo& info = rules.programs()[e.program];
  auto differ = [&](const std::string& what, const std::string& expected, const std::string& actual) {
    differences.push_back(info.id + ": " + what + ": expected " + expected + ", actual " + actual);
  };
  if (e.status && *e.status != d.status) {
    std::string actual = to_string(d.status);
    if (d.status == Status::needs_info) actual += " (missing " + join(d.missing) + ")";
    if (d.status == Status::eligible && d.amount) actual += " (" + d.amount->to_string() + ")";
    if (d.status == Status::ineligible) {
      std::vector<std::string> failed;
      for (const Reason& r : d.reasons) {
        if (r.result == Truth::no) failed.push_back(info.conditions[r.condition].id);
      }
      if (!failed.empty()) actual += " (false: " + join(failed) + ")";
    }
    differ("status", to_string(*e.status), actual);
  }
  if (e.amount && (!d.amount || *d.amount != *e.amount)) {
    differ("amount", e.amount->to_string(), d.amount ? d.amount->to_string() : std::string("none"));
  }
  if (e.frequency && *e.frequency != info.frequency) differ("frequency", to_string(*e.frequency), to_string(info.frequency));
  if (e.window && (!d.window || d.window->start != e.window->start || d.window->end != e.window->end)) {
    differ("window", window_text(e.window), window_text(d.window));
  }
  if (e.missing && *e.missing != d.missing) differ("missing", shown_list(*e.missing), shown_list(d.missing));
  for (const auto& [index, expected] : e.reasons) {
    std::size_t condition = index;  // a lambda may not capture a structured binding (C++17)
    auto it = std::find_if(d.reasons.begin(), d.reasons.end(), [&](const Reason& r) { return r.condition == condition; });
    if (it == d.reasons.end()) {
      differ("condition " + info.conditions[index].id, truth_name(expected), "not evaluated");
    } else if (it->result != expected) {
      differ("condition " + info.conditions[index].id, truth_name(expected),
             std::string(truth_name(it->result)) + " (" + seen_text(it->seen) + ")");
    }
  }
  for (const auto& [index, expected] : e.remarks) {
    bool held = std::find(d.remarks.begin(), d.remarks.end(), index) != d.remarks.end();
    if (held != expected) {
      differ("remark " + info.remarks[index].id, expected ? "true" : "false",
             std::string(held ? "true" : "false") + (d.status == Status::eligible ? "" : " (not eligible)"));
    }
  }
}

// Whether an expression reads a record value, and so can be unknown. One that
// only asks whether an optional section exists (has(...)) or reads the as-of
// date always has an answer, so coverage does not ask for its unknown case.
bool reads_a_value(const RuleSet& rules, const std::string& expression) {
  auto name_char = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.'; };
  for (std::size_t i = 0; i < expression.size();) {
    if (!name_char(expression[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < expression.size() && name_char(expression[j])) ++j;
    std::string name = expression.substr(i, j - i);
    bool inside_has = i >= 4 && expression.compare(i - 4, 4, "has(") == 0;
    for (const FieldInfo& f : rules.fields()) {
      if (f.path == name && f.type != "section" && !inside_has) return true;
    }
    i = j;
  }
  return false;
}


}  // namespace

SuiteFile load_suite(const RuleSet& rules, const std::string& path) {
  SuiteFile out;
  out.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.file = path;
    d.message = "cannot open the suite file";
    out.errors.push_back(d);
    out.unreadable = true;
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  YamlDocument doc;
  Diagnostic error;
  if (!detail::parse_yaml(path, text.str(), detail::YamlLimits{}, doc, error)) {
    out.errors.push_back(error);
    out.unreadable = true;
    return out;
  }
  SuiteReader(rules, doc, out).read_file();
  return out;
}

CaseResult run_case(const RuleSet& rules, const SuiteCase& c) {
  CaseResult result;
  ParsedRecord parsed = parse_record(rules, c.record_text, 1);
  if (c.expect_error) {
    const ErrorExpectation& e = *c.expect_error;
    if (!parsed.error) {
      result.differences.push_back("record: expected it to be rejected" +
                                   (e.field ? " for field '" + *e.field + "'" : std::string()) +
                                   ", actual: accepted");
    } else {
      if (e.field && *e.field != parsed.error->field) {
        result.differences.push_back("record error field: expected '" + *e.field + "', actual '" + parsed.error->field +
                                     "' (" + parsed.error->message + ")");
      }
      if (e.message_contains && parsed.error->message.find(*e.message_contains) == std::string::npos) {
        result.differences.push_back("record error message: expected it to contain '" + *e.message_contains +
                                     "', actual '" + parsed.error->message + "'");
      }
    }
    result.passed = result.differences.empty();
    return result;
  }
  if (!parsed.record) {
    result.differences.push_back("record: expected it to be accepted, actual: rejected at '" + parsed.error->field +
                                 "': " + parsed.error->message);
    return result;
  }
  try {
    result.decision = evaluate(rules, *parsed.record, c.as_of, EvaluateOptions{true});
  } catch (const EvaluationError& e) {
    result.differences.push_back(std::string("evaluation failed: ") + e.what());
    return result;
  }
  for (const ProgramExpectation& e : c.expect) {
    compare(rules, e, result.decision->programs[e.program], result.differences);
  }
  result.passed = result.differences.empty();
  return result;
}

Coverage::Coverage(const RuleSet& rules) : rules_(rules) {
  for (const ProgramInfo& p : rules.programs()) {
    conditions_.emplace_back(p.conditions.size());
    for (std::size_t i = 0; i < p.conditions.size(); ++i) {
      Counts& n = conditions_.back()[i];
      n.can_be_unknown = reads_a_value(rules, p.conditions[i].expression);
      // A condition every allowed value satisfies (the compiler tells) can
      // never be false: coverage names the reason instead of asking for a case.
      if (p.conditions[i].cannot_be_false) n.never_false = "every value the schema allows satisfies it";
      n.can_be_false = n.never_false.empty();
    }
    remarks_.emplace_back(p.remarks.size());
    std::map<std::string, std::size_t> rows;
    for (const AmountRow& row : p.amount_table) rows[row.key] = 0;
    rows_.push_back(std::move(rows));
  }
}

void Coverage::add(const SuiteCase& c, const Decision& decision) {
  for (const ProgramExpectation& e : c.expect) {
    const ProgramDecision& d = decision.programs[e.program];
    const ProgramInfo& info = rules_.programs()[e.program];
    for (const Reason& r : d.reasons) {
      Counts& n = conditions_[e.program][r.condition];
      (r.result == Truth::yes ? n.yes : r.result == Truth::no ? n.no : n.unknown)++;
    }
    if (d.status == Status::eligible) {
      for (std::size_t i = 0; i < info.remarks.size(); ++i) {
        bool held = std::find(d.remarks.begin(), d.remarks.end(), i) != d.remarks.end();
        (held ? remarks_[e.program][i].yes : remarks_[e.program][i].no)++;
      }
    }
    // A table row counts only when the case pinned the amount down.
    if (e.amount && d.amount && !info.amount_table.empty()) {
      for (const SeenValue& v : d.amount_seen) {
        if (v.path == info.amount_table_field && v.value) {
          auto it = rows_[e.program].find(*v.value);
          if (it != rows_[e.program].end()) ++it->second;
        }
      }
    }
  }
}

std::size_t Coverage::report(std::ostream& report_out) const {
  // Lines are built whole so that their column padding can be trimmed.
  std::ostringstream out;
  std::size_t gaps = 0;
  std::size_t items = 0;
  auto cell = [](const char* label, std::size_t n) {
    std::ostringstream s;
    s << label << " " << std::left << std::setw(4) << n;
    return s.str();
  };
  out << "coverage of " << rules_.id() << " " << rules_.version() << " (outcomes seen in programs the cases check):\n";
  for (std::size_t p = 0; p < rules_.programs().size(); ++p) {
    const ProgramInfo& info = rules_.programs()[p];
    out << "  " << info.id << "\n";
    for (std::size_t i = 0; i < info.conditions.size(); ++i) {
      const Counts& n = conditions_[p][i];
      std::vector<std::string> never;
      if (n.yes == 0) never.push_back("true");
      if (n.can_be_false && n.no == 0) never.push_back("false");
      if (n.can_be_unknown && n.unknown == 0) never.push_back("unknown");
      items += 1 + (n.can_be_false ? 1 : 0) + (n.can_be_unknown ? 1 : 0);
      gaps += never.size();
      out << "    condition " << std::left << std::setw(28) << info.conditions[i].id << cell("true", n.yes) << " "
          << (n.can_be_false ? cell("false", n.no) : "false n/a ") << " "
          << (n.can_be_unknown ? cell("unknown", n.unknown) : "unknown n/a ")
          << (never.empty() ? "" : "  NEVER " + join(never))
          << (n.can_be_false ? "" : "  (cannot be false: " + n.never_false + ")") << "\n";
    }
    for (std::size_t i = 0; i < info.remarks.size(); ++i) {
      const Counts& n = remarks_[p][i];
      std::vector<std::string> never;
      if (n.yes == 0) never.push_back("held");
      if (n.no == 0) never.push_back("not held");
      items += 2;
      gaps += never.size();
      out << "    remark    " << std::left << std::setw(28) << info.remarks[i].id << cell("held", n.yes) << " "
          << cell("not held", n.no) << (never.empty() ? "" : "  NEVER " + join(never)) << "\n";
    }
    for (const AmountRow& row : info.amount_table) {
      std::size_t n = rows_[p].at(row.key);
      ++items;
      if (n == 0) ++gaps;
      out << "    amount    " << std::left << std::setw(28) << (info.amount_table_field + " = " + row.key)
          << std::setw(10) << row.amount << " " << cell("checked", n) << (n == 0 ? "  NEVER checked" : "") << "\n";
    }
  }
  if (gaps == 0) {
    out << "coverage: complete, all " << items << " outcomes exercised\n";
  } else {
    out << "coverage: " << gaps << " of " << items << " outcomes never exercised (marked NEVER)\n";
  }
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    line.erase(line.find_last_not_of(' ') + 1);
    report_out << line << "\n";
  }
  return gaps;
}

}  // namespace talent::cli
