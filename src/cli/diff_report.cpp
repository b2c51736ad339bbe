// Command stage: rendering `talent diff` for people and for machines.
#include "cli/diff_report.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <stdexcept>

namespace talent::cli {
namespace {

using Json = nlohmann::ordered_json;

bool zh(Language language) { return language == Language::zh; }

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// An outside string (an id, a file name, a value) in text for a person.
std::string shown(const std::string& text) { return display_text(text); }

std::string money(std::int64_t fen) { return Money::from_fen(fen).to_string(); }
std::string signed_money(std::int64_t fen) { return (fen > 0 ? "+" : "") + money(fen); }

Json outcome_json(const std::optional<Outcome>& o) {
  if (!o) return nullptr;
  Json j;
  j["status"] = to_string(o->status);
  if (o->amount) j["amount"] = o->amount->to_string();
  if (o->window) j["window"] = {{"start", format_date(o->window->start)}, {"end", format_date(o->window->end)}};
  return j;
}

Json value_json(const Because& b, const BecauseValue& v) {
  if (!v.present) return "absent";
  if (!v.value) return nullptr;
  if (b.kind == Because::Kind::condition) return *v.value == "true";
  return *v.value;
}

const char* kind_key(Because::Kind kind) {
  switch (kind) {
    case Because::Kind::condition: return "condition";
    case Because::Kind::outcome_of: return "outcome_of";
    case Because::Kind::parameter: return "parameter";
    case Because::Kind::amount: return "amount";
  }
  return "?";
}

const char* status_text(int status, Language language) {
  bool z = zh(language);
  switch (status) {
    case 0: return z ? "符合" : "eligible";
    case 1: return z ? "不符合" : "not eligible";
    case 2: return z ? "需补充材料" : "needs information";
    default: return z ? "无此项目" : "not in these rules";
  }
}

std::string outcome_text(const std::optional<Outcome>& o, std::optional<Frequency> frequency, Language language) {
  bool z = zh(language);
  if (!o) return status_text(ProgramTotals::kAbsent, language);
  std::string out = status_text(static_cast<int>(o->status), language);
  if (o->amount) {
    std::string a = o->amount->to_string();
    if (frequency == Frequency::monthly) out += z ? "，每月 " + a + " 元" : ", " + a + " yuan per month";
    else out += z ? "，一次性 " + a + " 元" : ", " + a + " yuan once";
  }
  if (o->window) {
    std::string s = format_date(o->window->start), e = format_date(o->window->end);
    out += z ? "，期限 " + s + " 至 " + e : ", " + s + " to " + e;
  }
  return out;
}

std::string value_text(const Because& b, const BecauseValue& v, Language language) {
  bool z = zh(language);
  if (!v.present) return b.kind == Because::Kind::condition ? (z ? "无此条件" : "no such condition") : (z ? "无" : "none");
  if (!v.value) return b.kind == Because::Kind::condition ? (z ? "未知" : "unknown") : (z ? "未提供" : "not given");
  if (b.kind == Because::Kind::condition) return *v.value == "true" ? (z ? "是" : "yes") : (z ? "否" : "no");
  if (b.kind == Because::Kind::outcome_of) {
    for (int s = 0; s < 3; ++s) {
      if (*v.value == to_string(static_cast<Status>(s))) return status_text(s, language);
    }
  }
  return shown(*v.value);
}

const ProgramTotals* totals_of(const PopulationDiff& diff, const std::string& program) {
  for (const ProgramTotals& t : diff.totals()) {
    if (t.id == program) return &t;
  }
  return nullptr;
}

Json side_json(const DiffSide& side) {
  const RuleSet& r = *side.rules;
  const VersionInfo& v = r.versions()[r.version_at(side.as_of)];
  return {{"pack", side.pack},
          {"id", r.id()},
          {"version", r.version()},
          {"digest", r.digest()},
          {"as_of", format_date(side.as_of)},
          {"in_force", {{"version", v.id}, {"since", format_date(v.effective_from)}}}};
}

std::string side_text(const DiffSide& side, Language language) {
  bool z = zh(language);
  const RuleSet& r = *side.rules;
  std::string where = side.pack == "builtin" ? (z ? "内置" : "built-in") : shown(side.pack);
  std::string out = r.id() + " " + r.version() + (z ? "（" : " (") + where + (z ? "）" : ")");
  if (r.versions().size() > 1) {
    const VersionInfo& v = r.versions()[r.version_at(side.as_of)];
    out += (z ? "，适用版本 " : ", in force: ") + v.id + (z ? "（自 " : " (since ") + format_date(v.effective_from) +
           (z ? " 起）" : ")");
  }
  std::string digest = r.digest().substr(0, 19);  // "sha256:" and 12 hex digits
  out += (z ? "，核定日期 " : ", as of ") + format_date(side.as_of) + (z ? "，" : ", ") + digest + "…";
  return out;
}

const char* presence(const ProgramTotals& t) {
  if (!t.before_frequency) return "added";
  if (!t.after_frequency) return "removed";
  return "both";
}

}  // namespace

Spool::Spool(const char* separator) : file_(std::tmpfile()), separator_(separator) {
  if (!file_) throw std::runtime_error("cannot make a temporary file for the report");
}

Spool::~Spool() { std::fclose(file_); }

void Spool::add(const std::string& item) {
  if (count_++ > 0) std::fwrite(separator_.data(), 1, separator_.size(), file_);
  if (std::fwrite(item.data(), 1, item.size(), file_) != item.size()) {
    throw std::runtime_error("cannot write the report's temporary file");
  }
}

void Spool::copy_to(std::ostream& out) {
  if (std::fflush(file_) != 0) throw std::runtime_error("cannot write the report's temporary file");
  std::rewind(file_);
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) out.write(buffer, static_cast<std::streamsize>(n));
  if (std::ferror(file_)) throw std::runtime_error("cannot read the report's temporary file");
}

