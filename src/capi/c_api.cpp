// The C interface (talent/talent.h): opaque handles over the C++ API, JSON
// in and out, and no exception ever leaving a function.
#include "talent/talent.h"
#include "talent/talent.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <istream>
#include <new>
#include <streambuf>
#include <string>

struct talent_rules {
  std::shared_ptr<const talent::RuleSet> rules;
};

namespace talent::capi {
namespace {

using Json = nlohmann::ordered_json;

constexpr unsigned kDecideFlags =
    TALENT_REASONS | TALENT_ENGLISH | TALENT_UNKNOWN_WARN | TALENT_UNKNOWN_IGNORE | TALENT_WHAT_IF;
constexpr const char* kDecideFlagNames =
    "TALENT_REASONS (1), TALENT_ENGLISH (2), TALENT_UNKNOWN_WARN (4), TALENT_UNKNOWN_IGNORE (8) and TALENT_WHAT_IF (16)";
constexpr unsigned kTimelineFlags = TALENT_UNKNOWN_WARN | TALENT_UNKNOWN_IGNORE;
constexpr const char* kTimelineFlagNames = "TALENT_UNKNOWN_WARN (4) and TALENT_UNKNOWN_IGNORE (8)";

// A mistake in the call: reported as TALENT_USAGE with this code and message.
struct UsageError {
  ErrorCode code;
  std::string message;
};

// A copy the caller frees with talent_free (std::free); NULL when memory ran out.
char* copy_out(const std::string& text) noexcept {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

std::string error_json(ErrorCode code, const std::string& message) {
  Json error;
  error["field"] = nullptr;
  error["code"] = to_string(code);
  error["message"] = message;
  Json out;
  out["error"] = std::move(error);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Runs `body`, which fills `text` and returns a status, so that nothing is
// thrown out of the C interface: a usage error becomes TALENT_USAGE with its
// error object, anything else TALENT_FAILED with no text.
template <typename Body>
int guarded(char** out, Body&& body) noexcept {
  if (!out) return TALENT_USAGE;
  *out = nullptr;
  try {
    std::string text;
    int status = body(text);
    *out = copy_out(text);
    return *out ? status : TALENT_FAILED;
  } catch (const UsageError& e) {
    try {
      *out = copy_out(error_json(e.code, e.message));
    } catch (...) {
    }
    return *out ? TALENT_USAGE : TALENT_FAILED;
  } catch (...) {
    return TALENT_FAILED;
  }
}

const RuleSet& checked_rules(const talent_rules* rules) {
  if (!rules || !rules->rules) throw UsageError{ErrorCode::missing, "no rule set given (rules is NULL)"};
  return *rules->rules;
}

void check_flags(unsigned flags, unsigned known, const char* known_names) {
  if (flags & ~known) {
    throw UsageError{ErrorCode::invalid_value,
                     "unknown flags " + std::to_string(flags & ~known) + "; this function takes " + known_names};
  }
}

// The date `text` names; `name` says which argument a wrong one was.
Date date_argument(const char* text, const char* name) {
  auto day = parse_date(text);
  if (!day) {
    throw UsageError{ErrorCode::invalid_value,
                     std::string(name) + " must be a real date YYYY-MM-DD, not \"" + text + "\""};
  }
  return *day;
}

Date as_of_date(const char* as_of) { return as_of ? date_argument(as_of, "as_of") : today(); }

// A timeline's first or last day: `text`, or when it is NULL today's date
// moved by `years`, as `talent timeline` takes its default range.
Date range_end(const char* text, const char* name, long years) {
  if (text) return date_argument(text, name);
  Date now = today();
  auto day = add_years(now, years);
  return day ? *day : now;
}

Language language_of(unsigned flags) { return flags & TALENT_ENGLISH ? Language::en : Language::zh; }

UnknownFields unknown_fields_of(unsigned flags) {
  if ((flags & TALENT_UNKNOWN_WARN) && (flags & TALENT_UNKNOWN_IGNORE)) {
    throw UsageError{ErrorCode::invalid_value, "TALENT_UNKNOWN_WARN and TALENT_UNKNOWN_IGNORE contradict each other"};
  }
  if (flags & TALENT_UNKNOWN_WARN) return UnknownFields::warn;
  if (flags & TALENT_UNKNOWN_IGNORE) return UnknownFields::ignore;
  return UnknownFields::schema;
}

// A record's one line of JSON, as `talent batch` prints it: its decision, or
// its error object when it was rejected or its amount could not be computed.
// Returns whether the record was decided.
bool decide_one(const RuleSet& rules, ParsedRecord& parsed, Date as_of, unsigned flags, std::string& out) {
  if (parsed.record) {
    try {
      Decision d = evaluate(rules, *parsed.record, as_of, EvaluateOptions{(flags & TALENT_REASONS) != 0});
      if (flags & TALENT_WHAT_IF) {
        // As `talent check --what-if` writes it (cli/pipeline.cpp).
        std::vector<ProgramSuggestions> what_if = suggest(rules, *parsed.record, as_of);
        out += to_json(rules, d, language_of(flags), what_if, flags & TALENT_REASONS ? Reasons::full : Reasons::none);
      } else {
        out += to_json(rules, d, language_of(flags));
      }
      return true;
    } catch (const EvaluationError& e) {
      parsed.error = to_record_error(rules, e);
      parsed.errors.assign(1, *parsed.error);
    }
  }
  out += to_json(parsed);
  return false;
}

// Reads the caller's bytes in place, without a copy.
class InputView : public std::streambuf {
 public:
  InputView(const char* data, std::size_t size) {
    char* begin = const_cast<char*>(data);  // only ever read
    setg(begin, begin, begin + size);
  }
};

void check_input(const char* text, std::size_t len, const char* what) {
  if (!text && len > 0) throw UsageError{ErrorCode::missing, std::string(what) + " is NULL but len is " + std::to_string(len)};
}

std::string load_error_json(const std::vector<Diagnostic>& diagnostics) {
  Json list = Json::array();
  for (const Diagnostic& d : diagnostics) {
    list.push_back({{"file", d.file}, {"line", d.line}, {"column", d.column}, {"code", to_string(d.code)},
                    {"message", d.message}});
  }
  Json error;
  error["field"] = nullptr;
  error["code"] = to_string(diagnostics.empty() ? ErrorCode::unreadable : diagnostics.front().code);
  error["message"] = diagnostics.empty() ? std::string("the rule pack did not load") : format(diagnostics);
  Json out;
  out["error"] = std::move(error);
  out["diagnostics"] = std::move(list);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Sets *error (when wanted) without throwing; a failure to say why is
// reported as NULL.
void set_error(char** error, const std::string& text) noexcept {
  if (error) *error = copy_out(text);
}

talent_rules* make_handle(std::shared_ptr<const RuleSet> rules) {
  return new talent_rules{std::move(rules)};
}

}  // namespace
}  // namespace talent::capi

using namespace talent::capi;

extern "C" {

const char* talent_version(void) { return TALENT_VERSION_STRING; }

int talent_abi_version(void) { return TALENT_ABI_VERSION; }

talent_rules* talent_rules_builtin(char** error) {
  if (error) *error = nullptr;
  try {
    return make_handle(talent::builtin_rule_set());
  } catch (const std::bad_alloc&) {
  } catch (const std::exception& e) {
    try {
      set_error(error, error_json(talent::ErrorCode::invalid_value, std::string("the built-in rule pack did not load: ") + e.what()));
    } catch (...) {
    }
  } catch (...) {
  }
  return nullptr;
}

talent_rules* talent_rules_load(const char* dir, char** error) {
  if (error) *error = nullptr;
  try {
    if (!dir) {
      set_error(error, error_json(talent::ErrorCode::missing, "no rule pack folder given (dir is NULL)"));
      return nullptr;
    }
    talent::LoadResult loaded = talent::load_rule_set(dir);
    if (loaded.ok()) return make_handle(std::move(loaded.rule_set));
    set_error(error, load_error_json(loaded.diagnostics));
  } catch (...) {
  }
  return nullptr;
}

void talent_rules_free(talent_rules* rules) { delete rules; }

int talent_decide(const talent_rules* rules, const char* record_json, size_t len, const char* as_of, unsigned flags,
                  char** out_json) {
  return guarded(out_json, [&](std::string& out) {
    const talent::RuleSet& r = checked_rules(rules);
    check_flags(flags, kDecideFlags, kDecideFlagNames);
    check_input(record_json, len, "record_json");
    talent::Date day = as_of_date(as_of);
    talent::ParsedRecord parsed =
        talent::parse_record(r, std::string_view(record_json ? record_json : "", len), 1, {}, unknown_fields_of(flags));
    return decide_one(r, parsed, day, flags, out) ? TALENT_DECIDED : TALENT_REJECTED;
  });
}

int talent_decide_batch(const talent_rules* rules, const char* records, size_t len, const char* as_of, unsigned flags,
                        char** out_jsonl) {
  return guarded(out_jsonl, [&](std::string& out) {
    const talent::RuleSet& r = checked_rules(rules);
    check_flags(flags, kDecideFlags, kDecideFlagNames);
    check_input(records, len, "records");
    talent::Date day = as_of_date(as_of);
    talent::RecordParser parser(r, {}, unknown_fields_of(flags));
    InputView view(records ? records : "", len);
    std::istream in(&view);
    talent::RecordReader reader(r, in);
    bool rejected = false;
    talent::RecordText text;
    for (talent::ParsedRecord parsed; reader.next_text(text);) {
      parser.parse(text, parsed);
      rejected = !decide_one(r, parsed, day, flags, out) || rejected;
      out += '\n';
    }
    return rejected ? TALENT_REJECTED : TALENT_DECIDED;
  });
}

int talent_timeline(const talent_rules* rules, const char* record_json, size_t len, const char* from, const char* to,
                    unsigned flags, char** out_json) {
  return guarded(out_json, [&](std::string& out) {
    const talent::RuleSet& r = checked_rules(rules);
    check_flags(flags, kTimelineFlags, kTimelineFlagNames);
    check_input(record_json, len, "record_json");
    talent::Date first = range_end(from, "from", -10);
    talent::Date last = range_end(to, "to", 10);
    if (last < first) {
      throw UsageError{talent::ErrorCode::invalid_value, "to (" + talent::format_date(last) + ") is before from (" +
                                                              talent::format_date(first) + ")"};
    }
    talent::ParsedRecord parsed =
        talent::parse_record(r, std::string_view(record_json ? record_json : "", len), 1, {}, unknown_fields_of(flags));
    if (parsed.record) {
      try {
        out = talent::to_json(r, talent::timeline(r, *parsed.record, first, last));
        return TALENT_DECIDED;
      } catch (const talent::EvaluationError& e) {
        parsed.error = talent::to_record_error(r, e);
        parsed.errors.assign(1, *parsed.error);
      }
    }
    out = talent::to_json(parsed);
    return TALENT_REJECTED;
  });
}

int talent_rules_json(const talent_rules* rules, unsigned flags, char** out_json) {
  return guarded(out_json, [&](std::string& out) {
    const talent::RuleSet& r = checked_rules(rules);
    check_flags(flags, TALENT_ENGLISH, "TALENT_ENGLISH (2)");
    out = talent::to_json(r, language_of(flags));
    return TALENT_DECIDED;
  });
}

void talent_free(char* text) { std::free(text); }

}  // extern "C"
