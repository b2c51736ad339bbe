// Pack stage: reading schema.yaml into a Schema, every problem reported as a
// positioned diagnostic.
#pragma once

#include "lang/schema.hpp"
#include "pack/yaml_read.hpp"

namespace talent::detail {

// Reads schema.yaml and reports every problem to `reader`. Returns false when
// the schema cannot be used to check the programs (a field without a type, an
// unknown enum, ...); problems that leave it usable (an unknown or misspelt
// key) are reported and it returns true, so that the programs are still
// checked and the author sees every problem of the pack at once. Either way
// the pack does not load while any problem is reported.
bool load_schema(YamlReader& reader, Schema& out);

// Adds the fields an amendment declares (a mapping like the schema's
// `fields`) to the record's top level. Fields the schema already has are
// errors: an amendment adds facts, it does not redefine them.
bool add_schema_fields(YamlReader& reader, const YamlNode& fields, Schema& out);

}  // namespace talent::detail
