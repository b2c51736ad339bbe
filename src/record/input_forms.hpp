// Record stage: the forms people type at a service window, read as the
// schema's `forms:` allow (RecordForms): values (2024年6月30日, 30万, 是,
// ３．８５％, 专科生（高职）) and field names (学历, 就业创业情况.就业状态).
//
// These are tried only once the canonical reading has refused a value or a
// name, so a record in canonical form never pays for them. Each value or name
// read here is rewritten to its canonical form; the caller lists it in the
// record's `normalized`. A value that could be read two ways is never
// guessed at: it is ambiguous, with a hint saying how to write it.
#pragma once

#include "base/messages.hpp"
#include "lang/schema.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

enum class Form {
  none,       // not one of the declared forms: the canonical reading's error stands
  rewritten,  // `canonical` holds the value's canonical text
  ambiguous,  // could mean two things; `message` says how to write it
  invalid,    // a declared form, but not a value (2024年2月30日, 0.001万); `message` says why
};

// Why a value in a declared form is ambiguous or invalid: a message of the
// message table and its arguments.
struct FormMessage {
  std::string id;
  std::vector<MessageArg> args;
};

// Reads `text`, which the canonical reading of field `f` refused, in one of
// the forms the schema declares for f's type.
Form rewrite_value(const Schema& schema, const FieldDef& f, std::string_view text, std::string& canonical,
                   FormMessage& message);

// A member of a section named otherwise than by its own name.
struct MemberName {
  int field = -1;             // the field named, or -1 for a section
  int section = -1;           // the section named, when `field` is -1
  std::vector<int> through;   // a dotted name: the sections on the way, outermost first
  std::string path;           // the canonical path of what is named
};

// What `key` names in section `section`: a field or section by its label or
// an alias (forms.label_names), or a dotted path of names and labels
// (forms.path_names). False when it names nothing.
bool find_member(const Schema& schema, int section, std::string_view key, MemberName& out);

// The enum value `text` names by a label, or by its id or an alias written
// with full-width characters; -1 when none.
int find_enum_value(const Schema& schema, const EnumDef& e, std::string_view text);

}  // namespace talent::detail
