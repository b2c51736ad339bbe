// Suite stage: selection cases, read and run. A case names a selection
// program and a cycle, gives the cycle's candidates (a file of records, then
// records inline), and says what select() must decide: who is selected, in
// which order, with what award, who is not, who needs what. Every check
// reports where it failed; a case with any problem is left out (broken)
// rather than run half-checked.
#include "suite/selection_case.hpp"

#include "base/file_read.hpp"
#include "base/messages.hpp"
#include "base/text.hpp"
#include "suite/record_text.hpp"
#include "talent/report.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

namespace talent::detail {
namespace {

// A candidates file is read whole, up to this size.
constexpr std::uintmax_t kMaxCandidatesFileBytes = 4 << 20;

class SelectionCaseReader {
 public:
  SelectionCaseReader(const RuleSet& rules, const YamlDocument& doc, SuiteFile& out) : rules_(rules), doc_(doc), out_(out) {}

  void read(const YamlNode& node) {
    SelectionCase c;
    c.file = out_.path;
    c.line = node.pos.line;
    static const std::vector<std::string> kKeys = {"name", "clause", "tags", "note", "selection", "cycle",
                                                   "candidates", "candidates_file", "expect"};
    const YamlNode *candidates = nullptr, *file = nullptr, *expect = nullptr;
    for (const auto& [key, value] : node.entries) {
      const std::string& k = key.value;
      if (k == "name") {
        if (const std::string* s = scalar(value, "name")) c.name = *s;
      } else if (k == "clause") {
        if (const std::string* s = scalar(value, "clause")) c.clause = *s;
        if (!c.clause.empty() && !rules_.find_clause(c.clause)) error(value, ErrorCode::unknown_name, "unknown clause '" + c.clause + "'");
      } else if (k == "tags") {
        if (value.is_scalar()) c.tags.push_back(value.value);
        for (const YamlNode& t : value.items) {
          if (const std::string* s = scalar(t, "tags")) c.tags.push_back(*s);
        }
      } else if (k == "note") {
        scalar(value, "note");
      } else if (k == "selection") {
        program(value, c);
      } else if (k == "cycle") {
        const std::string* s = scalar(value, "cycle");
        std::int64_t year = 0;
        if (s && (parse_whole_number(*s, year) != WholeNumber::ok || year < 1400 || year > 9999)) {
          error(value, ErrorCode::invalid_value, "'cycle' must be the year a cycle opens, YYYY, found '" + *s + "'");
        }
        c.cycle_year = static_cast<int>(year);
      } else if (k == "candidates") {
        candidates = &value;
      } else if (k == "candidates_file") {
        file = &value;
      } else if (k == "expect") {
        expect = &value;
      } else {
        error(key, ErrorCode::unknown_name, "unknown key '" + k + "' in a selection case" + did_you_mean(k, kKeys) +
                                                "; a selection case has " + join(kKeys));
      }
    }
    if (c.name.empty()) error(node.pos, ErrorCode::missing, "the case has no 'name:'");
    if (!node.find("cycle")) error(node.pos, ErrorCode::missing, "the selection case has no 'cycle:' (the year the cycle opens)");
    if (file) read_file(*file, c);
    if (candidates) read_candidates(*candidates, c);
    if (!file && !candidates) {
      error(node.pos, ErrorCode::missing, "the selection case has no candidates: add 'candidates:' (records inline) or 'candidates_file:'");
    }
    if (!expect) error(node.pos, ErrorCode::missing, "the selection case expects nothing: add 'expect:'");
    else if (program_) read_expect(*expect, c.expect);
    if (errors_ > 0) {
      out_.broken.push_back(BrokenCase{c.line, c.name});
      return;
    }
    out_.selection_cases.push_back(std::move(c));
  }

