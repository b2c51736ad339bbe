#include "talent/date.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstdio>

namespace talent {
namespace {

constexpr long kMinYear = 1400;
constexpr long kMaxYear = 9999;

bool digits(std::string_view s, std::size_t from, std::size_t count, long& out) {
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Year/month/day to a date, clamping the day to the month's length (the
// anniversary rule); nullopt outside the supported years.
std::optional<Date> clamped(long year, long month, long day) {
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  using Calendar = boost::gregorian::gregorian_calendar;
  long last = Calendar::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month));
  if (day > last) day = last;
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  long year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day)) return std::nullopt;
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1) return std::nullopt;
  using Calendar = boost::gregorian::gregorian_calendar;
  if (day > Calendar::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month))) {
    return std::nullopt;
  }
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

std::string format_date(Date date) {
  if (date.is_special()) return "not-a-date";
  // Written digit by digit: Boost's to_iso_extended_string builds an
  // ostringstream (and a locale) per call, which made explained evaluation
  // spend three quarters of its time formatting dates.
  auto ymd = date.year_month_day();
  std::string out = "0000-00-00";
  auto put = [&out](std::size_t end, unsigned value, int width) {
    for (int i = 0; i < width; ++i, value /= 10) out[end - static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(3, ymd.year, 4);
  put(6, ymd.month, 2);
  put(9, ymd.day, 2);
  return out;
}

std::optional<Date> add_years(Date date, long years) {
  if (date.is_special() || years > kMaxYear || years < -kMaxYear) return std::nullopt;
  auto ymd = date.year_month_day();
  return clamped(ymd.year + years, ymd.month, ymd.day);
}

std::optional<Date> add_months(Date date, long months) {
  if (date.is_special() || months > 12 * kMaxYear || months < -12 * kMaxYear) return std::nullopt;
  auto ymd = date.year_month_day();
  long total = static_cast<long>(ymd.year) * 12 + (ymd.month - 1) + months;
  long year = total >= 0 ? total / 12 : -1;
  return clamped(year, total % 12 + 1, ymd.day);
}

std::optional<Date> add_days(Date date, long days) {
  if (date.is_special()) return std::nullopt;
  static const long kFirst = Date(kMinYear, 1, 1).day_number();
  static const long kLast = Date(kMaxYear, 12, 31).day_number();
  long target = static_cast<long>(date.day_number());
  if (days > kLast - target || days < kFirst - target) return std::nullopt;
  return date + boost::gregorian::date_duration(days);
}

}  // namespace talent
