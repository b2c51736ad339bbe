// Generated applicants for property tests: every fact may be missing, dates
// cluster around month ends and 29 February, optional sections come and go.
// A record is a map from field path to its YAML value, so a test can change
// one fact and render the record again.
#pragma once

#include <initializer_list>
#include <map>
#include <random>
#include <string>

namespace talent::testing {

using Facts = std::map<std::string, std::string>;  // "employment.in_city" -> "true"

inline Facts generated_facts(std::mt19937& rng, int n, bool amended) {
  auto pick = [&](std::initializer_list<const char*> xs) {
    std::uniform_int_distribution<std::size_t> d(0, xs.size() - 1);
    return std::string(*(xs.begin() + d(rng)));
  };
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(1, 100)(rng) <= percent; };
  auto date = [&]() {
    int year = std::uniform_int_distribution<int>(2018, 2027)(rng);
    std::string md = pick({"02-28", "02-29", "03-01", "06-30", "07-01", "12-31", "01-01"});
    if (md == "02-29" && year % 4 != 0) md = "02-28";
    return std::to_string(year) + "-" + md;
  };
  Facts f{{"id", "G-" + std::to_string(n)}};
  if (chance(90)) f["degree"] = pick({"doctorate", "master", "bachelor", "associate"});
  if (chance(90)) f["study_mode"] = pick({"full_time", "full_time", "part_time"});
  if (chance(90)) f["institution"] = pick({"regular_university", "vocational_college", "other"});
  if (chance(90)) f["graduation_date"] = date();
  if (chance(90)) f["employment.status"] = pick({"enterprise", "self_employed", "self_employed", "unemployed"});
  if (chance(90)) f["employment.in_city"] = pick({"true", "true", "false"});
  if (chance(50)) {
    f["home_purchase.date"] = date();
    if (chance(90)) f["home_purchase.first_in_city"] = pick({"true", "false"});
  }
  if (chance(40)) {
    f["startup_loan.kind"] = pick({"personal_guarantee", "other"});
    f["startup_loan.principal"] = "\"" + pick({"100000.00", "400000.00"}) + "\"";
    f["startup_loan.annual_rate"] = "\"3.85%\"";
    f["startup_loan.term_months"] = pick({"24", "48"});
  }
  if (amended && chance(80)) f["rent_months_paid"] = pick({"0", "23", "24"});
  if (amended && chance(80)) f["social_insurance_months"] = pick({"2", "3", "12"});
  return f;
}

// The facts as one YAML flow mapping, sections nested.
inline std::string render(const Facts& facts) {
  std::map<std::string, Facts> sections;
  std::string out = "{";
  bool first = true;
  for (const auto& [path, value] : facts) {
    auto dot = path.find('.');
    if (dot != std::string::npos) {
      sections[path.substr(0, dot)][path.substr(dot + 1)] = value;
      continue;
    }
    out += (first ? "" : ", ") + path + ": " + value;
    first = false;
  }
  for (const auto& [name, inner] : sections) out += ", " + name + ": " + render(inner);
  return out + "}";
}

}  // namespace talent::testing
