// The words talent shows people, in Chinese and in English, kept in one table
// (src/base/messages.yaml) and looked up by a message id such as
// "record.date_not_real". Values are put in by name: "{value}" in the text
// is replaced with the argument named "value".
//
//   std::string s = talent::message("record.date_not_real", talent::Language::zh,
//                                   {{"value", {"", "\"2023-02-30\""}}});
//   // 不是有效日期，应为 年-月-日，例如 2023-06-30；收到 "2023-02-30"
//
// A rejected record's RecordError carries the id and the arguments of its
// message, so that a program may show it in either language
// (talent::describe in report.hpp adds the field's label).
#pragma once

#include "talent/export.h"

#include <string>
#include <string_view>
#include <vector>

namespace talent {

enum class Language { zh, en };

struct TALENT_API LocalizedText {
  std::string zh;
  std::string en;
  // The text in `language`, falling back to the other one when empty.
  const std::string& in(Language language) const;
};

// One value a message names: `{name}` in the text becomes value.in(language).
// A value that reads the same in both languages (a number, a value found in
// a record) may be given once, in either member.
struct MessageArg {
  std::string name;
  LocalizedText value;
};

// The message `id` in `language` with its arguments put in. Throws
// std::out_of_range for an id the table does not have.
TALENT_API std::string message(std::string_view id, Language language, const std::vector<MessageArg>& args = {});
// Whether the table has `id`.
TALENT_API bool has_message(std::string_view id);
// Every id of the table, sorted: for tests and for translators' tools.
TALENT_API std::vector<std::string> message_ids();

// Text from outside — a record's values and id, a file name, a pack's texts —
// made safe to show on a terminal: line breaks and tabs shown as \n, \r,
// \t, other control characters as \x1B, C1 controls, bidirectional
// overrides, isolates and marks and line separators as <U+202E>, bytes that
// are not UTF-8 as \xNN; anything else as it is. Every
// piece of outside text in talent's text output passes through it; JSON
// output is escaped by JSON's own rules instead.
TALENT_API std::string display_text(std::string_view text);

}  // namespace talent
