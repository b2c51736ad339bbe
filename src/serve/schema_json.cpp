#include "serve/schema_json.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace talent::serve {
namespace {

using Json = nlohmann::ordered_json;

Json nullable(std::initializer_list<const char*> types) {
  Json list = Json::array();
  for (const char* t : types) list.push_back(t);
  list.push_back("null");
  return Json{{"type", list}};
}

Json field_schema(const FieldInfo& field, Language language) {
  Json s;
  switch (field.type) {
    case FieldType::boolean: s = nullable({"boolean"}); break;
    case FieldType::integer: s = nullable({"integer"}); break;
    case FieldType::money:
      // A number or a string of yuan with at most two decimals; the pattern
      // applies to strings.
      s = nullable({"string", "number"});
      s["pattern"] = "^[0-9]+(\\.[0-9]{1,2})?$";
      s["minimum"] = 0;
      break;
    case FieldType::rate:
      s = nullable({"string", "number"});
      s["pattern"] = "^(0(\\.[0-9]{1,9})?|[0-9]{1,2}(\\.[0-9]{1,7})?%)$";
      s["minimum"] = 0;
      s["exclusiveMaximum"] = 1;
      break;
    case FieldType::date:
      s = nullable({"string"});
      s["format"] = "date";
      s["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
      break;
    case FieldType::enumeration: {
      Json choices = Json::array();
      for (const EnumValueInfo& v : field.values) choices.push_back({{"const", v.id}, {"title", v.label.in(language)}});
      choices.push_back({{"type", "null"}});
      s["anyOf"] = std::move(choices);
      break;
    }
    case FieldType::text: s = nullable({"string"}); break;
    case FieldType::decimal:
      // A number or a string with at most the field's decimals (a score).
      s = nullable({"string", "number"});
      s["pattern"] = field.places == 0 ? std::string("^-?[0-9]+$")
                                       : "^-?[0-9]+(\\.[0-9]{1," + std::to_string(field.places) + "})?$";
      break;
    case FieldType::section:
      s = nullable({"object"});
      s["additionalProperties"] = false;
      s["properties"] = Json::object();
      break;
  }
  Json out{{"title", field.label.in(language)}};
  for (auto& [key, value] : s.items()) out[key] = value;
  return out;
}

}  // namespace

std::string schema_json(const RuleSet& rules, Language language) {
  Json root;
  root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  root["title"] = rules.title().in(language);
  root["description"] = "An applicant record for the rule set " + rules.id() + " " + rules.version() + " (" +
                        rules.digest() + "). Enum values are given by their canonical names; the pack also "
                        "accepts the aliases its schema.yaml lists.";
  root["type"] = "object";
  root["additionalProperties"] = false;
  root["properties"] = Json::object();
  for (const FieldInfo& field : rules.fields()) {
    Json* properties = &root["properties"];
    std::string path = field.path;
    for (std::size_t dot; (dot = path.find('.')) != std::string::npos;) {
      properties = &(*properties)[path.substr(0, dot)]["properties"];
      path.erase(0, dot + 1);
    }
    Json s = field_schema(field, language);
    if (field.path == "id") {
      // The one required field, never empty or blank.
      s["type"] = "string";
      s["minLength"] = 1;
      s["pattern"] = "\\S";
    }
    // A section may come after the fields inside it: keep those.
    Json& slot = (*properties)[path];
    if (field.type == FieldType::section && slot.is_object() && slot.contains("properties")) {
      s["properties"] = std::move(slot["properties"]);
    }
    slot = std::move(s);
  }
  if (rules.find_field("id")) root["required"] = Json::array({"id"});
  return root.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace talent::serve
