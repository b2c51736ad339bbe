// Suite stage: reading a suite file. Every check reports where it failed, on
// the library's positioned YAML tree, against the rule set the suite is read
// for; a case with any problem is left out (and counted as broken) rather than
// run half-checked.
#include "talent/suite.hpp"

#include "base/text.hpp"

#include "base/file_read.hpp"
#include "pack/yaml_tree.hpp"
#include "suite/record_text.hpp"
#include "suite/selection_case.hpp"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>

namespace talent {
namespace {

using detail::join;

using detail::SourcePos;
using detail::YamlDocument;
using detail::YamlNode;

const char* const kStatuses = "eligible, ineligible or needs_info";

// The one of `all` whose name is `text`.
template <typename T>
std::optional<T> parse_name(const std::string& text, std::initializer_list<T> all) {
  for (T value : all) {
    if (text == to_string(value)) return value;
  }
  return std::nullopt;
}

std::string directory_of(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// Suite files, and the record files they name, are read whole, up to these sizes.
constexpr std::uintmax_t kMaxSuiteFileBytes = 16 << 20;
constexpr std::uintmax_t kMaxRecordFileBytes = 1 << 20;

class SuiteReader {
 public:
  SuiteReader(const RuleSet& rules, const YamlDocument& doc, SuiteFile& out)
      : rules_(rules), doc_(doc), out_(out) {}

  void read_file() {
    const YamlNode& root = doc_.root;
    if (!root.is_map()) {
      return unreadable(root.pos.line ? root.pos : SourcePos{1, 1}, ErrorCode::wrong_type,
                        "a suite file is a mapping with a 'cases:' list (and optionally 'title:' and 'as_of:')");
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
        error(key, ErrorCode::unknown_name, "unknown key '" + key.value + "' in a suite file" +
                       detail::did_you_mean(key.value, {"title", "as_of", "cases"}) + "; expected title, as_of or cases");
      }
    }
    if (!cases) return unreadable(root.pos, ErrorCode::missing, "the suite file has no 'cases:' list");
    if (!cases->is_sequence()) {
      return unreadable(*cases, ErrorCode::wrong_type, "'cases' must be a list of cases (each starting with '- name:')");
    }
    for (const YamlNode& item : cases->items) read_case(item, default_as_of);
  }

 private:
  void error(SourcePos pos, ErrorCode code, std::string message, int length = 1) {
    out_.errors.push_back(doc_.diagnostic(pos, code, std::move(message), length));
    ++errors_;
  }
  void error(const YamlNode& at, ErrorCode code, std::string message) {
    int length = at.is_scalar() ? std::max(1, detail::utf8_length(at.value) + (at.quoted ? 2 : 0)) : 1;
    error(at.pos, code, std::move(message), length);
  }

  // A problem that leaves no case to read.
  template <typename At>
  void unreadable(const At& at, ErrorCode code, std::string message) {
    error(at, code, std::move(message));
    out_.unreadable = true;
  }

  const std::string* scalar(const YamlNode& node, const std::string& what) {
    if (!node.is_scalar()) {
      error(node, ErrorCode::wrong_type, "'" + what + "' must be a single value, found a " + node.kind_name());
      return nullptr;
    }
    return &node.value;
  }

  std::optional<Date> date(const YamlNode& node, const std::string& what) {
    const std::string* text = scalar(node, what);
    if (!text) return std::nullopt;
    auto d = parse_date(*text);
    if (!d) error(node, ErrorCode::invalid_value, "'" + what + "' must be a real date YYYY-MM-DD, found '" + *text + "'");
    return d;
  }

  void read_case(const YamlNode& node, const std::optional<Date>& default_as_of) {
    if (node.is_map() && node.find("selection")) return detail::read_selection_case(rules_, doc_, node, out_);
    std::size_t errors_before = errors_;
    SuiteCase c;
    c.file = out_.path;
    c.line = node.pos.line;
    if (!node.is_map()) {
      error(node, ErrorCode::wrong_type, "a case is a mapping starting with 'name:', found a " + std::string(node.kind_name()));
      out_.broken.push_back(BrokenCase{c.line, ""});
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
            error(value, ErrorCode::unknown_name, "unknown clause '" + *s + "'" + detail::did_you_mean(*s, ids) + "; the pack has " + join(ids));
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
          error(value, ErrorCode::wrong_type, "'tags' must be a list like [D2, boundary]");
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
        error(key, ErrorCode::unknown_name, "unknown key '" + k + "' in a case" + detail::did_you_mean(k, kKeys) + "; a case has " + join(kKeys));
      }
    }
    if (c.name.empty()) error(node.pos, ErrorCode::missing, "the case has no 'name:'");
    if (!as_of) {
      if (!node.find("as_of") && !default_as_of) error(node.pos, ErrorCode::missing, "the case has no 'as_of:' date (and the file gives none)");
    } else {
      c.as_of = *as_of;
    }
    if (record && record_file) {
      error(*record_file, ErrorCode::duplicate, "give either 'record:' or 'record_file:', not both");
    } else if (record) {
      c.record_text = record_text(*record_key, *record);
    } else if (record_file) {
      if (const std::string* s = scalar(*record_file, "record_file")) {
        // Only a file in the suite's own folder (or below it) is read.
        std::string folder = directory_of(out_.path);
        std::string path = (!s->empty() && (*s)[0] == '/') ? *s : folder + *s;
        detail::FileText read = detail::read_text_file(path, kMaxRecordFileBytes, folder.empty() ? "." : folder);
        if (read.ok()) c.record_text = std::move(read.text);
        else error(*record_file, read.code, "cannot read the record file '" + path + "': " + read.problem);
      }
    } else {
      error(node.pos, ErrorCode::missing, "the case has no applicant: add 'record:' (the record inline) or 'record_file:'");
    }
    if (expect && expect_error) {
      error(*expect_error, ErrorCode::duplicate, "give either 'expect:' (a decision) or 'expect_error:' (a rejected record), not both");
    } else if (expect) {
      read_expect(*expect, c);
    } else if (expect_error) {
      read_expect_error(*expect_error, c);
    } else {
      error(node.pos, ErrorCode::missing, "the case expects nothing: add 'expect:' (per program) or 'expect_error:'");
    }
    if (errors_ != errors_before) {
      out_.broken.push_back(BrokenCase{c.line, c.name});
      return;
    }
    out_.cases.push_back(std::move(c));
  }