std::string change_json(const Change& change) {
  Json j;
  j["id"] = change.id;
  j["program"] = change.program;
  j["before"] = outcome_json(change.before);
  j["after"] = outcome_json(change.after);
  Json because = Json::array();
  for (const Because& b : change.because) {
    Json item;
    item[kind_key(b.kind)] = b.name;
    if (!b.label.empty()) item["label"] = b.label;
    item["before"] = value_json(b, b.before);
    item["after"] = value_json(b, b.after);
    if (b.kind == Because::Kind::parameter) {
      Json since = Json::object();
      if (b.before_since) since["before"] = format_date(*b.before_since);
      if (b.after_since) since["after"] = format_date(*b.after_since);
      item["since"] = std::move(since);
    }
    because.push_back(std::move(item));
  }
  j["because"] = std::move(because);
  return dump(j);
}

std::string change_text(const PopulationDiff& diff, const Change& change, Language language) {
  bool z = zh(language);
  const ProgramTotals* t = totals_of(diff, change.program);
  std::string title = t ? t->title.in(language) : change.program;
  std::string out = "  " + shown(change.id) + " " + title + (z ? "：" : ": ");
  out += outcome_text(change.before, t ? t->before_frequency : std::nullopt, language) + " → " +
         outcome_text(change.after, t ? t->after_frequency : std::nullopt, language) + "\n";
  for (const Because& b : change.because) {
    const char* kind = "";
    switch (b.kind) {
      case Because::Kind::condition: kind = z ? "条件" : "condition"; break;
      case Because::Kind::outcome_of: kind = z ? "项目" : "program"; break;
      case Because::Kind::parameter: kind = z ? "参数" : "parameter"; break;
      case Because::Kind::amount: kind = z ? "金额依据" : "amount from"; break;
    }
    std::string name = b.label.empty() ? b.name : b.label;
    std::string before = value_text(b, b.before, language), after = value_text(b, b.after, language);
    if (b.before_since && b.after_since && *b.before_since != *b.after_since) {
      before += (z ? "（自 " : " (since ") + format_date(*b.before_since) + (z ? " 起）" : ")");
      after += (z ? "（自 " : " (since ") + format_date(*b.after_since) + (z ? " 起）" : ")");
    }
    out += std::string("      ") + kind + " " + name + (z ? "：" : ": ") + before + " → " + after + "\n";
  }
  return out;
}

std::string rejected_json(const RejectedRecord& r) {
  auto error = [](const std::optional<RecordError>& e) -> Json {
    if (!e) return nullptr;
    return {{"field", e->field.empty() ? Json(nullptr) : Json(e->field)},
            {"code", to_string(e->code)},
            {"message", e->message}};
  };
  Json j;
  j["file"] = r.file;
  j["record"] = r.record;
  j["id"] = r.id ? Json(*r.id) : Json(nullptr);
  j["rules"] = error(r.before);
  j["against"] = error(r.after);
  return dump(j);
}

std::string rejected_text(const PopulationDiff& diff, const RejectedRecord& r, Language language) {
  bool z = zh(language);
  std::string where = r.file == "-" ? message("text.standard_input", language) : shown(r.file);
  std::string out = "  " + where + (z ? " 记录 #" : " record #") + std::to_string(r.record);
  if (r.id) out += " (" + shown(*r.id) + ")";
  out += z ? "：" : ": ";
  std::string before = r.before ? shown(describe(*diff.before().rules, *r.before, language)) : "";
  std::string after = r.after ? shown(describe(*diff.after().rules, *r.after, language)) : "";
  if (r.before && r.after && before == after) {
    out += (z ? "原规则与新规则均无法受理：" : "rejected by both: ") + before;
  } else {
    if (r.before) out += (z ? "原规则无法受理：" : "rejected by the old rules: ") + before;
    if (r.before && r.after) out += z ? "；" : "; ";
    if (r.after) out += (z ? "新规则无法受理：" : "rejected by the new rules: ") + after;
  }
  return out + "\n";
}

