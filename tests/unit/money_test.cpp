#include "base/exact.hpp"
#include "talent/money.hpp"

#include <catch2/catch.hpp>

using talent::Money;
using talent::Rate;

TEST_CASE("money parses decimal yuan into fen", "[money]") {
  auto [text, fen] = GENERATE(table<const char*, std::int64_t>({
      {"0", 0}, {"1", 100}, {"1.5", 150}, {"1.50", 150}, {"300000.00", 30000000},
      {"17325.00", 1732500}, {"0.01", 1}, {"-2.05", -205}, {"007.10", 710},
      {"92233720368547758.07", 9223372036854775807},
  }));
  CAPTURE(text);
  auto m = Money::parse(text);
  REQUIRE(m);
  CHECK(m->fen() == fen);
}

TEST_CASE("money refuses what is not exact yuan and fen", "[money]") {
  using talent::ErrorCode;
  auto [text, code, message] = GENERATE(table<const char*, ErrorCode, const char*>({
      {"1.234", ErrorCode::invalid_value, "money has more than 2 decimals (at most fen, 0.01 yuan)"},
      {"1e5", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {"", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {"1.", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {".5", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {"+1", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {"1,000", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {" 1", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {"NaN", ErrorCode::wrong_type, "expected a decimal number like 1234.50"},
      {"100000000000000000000", ErrorCode::limit, "number is too large"},
      {"92233720368547758.08", ErrorCode::limit, "number is too large"},
  }));
  CAPTURE(text);
  std::string error;
  ErrorCode found = ErrorCode::syntax;
  CHECK_FALSE(Money::parse(text, &error, &found));
  CHECK(error == message);
  CHECK(found == code);
}

TEST_CASE("money prints with exactly two decimals", "[money]") {
  CHECK(Money::from_fen(0).to_string() == "0.00");
  CHECK(Money::from_fen(5).to_string() == "0.05");
  CHECK(Money::from_fen(1732500).to_string() == "17325.00");
  CHECK(Money::from_fen(-205).to_string() == "-2.05");
  CHECK(Money::from_fen(INT64_MIN).to_string() == "-92233720368547758.08");
}

TEST_CASE("rates parse as fractions or percentages, exactly", "[money]") {
  auto [text, units, shown] = GENERATE(table<const char*, std::int64_t, const char*>({
      {"0.0385", 38500000, "0.0385"}, {"3.85%", 38500000, "0.0385"}, {"50%", 500000000, "0.5"},
      {"0", 0, "0"}, {"0.123456789", 123456789, "0.123456789"}, {"12.3456789%", 123456789, "0.123456789"},
  }));
  CAPTURE(text);
  auto r = Rate::parse(text);
  REQUIRE(r);
  CHECK(r->units() == units);
  CHECK(r->to_string() == shown);
}

TEST_CASE("rates print as exact percentages, as short as they can be", "[money]") {
  auto [text, percent] = GENERATE(table<const char*, const char*>({
      {"0.0385", "3.85%"}, {"0.5", "50%"}, {"0", "0%"}, {"1", "100%"}, {"0.123456789", "12.3456789%"},
      {"0.000000001", "0.0000001%"}, {"0.03", "3%"}, {"0.105", "10.5%"},
  }));
  CAPTURE(text);
  auto r = Rate::parse(text);
  REQUIRE(r);
  CHECK(r->to_percent() == percent);
  CHECK(*Rate::parse(percent) == *r);  // the percentage reads back as the same rate
}

TEST_CASE("rates order like the fractions they are", "[money]") {
  auto low = *Rate::parse("3.85%"), high = *Rate::parse("0.04");
  CHECK(low < high);
  CHECK(low <= high);
  CHECK(high > low);
  CHECK(high >= low);
  CHECK(low == *Rate::parse("0.038500"));
  CHECK(low != high);
}

TEST_CASE("rates refuse inexact or malformed text", "[money]") {
  using talent::ErrorCode;
  std::string error;
  ErrorCode code = ErrorCode::syntax;
  CHECK_FALSE(Rate::parse("0.0000000001", &error, &code));
  CHECK(error == "rate has more than 9 decimals");
  CHECK(code == ErrorCode::invalid_value);
  CHECK_FALSE(Rate::parse("3.851234567%", &error, &code));
  CHECK(error == "rate has more than 7 decimals");
  CHECK(code == ErrorCode::invalid_value);
  CHECK_FALSE(Rate::parse("abc", &error, &code));
  CHECK(error == "expected a rate like 0.0385 or 3.85%");
  CHECK(code == ErrorCode::wrong_type);
  CHECK_FALSE(Rate::parse("%", &error));
  CHECK_FALSE(Rate::parse("100000000000000000000", &error, &code));
  CHECK(code == ErrorCode::limit);
}

TEST_CASE("exact arithmetic rounds half-up once, at the end", "[money]") {
  using talent::detail::Exact;
  // 300000.00 x 0.0385 x 50% x 36 / 12 = 17325.00 exactly
  Exact principal{30000000, 100}, rate{38500000, Rate::kScale}, half{1, 2}, months{36, 1}, twelve{12, 1};
  Exact a, b, c, d;
  REQUIRE(talent::detail::exact_mul(principal, rate, a));
  REQUIRE(talent::detail::exact_mul(a, half, b));
  REQUIRE(talent::detail::exact_mul(b, months, c));
  REQUIRE(talent::detail::exact_div(c, twelve, d));
  std::int64_t fen = 0;
  REQUIRE(talent::detail::exact_round(d, 100, fen));
  CHECK(fen == 1732500);

  // exactly half a fen rounds up; just under half rounds down
  REQUIRE(talent::detail::exact_round(Exact{1, 200}, 100, fen));
  CHECK(fen == 1);
  REQUIRE(talent::detail::exact_round(Exact{49, 10000}, 100, fen));
  CHECK(fen == 0);
  REQUIRE(talent::detail::exact_round(Exact{-1, 200}, 100, fen));
  CHECK(fen == -1);
  // a third of a yuan is 33 fen, two thirds 67
  REQUIRE(talent::detail::exact_round(Exact{1, 3}, 100, fen));
  CHECK(fen == 33);
  REQUIRE(talent::detail::exact_round(Exact{2, 3}, 100, fen));
  CHECK(fen == 67);
}

TEST_CASE("exact arithmetic reports overflow instead of wrapping", "[money]") {
  using talent::detail::Exact;
  using talent::detail::Int128;
  Exact huge{static_cast<Int128>(INT64_MAX) * INT64_MAX, 1}, out;
  CHECK_FALSE(talent::detail::exact_mul(huge, huge, out));
  CHECK_FALSE(talent::detail::exact_div(Exact{1, 1}, Exact{0, 1}, out));
  std::int64_t fen = 0;
  CHECK_FALSE(talent::detail::exact_round(Exact{static_cast<Int128>(INT64_MAX), 1}, 100, fen));
}
