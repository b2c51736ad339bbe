// Fuzz target: applicant input, as one record (JSON or YAML) and as a stream
// of records. Every record must come out as exactly one decision or error,
// numbered in order.
#include "fuzz_records.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace talent;
  static const std::shared_ptr<const RuleSet> rules = builtin_rule_set();
  std::string text(reinterpret_cast<const char*>(data), size);

  ParsedRecord one = parse_record(*rules, text);
  if (one.record.has_value() == one.error.has_value()) __builtin_trap();
  if (one.record) fuzz::decide_all(*rules, *one.record);
  else (void)to_json(one);

  // Small limits so that the size checks are reached too.
  RecordLimits limits;
  limits.max_record_bytes = 256;
  limits.max_string_bytes = 16;
  limits.max_depth = 4;
  for (const RecordLimits& l : {RecordLimits{}, limits}) {
    std::istringstream in(text);
    RecordReader reader(*rules, in, l);
    ParsedRecord p;
    std::size_t expected = 0;
    while (reader.next(p)) {
      if (p.number != ++expected) __builtin_trap();
      if (p.record.has_value() == p.error.has_value()) __builtin_trap();
      if (p.record) fuzz::decide_all(*rules, *p.record);
      else (void)to_json(p);
    }
  }
  return 0;
}
