#include "pack/forms_loader.hpp"

#include "base/text.hpp"

namespace talent::detail {

bool valid_date_pattern(std::string_view pattern) {
  int years = 0, months = 0, days = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (pattern.substr(i, 4) == "YYYY") {
      ++years;
      i += 3;
    } else if (c == 'M') {
      ++months;
    } else if (c == 'D') {
      ++days;
    } else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      return false;
    }
  }
  return years == 1 && months == 1 && days == 1;
}

namespace {

class FormsLoader {
 public:
  FormsLoader(YamlReader& reader, Schema& schema) : r_(reader), s_(schema), f_(schema.forms) {}

  bool load(const YamlNode& forms) {
    if (!r_.mapping(forms, "'forms'", {},
                    {"unknown_fields", "names", "enum_labels", "full_width", "bool", "date", "money"})) {
      return false;
    }
    if (const YamlNode* n = r_.scalar(forms, "unknown_fields")) {
      if (n->value == "reject") f_.unknown_fields = UnknownFields::reject;
      else if (n->value == "warn") f_.unknown_fields = UnknownFields::warn;
      else if (n->value == "ignore") f_.unknown_fields = UnknownFields::ignore;
      else fail(*n, ErrorCode::invalid_value, "expected 'unknown_fields' to be reject, warn or ignore, not '" + n->value + "'");
    }
    if (const YamlNode* n = forms.find("names")) {
      for (const std::string& name : words(*n, "names")) {
        if (name == "label") f_.label_names = true;
        else if (name == "path") f_.path_names = true;
        else fail(*n, ErrorCode::invalid_value, "expected 'names' to list label and/or path, not '" + name + "'");
      }
      if (f_.label_names) check_member_names(forms.find_key("names") ? *forms.find_key("names") : *n);
    }
    if (const YamlNode* n = forms.find("enum_labels")) {
      if (!r_.boolean(*n, f_.enum_labels)) ok_ = false;
      if (f_.enum_labels) check_enum_labels(*n);
    }
    if (const YamlNode* n = forms.find("full_width")) {
      if (!r_.boolean(*n, f_.full_width)) ok_ = false;
    }
    if (const YamlNode* n = forms.find("bool")) load_bool(*n);
    if (const YamlNode* n = forms.find("date")) {
      for (const std::string& pattern : words(*n, "date")) {
        if (!valid_date_pattern(pattern)) {
          fail(*n, ErrorCode::invalid_value,
               "date pattern '" + pattern + "' must hold YYYY, M and D once each, like YYYY年M月D日 or YYYY/M/D");
        } else {
          f_.date_patterns.push_back(pattern);
        }
      }
    }
    if (const YamlNode* n = forms.find("money")) load_money(*n);
    return ok_;
  }

 private:
  void fail(const YamlNode& at, ErrorCode code, std::string message) {
    r_.error(at, code, std::move(message));
    ok_ = false;
  }

  // A list of non-empty scalars.
  std::vector<std::string> words(const YamlNode& list, const std::string& what) {
    std::vector<std::string> out;
    if (!list.is_sequence()) {
      fail(list, ErrorCode::wrong_type, "expected '" + what + "' to be a list");
      return out;
    }
    for (const YamlNode& item : list.items) {
      if (!item.is_scalar() || item.value.empty()) fail(item, ErrorCode::wrong_type, "expected each of '" + what + "' to be a single word");
      else out.push_back(item.value);
    }
    return out;
  }

  void load_bool(const YamlNode& node) {
    if (!r_.mapping(node, "'bool'", {}, {"true", "false"})) return void(ok_ = false);
    if (const YamlNode* t = node.find("true")) f_.true_words = words(*t, "true");
    if (const YamlNode* f = node.find("false")) f_.false_words = words(*f, "false");
    for (const std::string& t : f_.true_words) {
      for (const std::string& f : f_.false_words) {
        if (t == f) fail(node, ErrorCode::duplicate, "'" + t + "' cannot mean both true and false");
      }
    }
  }

