#include "serve/replay.hpp"

#include "serve/decider.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <vector>

namespace talent::serve {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kDifferencesShown = 12;

struct Receipt {
  std::string request;
  std::size_t record = 0;
  DecideOptions options;
  std::string input;
  Json result;
  std::string ruleset;  // "id version digest"
};

// The receipt on `line`, or why it is not one.
std::optional<Receipt> read_receipt(const std::string& line, std::string& problem) {
  Json j = Json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    problem = "not a receipt: not a JSON object on one line";
    return std::nullopt;
  }
  auto text = [&](const char* key) -> const std::string* {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
      problem = std::string("not a receipt: '") + key + "' is missing or not a string";
      return nullptr;
    }
    return it->get_ptr<const std::string*>();
  };
  Receipt r;
  const std::string *request = text("request"), *as_of = text("as_of"), *lang = request && as_of ? text("lang") : nullptr,
                    *reasons = lang ? text("reasons") : nullptr, *input = reasons ? text("input") : nullptr;
  if (!input) return std::nullopt;
  auto record = j.find("record");
  if (record == j.end() || !record->is_number_unsigned() || record->get<std::uint64_t>() == 0) {
    problem = "not a receipt: 'record' is missing or not a number from 1";
    return std::nullopt;
  }
  auto result = j.find("result");
  if (result == j.end() || !result->is_object()) {
    problem = "not a receipt: 'result' is missing or not an object";
    return std::nullopt;
  }
  auto day = parse_date(*as_of);
  if (!day) {
    problem = "not a receipt: 'as_of' is not a date YYYY-MM-DD: \"" + as_of->substr(0, 64) + "\"";
    return std::nullopt;
  }
  r.options.as_of = *day;
  if (*lang == "zh" || *lang == "en") {
    r.options.language = *lang == "en" ? Language::en : Language::zh;
  } else {
    problem = "not a receipt: 'lang' is neither zh nor en";
    return std::nullopt;
  }
  if (*reasons == "full") r.options.reasons = Reasons::full;
  else if (*reasons == "compact") r.options.reasons = Reasons::compact;
  else if (*reasons == "none") r.options.reasons = Reasons::none;
  else {
    problem = "not a receipt: 'reasons' is not full, compact or none";
    return std::nullopt;
  }
  auto what_if = j.find("what_if");
  if (what_if != j.end() && !what_if->is_boolean()) {
    problem = "not a receipt: 'what_if' is not true or false";
    return std::nullopt;
  }
  r.options.what_if = what_if != j.end() && what_if->get<bool>();
  r.request = *request;
  r.record = record->get<std::size_t>();
  r.input = *input;
  r.result = std::move(*result);
  auto rs = j.find("ruleset");
  if (rs != j.end() && rs->is_object()) {
    r.ruleset = rs->value("id", "?") + " " + rs->value("version", "?") + " " + rs->value("digest", "?");
  }
  return r;
}

// "/programs/0/amount" as "rent_subsidy: amount", with the program's id.
std::string shown_path(const std::string& pointer, const Json& decision) {
  const std::string prefix = "/programs/";
  if (pointer.rfind(prefix, 0) != 0) return pointer.empty() ? "(the whole result)" : pointer.substr(1);
  std::size_t end = pointer.find('/', prefix.size());
  std::string index = pointer.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
  std::string program = "programs[" + index + "]";
  try {
    const Json& p = decision.at("programs").at(std::stoul(index));
    if (p.contains("program")) program = p["program"].get<std::string>();
  } catch (const std::exception&) {
  }
  return end == std::string::npos ? program : program + ": " + pointer.substr(end + 1);
}

std::string shown_value(const Json& document, const std::string& pointer) {
  try {
    std::string text = document.at(Json::json_pointer(pointer)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return text.size() > 120 ? text.substr(0, 117) + "..." : text;
  } catch (const std::exception&) {
    return "(absent)";
  }
}

}  // namespace

ReplaySummary replay(const RuleSet& rules, std::istream& log, const std::string& name, std::ostream& out,
                     std::ostream& err) {
  ReplaySummary summary;
  Decider decider(rules.shared_from_this());
  Tally tally;
  std::map<std::string, std::size_t> made_with;
  std::string line, now_text, problem;
  for (std::size_t number = 1; std::getline(log, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::optional<Receipt> receipt = read_receipt(line, problem);
    if (!receipt) {
      err << name << ":" << number << ": " << problem << "\n";
      ++summary.broken;
      continue;
    }
    ++summary.receipts;
    ++made_with[receipt->ruleset.empty() ? "(not named)" : receipt->ruleset];
    RecordText text;
    text.number = receipt->record;
    text.text = std::move(receipt->input);
    now_text.clear();
    decider.decide(text, receipt->options, now_text, tally);
    Json now = Json::parse(now_text);
    Json logged = receipt->result;
    now.erase("ruleset");
    logged.erase("ruleset");
    if (now == logged) continue;
    ++summary.differing;
    std::string id = logged.contains("id") && logged["id"].is_string() ? logged["id"].get<std::string>() : "no id";
    out << name << ":" << number << ": request " << receipt->request << ", record " << receipt->record << " (" << id
        << "), as of " << format_date(receipt->options.as_of) << ": the decision differs\n";
    Json patch = Json::diff(logged, now);
    std::size_t shown = 0;
    for (const Json& op : patch) {
      if (++shown > kDifferencesShown) {
        out << "    … and " << (patch.size() - kDifferencesShown) << " more\n";
        break;
      }
      std::string pointer = op.value("path", "");
      out << "    " << shown_path(pointer, logged.contains("programs") ? logged : now) << ": "
          << shown_value(logged, pointer) << " -> " << shown_value(now, pointer) << "\n";
    }
  }
  out << "replayed " << summary.receipts << (summary.receipts == 1 ? " receipt" : " receipts") << " with " << rules.id()
      << " " << rules.version() << " " << rules.digest() << "\n";
  for (const auto& [ruleset, count] : made_with) out << "  made with " << ruleset << ": " << count << "\n";
  out << summary.differing << (summary.differing == 1 ? " receipt differs" : " receipts differ");
  if (summary.broken > 0) out << "; " << summary.broken << (summary.broken == 1 ? " line is" : " lines are") << " not receipts";
  out << "\n";
  return summary;
}

}  // namespace talent::serve
