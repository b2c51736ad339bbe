// talent ask: an interview. From an empty or partial record, asks for the
// facts still needed to decide every program — the missing facts of the
// programs that need information, and whether the applicant has an optional
// section (a home purchase, a startup loan) when that alone stands between a
// program and its decision — one at a time in the schema's order, deciding
// again after each answer, so that nothing is asked that no longer matters.
// Answers may be written in every form the schema accepts.
#include "cli/cli.hpp"
#include "cli/field_help.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iostream>
#include <set>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

using Json = nlohmann::ordered_json;

bool zh(Language language) { return language == Language::zh; }

std::string trimmed(const std::string& text) {
  std::size_t start = text.find_first_not_of(" \t\r\n"), end = text.find_last_not_of(" \t\r\n");
  return start == std::string::npos ? "" : text.substr(start, end - start + 1);
}

// The object at `path`'s section in `record`, made when `make`; null when absent.
Json* section_of(Json& record, const std::string& path, bool make) {
  Json* at = &record;
  for (std::size_t start = 0, dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) {
    std::string name = path.substr(start, dot - start);
    if (!at->contains(name)) {
      if (!make) return nullptr;
      (*at)[name] = Json::object();
    }
    at = &(*at)[name];
  }
  return at;
}

std::string last_name(const std::string& path) { return path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1); }

bool has(const Json& record, const std::string& path) {
  Json copy = record;
  Json* section = section_of(copy, path, false);
  return section && section->contains(last_name(path));
}

// An answer as the record holds it: true/false and whole numbers bare,
// everything else text, which the schema's forms read.
Json answer_value(const FieldInfo& f, const std::string& answer) {
  if (f.type == FieldType::boolean && (answer == "true" || answer == "false")) return answer == "true";
  if (f.type == FieldType::integer && !answer.empty() && answer.find_first_not_of("0123456789") == std::string::npos &&
      answer.size() < 18 && (answer[0] != '0' || answer.size() == 1)) {
    return std::stoll(answer);
  }
  return answer;
}

int yes_or_no(const RuleSet& rules, const std::string& answer) {
  if (answer == "true") return 1;
  if (answer == "false") return 0;
  for (const std::string& w : rules.forms().true_words) {
    if (answer == w) return 1;
  }
  for (const std::string& w : rules.forms().false_words) {
    if (answer == w) return 0;
  }
  return -1;
}

YAML::Node to_yaml(const Json& j) {
  if (j.is_object()) {
    YAML::Node node(YAML::NodeType::Map);
    for (const auto& [key, value] : j.items()) node[key] = to_yaml(value);
    return node;
  }
  if (j.is_boolean()) return YAML::Node(j.get<bool>());
  if (j.is_number_integer()) return YAML::Node(j.get<long long>());
  return YAML::Node(j.get<std::string>());
}

struct Interview {
  const RuleSet& rules;
  Language language;
  Date as_of;
  std::istream& in;
  std::ostream& out;
  Json record = Json::object();
  std::set<std::string> settled;  // asked and left unanswered, or a section answered "none"

  bool z() const { return zh(language); }

  // A program is kept from its decision only by an optional section the
  // record lacks: every condition that failed reads that section alone.
  bool stands_between(const Decision& d, const std::string& section) const {
    for (const ProgramDecision& p : d.programs) {
      if (p.status != Status::ineligible) continue;
      bool only_section = false, other = false;
      for (const Reason& r : p.reasons) {
        if (r.result != Truth::no) continue;
        for (const std::string& read : rules.programs()[p.program].conditions[r.condition].fields_read) {
          bool inside = read == section || read.rfind(section + ".", 0) == 0;
          (inside ? only_section : other) = true;
        }
      }
      if (only_section && !other) return true;
    }
    return false;
  }

  // The next thing to ask, or nullptr when nothing more would help.
  const FieldInfo* next_question(const Decision& d) const {
    std::set<std::string> missing;
    for (const ProgramDecision& p : d.programs) missing.insert(p.missing.begin(), p.missing.end());
    for (const FieldInfo* f : fields_in_order(rules)) {
      if (settled.count(f->path)) continue;
      if (f->type == FieldType::section) {
        if (f->optional && !has(record, f->path) && stands_between(d, f->path)) return f;
      } else if (missing.count(f->path)) {
        return f;
      }
    }
    return nullptr;
  }

  void ask(const FieldInfo& f) {
    if (f.type == FieldType::section) {
      out << (z() ? "有无" : "Any ") << label_of(f, language) << (z() ? "？（有 / 无）" : "? (yes / no)") << "\n";
    } else {
      out << label_of(f, language) << " (" << f.path << ")" << (z() ? "？" : "?");
      std::string allowed = allowed_words(rules, f, language);
      if (!allowed.empty()) out << (z() ? "  可填：" : "  ") << allowed;
      out << (z() ? "（不知道就直接回车）\n" : " (press Enter if not known)\n");
    }
    out << "> " << std::flush;
  }