  void load_money(const YamlNode& node) {
    if (!r_.mapping(node, "'money'", {}, {"grouping", "signs", "units"})) return void(ok_ = false);
    if (const YamlNode* g = r_.scalar(node, "grouping")) {
      if (g->value.empty() || g->value.find_first_of("0123456789.-") != std::string::npos) {
        fail(*g, ErrorCode::invalid_value, "expected 'grouping' to be the character between groups of digits, like ','");
      } else {
        f_.money_grouping = g->value;
      }
    }
    if (const YamlNode* signs = node.find("signs")) f_.money_signs = words(*signs, "signs");
    const YamlNode* units = node.find("units");
    if (!units) return;
    if (!units->is_map()) return fail(*units, ErrorCode::wrong_type, "expected 'units' to map each unit to its value in yuan");
    for (const auto& [name, value] : units->entries) {
      std::optional<Money> m = value.is_scalar() ? Money::parse(value.value) : std::nullopt;
      if (!m || m->fen() <= 0) {
        fail(value, ErrorCode::invalid_value, "expected unit '" + name.value + "' to be worth an amount in yuan above 0, like 10000");
        continue;
      }
      if (name.value.find_first_of("0123456789.,-") != std::string::npos) {
        fail(name, ErrorCode::invalid_value, "a unit's name cannot hold digits or signs: '" + name.value + "'");
        continue;
      }
      f_.money_units.push_back(MoneyUnit{name.value, *m});
    }
  }

  // With names by label, no two members of a section may answer to one name.
  void check_member_names(const YamlNode& at) {
    for (const SectionDef& sec : s_.sections) {
      std::vector<std::pair<std::string, std::string>> names;  // name, member path
      auto add = [&](const std::string& name, const std::string& path) {
        if (name.empty()) return;
        std::string folded = fold_full_width(name);
        for (const auto& [other, other_path] : names) {
          if (other == folded && other_path != path) {
            fail(at, ErrorCode::duplicate,
                 "'" + name + "' would name both '" + other_path + "' and '" + path + "'; give one of them another label");
          }
        }
        names.emplace_back(folded, path);
      };
      for (int f : sec.fields) {
        const FieldDef& def = s_.fields[static_cast<std::size_t>(f)];
        for (const std::string* n : {&def.name, &def.label.zh, &def.label.en}) add(*n, def.path);
        for (const std::string& a : def.aliases) add(a, def.path);
      }
      for (int c : sec.sections) {
        const SectionDef& def = s_.sections[static_cast<std::size_t>(c)];
        for (const std::string* n : {&def.name, &def.label.zh, &def.label.en}) add(*n, def.path);
        for (const std::string& a : def.aliases) add(a, def.path);
      }
    }
  }

  // With values by label, no label may name another value of its enum.
  void check_enum_labels(const YamlNode& at) {
    for (const EnumDef& e : s_.enums) {
      for (std::size_t i = 0; i < e.values.size(); ++i) {
        for (const std::string* label : {&e.values[i].label.zh, &e.values[i].label.en}) {
          if (label->empty()) continue;
          for (std::size_t j = 0; j < e.values.size(); ++j) {
            if (j == i) continue;
            std::vector<std::string> names = e.values[j].aliases;
            names.push_back(e.values[j].id);
            names.push_back(e.values[j].label.zh);
            names.push_back(e.values[j].label.en);
            for (const std::string& name : names) {
              if (!name.empty() && fold_full_width(name) == fold_full_width(*label)) {
                fail(at, ErrorCode::duplicate,
                     "label '" + *label + "' of enum '" + e.name + "' would name both '" + e.values[i].id + "' and '" +
                         e.values[j].id + "'");
              }
            }
          }
        }
      }
    }
  }

  YamlReader& r_;
  Schema& s_;
  RecordForms& f_;
  bool ok_ = true;
};

}  // namespace

bool load_forms(YamlReader& reader, const YamlNode& forms, Schema& out) { return FormsLoader(reader, out).load(forms); }

}  // namespace talent::detail
