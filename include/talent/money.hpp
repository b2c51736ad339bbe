// Exact money and rates.
//
// Money is a whole number of fen (0.01 yuan) in an int64; Rate is an exact
// decimal fraction held as an int64 count of 1e-9. Neither type ever touches
// floating point. Both are plain values: cheap to copy, safe to share.
//
//   auto m = talent::Money::parse("17325.00");   // m->fen() == 1732500
//   auto r = talent::Rate::parse("3.85%");       // r->to_string() == "0.0385", r->to_percent() == "3.85%"
#pragma once

#include "talent/error_code.hpp"
#include "talent/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace talent {

class TALENT_API Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) noexcept { return Money(fen); }

  // Parses decimal yuan: digits, an optional '.', at most two decimals, an
  // optional leading '-'. No exponents, no separators, no spaces. On failure
  // returns nullopt and, when `error` is given, says why; when `code` is
  // given, sets it to wrong_type (not a decimal number), invalid_value (too
  // many decimals) or limit (beyond int64 fen).
  static std::optional<Money> parse(std::string_view text, std::string* error = nullptr, ErrorCode* code = nullptr);

  constexpr std::int64_t fen() const noexcept { return fen_; }
  // "1234.50": always two decimals, a '-' for negative amounts.
  std::string to_string() const;

  friend constexpr bool operator==(Money a, Money b) noexcept { return a.fen_ == b.fen_; }
  friend constexpr bool operator!=(Money a, Money b) noexcept { return a.fen_ != b.fen_; }
  friend constexpr bool operator<(Money a, Money b) noexcept { return a.fen_ < b.fen_; }
  friend constexpr bool operator<=(Money a, Money b) noexcept { return a.fen_ <= b.fen_; }
  friend constexpr bool operator>(Money a, Money b) noexcept { return a.fen_ > b.fen_; }
  friend constexpr bool operator>=(Money a, Money b) noexcept { return a.fen_ >= b.fen_; }

 private:
  constexpr explicit Money(std::int64_t fen) noexcept : fen_(fen) {}
  std::int64_t fen_ = 0;
};

class TALENT_API Rate {
 public:
  static constexpr std::int64_t kScale = 1'000'000'000;  // units per 1.0
  static constexpr int kDecimals = 9;

  constexpr Rate() = default;
  static constexpr Rate from_units(std::int64_t units) noexcept { return Rate(units); }

  // Parses a fraction ("0.0385", at most 9 decimals) or a percentage
  // ("3.85%", at most 7 decimals). Same error convention as Money::parse.
  static std::optional<Rate> parse(std::string_view text, std::string* error = nullptr, ErrorCode* code = nullptr);

  constexpr std::int64_t units() const noexcept { return units_; }
  // Shortest exact fraction: "0.0385", "0.5", "0".
  std::string to_string() const;
  // The same rate as a percentage, exact and shortest: "3.85%", "50%", "0%".
  std::string to_percent() const;

  friend constexpr bool operator==(Rate a, Rate b) noexcept { return a.units_ == b.units_; }
  friend constexpr bool operator!=(Rate a, Rate b) noexcept { return a.units_ != b.units_; }
  friend constexpr bool operator<(Rate a, Rate b) noexcept { return a.units_ < b.units_; }
  friend constexpr bool operator<=(Rate a, Rate b) noexcept { return a.units_ <= b.units_; }
  friend constexpr bool operator>(Rate a, Rate b) noexcept { return a.units_ > b.units_; }
  friend constexpr bool operator>=(Rate a, Rate b) noexcept { return a.units_ >= b.units_; }

 private:
  constexpr explicit Rate(std::int64_t units) noexcept : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace talent
