#include "talent/date.hpp"

#include <catch2/catch.hpp>

using talent::add_days;
using talent::add_months;
using talent::add_years;
using talent::format_date;
using talent::parse_date;

namespace {
std::string shifted(std::optional<talent::Date> d) { return d ? format_date(*d) : "none"; }
talent::Date day(const char* text) { return *parse_date(text); }
}  // namespace

TEST_CASE("dates parse only as real YYYY-MM-DD days", "[date]") {
  CHECK(format_date(day("2024-02-29")) == "2024-02-29");
  CHECK(format_date(day("1400-01-01")) == "1400-01-01");
  CHECK(format_date(day("9999-12-31")) == "9999-12-31");
  const char* bad = GENERATE("2023-02-29", "2023-02-30", "2023-13-01", "2023-00-10", "2023-01-00", "0000-01-01",
                             "2023-1-5", "20230105", "2023/01/05", "2023-01-05T00:00", " 2023-01-05", "", "1399-12-31",
                             "２０２３-01-05", "2100-02-29");
  CAPTURE(bad);
  CHECK_FALSE(parse_date(bad));
}

TEST_CASE("the anniversary rule: Feb 29 lands on Feb 28, month ends are not snapped", "[date]") {
  auto [from, years, expected] = GENERATE(table<const char*, long, const char*>({
      {"2024-02-29", 1, "2025-02-28"},
      {"2024-02-29", 2, "2026-02-28"},
      {"2024-02-29", 4, "2028-02-29"},
      {"2024-02-29", 5, "2029-02-28"},
      {"2023-02-28", 1, "2024-02-28"},  // Boost's own `years` would say 2024-02-29
      {"2024-07-01", 2, "2026-07-01"},
      {"2023-06-30", 2, "2025-06-30"},
      {"2024-12-31", 1, "2025-12-31"},
      {"2025-03-01", -1, "2024-03-01"},
      {"9999-01-01", 1, "none"},
  }));
  CAPTURE(from, years);
  CHECK(shifted(add_years(day(from), years)) == expected);
}

TEST_CASE("months clamp to the month's last day", "[date]") {
  CHECK(shifted(add_months(day("2024-01-31"), 1)) == "2024-02-29");
  CHECK(shifted(add_months(day("2023-01-31"), 1)) == "2023-02-28");
  CHECK(shifted(add_months(day("2023-02-28"), 1)) == "2023-03-28");
  CHECK(shifted(add_months(day("2023-11-15"), 3)) == "2024-02-15");
  CHECK(shifted(add_months(day("2024-03-31"), -1)) == "2024-02-29");
  CHECK(shifted(add_months(day("2024-01-15"), -13)) == "2022-12-15");
}

TEST_CASE("days move across months and years, within the supported range", "[date]") {
  CHECK(shifted(add_days(day("2024-02-28"), 1)) == "2024-02-29");
  CHECK(shifted(add_days(day("2023-12-31"), 1)) == "2024-01-01");
  CHECK(shifted(add_days(day("2024-03-01"), -1)) == "2024-02-29");
  CHECK(shifted(add_days(day("9999-12-31"), 1)) == "none");
  CHECK(shifted(add_days(day("1400-01-01"), -1)) == "none");
  CHECK(shifted(add_days(day("2024-01-01"), 100000000)) == "none");
}

TEST_CASE("a Date is a small value: its parts, calendar order, not-a-date by default", "[date]") {
  talent::Date leap = day("2024-02-29");
  CHECK(leap.year() == 2024);
  CHECK(leap.month() == 2);
  CHECK(leap.day() == 29);
  CHECK_FALSE(leap.is_special());
  CHECK(talent::Date{}.is_special());
  CHECK(format_date(talent::Date{}) == "not-a-date");
  CHECK_FALSE(add_days(talent::Date{}, 1));

  const char* ordered[] = {"1400-01-01", "2023-12-31", "2024-01-01", "2024-01-31", "2024-02-01", "2024-02-29",
                           "2024-10-01", "9999-12-31"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
    CAPTURE(ordered[i], ordered[i + 1]);
    CHECK(day(ordered[i]) < day(ordered[i + 1]));
    CHECK(day(ordered[i + 1]) > day(ordered[i]));
    CHECK(day(ordered[i]) <= day(ordered[i]));
    CHECK(day(ordered[i]) != day(ordered[i + 1]));
    CHECK(*add_days(day(ordered[i]), 0) == day(ordered[i]));
  }
  static_assert(sizeof(talent::Date) == 4, "a Date is one 32-bit word");
}

TEST_CASE("make_date accepts exactly the real days parse_date accepts", "[date]") {
  CHECK(shifted(talent::make_date(2024, 2, 29)) == "2024-02-29");
  CHECK(shifted(talent::make_date(1400, 1, 1)) == "1400-01-01");
  CHECK(shifted(talent::make_date(9999, 12, 31)) == "9999-12-31");
  auto [y, m, d] = GENERATE(table<int, int, int>({{2023, 2, 29}, {2100, 2, 29}, {2023, 4, 31}, {2023, 13, 1},
                                                  {2023, 0, 1}, {2023, 1, 0}, {1399, 12, 31}, {10000, 1, 1},
                                                  {-2023, 1, 1}, {2023, -1, 1}, {2023, 1, -1}}));
  CAPTURE(y, m, d);
  CHECK_FALSE(talent::make_date(y, m, d));
}

TEST_CASE("today is a real date in the supported years", "[date]") {
  talent::Date now = talent::today();
  CHECK_FALSE(now.is_special());
  CHECK(now >= day("2024-01-01"));
  CHECK(parse_date(format_date(now)) == now);
}
