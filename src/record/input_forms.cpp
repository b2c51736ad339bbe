#include "record/input_forms.hpp"

#include "base/decimal.hpp"
#include "base/exact.hpp"
#include "base/text.hpp"

#include <limits>

namespace talent::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view trim_spaces(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

// Up to `most` digits from `i`, at least `least`; their value.
bool take_digits(std::string_view t, std::size_t& i, int least, int most, int& value) {
  int n = 0;
  value = 0;
  while (i < t.size() && n < most && digit(t[i])) value = value * 10 + (t[i++] - '0'), ++n;
  return n >= least && (i == t.size() || !digit(t[i]));
}

// `text` against a pattern like "YYYY年M月D日".
bool match_date(std::string_view pattern, std::string_view t, int& y, int& m, int& d) {
  std::size_t i = 0;
  for (std::size_t p = 0; p < pattern.size();) {
    if (pattern.substr(p, 4) == "YYYY") {
      if (!take_digits(t, i, 4, 4, y)) return false;
      p += 4;
    } else if (pattern[p] == 'M' || pattern[p] == 'D') {
      if (!take_digits(t, i, 1, 2, pattern[p] == 'M' ? m : d)) return false;
      ++p;
    } else {
      if (i >= t.size() || t[i] != pattern[p]) return false;
      ++i, ++p;
    }
  }
  return i == t.size();
}

// d{1,2} sep d{1,2} sep d{4}: the year last, as 6/7/2024.
bool year_last(std::string_view t, int& a, int& b, int& y) {
  std::size_t i = 0;
  if (!take_digits(t, i, 1, 2, a) || i >= t.size()) return false;
  char sep = t[i++];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  if (!take_digits(t, i, 1, 2, b) || i >= t.size() || t[i++] != sep) return false;
  return take_digits(t, i, 4, 4, y) && i == t.size();
}

// d{2} sep d{1,2} sep d{1,2}: a year in two digits, as 24/6/30.
bool short_year(std::string_view t) {
  std::size_t i = 0;
  int v = 0;
  if (!take_digits(t, i, 2, 2, v) || i >= t.size()) return false;
  char sep = t[i++];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  if (!take_digits(t, i, 1, 2, v) || i >= t.size() || t[i++] != sep) return false;
  return take_digits(t, i, 1, 2, v) && i == t.size();
}

std::string two(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }
std::string iso(int y, int m, int d) { return two(y / 100) + two(y % 100) + "-" + two(m) + "-" + two(d); }

Form date_form(const RecordForms& forms, std::string_view text, std::string& canonical, FormMessage& message) {
  std::string folded = forms.full_width ? fold_full_width(text) : std::string(text);
  std::string_view t = folded;
  for (const std::string& pattern : forms.date_patterns) {
    int y = 0, m = 0, d = 0;
    if (!match_date(pattern, t, y, m, d)) continue;
    std::optional<Date> date = make_date(y, m, d);
    std::string written = iso(y, m, d);
    if (written == text) return Form::none;  // the canonical form itself, not a calendar date
    if (!date) {
      message = {"record.form.date_not_real", {arg("value", "\"" + std::string(text) + "\""), arg("date", written)}};
      return Form::invalid;
    }
    canonical = format_date(*date);
    return Form::rewritten;
  }
  int a = 0, b = 0, y = 0;
  if (year_last(t, a, b, y)) {
    // Day first (30/6/2024) or month first (6/30/2024): either may be meant.
    std::vector<std::string> readings;
    for (auto [m, d] : {std::pair<int, int>{b, a}, std::pair<int, int>{a, b}}) {
      std::string r = iso(y, m, d);
      if (make_date(y, m, d) && (readings.empty() || readings[0] != r)) readings.push_back(r);
    }
    if (readings.size() == 2) {
      message = {"record.form.date_either", {arg("first", readings[0]), arg("second", readings[1])}};
    } else if (readings.size() == 1) {
      message = {"record.form.date_year_first", {arg("date", readings[0])}};
    } else {
      message = {"record.form.date_year_first_any", {}};
    }
    return Form::ambiguous;
  }
  if (short_year(t)) {
    message = {"record.form.date_short_year", {}};
    return Form::ambiguous;
  }
  return Form::none;
}

// [-]digits[.digits] as a mantissa and its decimals.
bool plain_decimal(std::string_view t, std::int64_t& mantissa, int& decimals, bool& negative) {
  negative = !t.empty() && t[0] == '-';
  if (negative) t.remove_prefix(1);
  mantissa = 0;
  decimals = 0;
  bool point = false, any = false;
  for (char c : t) {
    if (c == '.') {
      if (point || !any) return false;
      point = true;
    } else if (digit(c)) {
      if (mantissa > (std::numeric_limits<std::int64_t>::max() - 9) / 10 || decimals > 17) return false;
      mantissa = mantissa * 10 + (c - '0');
      any = true;
      if (point) ++decimals;
    } else {
      return false;
    }
  }
  return any && t.back() != '.';
}

// Digits grouped in threes by `sep` before the point: 300,000.00. Returns
// false for groups that are not threes (3,00,000) or a separator after the point.
bool ungroup(std::string_view t, const std::string& sep, std::string& out) {
  std::size_t point = t.find('.');
  std::string_view whole = t.substr(0, point), fraction = point == std::string_view::npos ? "" : t.substr(point);
  if (fraction.find(sep) != std::string_view::npos) return false;
  bool negative = !whole.empty() && whole[0] == '-';
  if (negative) whole.remove_prefix(1);
  out = negative ? "-" : "";
  std::size_t group = 0;
  for (std::size_t start = 0;;) {
    std::size_t at = whole.find(sep, start);
    std::string_view digits = whole.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start);
    if (digits.empty() || digits.size() > 3 || (group > 0 && digits.size() != 3)) return false;
    for (char c : digits) {
      if (!digit(c)) return false;
    }
    out += digits;
    ++group;
    if (at == std::string_view::npos) break;
    start = at + sep.size();
  }
  out += fraction;
  return true;
}

