// Pack stage: reading schema.yaml into a Schema, every problem reported as a
// positioned diagnostic.
#pragma once

#include "pack/schema.hpp"
#include "pack/yaml_read.hpp"

namespace talent::detail {

// Reads schema.yaml; reports problems to `reader` and returns false on any.
bool load_schema(YamlReader& reader, Schema& out);

}  // namespace talent::detail
