// Pack stage: the schema's `forms:`, the forms a record may write values and
// names in besides the canonical ones (RecordForms), checked so that no form
// can be read two ways: a word that is both true and false, a date pattern
// without its year, two fields of a section sharing a label.
#pragma once

#include "lang/schema.hpp"
#include "pack/yaml_read.hpp"

namespace talent::detail {

// Reads `forms` into out.forms, once the schema's fields and enums are
// loaded (names are checked against them). False when anything is wrong;
// every problem is reported to `reader`.
bool load_forms(YamlReader& reader, const YamlNode& forms, Schema& out);

// Whether `pattern` ("YYYY年M月D日") is a date pattern: YYYY, M and D once
// each, no other letter or digit of its own.
bool valid_date_pattern(std::string_view pattern);

}  // namespace talent::detail
