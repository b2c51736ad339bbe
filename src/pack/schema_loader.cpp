#include "pack/schema_loader.hpp"

#include "pack/forms_loader.hpp"
#include "base/decimal.hpp"
#include "base/text.hpp"

#include <algorithm>

namespace talent::detail {
namespace {

struct TypeName {
  const char* name;
  ValueType type;
};
constexpr TypeName kTypes[] = {
    {"bool", ValueType::boolean}, {"int", ValueType::integer}, {"money", ValueType::money},
    {"rate", ValueType::rate},    {"date", ValueType::date},   {"enum", ValueType::enumeration},
    {"string", ValueType::string}, {"decimal", ValueType::decimal},
};

class SchemaLoader {
 public:
  SchemaLoader(YamlReader& reader, Schema& schema) : r_(reader), s_(schema) {}

  // Fields an amendment adds to the record: new top-level fields or
  // sections, never a change to one the schema has.
  bool add_fields(const YamlNode& fields) {
    load_members(fields, 0);
    return ok_;
  }

  bool load() {
    const YamlNode& root = r_.document().root;
    if (!r_.mapping(root, "the schema", {"enums", "fields"}, {"forms"})) return false;
    if (const YamlNode* enums = root.find("enums")) load_enums(*enums);
    s_.sections.push_back(SectionDef{});
    if (const YamlNode* fields = root.find("fields")) load_members(*fields, 0);
    if (const YamlNode* forms = root.find("forms")) {
      if (!load_forms(r_, *forms, s_)) ok_ = false;
    }
    s_.id_field = s_.find_field("id");
    int name = s_.find_field("name");
    if (name >= 0 && s_.fields[static_cast<std::size_t>(name)].type == ValueType::string) s_.name_field = name;
    if (s_.id_field < 0 || s_.fields[static_cast<std::size_t>(s_.id_field)].type != ValueType::string ||
        !s_.fields[static_cast<std::size_t>(s_.id_field)].required) {
      fail(root, ErrorCode::missing, "the schema must declare the record's identifier: 'id: {type: string, required: true}'");
    }
    return ok_;
  }

 private:
  void fail(const YamlNode& at, ErrorCode code, std::string message) {
    r_.error(at, code, std::move(message));
    ok_ = false;
  }

  // A field's or section's `aliases`: other names a record may give it.
  std::vector<std::string> aliases(const YamlNode& decl) {
    std::vector<std::string> out;
    const YamlNode* list = decl.find("aliases");
    if (!list) return out;
    if (!list->is_sequence()) {
      fail(*list, ErrorCode::wrong_type, "expected 'aliases' to be a list of names");
      return out;
    }
    for (const YamlNode& a : list->items) {
      if (!a.is_scalar() || a.value.empty()) fail(a, ErrorCode::wrong_type, "expected an alias to be a name");
      else out.push_back(a.value);
    }
    return out;
  }

  void load_enums(const YamlNode& enums) {
    if (!enums.is_map()) return fail(enums, ErrorCode::wrong_type, "expected 'enums' to map enum names to their values");
    for (const auto& [key, list] : enums.entries) {
      EnumDef def;
      def.name = key.value;
      if (!list.is_sequence() || list.items.empty()) {
        fail(list, list.is_sequence() ? ErrorCode::missing : ErrorCode::wrong_type,
             "expected enum '" + def.name + "' to be a non-empty list of values");
        continue;
      }
      for (const YamlNode& item : list.items) {
        if (!r_.mapping(item, "an enum value", {"value"}, {"label", "aliases"})) {
          ok_ = false;
          continue;
        }
        EnumValue v;
        if (const YamlNode* id = r_.scalar(item, "value")) v.id = id->value;
        v.label = r_.text(item, "label");
        if (const YamlNode* aliases = item.find("aliases")) {
          if (!aliases->is_sequence()) {
            fail(*aliases, ErrorCode::wrong_type, "expected 'aliases' to be a list");
          } else {
            for (const YamlNode& a : aliases->items) {
              if (!a.is_scalar()) fail(a, ErrorCode::wrong_type, "expected an alias to be a single value");
              else v.aliases.push_back(a.value);
            }
          }
        }
        for (const auto& other : def.values) {
          std::vector<std::string> names = other.aliases;
          names.push_back(other.id);
          for (const std::string& name : names) {
            if (name == v.id) fail(item, ErrorCode::duplicate, "enum '" + def.name + "' lists '" + v.id + "' twice");
            for (const std::string& alias : v.aliases) {
              if (name == alias) {
                fail(item, ErrorCode::duplicate, "alias '" + alias + "' of enum '" + def.name + "' names two values");
              }
            }
          }
        }
        def.values.push_back(std::move(v));
      }
      s_.enums.push_back(std::move(def));
    }
  }

