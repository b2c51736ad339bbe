#include "base/messages.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace talent::detail {
std::string_view messages_data();  // the table's text, embedded by the build (cmake/embed_file.cmake)
}

namespace talent {
namespace {

using Table = std::map<std::string, LocalizedText, std::less<>>;

// The table, read once from the text the build embedded. A malformed table
// is a bug of the build, found by the first message and by the unit tests.
Table load() {
  YAML::Node root = YAML::Load(std::string(detail::messages_data()));
  if (!root.IsMap()) throw std::logic_error("the message table is not a mapping of ids");
  Table table;
  for (const auto& entry : root) {
    std::string id = entry.first.as<std::string>();
    const YAML::Node& texts = entry.second;
    if (!texts.IsMap() || !texts["zh"] || !texts["en"] || texts.size() != 2) {
      throw std::logic_error("message '" + id + "' must have exactly a zh and an en text");
    }
    LocalizedText text{texts["zh"].as<std::string>(), texts["en"].as<std::string>()};
    // Block scalars end in a newline the message does not want.
    for (std::string* s : {&text.zh, &text.en}) {
      while (!s->empty() && s->back() == '\n') s->pop_back();
    }
    if (!table.emplace(id, std::move(text)).second) throw std::logic_error("message '" + id + "' twice");
  }
  return table;
}

const Table& table() {
  static const Table t = load();
  return t;
}

bool name_character(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

const std::string& LocalizedText::in(Language language) const {
  const std::string& first = language == Language::zh ? zh : en;
  return first.empty() ? (language == Language::zh ? en : zh) : first;
}

std::string message(std::string_view id, Language language, const std::vector<MessageArg>& args) {
  auto found = table().find(id);
  if (found == table().end()) throw std::out_of_range("no message '" + std::string(id) + "' in the message table");
  const std::string& text = found->second.in(language);
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      std::size_t close = i + 1;
      while (close < text.size() && name_character(text[close])) ++close;
      if (close < text.size() && text[close] == '}' && close > i + 1) {
        std::string_view name(text.data() + i + 1, close - i - 1);
        auto a = std::find_if(args.begin(), args.end(), [&](const MessageArg& m) { return m.name == name; });
        if (a != args.end()) {
          out += a->value.in(language);
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

bool has_message(std::string_view id) { return table().find(id) != table().end(); }

std::vector<std::string> message_ids() {
  std::vector<std::string> ids;
  for (const auto& [id, text] : table()) ids.push_back(id);
  return ids;
}

}  // namespace talent
