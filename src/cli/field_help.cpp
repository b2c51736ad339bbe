#include "cli/field_help.hpp"

#include <functional>

namespace talent::cli {
namespace {

bool zh(Language language) { return language == Language::zh; }

std::string joined(const std::vector<std::string>& items, Language language) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += zh(language) ? "、" : ", ";
    out += item;
  }
  return out;
}

// "2024年6月30日" for the pattern "YYYY年M月D日".
std::string date_example(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 4, "YYYY") == 0) {
      out += "2024";
      i += 3;
    } else if (pattern[i] == 'M') {
      out += "6";
    } else if (pattern[i] == 'D') {
      out += "30";
    } else {
      out += pattern[i];
    }
  }
  return out;
}

// 300000.00 written in each declared form of money.
std::vector<std::string> money_examples(const RecordForms& forms) {
  std::vector<std::string> out;
  if (!forms.money_grouping.empty()) out.push_back("300" + forms.money_grouping + "000.00");
  for (const std::string& sign : forms.money_signs) {
    out.push_back(sign + "300000");
    break;  // one sign is example enough
  }
  for (const MoneyUnit& unit : forms.money_units) {
    std::int64_t fen = Money::parse("300000.00")->fen();
    if (unit.value.fen() > 0 && fen % unit.value.fen() == 0) out.push_back(std::to_string(fen / unit.value.fen()) + unit.name);
  }
  return out;
}

}  // namespace

std::vector<const FieldInfo*> fields_in_order(const RuleSet& rules) {
  std::vector<const FieldInfo*> out;
  auto listed = [&out](const std::string& path) {
    for (const FieldInfo* f : out) {
      if (f->path == path) return true;
    }
    return false;
  };
  // Sections come after the fields in RuleSet::fields(); each goes before its first field.
  std::function<void(const std::string&)> add_sections = [&](const std::string& path) {
    if (path.empty() || listed(path)) return;
    add_sections(parent_path(path));
    if (const FieldInfo* s = rules.find_field(path)) out.push_back(s);
  };
  for (const FieldInfo& f : rules.fields()) {
    if (f.type == FieldType::section) continue;
    add_sections(parent_path(f.path));
    out.push_back(&f);
  }
  for (const FieldInfo& f : rules.fields()) {
    if (f.type == FieldType::section && !listed(f.path)) out.push_back(&f);
  }
  return out;
}

std::string parent_path(const std::string& path) {
  std::size_t dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}

std::string label_of(const FieldInfo& field, Language language) {
  const std::string& label = field.label.in(language);
  return label.empty() ? field.path : label;
}

std::string type_words(const FieldInfo& field, Language language) {
  bool z = zh(language);
  switch (field.type) {
    case FieldType::boolean: return z ? "是否" : "yes or no";
    case FieldType::integer: return z ? "整数" : "whole number";
    case FieldType::money: return z ? "金额（元）" : "amount (yuan)";
    case FieldType::rate: return z ? "利率" : "rate";
    case FieldType::date: return z ? "日期" : "date";
    case FieldType::enumeration: return z ? "选项" : "one of";
    case FieldType::text: return z ? "文本" : "text";
    case FieldType::section: return z ? "分组" : "group";
    case FieldType::decimal:
      return z ? "数（至多 " + std::to_string(field.places) + " 位小数）"
               : "number (at most " + std::to_string(field.places) + " decimals)";
  }
  return "";
}

std::string allowed_words(const RuleSet& rules, const FieldInfo& field, Language language) {
  bool z = zh(language);
  const RecordForms& forms = rules.forms();
  std::string also = z ? "；也可写 " : "; also ";
  switch (field.type) {
    case FieldType::boolean: {
      // The first word of each as the answer; the others, and true / false, as other spellings.
      const std::vector<std::string>& yes = forms.true_words;
      const std::vector<std::string>& no = forms.false_words;
      if (yes.empty() || no.empty()) return "true / false";
      std::vector<std::string> other_yes(yes.begin() + 1, yes.end()), other_no(no.begin() + 1, no.end());
      other_yes.push_back("true");
      other_no.push_back("false");
      return yes[0] + " / " + no[0] + (z ? "（也可写 " : " (also ") + joined(other_yes, language) + " / " +
             joined(other_no, language) + (z ? "）" : ")");
    }
    case FieldType::integer: {
      std::string out = z ? "如 36" : "e.g. 36";
      if (field.min) out += (z ? "，至少 " : ", at least ") + std::to_string(*field.min);
      if (field.max) out += (z ? "，至多 " : ", at most ") + std::to_string(*field.max);
      return out;
    }
    case FieldType::money: {
      std::vector<std::string> examples = money_examples(forms);
      return (z ? "如 300000.00" : "e.g. 300000.00") + (examples.empty() ? "" : also + joined(examples, language));
    }
    case FieldType::rate: return z ? "如 3.85% 或 0.0385（不带 % 的 3.85 不予受理）" : "e.g. 3.85% or 0.0385 (3.85 without % is refused)";
    case FieldType::date: {
      std::vector<std::string> examples;
      for (const std::string& p : forms.date_patterns) {
        std::string e = date_example(p);
        if (e != "2024-06-30") examples.push_back(e);
      }
      return (z ? "如 2024-06-30" : "e.g. 2024-06-30") + (examples.empty() ? "" : also + joined(examples, language));
    }
    case FieldType::enumeration: {
      std::vector<std::string> values, others;
      for (const EnumValueInfo& v : field.values) {
        values.push_back(forms.enum_labels ? v.label.in(language) : v.id);
        for (const std::string& a : v.aliases) others.push_back(a);
        if (forms.enum_labels) others.push_back(v.id);
      }
      return joined(values, language) + (others.empty() ? "" : (z ? "（也可写 " : " (also ") + joined(others, language) + (z ? "）" : ")"));
    }
    case FieldType::section:
      if (field.optional) return z ? "可无：不填即没有" : "may be absent: leaving it out says there is none";
      return "";
    case FieldType::text: return "";
    case FieldType::decimal: {
      std::string out;
      auto number = [&field](std::int64_t units) {
        std::int64_t scale = 1;
        for (int i = 0; i < field.places; ++i) scale *= 10;
        std::string fraction = std::to_string(units % scale);
        fraction.insert(0, static_cast<std::size_t>(field.places) - fraction.size(), '0');
        return std::to_string(units / scale) + (field.places > 0 ? "." + fraction : "");
      };
      if (field.min) out += (z ? "至少 " : "at least ") + number(*field.min);
      if (field.max) out += std::string(out.empty() ? "" : z ? "，" : ", ") + (z ? "至多 " : "at most ") + number(*field.max);
      return out;
    }
  }
  return "";
}

}  // namespace talent::cli
