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

[[noreturn]] void reject(const FieldDef& f, ErrorCode code, const char* id, std::vector<MessageArg> args) {
  throw Rejection{f.path, code, id, std::move(args)};
}

// The value as found, for a message.
MessageArg found(ScalarText value) { return arg("value", shown(value)); }

}  // namespace

RecordError Rejection::error() const { return RecordError{field, code, message(id, Language::en, args), id, args}; }

RecordError record_error(ErrorCode code, std::string id, std::vector<MessageArg> args) {
  std::string text = message(id, Language::en, args);
  return RecordError{"", code, std::move(text), std::move(id), std::move(args)};
}

std::string shown(ScalarText value) {
  std::string v(value.text.size() > 40 ? value.text.substr(0, 37) : value.text);
  if (value.text.size() > 40) v += "...";
  return value.quoted ? "\"" + v + "\"" : "'" + v + "'";
}

LocalizedText expectation(const FieldDef& f) {
  switch (f.type) {
    case ValueType::boolean: return localized("record.type.bool");
    case ValueType::integer: return localized("record.type.int");
    case ValueType::money: return localized("record.type.money");
    case ValueType::rate: return localized("record.type.rate");
    case ValueType::decimal: return localized("record.type.decimal", {arg("places", std::to_string(f.places))});
    case ValueType::date: return localized("record.type.date");
    case ValueType::enumeration: return localized("record.type.enum");
    default: return localized("record.type.string");
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
  std::string canonical;
  FormMessage why;
  switch (rewrite_value(schema_, f, value.text, canonical, why)) {
    case Form::none: return false;
    case Form::ambiguous:
      throw Rejection{f.path, ErrorCode::invalid_value, "record.form.ambiguous",
                      {arg("problem", localized(refused.id, refused.args)), arg("hint", localized(why.id, why.args))}};
    case Form::invalid: throw Rejection{f.path, ErrorCode::invalid_value, why.id, why.args};
    case Form::rewritten: break;
  }
  // Written as the canonical reading expects it: dates and names quoted,
  // numbers and booleans plain.
  bool quoted = f.type == ValueType::date || f.type == ValueType::enumeration;
  try {
    store(f, ScalarText{canonical, quoted});
  } catch (const Rejection& again) {
    throw Rejection{f.path, again.code, "record.form.written", {arg("problem", localized(again.id, again.args)), found(value)}};
  }
  RecordAccess::normalized(record_).push_back(Normalization{f.path, std::string(value.text), canonical});
  return true;
}

void FieldReader::store(const FieldDef& f, ScalarText value) {
  if (!utf8_checked_ && !valid_utf8(value.text)) reject(f, ErrorCode::unreadable, "record.value_not_utf8", {});
  Slot& slot = RecordAccess::slots(record_)[static_cast<std::size_t>(f.slot)];
  std::string_view text = value.text;
  bool plain = !value.quoted;
  ErrorCode code = ErrorCode::invalid_value;  // set by Money::parse and Rate::parse
  switch (f.type) {
    case ValueType::boolean:
      if (!plain || (text != "true" && text != "false")) reject(f, ErrorCode::wrong_type, "record.expected_bool", {found(value)});
      slot.number = text == "true";
      break;
    case ValueType::integer: {
      std::int64_t v = 0;
      WholeNumber read = plain ? parse_whole_number(text, v) : WholeNumber::malformed;
      if (read == WholeNumber::too_large) reject(f, ErrorCode::limit, "record.number_too_large", {found(value)});
      if (read != WholeNumber::ok) {
        reject(f, ErrorCode::wrong_type, "record.expected", {arg("expected", expectation(f)), found(value)});
      }
      if (f.min && v < *f.min) {
        reject(f, ErrorCode::invalid_value, "record.below_min", {arg("min", std::to_string(*f.min)), arg("value", std::string(text))});
      }
      if (f.max && v > *f.max) {
        reject(f, ErrorCode::invalid_value, "record.above_max", {arg("max", std::to_string(*f.max)), arg("value", std::string(text))});
      }
      slot.number = v;
      break;
    }
    case ValueType::money: {
      auto m = Money::parse(text, nullptr, &code);
      if (!m) {
        reject(f, code, code == ErrorCode::wrong_type ? "record.money.wrong_type"
                        : code == ErrorCode::limit    ? "record.money.limit"
                                                      : "record.money.invalid_value",
               {found(value)});
      }
      // "-0.00" too: a minus sign on an amount is a slip to show, not to drop.
      if (m->fen() < 0 || (!text.empty() && text[0] == '-')) reject(f, ErrorCode::invalid_value, "record.money.negative", {found(value)});
      slot.number = m->fen();
      break;
    }
    case ValueType::rate: {
      auto r = Rate::parse(text, nullptr, &code);
      if (!r) {
        bool percent = !text.empty() && text.back() == '%';
        reject(f, code, code == ErrorCode::wrong_type ? "record.rate.wrong_type"
                        : code == ErrorCode::limit    ? "record.rate.limit"
                                                      : "record.rate.invalid_value",
               {found(value), arg("decimals", std::to_string(percent ? Rate::kDecimals - 2 : Rate::kDecimals))});
      }
      if (r->units() < 0 || r->units() >= Rate::kScale || (!text.empty() && text[0] == '-')) {
        reject(f, ErrorCode::invalid_value, "record.rate.out_of_range", {found(value)});
      }
      slot.number = r->units();
      break;
    }
    case ValueType::decimal: {
      auto units = parse_decimal_units(text, f.places, nullptr, &code);
      if (!units) {
        reject(f, code, code == ErrorCode::wrong_type ? "record.decimal.wrong_type"
                        : code == ErrorCode::limit    ? "record.decimal.limit"
                                                      : "record.decimal.invalid_value",
               {found(value), arg("places", std::to_string(f.places))});
      }
      // "-0.00" too, when the field has no negative values: a slip to show.
      bool minus = !text.empty() && text[0] == '-';
      if (f.min && (*units < *f.min || (minus && *f.min >= 0))) {
        reject(f, ErrorCode::invalid_value, "record.below_min", {arg("min", format_decimal_units(*f.min, f.places)), found(value)});
      }
      if (f.max && *units > *f.max) {
        reject(f, ErrorCode::invalid_value, "record.above_max", {arg("max", format_decimal_units(*f.max, f.places)), found(value)});
      }
      slot.number = *units;
      break;
    }
    case ValueType::date: {
      if (json_ && plain) reject(f, ErrorCode::wrong_type, "record.date.quoted", {found(value)});
      auto d = parse_date(text);
      if (!d) reject(f, ErrorCode::invalid_value, "record.date.not_real", {found(value)});
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
        LocalizedText options;
        for (const auto& v : e.values) {
          if (!options.en.empty()) options.en += ", ", options.zh += "、";
          options.en += v.id + (v.label.zh.empty() ? "" : " (" + v.label.zh + ")");
          options.zh += v.label.zh.empty() ? v.id : v.label.zh + " (" + v.id + ")";
        }
        std::string near = suggest(text, e.ids());
        reject(f, ErrorCode::unknown_name, "record.enum.unknown",
               {found(value), arg("hint", near.empty() ? LocalizedText{} : localized("record.did_you_mean", {arg("name", near)})),
                arg("options", options)});
      }
      if (e.values[static_cast<std::size_t>(index)].id != text) {  // an alias
        RecordAccess::normalized(record_).push_back(
            Normalization{f.path, std::string(text), e.values[static_cast<std::size_t>(index)].id});
      }
      slot.number = index;
      break;
    }
    case ValueType::string: {
      if (json_ && plain) reject(f, ErrorCode::wrong_type, "record.text.quoted", {found(value)});
      if (text.size() > limits_.max_string_bytes) {
        reject(f, ErrorCode::limit, "record.text.too_long", {arg("limit", std::to_string(limits_.max_string_bytes))});
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
          reject(f, ErrorCode::invalid_value, "record.id_blank", {found(value)});
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
