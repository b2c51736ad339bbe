// Calendar dates: a small value type for one day of the Gregorian calendar,
// plus the one anniversary rule the policy needs, stated here once. The
// calendar arithmetic behind it is Boost.Date_Time's, inside the library;
// this header needs only the standard library.
//
// Anniversary rule: adding years or months keeps the day of the month and,
// when that day does not exist in the target month, lands on the month's last
// day (2024-02-29 + 1 year = 2025-02-28). Unlike Boost's own `years`, a date
// that is merely the last day of its month is not snapped to the end of the
// target month (2023-02-28 + 1 year = 2024-02-28, not 02-29).
//
//   auto d = talent::parse_date("2024-02-29");          // a real date
//   talent::add_years(*d, 1) == talent::parse_date("2025-02-28")
#pragma once

#include "talent/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace talent {

namespace detail {
struct DateAccess;
}

// One real calendar day in the years 1400-9999, or "not a date" (a
// default-constructed Date). Real dates are made only by the functions below,
// which check them; dates compare in calendar order.
class Date {
 public:
  constexpr Date() = default;  // not a date

  // True for "not a date" (the name Boost gives it).
  constexpr bool is_special() const { return key_ == 0; }
  constexpr int year() const { return static_cast<int>(key_ >> 9); }
  constexpr int month() const { return static_cast<int>((key_ >> 5) & 15U); }  // 1-12
  constexpr int day() const { return static_cast<int>(key_ & 31U); }           // 1-31

  friend constexpr bool operator==(Date a, Date b) { return a.key_ == b.key_; }
  friend constexpr bool operator!=(Date a, Date b) { return a.key_ != b.key_; }
  friend constexpr bool operator<(Date a, Date b) { return a.key_ < b.key_; }
  friend constexpr bool operator>(Date a, Date b) { return a.key_ > b.key_; }
  friend constexpr bool operator<=(Date a, Date b) { return a.key_ <= b.key_; }
  friend constexpr bool operator>=(Date a, Date b) { return a.key_ >= b.key_; }

 private:
  friend struct detail::DateAccess;
  // year << 9 | month << 5 | day: ordered as the calendar is; 0 is not a date.
  std::uint32_t key_ = 0;
};

// The day year-month-day when it is a real calendar day in the years
// 1400-9999; nullopt otherwise.
TALENT_API std::optional<Date> make_date(int year, int month, int day);
// Strict YYYY-MM-DD (exactly 10 characters, years 1400-9999) naming a real
// calendar day; nullopt otherwise.
TALENT_API std::optional<Date> parse_date(std::string_view text);
// YYYY-MM-DD ("not-a-date" for a default-constructed Date).
TALENT_API std::string format_date(Date date);
// Today in the machine's local time zone.
TALENT_API Date today();

// Date arithmetic under the anniversary rule. nullopt when the result falls
// outside the supported years (1400-9999) or `date` is not a date.
TALENT_API std::optional<Date> add_years(Date date, long years);
TALENT_API std::optional<Date> add_months(Date date, long months);
TALENT_API std::optional<Date> add_days(Date date, long days);

}  // namespace talent