  void load_members(const YamlNode& fields, int section) {
    if (!fields.is_map()) return fail(fields, ErrorCode::wrong_type, "expected 'fields' to map field names to their declarations");
    for (const auto& [key, decl] : fields.entries) {
      std::string parent_path = s_.sections[static_cast<std::size_t>(section)].path;
      if (!check_name(key, parent_path.empty())) continue;
      std::string path = parent_path.empty() ? key.value : parent_path + "." + key.value;
      if (s_.find_field(path) >= 0 || s_.find_section(path) >= 0) {
        fail(key, ErrorCode::duplicate, "the record already has a field or section '" + path + "'");
        continue;
      }
      if (!r_.mapping(decl, "field '" + path + "'", {"type"}, {"label", "aliases", "required", "optional", "absent", "enum", "min", "max", "places", "fields", "mutable"})) {
        ok_ = false;
        continue;
      }
      const YamlNode* type = r_.scalar(decl, "type");
      if (!type) {
        ok_ = false;
        continue;
      }
      if (type->value == "section") {
        add_section(key, decl, path, section);
        continue;
      }
      FieldDef f;
      f.path = path;
      f.name = key.value;
      f.section = section;
      f.label = r_.text(decl, "label");
      f.aliases = aliases(decl);
      bool known = false;
      for (const auto& t : kTypes) {
        if (type->value == t.name) f.type = t.type, known = true;
      }
      if (!known) {
        std::vector<std::string> names{"section"};
        for (const auto& t : kTypes) names.emplace_back(t.name);
        fail(*type, ErrorCode::unknown_name, "unknown type '" + type->value + "'" + did_you_mean(type->value, names) +
                        "; expected bool, int, money, rate, decimal, date, enum, string or section");
        continue;
      }
      if (const YamlNode* changeable = decl.find("mutable")) {
        if (!r_.boolean(*changeable, f.changeable)) ok_ = false;
      }
      if (const YamlNode* required = decl.find("required")) {
        if (!r_.boolean(*required, f.required)) ok_ = false;
      }
      for (const char* key_name : {"optional", "absent", "fields"}) {
        const YamlNode* n = decl.find(key_name);
        if (n) fail(*n, ErrorCode::unknown_name, std::string("'") + key_name + "' applies to sections only");
      }
      const YamlNode* enum_name = decl.find("enum");
      if (f.type == ValueType::enumeration) {
        if (!enum_name || !enum_name->is_scalar()) {
          fail(decl, ErrorCode::missing, "field '" + path + "' has type enum but names no enum ('enum: <name>')");
        } else {
          f.enum_id = s_.find_enum(enum_name->value);
          if (f.enum_id < 0) {
            std::vector<std::string> names;
            for (const auto& e : s_.enums) names.push_back(e.name);
            fail(*enum_name, ErrorCode::unknown_name,
                 "unknown enum '" + enum_name->value + "'" + did_you_mean(enum_name->value, names));
          }
        }
      } else if (enum_name) {
        fail(*enum_name, ErrorCode::unknown_name, "'enum' applies to enum fields only");
      }
      if (!places(decl, f)) continue;
      for (const char* bound : {"min", "max"}) {
        const YamlNode* n = decl.find(bound);
        if (!n) continue;
        std::int64_t v = 0;
        if (f.type == ValueType::decimal) {
          std::optional<std::int64_t> units = n->is_scalar() ? parse_decimal_units(n->value, f.places) : std::nullopt;
          if (units) (bound[1] == 'i' ? f.min : f.max) = *units;
          else fail(*n, ErrorCode::wrong_type, std::string("expected '") + bound + "' to be a number with at most " +
                                                   std::to_string(f.places) + " decimals, like the field's values");
        } else if (f.type != ValueType::integer) {
          fail(*n, ErrorCode::unknown_name, std::string("'") + bound + "' applies to int and decimal fields only");
        } else if (!n->is_scalar() || parse_whole_number(n->value, v) != WholeNumber::ok) {
          fail(*n, ErrorCode::wrong_type, std::string("expected '") + bound + "' to be a whole number");
        } else {
          (bound[1] == 'i' ? f.min : f.max) = v;
        }
      }
      if (f.min && f.max && *f.min > *f.max) {
        fail(*decl.find("max"), ErrorCode::invalid_value,
             "'max' (" + format_decimal_units(*f.max, f.places) + ") is less than 'min' (" + format_decimal_units(*f.min, f.places) +
                 "): no value could be accepted");
      }
      f.slot = static_cast<int>(s_.slot_count++);
      s_.sections[static_cast<std::size_t>(section)].fields.push_back(static_cast<int>(s_.fields.size()));
      s_.fields.push_back(std::move(f));
    }
  }

