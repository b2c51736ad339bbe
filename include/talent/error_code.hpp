// What kind of problem a diagnostic or a rejected record reports: a small
// fixed set, so that a caller can act on the kind (or translate the message)
// without parsing English text. The message beside the code says the details.
//
//   if (parsed.error && parsed.error->code == talent::ErrorCode::invalid_value) ...
//   std::cout << talent::to_string(diagnostic.code);   // "unknown_name"
#pragma once

#include <cstdint>

namespace talent {

enum class ErrorCode : std::uint8_t {
  syntax,         // not well-formed: YAML, JSON or an expression
  unknown_name,   // a key, field, section, enum value, function, program or clause that does not exist
  missing,        // something required is absent
  wrong_type,     // a value or an expression of another type than the one expected
  invalid_value,  // the right type but not allowed: an impossible date, a negative amount, out of range
  duplicate,      // the same key, id or name twice
  limit,          // over a documented size, depth or count limit
  unreadable,     // a file or stream that cannot be read, or text that is not UTF-8
};

// The code's name as written above ("invalid_value"); stable, for logs and JSON.
const char* to_string(ErrorCode code);

}  // namespace talent
