// Who keeps what alive: a RecordReader owns a share of its rule set.
#include "talent/talent.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

talent::Date day(const char* text) { return *talent::parse_date(text); }

std::shared_ptr<const talent::RuleSet> tiny() {
  talent::LoadResult r = talent::load_rule_set(talent::testing::tiny_pack("a"), "tiny");
  if (!r.ok()) FAIL("the tiny pack does not load: " << talent::format(r.diagnostics));
  return r.rule_set;
}

}  // namespace

TEST_CASE("a record reader keeps its rule set alive after the caller lets go of it", "[lifetime]") {
  std::shared_ptr<const talent::RuleSet> rules = tiny();
  std::weak_ptr<const talent::RuleSet> watch = rules;
  std::istringstream in("{\"id\": \"R-1\", \"a\": true}\n{\"id\": \"R-2\", \"a\": false}\n{\"id\": \"R-3\", \"c\": \"green\"}\n");
  auto reader = std::make_unique<talent::RecordReader>(*rules, in);
  rules.reset();
  REQUIRE(!watch.expired());

  std::vector<std::string> seen;
  std::vector<talent::Record> records;
  for (talent::ParsedRecord p; reader->next(p);) {
    seen.push_back(std::to_string(p.number) + " " + (p.record ? p.record->id() : p.error->field + ": " + p.error->message));
    if (p.record) records.push_back(*p.record);
  }
  CHECK(seen == std::vector<std::string>{
                    "1 R-1", "2 R-2",
                    "3 c: unknown value \"green\"; expected one of: red (红), blue"});

  // The reader's rule set is still the one the caller can reach.
  std::shared_ptr<const talent::RuleSet> again = watch.lock();
  REQUIRE(again);
  REQUIRE(records.size() == 2);
  CHECK(talent::evaluate(*again, records[0], day("2025-06-30")).programs[0].status == talent::Status::eligible);
  CHECK(talent::evaluate(*again, records[1], day("2025-06-30")).programs[0].status == talent::Status::ineligible);

  again.reset();
  CHECK(!watch.expired());  // the reader is the last owner
  reader.reset();
  CHECK(watch.expired());
}