Form money_form(const RecordForms& forms, std::string_view text, std::string& canonical, FormMessage& message) {
  std::string folded = forms.full_width ? fold_full_width(text) : std::string(text);
  std::string_view t = trim_spaces(folded);
  bool changed = folded != text;
  for (const std::string& sign : forms.money_signs) {
    if (starts_with(t, sign)) {
      t = trim_spaces(t.substr(sign.size()));
      changed = true;
      break;
    }
  }
  std::int64_t unit_fen = 100;
  std::size_t longest = 0;
  for (const MoneyUnit& unit : forms.money_units) {
    if (unit.name.size() > longest && ends_with(t, unit.name)) longest = unit.name.size(), unit_fen = unit.value.fen();
  }
  if (longest > 0) {
    t = trim_spaces(t.substr(0, t.size() - longest));
    changed = true;
  }
  std::string ungrouped;
  if (!forms.money_grouping.empty() && t.find(forms.money_grouping) != std::string_view::npos) {
    if (!ungroup(t, forms.money_grouping, ungrouped)) {
      message = {"record.form.money_grouping", {arg("separator", forms.money_grouping)}};
      return Form::ambiguous;
    }
    t = ungrouped;
    changed = true;
  }
  std::int64_t mantissa = 0;
  int decimals = 0;
  bool negative = false;
  if (!changed || !plain_decimal(t, mantissa, decimals, negative)) return Form::none;
  // fen = mantissa * unit_fen / 10^decimals, exactly.
  Int128 fen = static_cast<Int128>(mantissa) * unit_fen, scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (fen % scale != 0) {
    message = {"record.form.money_fen", {arg("value", "\"" + std::string(text) + "\"")}};
    return Form::invalid;
  }
  fen /= scale;
  if (fen > std::numeric_limits<std::int64_t>::max()) {
    message = {"record.form.money_large", {arg("value", "\"" + std::string(text) + "\"")}};
    return Form::invalid;
  }
  canonical = Money::from_fen(static_cast<std::int64_t>(negative ? -fen : fen)).to_string();
  return Form::rewritten;
}

Form rate_form(const RecordForms& forms, std::string_view text, std::string& canonical, FormMessage& message) {
  if (forms.full_width && has_full_width(text)) {
    std::string folded = fold_full_width(text);
    if (auto r = Rate::parse(folded)) {
      canonical = r->to_string();
      return Form::rewritten;
    }
  }
  std::int64_t mantissa = 0;
  int decimals = 0;
  bool negative = false;
  std::string folded = forms.full_width ? fold_full_width(text) : std::string(text);
  if (plain_decimal(folded, mantissa, decimals, negative) && !negative) {
    std::int64_t whole = mantissa;
    for (int i = 0; i < decimals; ++i) whole /= 10;
    if (whole >= 1 && whole < 100) {
      auto r = Rate::parse(folded + "%");
      message = {r ? "record.form.rate_percent_or" : "record.form.rate_percent",
                 {arg("number", folded), arg("rate", r ? r->to_string() : std::string())}};
      return Form::ambiguous;
    }
  }
  return Form::none;
}

bool matches(std::string_view key, const std::string& name) { return !name.empty() && key == name; }

// Whether `key` names a member called `name` with `label` and `aliases`.
bool names(std::string_view key, const std::string& name, const LocalizedText& label,
           const std::vector<std::string>& aliases, bool by_label) {
  if (key == name) return true;
  if (!by_label) return false;
  std::string folded_key = fold_full_width(key);
  for (const std::string* n : {&label.zh, &label.en}) {
    if (matches(folded_key, fold_full_width(*n))) return true;
  }
  for (const std::string& a : aliases) {
    if (matches(folded_key, fold_full_width(a))) return true;
  }
  return false;
}