 private:
  void error(SourcePos pos, ErrorCode code, std::string message, int length = 1) {
    out_.errors.push_back(doc_.diagnostic(pos, code, std::move(message), length));
    ++errors_;
  }
  void error(const YamlNode& at, ErrorCode code, std::string message) {
    error(at.pos, code, std::move(message), at.is_scalar() ? std::max(1, utf8_length(at.value) + (at.quoted ? 2 : 0)) : 1);
  }
  const std::string* scalar(const YamlNode& node, const std::string& what) {
    if (node.is_scalar()) return &node.value;
    error(node, ErrorCode::wrong_type, "'" + what + "' must be a single value, found a " + node.kind_name());
    return nullptr;
  }

  void program(const YamlNode& value, SelectionCase& c) {
    const std::string* s = scalar(value, "selection");
    if (!s) return;
    std::vector<std::string> ids;
    for (const SelectionInfo& info : rules_.selections()) ids.push_back(info.id);
    auto it = std::find(ids.begin(), ids.end(), *s);
    if (it == ids.end()) {
      return error(value, ErrorCode::unknown_name, "unknown selection program '" + *s + "'" + did_you_mean(*s, ids) +
                                                       (ids.empty() ? "; the pack has none" : "; the pack's selection programs are " + join(ids)));
    }
    c.program = static_cast<std::size_t>(it - ids.begin());
    program_ = &rules_.selections()[c.program];
  }

  // Only a file in the suite's own folder (or below it) is read, as a
  // case's record_file is.
  void read_file(const YamlNode& node, SelectionCase& c) {
    const std::string* s = scalar(node, "candidates_file");
    if (!s) return;
    std::size_t slash = out_.path.find_last_of('/');
    std::string folder = slash == std::string::npos ? std::string() : out_.path.substr(0, slash + 1);
    std::string path = !s->empty() && (*s)[0] == '/' ? *s : folder + *s;
    FileText read = read_text_file(path, kMaxCandidatesFileBytes, folder.empty() ? "." : folder);
    if (!read.ok()) return error(node, read.code, "cannot read the candidates file '" + path + "': " + read.problem);
    c.candidates_file_text = std::move(read.text);
  }

  // One record per `- ` item, cut out of the file as the author wrote it.
  void read_candidates(const YamlNode& node, SelectionCase& c) {
    const std::string& line = node.is_sequence() ? doc_.lines[static_cast<std::size_t>(node.pos.line - 1)] : std::string();
    std::size_t at = byte_offset_of_column(line, node.pos.column);
    if (!node.is_sequence() || at >= line.size() || line[at] != '-') {
      return error(node, ErrorCode::wrong_type, "'candidates' must list the candidates' records, one per '- ' item");
    }
    for (const YamlNode& item : node.items) {
      if (!item.is_map()) {
        error(item, ErrorCode::wrong_type, "a candidate is a record (a mapping of its fields), found a " + std::string(item.kind_name()));
        continue;
      }
      c.candidates.push_back(record_lines(doc_, node, item));
    }
  }

  void read_expect(const YamlNode& node, SelectionExpectation& e) {
    static const std::vector<std::string> kKeys = {"selected", "selected_count", "not_selected", "needs_info", "rejected",
                                                   "awards", "ranks", "reasons", "remarks"};
    if (!node.is_map()) return error(node, ErrorCode::wrong_type, "'expect' must be a mapping like {selected: [...], not_selected: [...]}");
    for (const auto& [key, value] : node.entries) {
      const std::string& k = key.value;
      if (k == "selected") e.selected = ids(value, k, false);
      else if (k == "not_selected") e.not_selected = ids(value, k, true);
      else if (k == "rejected") e.rejected = ids(value, k, true);
      else if (k == "selected_count") e.selected_count = count(value, k);
      else if (k == "needs_info") pending(value, e);
      else if (k == "awards" || k == "ranks" || k == "reasons" || k == "remarks") per_candidate(k, value, e);
      else error(key, ErrorCode::unknown_name, "unknown expectation '" + k + "'" + did_you_mean(k, kKeys) + "; expected " + join(kKeys));
    }
  }

  std::vector<std::string> ids(const YamlNode& node, const std::string& what, bool sorted) {
    std::vector<std::string> out;
    if (!node.is_sequence()) error(node, ErrorCode::wrong_type, "'" + what + "' must be a list of candidates' ids, like [T-01, T-02]");
    for (const YamlNode& item : node.items) {
      if (const std::string* s = scalar(item, what)) out.push_back(*s);
    }
    if (sorted) std::sort(out.begin(), out.end());
    return out;
  }

