// Record stage: one scalar value checked against its field's type and stored
// in the record's slot. Both ways of reading a record go through it — the
// node tree (YAML, and JSON that the direct reader hands back) and the direct
// JSON reader (json_record.hpp) — so that they accept exactly the same values
// and store them the same way.
#pragma once

#include "base/messages.hpp"
#include "lang/schema.hpp"
#include "talent/record.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

// A problem of a record: thrown by the FieldReader for a value, collected
// with the others of the record, and made one of its errors.
struct Rejection {
  std::string field;
  ErrorCode code;
  std::string id;  // the message table's id
  std::vector<MessageArg> args;
  // The record's error: the message in English, with its id and arguments.
  RecordError error() const;
};
// A whole-record problem as a RecordError.
RecordError record_error(ErrorCode code, std::string id, std::vector<MessageArg> args = {});

// A value as the record wrote it: its text and whether it was quoted (a
// JSON string, or a quoted or block YAML scalar). Numbers keep their text.
struct ScalarText {
  std::string_view text;
  bool quoted = false;
};

// `"text"` or `'text'`, cut at 40 bytes, for messages.
std::string shown(ScalarText value);
// What a field of `f`'s type looks like, for messages: "a whole number".
LocalizedText expectation(const FieldDef& f);

class FieldReader {
 public:
  // `json`: plain scalars came from JSON (numbers, booleans), not YAML.
  // `utf8_checked`: the reader has checked that the whole text is UTF-8.
  FieldReader(const Schema& schema, bool json, const RecordLimits& limits, Record& record, bool utf8_checked = false)
      : schema_(schema), json_(json), utf8_checked_(utf8_checked), limits_(limits), record_(record) {}

  // Checks `value` against `f` and fills f's slot; throws Rejection. The
  // caller has dealt with null (unknown) and with values that are not
  // scalars. A value the canonical reading refuses is read in the forms the
  // schema declares (input_forms.hpp), and listed in the record's
  // `normalized` when one of them takes it; so is an enum value given by an
  // alias.
  void read(const FieldDef& f, ScalarText value);

 private:
  void store(const FieldDef& f, ScalarText value);
  // Reads `value`, which the canonical reading `refused`, in a declared
  // form; false when it is in none.
  bool read_form(const FieldDef& f, ScalarText value, const Rejection& refused);

  const Schema& schema_;
  bool json_;
  bool utf8_checked_;
  const RecordLimits& limits_;
  Record& record_;
};

// Empties `record` for reading a record of `schema`, keeping the storage it
// has: every slot absent, every kept string empty.
void reset_record(const Schema& schema, Record& record);

}  // namespace talent::detail
