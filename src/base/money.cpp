#include "talent/money.hpp"

#include "base/decimal.hpp"

#include <limits>

namespace talent {
namespace {

struct Decimal {
  bool negative = false;
  std::int64_t digits = 0;  // all digits as one integer
  int decimals = 0;         // digits after the point
};

bool fail(std::string* error, ErrorCode* code, ErrorCode kind, const char* message) {
  if (error) *error = message;
  if (code) *code = kind;
  return false;
}

// Reads [-]digits[.digits] exactly, refusing anything else; at most
// `max_decimals` decimals, and the value times 10^scale must fit int64.
bool parse_decimal(std::string_view text, int max_decimals, Decimal& out, std::string* error, ErrorCode* code) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    out.negative = true;
    ++i;
  }
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (seen_point || !any_digit) return fail(error, code, ErrorCode::wrong_type, "expected a decimal number like 1234.50");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return fail(error, code, ErrorCode::wrong_type, "expected a decimal number like 1234.50");
    any_digit = true;
    if (seen_point && ++out.decimals > max_decimals) return fail(error, code, ErrorCode::invalid_value, "");  // the caller words it
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    if (out.digits > (kMax - (c - '0')) / 10) return fail(error, code, ErrorCode::limit, "number is too large");
    out.digits = out.digits * 10 + (c - '0');
  }
  if (!any_digit || text.back() == '.') return fail(error, code, ErrorCode::wrong_type, "expected a decimal number like 1234.50");
  return true;
}

bool scale_to(Decimal& d, int scale, std::int64_t& out, std::string* error, ErrorCode* code) {
  std::int64_t value = d.digits;
  for (int i = d.decimals; i < scale; ++i) {
    if (value > std::numeric_limits<std::int64_t>::max() / 10) return fail(error, code, ErrorCode::limit, "number is too large");
    value *= 10;
  }
  out = d.negative ? -value : value;
  return true;
}

std::string fixed_point(std::int64_t value, std::int64_t scale, int decimals, bool trim) {
  bool negative = value < 0;
  // Work in unsigned to print INT64_MIN without overflow.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::uint64_t whole = magnitude / static_cast<std::uint64_t>(scale);
  std::uint64_t frac = magnitude % static_cast<std::uint64_t>(scale);
  std::string frac_text = std::to_string(frac);
  frac_text.insert(0, static_cast<std::size_t>(decimals) - frac_text.size(), '0');
  if (trim) {
    while (!frac_text.empty() && frac_text.back() == '0') frac_text.pop_back();
  }
  std::string out = negative ? "-" : "";
  out += std::to_string(whole);
  if (!frac_text.empty()) out += "." + frac_text;
  return out;
}

}  // namespace

std::optional<Money> Money::parse(std::string_view text, std::string* error, ErrorCode* code) {
  Decimal d;
  std::string why;
  if (!parse_decimal(text, 2, d, &why, code)) {
    if (error) *error = why.empty() ? "money has more than 2 decimals (at most fen, 0.01 yuan)" : why;
    return std::nullopt;
  }
  std::int64_t fen = 0;
  if (!scale_to(d, 2, fen, error, code)) return std::nullopt;
  return Money(fen);
}

std::string Money::to_string() const { return fixed_point(fen_, 100, 2, false); }

std::optional<Rate> Rate::parse(std::string_view text, std::string* error, ErrorCode* code) {
  bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  int max_decimals = percent ? kDecimals - 2 : kDecimals;
  Decimal d;
  std::string why;
  if (!parse_decimal(text, max_decimals, d, &why, code)) {
    if (error) {
      *error = why.empty() ? "rate has more than " + std::to_string(max_decimals) + " decimals"
                           : "expected a rate like 0.0385 or 3.85%";
    }
    return std::nullopt;
  }
  std::int64_t units = 0;
  if (!scale_to(d, percent ? kDecimals - 2 : kDecimals, units, error, code)) return std::nullopt;
  return Rate(units);
}

std::string Rate::to_string() const { return fixed_point(units_, kScale, kDecimals, true); }

std::string Rate::to_percent() const { return fixed_point(units_, kScale / 100, kDecimals - 2, true) + "%"; }

}  // namespace talent

namespace talent::detail {

std::int64_t decimal_scale(int places) {
  std::int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  return scale;
}

std::optional<std::int64_t> parse_decimal_units(std::string_view text, int places, std::string* error, ErrorCode* code) {
  Decimal d;
  std::string why;
  ErrorCode kind = ErrorCode::wrong_type;
  if (!parse_decimal(text, places, d, &why, &kind)) {
    if (code) *code = kind;
    if (error) {
      *error = kind == ErrorCode::limit ? why
               : why.empty()           ? "more than " + std::to_string(places) + " decimals"
                                       : "expected a number with at most " + std::to_string(places) + " decimals";
    }
    return std::nullopt;
  }
  std::int64_t units = 0;
  if (!scale_to(d, places, units, error, code)) return std::nullopt;
  return units;
}

std::string format_decimal_units(std::int64_t units, int places) {
  if (places == 0) return std::to_string(units);
  return fixed_point(units, decimal_scale(places), places, false);
}

}  // namespace talent::detail
