// Who keeps what alive, and what a Record may be evaluated with: a record is
// bound to the rule set that parsed it by that rule set's serial number, never
// by its address, and a RecordReader owns a share of its rule set.
#include "talent/talent.hpp"
#include "pack/rule_set_access.hpp"
#include "test_pack.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using talent::detail::RuleSetAccess;

talent::Date day(const char* text) { return *talent::parse_date(text); }

std::shared_ptr<const talent::RuleSet> tiny() {
  talent::LoadResult r = talent::load_rule_set(talent::testing::tiny_pack("a"), "tiny");
  if (!r.ok()) FAIL("the tiny pack does not load: " << talent::format(r.diagnostics));
  return r.rule_set;
}

talent::Record parsed(const talent::RuleSet& rules, const std::string& text) {
  talent::ParsedRecord p = talent::parse_record(rules, text);
  if (!p.record) FAIL("record rejected: " << p.error->field << ": " << p.error->message);
  return *p.record;
}

// What evaluate says when it refuses the record, or "evaluated".
std::string refusal(const talent::RuleSet& rules, const talent::Record& record) {
  try {
    talent::evaluate(rules, record, day("2025-06-30"));
    return "evaluated";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

// The record carries only its rule set's serial (no text to allocate per
// record), so the message names the other rule set by its load number.
std::string expected_refusal(const std::string& id, std::uint64_t parsed_serial, const talent::RuleSet& rules) {
  return "talent::evaluate: record '" + id + "' was parsed with another rule set (load #" +
         std::to_string(parsed_serial) + ") and cannot be evaluated against this one (" + rules.id() + " version " +
         rules.version() + ", load #" + std::to_string(RuleSetAccess::serial(rules)) +
         "); parse it again with this one";
}

}  // namespace

// Regression: a Record remembered its schema by address, so a rule set loaded
// where a destroyed one had been accepted the old record and read its slots
// as garbage.
TEST_CASE("a record whose rule set was destroyed is refused by a rule set that took its place", "[lifetime]") {
  std::shared_ptr<const talent::RuleSet> a = tiny();
  const std::uintptr_t a_address = reinterpret_cast<std::uintptr_t>(a.get());
  const std::uintptr_t a_pack = reinterpret_cast<std::uintptr_t>(&a->compiled());
  const std::uint64_t a_serial = RuleSetAccess::serial(*a);
  talent::Record record = parsed(*a, "{id: A-1, a: true}");
  REQUIRE(talent::evaluate(*a, record, day("2025-06-30")).programs[0].status == talent::Status::eligible);

  std::weak_ptr<const talent::RuleSet> watch = a;
  a.reset();
  REQUIRE(watch.expired());  // the record did not keep it alive

  // Load the same pack again (same layout) until a rule set lands where A
  // was, if the allocator ever puts one there (with glibc the compiled pack
  // does so at once; under ASan's quarantine never); every one must refuse.
  bool landed = false;
  int loads = 0;
  while (!landed && loads < 64) {
    std::shared_ptr<const talent::RuleSet> b = tiny();
    ++loads;
    landed = reinterpret_cast<std::uintptr_t>(b.get()) == a_address ||
             reinterpret_cast<std::uintptr_t>(&b->compiled()) == a_pack;
    CAPTURE(loads, landed);
    CHECK(RuleSetAccess::serial(*b) != a_serial);
    CHECK(refusal(*b, record) == expected_refusal("A-1", a_serial, *b));
  }
}

TEST_CASE("a record is refused by any live rule set but its own, even one of the same pack", "[lifetime]") {
  std::shared_ptr<const talent::RuleSet> a = tiny();
  std::shared_ptr<const talent::RuleSet> b = tiny();
  talent::Record record = parsed(*a, "{id: A-1, a: true}");
  talent::Record copy = record;  // a copy is bound like the original

  CHECK(refusal(*b, record) == expected_refusal("A-1", RuleSetAccess::serial(*a), *b));
  CHECK(refusal(*b, copy) == expected_refusal("A-1", RuleSetAccess::serial(*a), *b));
  auto builtin = talent::builtin_rule_set();
  CHECK(refusal(*builtin, record) ==
        expected_refusal("A-1", RuleSetAccess::serial(*a), *builtin));
  CHECK(refusal(*a, record) == "evaluated");
  CHECK(refusal(*a, copy) == "evaluated");

  // The other way round; the id shown with control characters visible and
  // cut when long; and a record no rule set made.
  talent::Record from_builtin = parsed(*builtin, "{id: \"B-\\x1b[2J\"}");
  CHECK(refusal(*a, from_builtin) == expected_refusal("B-\\x1B[2J", RuleSetAccess::serial(*builtin), *a));
  talent::Record long_id = parsed(*builtin, "{id: " + std::string(100, 'x') + "}");
  CHECK(refusal(*a, long_id) == expected_refusal(std::string(64, 'x') + "...", RuleSetAccess::serial(*builtin), *a));
  CHECK(refusal(*a, talent::Record{}) ==
        "talent::evaluate: record '' was not parsed with any rule set; make records with parse_record or a "
        "RecordReader");
}

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

  // The records are bound to the reader's rule set, which is still the one
  // the caller can reach.
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
