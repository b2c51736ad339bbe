// The smallest program that embeds talent: load the built-in Hohhot pack,
// parse one applicant record, evaluate it and print the decision as JSON.
//
//   ./embed_example            # prints {"id":"EX-1", ... "status":"eligible" ...}
#include <talent/talent.hpp>

#include <iostream>

int main() {
  // Loaded once and shared; safe to use from many threads.
  std::shared_ptr<const talent::RuleSet> rules = talent::builtin_rule_set();

  const char* text = R"({
    "id": "EX-1",
    "degree": "doctorate",
    "study_mode": "full_time",
    "institution": "regular_university",
    "graduation_date": "2024-07-01",
    "employment": {"status": "enterprise", "in_city": true}
  })";
  talent::ParsedRecord parsed = talent::parse_record(*rules, text);
  if (parsed.error) {
    std::cerr << parsed.error->field << ": " << parsed.error->message << '\n';
    return 1;
  }

  talent::Date as_of = *talent::parse_date("2025-06-30");
  talent::Decision decision = talent::evaluate(*rules, *parsed.record, as_of);
  std::cout << talent::to_json(*rules, decision, talent::Language::en) << '\n';
  return 0;
}
