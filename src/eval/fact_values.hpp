// Evaluation stage: the values a fact of a record can take, for the search
// of suggest.cpp: which to try, which a record may hold, the ends of a fact's
// range, one step along it, and its canonical text.
#pragma once

#include "lang/compiled.hpp"
#include "talent/record.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace talent::detail {

// A fact's value as a record's slot holds it: a number (bool, int, fen, rate
// units, enum index) or a date.
struct FactValue {
  std::int64_t number = 0;
  Date date;
  bool operator<(const FactValue& o) const { return date != o.date ? date < o.date : number < o.number; }
  bool operator==(const FactValue& o) const { return date == o.date && number == o.number; }
};

// The values worth trying for `field` in the program at `position` of
// `version`: every enum value, both booleans; for dates and numbers, the
// record's own value, the values the program's expressions evaluate to for
// this record (a date shifted back by the years, months or days the
// expressions add to the field), each with its neighbours.
std::vector<FactValue> values_to_try(const CompiledPack& pack, const CompiledVersion& version, std::size_t position,
                                     const Record& record, Date as_of, int field);

// Whether a record may hold `value` in `f`: the schema's bounds; money and
// rates not negative, a rate below 100%.
bool fits(const FieldDef& f, const FactValue& value);
// `value` moved `by` steps (days, or units of the number); nullopt past the calendar.
std::optional<FactValue> moved(const FieldDef& f, const FactValue& value, std::int64_t by);
// Where the type (or the schema's min and max) ends.
FactValue lowest(const FieldDef& f);
FactValue highest(const FieldDef& f);
// "true", "36", "300000.00", "0.0385", "2023-06-30", "master".
std::string canonical_text(const Schema& schema, const FieldDef& f, const FactValue& value);

}  // namespace talent::detail