  std::optional<std::size_t> count(const YamlNode& node, const std::string& what) {
    std::int64_t n = -1;
    if (!node.is_scalar() || parse_whole_number(node.value, n) != WholeNumber::ok || n < 0) {
      error(node, ErrorCode::wrong_type, "'" + what + "' must be a whole number, at least 1 for a rank");
      return std::nullopt;
    }
    return static_cast<std::size_t>(n);
  }

  // needs_info: {id: {missing: [...], best_rank: n}}
  void pending(const YamlNode& node, SelectionExpectation& e) {
    e.needs_info.emplace();
    if (node.is_sequence() && node.items.empty()) return;  // []: nobody
    if (!node.is_map()) return error(node, ErrorCode::wrong_type, "'needs_info' maps candidates' ids to {missing: [...], best_rank: n}");
    for (const auto& [key, value] : node.entries) {
      SelectionExpectation::Pending p{key.value, std::nullopt, std::nullopt};
      if (!value.is_map()) error(value, ErrorCode::wrong_type, "expected {missing: [...], best_rank: n} for '" + key.value + "'");
      for (const auto& [k, v] : value.entries) {
        if (k.value == "best_rank") {
          p.best_rank = count(v, "best_rank");
        } else if (k.value == "missing") {
          std::vector<std::string> paths = ids(v, "missing", true);
          for (const std::string& path : paths) {
            if (!rules_.field_label(path)) error(v, ErrorCode::unknown_name, "unknown field '" + path + "' in 'missing'");
          }
          p.missing = std::move(paths);
        } else {
          error(k, ErrorCode::unknown_name, "unknown key '" + k.value + "' of a candidate that needs information; expected missing and best_rank");
        }
      }
      e.needs_info->push_back(std::move(p));
    }
  }

  // awards: {id: "1000.00"}, ranks: {id: n}, reasons: {id: {condition: result}}, remarks: {id: {remark: holds}}
  void per_candidate(const std::string& what, const YamlNode& node, SelectionExpectation& e) {
    if (!node.is_map()) return error(node, ErrorCode::wrong_type, "'" + what + "' must map candidates' ids to what is expected of them");
    for (const auto& [key, value] : node.entries) {
      if (what == "awards") {
        std::string why;
        ErrorCode code = ErrorCode::wrong_type;
        std::optional<Money> m = value.is_scalar() ? Money::parse(value.value, &why, &code) : std::nullopt;
        if (m) e.awards.emplace_back(key.value, *m);
        else error(value, code, "an award must be yuan with at most two decimals, like \"10000.00\"");
      } else if (what == "ranks") {
        if (std::optional<std::size_t> n = count(value, "rank"); n && *n > 0) e.ranks.emplace_back(key.value, *n);
      } else {
        truths(key.value, value, what == "remarks", e);
      }
    }
  }

  void truths(const std::string& id, const YamlNode& node, bool remarks, SelectionExpectation& e) {
    const auto& infos = remarks ? program_->remarks : program_->candidacy;
    std::vector<std::string> names;
    for (const ConditionInfo& c : infos) names.push_back(c.id);
    if (!node.is_map()) return error(node, ErrorCode::wrong_type, "expected {condition: true|false|unknown} for '" + id + "'");
    std::vector<std::pair<std::size_t, Truth>> reasons;
    std::vector<std::pair<std::size_t, bool>> held;
    for (const auto& [key, value] : node.entries) {
      auto it = std::find(names.begin(), names.end(), key.value);
      if (it == names.end()) {
        error(key, ErrorCode::unknown_name, std::string("unknown ") + (remarks ? "remark" : "candidacy condition") + " '" + key.value +
                                                "' of " + program_->id + did_you_mean(key.value, names) + "; it has " + join(names));
        continue;
      }
      std::size_t index = static_cast<std::size_t>(it - names.begin());
      std::string text = value.is_scalar() && !value.quoted ? value.value : "";
      if (text == "true" || text == "false") {
        if (remarks) held.emplace_back(index, text == "true");
        else reasons.emplace_back(index, text == "true" ? Truth::yes : Truth::no);
      } else if (!remarks && text == "unknown") {
        reasons.emplace_back(index, Truth::unknown);
      } else {
        error(value, ErrorCode::wrong_type, "'" + key.value + "' must be " + (remarks ? "true or false" : "true, false or unknown"));
      }
    }
    if (remarks) e.remarks.emplace_back(id, std::move(held));
    else e.reasons.emplace_back(id, std::move(reasons));
  }

