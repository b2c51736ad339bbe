// The library's own view of a Record's storage.
#pragma once

#include "talent/record.hpp"

namespace talent::detail {

struct RecordAccess {
  static std::string& id(Record& r) { return r.id_; }
  static const void*& schema(Record& r) { return r.schema_; }
  static const void* schema(const Record& r) { return r.schema_; }
  static std::vector<Slot>& slots(Record& r) { return r.slots_; }
  static const std::vector<Slot>& slots(const Record& r) { return r.slots_; }
  static std::vector<std::string>& strings(Record& r) { return r.strings_; }
  static const std::vector<std::string>& strings(const Record& r) { return r.strings_; }
};

}  // namespace talent::detail
