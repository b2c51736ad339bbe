#include "talent/date.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace talent {

namespace detail {

// The one bridge between talent::Date and Boost.Date_Time, which does every
// calendar computation.
struct DateAccess {
  using Boost = boost::gregorian::date;
  // A date Boost has already checked; nullopt outside the supported years.
  static std::optional<Date> from_boost(Boost day);
  static Boost to_boost(Date date) {
    return Boost(static_cast<unsigned short>(date.year()), static_cast<unsigned short>(date.month()),
                 static_cast<unsigned short>(date.day()));
  }
};

}  // namespace detail

namespace {

using detail::DateAccess;
using Calendar = boost::gregorian::gregorian_calendar;

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

long days_in_month(long year, long month) {
  return Calendar::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month));
}

// Year/month/day to a date when the day exists; nullopt otherwise.
std::optional<Date> checked(long year, long month, long day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  return DateAccess::from_boost(DateAccess::Boost(static_cast<unsigned short>(year),
                                                  static_cast<unsigned short>(month),
                                                  static_cast<unsigned short>(day)));
}

// Year/month/day to a date, clamping the day to the month's length (the
// anniversary rule); nullopt outside the supported years.
std::optional<Date> clamped(long year, long month, long day) {
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  return checked(year, month, std::min(day, days_in_month(year, month)));
}

}  // namespace

std::optional<Date> detail::DateAccess::from_boost(Boost day) {
  if (day.is_special()) return std::nullopt;
  auto ymd = day.year_month_day();
  if (ymd.year < kMinYear || ymd.year > kMaxYear) return std::nullopt;
  Date out;
  out.key_ = static_cast<std::uint32_t>(ymd.year) << 9 | static_cast<std::uint32_t>(ymd.month) << 5 |
             static_cast<std::uint32_t>(ymd.day);
  return out;
}

std::optional<Date> make_date(int year, int month, int day) { return checked(year, month, day); }

std::optional<Date> parse_date(std::string_view text) {
  long year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day)) return std::nullopt;
  return checked(year, month, day);
}

std::string format_date(Date date) {
  if (date.is_special()) return "not-a-date";
  // Written digit by digit: Boost's to_iso_extended_string builds an
  // ostringstream (and a locale) per call, which made explained evaluation
  // spend three quarters of its time formatting dates.
  std::string out = "0000-00-00";
  auto put = [&out](std::size_t end, int value, int width) {
    for (int i = 0; i < width; ++i, value /= 10) out[end - static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(3, date.year(), 4);
  put(6, date.month(), 2);
  put(9, date.day(), 2);
  return out;
}

Date today() {
  auto day = DateAccess::from_boost(boost::gregorian::day_clock::local_day());
  return day ? *day : Date{};
}

std::optional<Date> add_years(Date date, long years) {
  if (date.is_special() || years > kMaxYear || years < -kMaxYear) return std::nullopt;
  return clamped(date.year() + years, date.month(), date.day());
}

std::optional<Date> add_months(Date date, long months) {
  if (date.is_special() || months > 12 * kMaxYear || months < -12 * kMaxYear) return std::nullopt;
  long total = static_cast<long>(date.year()) * 12 + (date.month() - 1) + months;
  long year = total >= 0 ? total / 12 : -1;
  return clamped(year, total % 12 + 1, date.day());
}

std::optional<Date> add_days(Date date, long days) {
  if (date.is_special()) return std::nullopt;
  static const long kFirst = static_cast<long>(DateAccess::Boost(kMinYear, 1, 1).day_number());
  static const long kLast = static_cast<long>(DateAccess::Boost(kMaxYear, 12, 31).day_number());
  DateAccess::Boost day = DateAccess::to_boost(date);
  long target = static_cast<long>(day.day_number());
  if (days > kLast - target || days < kFirst - target) return std::nullopt;
  return DateAccess::from_boost(day + boost::gregorian::date_duration(days));
}

}  // namespace talent