void write_json(std::ostream& out, const PopulationDiff& diff, std::size_t records, Spool& rejected, Spool& changes) {
  Json head;
  head["rules"] = side_json(diff.before());
  head["against"] = side_json(diff.after());
  head["as_of"] = diff.before().as_of == diff.after().as_of ? Json(format_date(diff.before().as_of)) : Json(nullptr);
  head["records"] = records;
  head["compared"] = diff.compared();
  std::string text = dump(head);
  text.pop_back();  // the closing brace: the lists follow
  out << text << ",\"rejected\":[";
  rejected.copy_to(out);
  Json programs = Json::array();
  for (const ProgramTotals& t : diff.totals()) {
    Json p;
    p["program"] = t.id;
    p["presence"] = presence(t);
    Json transitions = Json::object();
    for (const auto& [pair, count] : t.transitions) {
      transitions[std::string(transition_name(pair.first)) + "->" + transition_name(pair.second)] = count;
    }
    p["transitions"] = std::move(transitions);
    p["amount_changed"] = t.amount_changed;
    p["window_changed"] = t.window_changed;
    std::optional<Frequency> kind = t.after_frequency ? t.after_frequency : t.before_frequency;
    Json m;
    m["kind"] = to_string(*kind);
    if (t.before_frequency && t.after_frequency && *t.before_frequency != *t.after_frequency) {
      m["kind_before"] = to_string(*t.before_frequency);
    }
    m["before"] = money(t.before_fen);
    m["after"] = money(t.after_fen);
    if (!m.contains("kind_before")) m["difference"] = money(t.after_fen - t.before_fen);
    p["money"] = std::move(m);
    programs.push_back(std::move(p));
  }
  out << "],\"programs\":" << dump(programs) << ",\"changes\":[";
  changes.copy_to(out);
  out << "]}\n";
}

void write_text(std::ostream& out, const PopulationDiff& diff, std::size_t records, Spool& rejected, Spool& changes,
                Language language) {
  bool z = zh(language);
  out << (z ? "原规则：" : "rules:   ") << side_text(diff.before(), language) << "\n";
  out << (z ? "新规则：" : "against: ") << side_text(diff.after(), language) << "\n";
  if (z) {
    out << "记录 " << records << " 份，比较 " << diff.compared() << " 份，无法受理 " << rejected.size()
        << " 份；结果有变化的申请人 " << diff.changed() << " 人\n";
  } else {
    out << records << " records, " << diff.compared() << " compared, " << rejected.size() << " rejected; "
        << diff.changed() << (diff.changed() == 1 ? " applicant changes\n" : " applicants change\n");
  }
  for (const ProgramTotals& t : diff.totals()) {
    out << "\n" << t.title.in(language) << " [" << t.id << "]";
    if (!t.before_frequency) out << (z ? "（新规则新增）" : " (added by the new rules)");
    if (!t.after_frequency) out << (z ? "（新规则已取消）" : " (removed by the new rules)");
    out << "\n";
    for (const auto& [pair, count] : t.transitions) {
      out << "  " << status_text(pair.first, language) << " → " << status_text(pair.second, language)
          << (z ? "：" : ": ") << count << (z ? " 人\n" : "\n");
    }
    if (t.amount_changed) out << (z ? "  金额变化：" : "  amount changed: ") << t.amount_changed << (z ? " 人\n" : "\n");
    if (t.window_changed) out << (z ? "  期限变化：" : "  window changed: ") << t.window_changed << (z ? " 人\n" : "\n");
    if (t.transitions.empty() && !t.amount_changed && !t.window_changed) out << (z ? "  无变化\n" : "  no change\n");
    bool monthly = (t.after_frequency ? *t.after_frequency : *t.before_frequency) == Frequency::monthly;
    out << "  " << (monthly ? (z ? "每月支出" : "monthly outlay") : (z ? "一次性支出合计" : "one-off total"))
        << (z ? "：" : ": ") << money(t.before_fen) << (z ? " 元 → " : " → ") << money(t.after_fen) << (z ? " 元" : " yuan");
    if (!t.before_frequency || !t.after_frequency || *t.before_frequency == *t.after_frequency) {
      out << (z ? "（" : " (") << signed_money(t.after_fen - t.before_fen) << (z ? " 元）" : ")");
    }
    out << "\n";
  }
  if (changes.size() > 0) {
    out << (z ? "\n结果有变化的申请人：\n" : "\nApplicants whose outcome changes:\n");
    changes.copy_to(out);
  } else {
    out << (z ? "\n没有申请人的结果发生变化。\n" : "\nNo applicant's outcome changes.\n");
  }
  if (rejected.size() > 0) {
    out << (z ? "\n无法受理的记录（未比较）：\n" : "\nRejected records (not compared):\n");
    rejected.copy_to(out);
  }
}

}  // namespace talent::cli
