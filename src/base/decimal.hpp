// Base stage: decimal numbers with a fixed number of places, such as a review
// panel's score of 87.50, held exactly as a whole count of 10^-places (8750
// for 87.50 with two places). They are read by the same exact reader as
// money and rates (money.cpp): no floating point, no exponents, no
// separators.
#pragma once

#include "talent/error_code.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace talent::detail {

// The most places a decimal field may declare: the precision of a rate.
constexpr int kMaxDecimalPlaces = 9;

// 10^places, for 0 <= places <= kMaxDecimalPlaces.
std::int64_t decimal_scale(int places);

// Reads [-]digits[.digits] with at most `places` decimals as a count of
// 10^-places ("87.5" with 2 places is 8750). Same error convention as
// Money::parse: wrong_type (not a decimal number), invalid_value (too many
// decimals), limit (too large).
std::optional<std::int64_t> parse_decimal_units(std::string_view text, int places, std::string* error = nullptr,
                                                ErrorCode* code = nullptr);

// "87.50": the count as a decimal with exactly `places` decimals.
std::string format_decimal_units(std::int64_t units, int places);

}  // namespace talent::detail