  // Takes `answer` for `f`; false, with the reason printed, when the record
  // would not be accepted with it.
  bool take(const FieldInfo& f, const std::string& answer) {
    if (f.type == FieldType::section) {
      int yes = yes_or_no(rules, answer);
      if (yes < 0) {
        out << (z() ? "请回答 有 或 无\n" : "Please answer yes or no\n");
        return false;
      }
      if (yes) section_of(record, f.path + ".x", true);  // the section, empty: its facts are asked next
      else settled.insert(f.path);
      return true;
    }
    Json trial = record;
    (*section_of(trial, f.path, true))[last_name(f.path)] = answer_value(f, answer);
    ParsedRecord p = parse_record(rules, trial.dump());
    if (p.error) {
      out << (z() ? "不能受理：" : "Not accepted: ") << display_text(describe(rules, *p.error, language)) << "\n";
      return false;
    }
    for (const Normalization& n : p.record->normalized()) {
      if (n.field == f.path && n.to != n.field) out << (z() ? "（按 " : "(read as ") << n.to << (z() ? " 记录）\n" : ")\n");
    }
    record = Json::parse(canonical_json(rules, *p.record));
    return true;
  }
};

}  // namespace

int ask_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  std::string rules_dir, as_of_text, lang = "zh", save;
  po::options_description desc("talent ask [options] [FILE]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "rule pack folder (default: the built-in pack)")
      ("as-of", po::value(&as_of_text), "decide as of this date, YYYY-MM-DD (default: today)")
      ("lang", po::value(&lang), "zh or en (default: zh)")
      ("save", po::value(&save), "write the completed record to FILE (JSON for FILE.json, YAML otherwise)");
  std::vector<std::string> operands;
  po::variables_map vm = parse_arguments(args, desc, operands);
  if (vm.count("help")) {
    out << help_text("ask", language_of(args));
    return kExitOk;
  }
  if (operands.size() > 1) throw usage("cli.usage.ask_one_file", {arg("count", std::to_string(operands.size()))});
  Language language = parse_language(lang);
  Date as_of = parse_as_of(as_of_text);
  auto rules = load_rules(rules_dir, err);
  if (!rules) return kExitUsage;
  Interview interview{*rules, language, as_of, in, out, Json::object(), {}};
  bool z = zh(language);
  if (!operands.empty()) {
    std::ifstream file(operands[0], std::ios::binary);
    if (!file) throw usage("cli.usage.cannot_open", {arg("file", operands[0])});
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    ParsedRecord p = parse_record(*rules, text);
    if (p.error && p.error->code != ErrorCode::missing) {  // a record lacking only its id is asked for it
      err << to_text(p, language);
      return kExitRejected;
    }
    if (p.record) interview.record = Json::parse(canonical_json(*rules, *p.record));
  }
  bool ended = false;
  for (;;) {
    const FieldInfo* question = nullptr;
    ParsedRecord p = parse_record(*rules, interview.record.dump());
    std::optional<Decision> decision;
    if (p.record) {
      decision = evaluate(*rules, *p.record, as_of);
      question = interview.next_question(*decision);
    } else {
      question = rules->find_field(p.error ? p.error->field : "id");
      if (!question || interview.settled.count(question->path)) {
        err << to_text(p, language);
        return kExitRejected;
      }
    }
    if (!question) break;
    std::string answer;
    for (;;) {
      interview.ask(*question);
      if (!std::getline(in, answer)) break;
      answer = trimmed(answer);
      if (answer.empty()) {
        interview.settled.insert(question->path);
        break;
      }
      if (interview.take(*question, answer)) break;
    }
    if (!in) {
      ended = true;
      out << "\n";
      break;
    }
  }
  ParsedRecord p = parse_record(*rules, interview.record.dump());
  if (!p.record) {
    err << (z ? "talent ask: 输入已结束，记录仍不完整\n" : "talent ask: input ended before the record was complete\n") << to_text(p, language);
    return kExitRejected;
  }
  Decision decision = evaluate(*rules, *p.record, as_of);
  out << "\n" << to_text(*rules, decision, language);
  if (!save.empty()) {
    std::ofstream file(save, std::ios::binary);
    if (save.size() >= 5 && save.compare(save.size() - 5, 5, ".json") == 0) {
      file << canonical_json(*rules, *p.record) << "\n";
    } else {
      YAML::Emitter yaml;
      yaml << to_yaml(Json::parse(canonical_json(*rules, *p.record)));
      file << yaml.c_str() << "\n";
    }
    if (!file.flush()) {
      err << "talent ask: cannot write '" << save << "'\n";
      return kExitOutput;
    }
  }
  bool decided = true;
  for (const ProgramDecision& d : decision.programs) decided = decided && d.status != Status::needs_info;
  if (!decided) out << (z ? "（仍有事实未知，部分项目尚不能决定）\n" : "(some facts are still unknown; not every program is decided)\n");
  return decided && !ended ? kExitOk : kExitRejected;
}

}  // namespace talent::cli
