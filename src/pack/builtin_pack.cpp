#include "talent/builtin.hpp"

#include <stdexcept>
#include <string_view>
#include <utility>

namespace talent {
namespace detail {
std::vector<std::pair<std::string_view, std::string_view>> builtin_pack_data();
}

std::vector<PackFile> builtin_pack_files() {
  std::vector<PackFile> files;
  for (const auto& [name, content] : detail::builtin_pack_data()) {
    files.push_back(PackFile{std::string(name), std::string(content)});
  }
  return files;
}

std::shared_ptr<const RuleSet> builtin_rule_set() {
  static const std::shared_ptr<const RuleSet> rules = [] {
    LoadResult r = load_rule_set(builtin_pack_files(), "rules/hohhot-talent-25");
    if (!r.ok()) throw std::logic_error("the built-in rule pack does not load:\n" + format(r.diagnostics));
    return r.rule_set;
  }();
  return rules;
}

}  // namespace talent