  // A decimal field's `places` (how many decimals its values may have), which
  // it must declare; no other field may. False when that is not so.
  bool places(const YamlNode& decl, FieldDef& f) {
    const YamlNode* n = decl.find("places");
    if (f.type != ValueType::decimal) {
      if (n) fail(*n, ErrorCode::unknown_name, "'places' applies to decimal fields only");
      return !n;
    }
    std::int64_t v = -1;
    if (!n) {
      fail(decl, ErrorCode::missing, "field '" + f.path + "' has type decimal but does not say how many decimals its values may have ('places: 2')");
    } else if (!n->is_scalar() || parse_whole_number(n->value, v) != WholeNumber::ok || v < 0 || v > kMaxDecimalPlaces) {
      fail(*n, ErrorCode::invalid_value, "expected 'places' to be a whole number from 0 to " + std::to_string(kMaxDecimalPlaces));
    } else {
      f.places = static_cast<int>(v);
      return true;
    }
    return false;
  }

  // A field's or a section's name must be one an expression can write, and
  // mean nothing but that field there.
  bool check_name(const YamlNode& key, bool top_level) {
    const std::string& name = key.value;
    auto word_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9'); };
    if (name.empty() || (name[0] >= '0' && name[0] <= '9') || !std::all_of(name.begin(), name.end(), word_char)) {
      fail(key, ErrorCode::invalid_value,
           "'" + name + "' is not a plain name (letters, digits and _, not starting with a digit)" +
               (name.find('.') != std::string::npos
                    ? "; a '.' reads as a field of a section: declare the field in that section's 'fields'"
                    : ""));
      return false;
    }
    for (const char* word : {"as_of", "cycle_start", "cycle_end", "and", "or", "not", "in", "true", "false"}) {
      if (name == word) {
        fail(key, ErrorCode::invalid_value, "'" + name + "' is a word of the rule language; a field of that name could never be read");
        return false;
      }
    }
    if (!top_level) return true;  // a section's field is always written with its section's name
    for (const EnumDef& e : s_.enums) {
      for (const EnumValue& v : e.values) {
        if (v.id != name) continue;
        fail(key, ErrorCode::duplicate,
             "a field named '" + name + "' would hide the value '" + name + "' of enum '" + e.name +
                 "': a condition such as `x == " + name + "` would read the field; choose another name");
        return false;
      }
    }
    return true;
  }

  void add_section(const YamlNode& key, const YamlNode& decl, const std::string& path, int parent) {
    SectionDef sec;
    sec.path = path;
    sec.name = key.value;
    sec.parent = parent;
    sec.label = r_.text(decl, "label");
    sec.aliases = aliases(decl);
    if (const YamlNode* optional = decl.find("optional")) {
      if (!r_.boolean(*optional, sec.optional)) ok_ = false;
    }
    if (const YamlNode* absent = decl.find("absent")) {
      sec.absent = r_.text(decl, "absent");
      if (!sec.optional) fail(*absent, ErrorCode::invalid_value, "'absent' applies to an optional section only ('optional: true'): only its absence means something");
    }
    for (const char* key_name : {"required", "enum", "min", "max", "places", "mutable"}) {
      const YamlNode* n = decl.find(key_name);
      if (n) fail(*n, ErrorCode::unknown_name, std::string("'") + key_name + "' does not apply to a section");
    }
    sec.slot = static_cast<int>(s_.slot_count++);
    int index = static_cast<int>(s_.sections.size());
    s_.sections[static_cast<std::size_t>(parent)].sections.push_back(index);
    s_.sections.push_back(std::move(sec));
    const YamlNode* fields = decl.find("fields");
    if (!fields) return fail(decl, ErrorCode::missing, "section '" + path + "' declares no 'fields'");
    load_members(*fields, index);
  }

  YamlReader& r_;
  Schema& s_;
  bool ok_ = true;
};

}  // namespace

bool load_schema(YamlReader& reader, Schema& out) { return SchemaLoader(reader, out).load(); }

bool add_schema_fields(YamlReader& reader, const YamlNode& fields, Schema& out) {
  return SchemaLoader(reader, out).add_fields(fields);
}

}  // namespace talent::detail