// The field or section of `section` that `key` names (labels too when
// `by_label`); false when none.
bool member(const Schema& schema, int section, std::string_view key, bool by_label, int& field, int& child) {
  const SectionDef& sec = schema.sections[static_cast<std::size_t>(section)];
  field = child = -1;
  for (int f : sec.fields) {
    const FieldDef& def = schema.fields[static_cast<std::size_t>(f)];
    if (names(key, def.name, def.label, def.aliases, by_label)) return field = f, true;
  }
  for (int s : sec.sections) {
    const SectionDef& def = schema.sections[static_cast<std::size_t>(s)];
    if (names(key, def.name, def.label, def.aliases, by_label)) return child = s, true;
  }
  return false;
}

}  // namespace

Form rewrite_value(const Schema& schema, const FieldDef& f, std::string_view text, std::string& canonical,
                   FormMessage& message) {
  const RecordForms& forms = schema.forms;
  switch (f.type) {
    case ValueType::boolean: {
      std::string folded = forms.full_width ? fold_full_width(text) : std::string(text);
      for (const std::string& w : forms.true_words) {
        if (folded == w) return canonical = "true", Form::rewritten;
      }
      for (const std::string& w : forms.false_words) {
        if (folded == w) return canonical = "false", Form::rewritten;
      }
      return Form::none;
    }
    case ValueType::integer: {
      if (!forms.full_width || !has_full_width(text)) return Form::none;
      std::string folded = fold_full_width(text);
      std::int64_t v = 0;
      if (parse_whole_number(folded, v) != WholeNumber::ok) return Form::none;
      canonical = std::to_string(v);
      return Form::rewritten;
    }
    case ValueType::decimal: {
      if (!forms.full_width || !has_full_width(text)) return Form::none;
      auto units = parse_decimal_units(fold_full_width(text), f.places);
      if (!units) return Form::none;
      canonical = format_decimal_units(*units, f.places);
      return Form::rewritten;
    }
    case ValueType::money: return money_form(forms, text, canonical, message);
    case ValueType::rate: return rate_form(forms, text, canonical, message);
    case ValueType::date: return date_form(forms, text, canonical, message);
    case ValueType::enumeration: {
      int index = find_enum_value(schema, schema.enums[static_cast<std::size_t>(f.enum_id)], text);
      if (index < 0) return Form::none;
      canonical = schema.enums[static_cast<std::size_t>(f.enum_id)].values[static_cast<std::size_t>(index)].id;
      return Form::rewritten;
    }
    default: return Form::none;
  }
}

int find_enum_value(const Schema& schema, const EnumDef& e, std::string_view text) {
  const RecordForms& forms = schema.forms;
  if (forms.enum_labels) {  // exactly as printed: no copy made
    for (std::size_t i = 0; i < e.values.size(); ++i) {
      const LocalizedText& label = e.values[i].label;
      if ((!label.zh.empty() && text == label.zh) || (!label.en.empty() && text == label.en)) return static_cast<int>(i);
    }
  }
  if (!forms.full_width) return -1;
  // Full-width and ASCII forms alike: 专科生(高职) for 专科生（高职）.
  std::string key = fold_full_width(text);
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    const EnumValue& v = e.values[i];
    auto same = [&key](const std::string& name) { return !name.empty() && fold_full_width(name) == key; };
    if (same(v.id)) return static_cast<int>(i);
    for (const std::string& a : v.aliases) {
      if (same(a)) return static_cast<int>(i);
    }
    if (forms.enum_labels && (same(v.label.zh) || same(v.label.en))) return static_cast<int>(i);
  }
  return -1;
}

bool find_member(const Schema& schema, int section, std::string_view key, MemberName& out) {
  const RecordForms& forms = schema.forms;
  out = MemberName{};
  int field = -1, child = -1;
  if (forms.label_names && member(schema, section, key, true, field, child)) {
    out.field = field;
    out.section = child;
  } else if (forms.path_names && key.find('.') != std::string_view::npos) {
    int at = section;
    for (std::size_t start = 0;;) {
      std::size_t dot = key.find('.', start);
      std::string_view part = key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (!member(schema, at, part, forms.label_names, field, child)) return false;
      if (dot == std::string_view::npos) break;
      if (child < 0) return false;  // a field cannot hold more
      out.through.push_back(child);
      at = child;
      start = dot + 1;
    }
    out.field = field;
    out.section = child;
  } else {
    return false;
  }
  out.path = out.field >= 0 ? schema.fields[static_cast<std::size_t>(out.field)].path
                            : schema.sections[static_cast<std::size_t>(out.section)].path;
  return true;
}

}  // namespace talent::detail
