// Base stage: building messages from the message table (talent/messages.hpp,
// src/base/messages.yaml) inside the library.
#pragma once

#include "talent/messages.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

// An argument whose value reads the same in both languages: a number, a
// value found in a record, a name.
inline MessageArg arg(std::string name, std::string value) {
  return MessageArg{std::move(name), LocalizedText{"", std::move(value)}};
}
// An argument with a text of its own in each language.
inline MessageArg arg(std::string name, LocalizedText value) { return MessageArg{std::move(name), std::move(value)}; }
// The message in both languages: the value of an argument of another one.
inline LocalizedText localized(std::string_view id, const std::vector<MessageArg>& args = {}) {
  return LocalizedText{message(id, Language::zh, args), message(id, Language::en, args)};
}

}  // namespace talent::detail
