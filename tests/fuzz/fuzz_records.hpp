// Records every fuzz target evaluates what it built against: one of each
// status for each program of the built-in pack, and extremes of every field
// type (largest money, smallest rate, first and last supported dates).
#pragma once

#include "talent/talent.hpp"

#include <string_view>
#include <vector>

namespace talent::fuzz {

inline const std::vector<std::string_view>& sample_records() {
  static const std::vector<std::string_view> records = {
      R"({"id": "F-1", "degree": "doctorate", "study_mode": "full_time", "institution": "regular_university",
          "graduation_date": "2024-07-01", "employment": {"status": "enterprise", "in_city": true}})",
      R"({"id": "F-2", "degree": "bachelor", "study_mode": "full_time", "institution": "regular_university",
          "graduation_date": "2023-06-30", "employment": {"status": "self_employed", "in_city": true},
          "home_purchase": {"first_in_city": true, "date": "2025-03-01"},
          "startup_loan": {"kind": "personal_guarantee", "principal": "400000.00", "annual_rate": "0.0385",
                           "term_months": 48, "start_date": "2025-01-10"}})",
      R"({"id": "F-3", "name": "x", "degree": "associate", "study_mode": "part_time", "institution": "other",
          "graduation_date": "9999-12-31", "employment": {"status": "self_employed", "in_city": false},
          "home_purchase": {"first_in_city": false, "date": "1400-01-01"},
          "startup_loan": {"kind": "other", "principal": "92233720368547758.07", "annual_rate": "0.999999999",
                           "term_months": 999999999999999999, "start_date": "1400-01-01"}})",
      R"({"id": "F-4", "startup_loan": {"principal": "0", "annual_rate": "0.000000001", "term_months": 1}})",
  };
  return records;
}

// Parses the sample records with `rules` (those that fit its schema).
inline std::vector<Record> parse_samples(const RuleSet& rules) {
  std::vector<Record> out;
  for (std::string_view text : sample_records()) {
    ParsedRecord p = parse_record(rules, text);
    if (p.record) out.push_back(std::move(*p.record));
  }
  return out;
}

// Evaluates and renders `record` on a few dates, as the CLI would. An amount
// that cannot be represented is an EvaluationError, which is an answer.
inline void decide_all(const RuleSet& rules, const Record& record) {
  for (const char* day : {"2025-06-30", "1400-01-01", "9999-12-31"}) {
    try {
      Decision d = evaluate(rules, record, *parse_date(day));
      (void)to_json(rules, d, Language::en);
      (void)to_text(rules, d, Language::zh);
    } catch (const EvaluationError&) {
    }
  }
}

}  // namespace talent::fuzz