  const RuleSet& rules_;
  const YamlDocument& doc_;
  SuiteFile& out_;
  const SelectionInfo* program_ = nullptr;
  std::size_t errors_ = 0;
};

std::string listed(const std::vector<std::string>& ids) { return "[" + join(ids) + "]"; }

const char* truth_name(Truth t) { return t == Truth::yes ? "true" : t == Truth::no ? "false" : "unknown"; }

}  // namespace

void read_selection_case(const RuleSet& rules, const YamlDocument& doc, const YamlNode& node, SuiteFile& out) {
  SelectionCaseReader(rules, doc, out).read(node);
}

}  // namespace talent::detail

namespace talent {

SelectionCaseResult run_selection_case(const RuleSet& rules, const SelectionCase& c, Language language) {
  using detail::arg;
  using detail::listed;
  if (c.program >= rules.selections().size()) throw std::invalid_argument("talent::run_selection_case: the case was read against another rule set");
  const SelectionInfo& info = rules.selections()[c.program];
  auto word = [&](const char* id, std::vector<MessageArg> args = {}) { return message(id, language, args); };
  SelectionCaseResult result;
  std::vector<ParsedRecord> candidates;
  std::istringstream file(c.candidates_file_text);
  RecordReader reader(rules, file);
  for (ParsedRecord p; reader.next(p);) candidates.push_back(std::move(p));
  for (const std::string& text : c.candidates) candidates.push_back(parse_record(rules, text, candidates.size() + 1));
  try {
    result.selection = select(rules, info.id, c.cycle_year, candidates);
  } catch (const EvaluationError& e) {
    std::string why = language == Language::en ? e.what() : describe(rules, to_record_error(rules, e), language);
    result.differences.push_back(word("suite.selection.not_decided", {arg("problem", why)}));
    return result;
  } catch (const std::exception& e) {
    result.differences.push_back(word("suite.selection.not_decided", {arg("problem", e.what())}));
    return result;
  }
  const Selection& s = *result.selection;
  auto differ = [&](const std::string& what, const std::string& expected, const std::string& actual) {
    result.differences.push_back(word("suite.differs", {arg("what", what), arg("expected", expected), arg("actual", actual)}));
  };
  // "T-01: rank": what differs of one candidate.
  auto of = [&](const std::string& id, const std::string& what) { return word("suite.of", {arg("owner", id), arg("what", what)}); };
  // Where each candidate ended up, and its decision.
  std::map<std::string, std::string> where;
  std::map<std::string, const ProgramDecision*> decisions;
  std::map<std::string, std::size_t> ranks;
  std::vector<std::string> selected, not_selected, pending, rejected;
  for (const auto& x : s.selected) selected.push_back(x.id), where[x.id] = word("suite.selection.selected"), decisions[x.id] = &x.decision, ranks[x.id] = x.rank;
  for (const auto& x : s.not_selected) {
    not_selected.push_back(x.id), where[x.id] = word("suite.selection.not_selected"), decisions[x.id] = &x.decision;
    if (x.rank) ranks[x.id] = *x.rank;
  }
  for (const auto& x : s.needs_info) pending.push_back(x.id), where[x.id] = word("suite.selection.needs_info"), decisions[x.id] = &x.decision;
  for (const auto& x : s.rejected) {
    rejected.push_back(x.id.value_or("#" + std::to_string(x.record)));
    std::string why = language == Language::en ? x.error.message : describe(rules, x.error, language);
    where[rejected.back()] = word("suite.selection.rejected_because", {arg("problem", why)});
  }
  const SelectionExpectation& e = c.expect;
  if (e.selected && *e.selected != selected) differ(word("suite.selection.selected"), listed(*e.selected), listed(selected));
  if (e.selected_count && *e.selected_count != selected.size()) {
    differ(word("suite.selection.selected_count"), std::to_string(*e.selected_count), std::to_string(selected.size()));
  }
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  if (e.not_selected && *e.not_selected != sorted(not_selected)) {
    differ(word("suite.selection.not_selected"), listed(*e.not_selected), listed(sorted(not_selected)));
  }
  if (e.rejected && *e.rejected != sorted(rejected)) differ(word("suite.selection.rejected"), listed(*e.rejected), listed(sorted(rejected)));
  if (e.needs_info) {
    std::vector<std::string> expected;
    for (const auto& p : *e.needs_info) expected.push_back(p.id);
    if (sorted(expected) != sorted(pending)) differ(word("suite.selection.needs_info"), listed(sorted(expected)), listed(sorted(pending)));
    for (const auto& p : *e.needs_info) {
      auto it = std::find_if(s.needs_info.begin(), s.needs_info.end(), [&](const PendingCandidate& x) { return x.id == p.id; });
      if (it == s.needs_info.end()) continue;
      if (p.missing && *p.missing != it->missing) differ(of(p.id, word("suite.missing")), listed(*p.missing), listed(it->missing));
      if (p.best_rank && *p.best_rank != it->best_rank) {
        differ(of(p.id, word("suite.selection.best_rank")), std::to_string(*p.best_rank), std::to_string(it->best_rank));
      }
    }
  }
  auto is = [&](const std::string& id) { return where.count(id) ? where[id] : word("suite.selection.not_a_candidate"); };
  for (const auto& [id, award] : e.awards) {
    auto it = std::find_if(s.selected.begin(), s.selected.end(), [&, &id = id](const SelectedCandidate& x) { return x.id == id; });
    if (it == s.selected.end()) differ(of(id, word("suite.selection.award")), award.to_string(), is(id));
    else if (it->award != award) differ(of(id, word("suite.selection.award")), award.to_string(), it->award.to_string());
  }
  for (const auto& [id, rank] : e.ranks) {
    if (!ranks.count(id)) differ(of(id, word("suite.selection.rank")), std::to_string(rank), is(id));
    else if (ranks[id] != rank) differ(of(id, word("suite.selection.rank")), std::to_string(rank), std::to_string(ranks[id]));
  }
  for (const auto& [id, expected] : e.reasons) {
    if (!decisions.count(id)) {
      differ(of(id, word("suite.selection.reasons")), word("suite.selection.decided"), is(id));
      continue;
    }
    for (const auto& [index, truth] : expected) {
      std::size_t condition = index;
      const auto& reasons = decisions[id]->reasons;
      auto r = std::find_if(reasons.begin(), reasons.end(), [&](const Reason& x) { return x.condition == condition; });
      Truth actual = r == reasons.end() ? Truth::unknown : r->result;
      if (r == reasons.end() || actual != truth) {
        differ(of(id, word("suite.condition", {arg("id", info.candidacy[index].id)})), detail::truth_name(truth),
               r == reasons.end() ? word("suite.not_evaluated") : detail::truth_name(actual));
      }
    }
  }
  for (const auto& [id, expected] : e.remarks) {
    for (const auto& [index, holds] : expected) {
      std::size_t remark = index;
      bool held = decisions.count(id) && std::find(decisions[id]->remarks.begin(), decisions[id]->remarks.end(), remark) !=
                                             decisions[id]->remarks.end();
      if (held != holds) {
        differ(of(id, word("suite.remark", {arg("id", info.remarks[index].id)})), holds ? "true" : "false",
               held ? "true" : word("suite.selection.and_false", {arg("where", is(id))}));
      }
    }
  }
  result.passed = result.differences.empty();
  return result;
}

}  // namespace talent
