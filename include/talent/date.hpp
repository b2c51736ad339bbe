// Calendar dates: Boost.Date_Time's gregorian date, plus the one anniversary
// rule the policy needs, stated here once.
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

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace talent {

using Date = boost::gregorian::date;

// Strict YYYY-MM-DD (exactly 10 characters, years 1400-9999) naming a real
// calendar day; nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
// YYYY-MM-DD.
std::string format_date(Date date);

// Date arithmetic under the anniversary rule. nullopt when the result falls
// outside the supported years (1400-9999).
std::optional<Date> add_years(Date date, long years);
std::optional<Date> add_months(Date date, long months);
std::optional<Date> add_days(Date date, long days);

}  // namespace talent
