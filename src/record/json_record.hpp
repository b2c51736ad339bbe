// Record stage: JSON text read straight into a record's slots, with no tree
// in between (simdjson's On Demand API).
//
// It only ever accepts: a record it takes is one the node-tree path
// (json_tree.hpp, then the validator) would take, field for field, because
// both store values through the same FieldReader. Anything else — a syntax
// error, an unknown field, a value of the wrong type, a duplicate key, an
// escape it does not know, nesting past the limit — makes it give up, and the
// caller reads the text again through the node tree, which finds the first
// problem and words the error exactly as it always has. Rejected records are
// rare; accepted ones take the fast road.
#pragma once

#include "lang/schema.hpp"
#include "talent/record.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace talent::detail {

class JsonRecordReader {
 public:
  JsonRecordReader();
  ~JsonRecordReader();
  JsonRecordReader(JsonRecordReader&&) noexcept;
  JsonRecordReader& operator=(JsonRecordReader&&) noexcept;

  // Reads the JSON object in `text` into `record`, which reset_record has
  // emptied. True when the record is accepted; then `id` holds the text of
  // the top-level "id" when it is a scalar (`has_id`). False when the text
  // must go through the node tree instead; `record` is then left half filled.
  bool read(const Schema& schema, const RecordLimits& limits, std::string_view text, Record& record,
            std::string& id, bool& has_id);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace talent::detail