  // The record as the author wrote it: a block scalar's text, or the
  // mapping's own lines (record_text.hpp).
  std::string record_text(const YamlNode& key, const YamlNode& value) {
    if (value.is_scalar()) return value.value;  // a block scalar holding YAML or JSON text
    if (!value.is_map()) {
      error(value, ErrorCode::wrong_type, "'record' must be the applicant's fields (a mapping), found a " + std::string(value.kind_name()));
      return {};
    }
    return detail::record_lines(doc_, key, value);
  }

  void read_expect(const YamlNode& node, SuiteCase& c) {
    if (!node.is_map() || node.entries.empty()) {
      error(node, node.is_map() ? ErrorCode::missing : ErrorCode::wrong_type,
            "'expect' must map program ids to what they decide, e.g. 'rent_subsidy: {status: eligible}'");
      return;
    }
    // The programs of the version in force on the case's as-of date.
    const auto& programs = rules_.programs();
    const std::vector<std::size_t>& in_force = rules_.versions()[rules_.version_at(c.as_of)].programs;
    std::vector<std::string> ids;
    for (std::size_t p : in_force) ids.push_back(programs[p].id);
    for (const auto& [key, value] : node.entries) {
      auto it = std::find(ids.begin(), ids.end(), key.value);
      if (it == ids.end()) {
        error(key, ErrorCode::unknown_name, "unknown program '" + key.value + "'" + detail::did_you_mean(key.value, ids) +
                       "; the pack's programs are " + join(ids));
        continue;
      }
      ProgramExpectation e;
      e.program = in_force[static_cast<std::size_t>(it - ids.begin())];
      read_program_expectation(programs[e.program], value, e);
      c.expect.push_back(std::move(e));
    }
  }

