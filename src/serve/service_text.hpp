// Serving stage: small pieces of text every part of the service writes —
// timestamps, JSON strings, error objects.
#pragma once

#include "talent/error_code.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace talent::serve {

// "2025-06-30T08:00:00.123Z": the time in UTC, to the millisecond.
std::string utc_timestamp(std::chrono::system_clock::time_point when = std::chrono::system_clock::now());
// "Mon, 30 Jun 2025 08:00:00 GMT": an HTTP Date header.
std::string http_date(std::chrono::system_clock::time_point when);
// `text` as a JSON string, quotes included; bytes that are not UTF-8 are
// written as U+FFFD.
std::string json_string(std::string_view text);
// {"error":{"field":null,"code":"...","message":"..."}}: what the service
// answers when a request as a whole cannot be decided.
std::string error_json(ErrorCode code, std::string_view message);

}  // namespace talent::serve
