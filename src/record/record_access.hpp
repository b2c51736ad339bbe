// Record stage: the library's own view of a Record's storage.
#pragma once

#include "talent/record.hpp"

namespace talent::detail {

struct RecordAccess {
  static std::string& id(Record& r) { return r.id_; }
  static std::uint64_t& rule_set_serial(Record& r) { return r.rule_set_serial_; }
  static std::uint64_t rule_set_serial(const Record& r) { return r.rule_set_serial_; }
  static std::vector<Slot>& slots(Record& r) { return r.slots_; }
  static const std::vector<Slot>& slots(const Record& r) { return r.slots_; }
  static std::vector<std::string>& strings(Record& r) { return r.strings_; }
  static std::vector<Normalization>& normalized(Record& r) { return r.normalized_; }
  static std::vector<std::string>& ignored(Record& r) { return r.ignored_; }
  static const std::vector<std::string>& strings(const Record& r) { return r.strings_; }
};

}  // namespace talent::detail
