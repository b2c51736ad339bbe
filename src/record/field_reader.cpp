#include "record/field_reader.hpp"

#include "record/input_forms.hpp"
#include "record/record_access.hpp"
#include "base/decimal.hpp"
#include "base/text.hpp"

namespace talent::detail {
namespace {

// A string field's place among the schema's string fields: where its text
// is kept in the record, the same place in every record, so that a record
// read again over an old one reuses the old text's storage.
std::size_t string_place(const Schema& schema, const FieldDef& f) {
  std::size_t place = 0;
  for (const FieldDef& other : schema.fields) {
    if (&other == &f) break;
    if (other.type == ValueType::string) ++place;
  }
  return place;
}

[[noreturn]] void reject(const FieldDef& f, ErrorCode code, std::string message) {
  throw Rejection{f.path, code, std::move(message)};
}

}  // namespace

std::string shown(ScalarText value) {
  std::string v(value.text.size() > 40 ? value.text.substr(0, 37) : value.text);
  if (value.text.size() > 40) v += "...";
  return value.quoted ? "\"" + v + "\"" : "'" + v + "'";
}

std::string expectation(const FieldDef& f) {
  switch (f.type) {
    case ValueType::boolean: return "true or false";
    case ValueType::integer: return "a whole number";
    case ValueType::money: return "an amount in yuan like 1234.50";
    case ValueType::rate: return "a rate like 0.0385 or \"3.85%\"";
    case ValueType::decimal: return "a number with at most " + std::to_string(f.places) + " decimals";
    case ValueType::date: return "a date YYYY-MM-DD";
    case ValueType::enumeration: return "one of the listed values";
    default: return "text";
  }
}

void reset_record(const Schema& schema, Record& record) {
  auto& slots = RecordAccess::slots(record);
  slots.assign(schema.slot_count, Slot{});
  RecordAccess::normalized(record).clear();
  RecordAccess::ignored(record).clear();
  for (std::string& s : RecordAccess::strings(record)) s.clear();
  RecordAccess::id(record).clear();
  RecordAccess::rule_set_serial(record) = 0;
}

void FieldReader::read(const FieldDef& f, ScalarText value) {
  try {
    store(f, value);
  } catch (const Rejection& refused) {
    if (refused.code == ErrorCode::unreadable || refused.code == ErrorCode::limit || !read_form(f, value, refused)) throw;
  }
}

bool FieldReader::read_form(const FieldDef& f, ScalarText value, const Rejection& refused) {
  std::string canonical, message;
  switch (rewrite_value(schema_, f, value.text, canonical, message)) {
    case Form::none: return false;
    case Form::ambiguous: throw Rejection{f.path, ErrorCode::invalid_value, refused.message + "; " + message};
    case Form::invalid: throw Rejection{f.path, ErrorCode::invalid_value, message};
    case Form::rewritten: break;
  }
  // Written as the canonical reading expects it: dates and names quoted,
  // numbers and booleans plain.
  bool quoted = f.type == ValueType::date || f.type == ValueType::enumeration;
  try {
    store(f, ScalarText{canonical, quoted});
  } catch (const Rejection& again) {
    throw Rejection{f.path, again.code, again.message + " (written " + shown(value) + ")"};
  }
  RecordAccess::normalized(record_).push_back(Normalization{f.path, std::string(value.text), canonical});
  return true;
}

void FieldReader::store(const FieldDef& f, ScalarText value) {
  if (!utf8_checked_ && !valid_utf8(value.text)) reject(f, ErrorCode::unreadable, "the value is not valid UTF-8 text");
  Slot& slot = RecordAccess::slots(record_)[static_cast<std::size_t>(f.slot)];
  std::string_view text = value.text;
  bool plain = !value.quoted;
  std::string why;
  ErrorCode code = ErrorCode::invalid_value;  // set by Money::parse and Rate::parse
  switch (f.type) {
    case ValueType::boolean:
      if (!plain || (text != "true" && text != "false")) {
        reject(f, ErrorCode::wrong_type, "expected true or false, found " + shown(value));
      }
      slot.number = text == "true";
      break;
    case ValueType::integer: {
      std::int64_t v = 0;
      WholeNumber read = plain ? parse_whole_number(text, v) : WholeNumber::malformed;
      if (read == WholeNumber::too_large) reject(f, ErrorCode::limit, "number is too large, found " + shown(value));
      if (read != WholeNumber::ok) {
        reject(f, ErrorCode::wrong_type, "expected " + expectation(f) + ", found " + shown(value));
      }
      if (f.min && v < *f.min) {
        reject(f, ErrorCode::invalid_value,
               "must be at least " + std::to_string(*f.min) + ", found " + std::string(text));
      }
      if (f.max && v > *f.max) {
        reject(f, ErrorCode::invalid_value, "must be at most " + std::to_string(*f.max) + ", found " + std::string(text));
      }
      slot.number = v;
      break;
    }
    case ValueType::money: {
      auto m = Money::parse(text, &why, &code);
      if (!m) reject(f, code, "invalid amount " + shown(value) + ": " + why);
      // "-0.00" too: a minus sign on an amount is a slip to show, not to drop.
      if (m->fen() < 0 || (!text.empty() && text[0] == '-')) {
        reject(f, ErrorCode::invalid_value, "amount cannot be negative, found " + shown(value));
      }
      slot.number = m->fen();
      break;
    }
    case ValueType::rate: {
      auto r = Rate::parse(text, &why, &code);
      if (!r) reject(f, code, "invalid rate " + shown(value) + ": " + why);
      if (r->units() < 0 || r->units() >= Rate::kScale || (!text.empty() && text[0] == '-')) {
        reject(f, ErrorCode::invalid_value, "rate must be at least 0 and below 1 (100%), found " + shown(value));
      }
      slot.number = r->units();
      break;
    }
    case ValueType::decimal: {
      auto units = parse_decimal_units(text, f.places, &why, &code);
      if (!units) reject(f, code, "invalid number " + shown(value) + ": " + why);
      // "-0.00" too, when the field has no negative values: a slip to show.
      bool minus = !text.empty() && text[0] == '-';
      if (f.min && (*units < *f.min || (minus && *f.min >= 0))) {
        reject(f, ErrorCode::invalid_value,
               "must be at least " + format_decimal_units(*f.min, f.places) + ", found " + shown(value));
      }
      if (f.max && *units > *f.max) {
        reject(f, ErrorCode::invalid_value, "must be at most " + format_decimal_units(*f.max, f.places) + ", found " + shown(value));
      }
      slot.number = *units;
      break;
    }
    case ValueType::date: {
      if (json_ && plain) {
        reject(f, ErrorCode::wrong_type, "expected a date as text \"YYYY-MM-DD\", found " + shown(value));
      }
      auto d = parse_date(text);
      if (!d) reject(f, ErrorCode::invalid_value, "expected a real calendar date YYYY-MM-DD, found " + shown(value));
      slot.date = *d;
      break;
    }
    case ValueType::enumeration: {
      const EnumDef& e = schema_.enums[static_cast<std::size_t>(f.enum_id)];
      int index = e.find(text);
      // A value by its label: read here rather than after a refusal, as
      // labels are common and a refusal costs an exception.
      if (index < 0 && (index = find_enum_value(schema_, e, text)) >= 0) {
        RecordAccess::normalized(record_).push_back(
            Normalization{f.path, std::string(text), e.values[static_cast<std::size_t>(index)].id});
        slot.number = index;
        break;
      }
      if (index < 0) {
        std::string options;
        for (const auto& v : e.values) {
          options += (options.empty() ? "" : ", ") + v.id + (v.label.zh.empty() ? "" : " (" + v.label.zh + ")");
        }
        reject(f, ErrorCode::unknown_name,
               "unknown value " + shown(value) + did_you_mean(text, e.ids()) + "; expected one of: " + options);
      }
      if (e.values[static_cast<std::size_t>(index)].id != text) {  // an alias
        RecordAccess::normalized(record_).push_back(
            Normalization{f.path, std::string(text), e.values[static_cast<std::size_t>(index)].id});
      }
      slot.number = index;
      break;
    }
    case ValueType::string: {
      if (json_ && plain) reject(f, ErrorCode::wrong_type, "expected text in quotes, found " + shown(value));
      if (text.size() > limits_.max_string_bytes) {
        reject(f, ErrorCode::limit, "text longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
      }
      auto& strings = RecordAccess::strings(record_);
      std::size_t place = string_place(schema_, f);
      if (strings.size() <= place) strings.resize(place + 1);
      strings[place].assign(text);
      slot.number = static_cast<std::int64_t>(place);
      if (&f == &schema_.fields[static_cast<std::size_t>(schema_.id_field)]) {
        // An id names one applicant in a batch and in a decision log: one of
        // nothing but blank space names no one.
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
          reject(f, ErrorCode::invalid_value, "the record's id is empty or blank, found " + shown(value));
        }
        RecordAccess::id(record_).assign(text);
      }
      break;
    }
    default: break;
  }
  slot.present = true;
}

}  // namespace talent::detail
