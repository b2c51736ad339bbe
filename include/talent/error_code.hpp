// What kind of problem a diagnostic or a rejected record reports: a small
// fixed set, so that a caller can act on the kind (or translate the message)
// without parsing English text. The message beside the code says the details.
//
//   if (parsed.error && parsed.error->code == talent::ErrorCode::invalid_value) ...
//   std::cout << talent::to_string(diagnostic.code);   // "unknown_name"
//
// The names are part of the decision contract (docs/decision-contract.md):
// a code is never renamed or given another meaning; a new one is announced.
#pragma once

#include "talent/export.h"

#include <cstdint>

namespace talent {

enum class ErrorCode : std::uint8_t {
  syntax,         // not well-formed: YAML, JSON or an expression
  unknown_name,   // a key, field, section, enum value, function, program or clause that does not exist (here)
  missing,        // something required is absent: a key, a field, a file, the values of a list
  wrong_type,     // a value or an expression of another type or shape than the one expected
  invalid_value,  // the right type but not allowed: an impossible date, a negative amount, out of range
  duplicate,      // the same key, id or name twice, or one thing given in two places
  limit,          // over a documented size, depth, count or range limit (docs/limits.md)
  unreadable,     // a file or stream that cannot be read, or text that is not UTF-8
};

// Every code, in the order above: for tables of translations, and for tests.
inline constexpr ErrorCode kErrorCodes[] = {
    ErrorCode::syntax,    ErrorCode::unknown_name, ErrorCode::missing, ErrorCode::wrong_type,
    ErrorCode::invalid_value, ErrorCode::duplicate, ErrorCode::limit,   ErrorCode::unreadable,
};

// The code's name as written above ("invalid_value"); stable, for logs and JSON.
TALENT_API const char* to_string(ErrorCode code);

}  // namespace talent