  void read_program_expectation(const ProgramInfo& program, const YamlNode& node, ProgramExpectation& e) {
    static const std::vector<std::string> kKeys = {"status", "amount", "frequency", "window", "missing", "reasons", "remarks"};
    if (!node.is_map()) {
      error(node, ErrorCode::wrong_type, "the expectation for '" + program.id + "' must be a mapping with at least 'status:'");
      return;
    }
    const YamlNode* amount_node = nullptr;
    for (const auto& [key, value] : node.entries) {
      const std::string& k = key.value;
      if (k == "status") {
        if (const std::string* s = scalar(value, "status")) {
          e.status = parse_name(*s, {Status::eligible, Status::ineligible, Status::needs_info});
          if (!e.status) {
            error(value, ErrorCode::unknown_name, "unknown status '" + *s + "'" +
                      detail::did_you_mean(*s, {"eligible", "ineligible", "needs_info"}) + "; expected " + kStatuses);
          }
        }
      } else if (k == "amount") {
        amount_node = &value;
        if (const std::string* s = scalar(value, "amount")) {
          std::string why;
          ErrorCode code = ErrorCode::wrong_type;
          e.amount = Money::parse(*s, &why, &code);
          if (!e.amount) error(value, code, "'amount' must be yuan with at most two decimals, like \"1000.00\": " + why);
        }
      } else if (k == "frequency") {
        if (const std::string* s = scalar(value, "frequency")) {
          e.frequency = parse_name(*s, {Frequency::monthly, Frequency::once});
          if (!e.frequency) error(value, ErrorCode::unknown_name, "unknown frequency '" + *s + "'; expected monthly or once");
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
        error(key, ErrorCode::unknown_name, "unknown expectation '" + k + "' for " + program.id +
                                                detail::did_you_mean(k, kKeys) + "; expected " + join(kKeys));
      }
    }
    if (!node.find("status")) error(node.pos, ErrorCode::missing, "the expectation for '" + program.id + "' has no 'status:' (" + kStatuses + ")");
    // The decision contract reports these only for some statuses; expecting
    // them otherwise is a mistake in the case, not something to test.
    if (e.status && *e.status != Status::eligible && amount_node) {
      error(*amount_node, ErrorCode::invalid_value,
            "an amount is only reported when the status is eligible, not " + std::string(to_string(*e.status)));
    }
    if (e.status && *e.status != Status::needs_info && e.missing && !e.missing->empty()) {
      error(node.pos, ErrorCode::invalid_value,
            "missing fields are only reported when the status is needs_info, not " + std::string(to_string(*e.status)));
    }
  }

  void read_window(const YamlNode& node, ProgramExpectation& e) {
    if (!node.is_map()) {
      error(node, ErrorCode::wrong_type, "'window' must be {start: YYYY-MM-DD, end: YYYY-MM-DD}");
      return;
    }
    std::optional<Date> start, end;
    for (const auto& [key, value] : node.entries) {
      if (key.value == "start") start = date(value, "window.start");
      else if (key.value == "end") end = date(value, "window.end");
      else error(key, ErrorCode::unknown_name, "unknown key '" + key.value + "' in a window; expected start and end");
    }
    if (!node.find("start") || !node.find("end")) {
      error(node.pos, ErrorCode::missing, "'window' needs both start and end");
      return;
    }
    if (start && end) e.window = Window{*start, *end};
  }

  void read_missing(const YamlNode& node, ProgramExpectation& e) {
    if (!node.is_sequence()) {
      error(node, ErrorCode::wrong_type, "'missing' must be a list of field paths, like [graduation_date]");
      return;
    }
    std::vector<std::string> paths;
    for (const FieldInfo& f : rules_.fields()) paths.push_back(f.path);
    std::vector<std::string> missing;
    for (const YamlNode& item : node.items) {
      const std::string* s = scalar(item, "missing");
      if (!s) continue;
      if (!rules_.field_label(*s)) {
        error(item, ErrorCode::unknown_name, "unknown field '" + *s + "'" + detail::did_you_mean(*s, paths) + " in 'missing'");
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
      error(node, ErrorCode::wrong_type, std::string("'") + what + "' must map " + (remarks ? "remark" : "condition") + " ids to " +
                      (remarks ? "true or false" : "true, false or unknown"));
      return;
    }
    for (const auto& [key, value] : node.entries) {
      auto it = std::find(ids.begin(), ids.end(), key.value);
      if (it == ids.end()) {
        error(key, ErrorCode::unknown_name, std::string("unknown ") + (remarks ? "remark" : "condition") + " '" + key.value + "' of " +
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
        error(value, ErrorCode::wrong_type, "'" + key.value + "' must be " + (remarks ? "true or false" : "true, false or unknown") +
                         (value.is_scalar() ? ", found '" + value.value + "'" : ""));
      }
    }
  }

  void read_expect_error(const YamlNode& node, SuiteCase& c) {
    if (!node.is_map()) {
      error(node, ErrorCode::wrong_type, "'expect_error' must be {field: ..., code: ..., message_contains: ...}");
      return;
    }
    ErrorExpectation e;
    for (const auto& [key, value] : node.entries) {
      if (key.value == "field") {
        if (value.kind == YamlNode::Kind::null) e.field = "";
        else if (const std::string* s = scalar(value, "field")) e.field = *s;
      } else if (key.value == "code") {
        if (const std::string* s = scalar(value, "code")) e.code = error_code(value, *s);
      } else if (key.value == "message_contains") {
        if (const std::string* s = scalar(value, "message_contains")) e.message_contains = *s;
      } else {
        error(key, ErrorCode::unknown_name, "unknown key '" + key.value + "' in expect_error" +
                                                detail::did_you_mean(key.value, {"field", "code", "message_contains"}) +
                                                "; expected field, code and message_contains");
      }
    }
    if (!e.field && !e.code && !e.message_contains) {
      error(node.pos, ErrorCode::missing, "'expect_error' needs 'field:', 'code:' or 'message_contains:'");
    }
    c.expect_error = std::move(e);
  }

  // The error code named `text` ("invalid_value"); reports an unknown one.
  std::optional<ErrorCode> error_code(const YamlNode& at, const std::string& text) {
    std::vector<std::string> names;
    for (ErrorCode code : kErrorCodes) {
      if (text == to_string(code)) return code;
      names.push_back(to_string(code));
    }
    error(at, ErrorCode::unknown_name,
          "unknown error code '" + text + "'" + detail::did_you_mean(text, names) + "; expected one of " + join(names));
    return std::nullopt;
  }

  const RuleSet& rules_;
  const YamlDocument& doc_;
  SuiteFile& out_;
  std::size_t errors_ = 0;
};

}  // namespace

SuiteFile load_suite(const RuleSet& rules, const std::string& path, std::string_view text) {
  SuiteFile out;
  out.path = path;
  YamlDocument doc;
  Diagnostic error;
  if (!detail::parse_yaml(path, text, detail::YamlLimits{}, doc, error)) {
    out.errors.push_back(error);
    out.unreadable = true;
    return out;
  }
  SuiteReader(rules, doc, out).read_file();
  return out;
}

SuiteFile load_suite(const RuleSet& rules, const std::string& path) {
  detail::FileText read = detail::read_text_file(path, kMaxSuiteFileBytes);
  if (read.ok()) return load_suite(rules, path, read.text);
  SuiteFile out;
  out.path = path;
  out.errors.push_back(Diagnostic{path, 0, 0, 1, read.code, "cannot read the suite file: " + read.problem, ""});
  out.unreadable = true;
  return out;
}

}  // namespace talent
