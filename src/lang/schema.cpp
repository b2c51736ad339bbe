#include "lang/schema.hpp"

namespace talent::detail {

std::vector<std::string> EnumDef::ids() const {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.id);
  return out;
}

int EnumDef::find(std::string_view text) const {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].id == text) return static_cast<int>(i);
    for (const auto& alias : values[i].aliases) {
      if (alias == text) return static_cast<int>(i);
    }
  }
  return -1;
}

int Schema::find_field(std::string_view path) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].path == path) return static_cast<int>(i);
  }
  return -1;
}

int Schema::find_section(std::string_view path) const {
  for (std::size_t i = 1; i < sections.size(); ++i) {
    if (sections[i].path == path) return static_cast<int>(i);
  }
  return -1;
}

int Schema::find_enum(std::string_view name) const {
  for (std::size_t i = 0; i < enums.size(); ++i) {
    if (enums[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Schema::field_paths() const {
  std::vector<std::string> out;
  for (const auto& f : fields) out.push_back(f.path);
  for (std::size_t i = 1; i < sections.size(); ++i) out.push_back(sections[i].path);
  return out;
}

}  // namespace talent::detail
