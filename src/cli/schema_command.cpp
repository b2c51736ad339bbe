// talent schema: the fields a record may carry, how each may be written.
// talent template: a blank record to fill in, as YAML with comments or as a
// spreadsheet's header row.
#include "cli/cli.hpp"
#include "cli/field_help.hpp"

#include <nlohmann/json.hpp>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

bool zh(Language language) { return language == Language::zh; }

struct SchemaOptions {
  std::string rules_dir;
  std::string lang;
  std::string format;
};

po::options_description schema_options(SchemaOptions& o, const char* usage, const char* formats) {
  po::options_description desc(usage);
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&o.rules_dir), "rule pack folder (default: the built-in pack)")
      ("lang", po::value(&o.lang), "zh or en (default: zh)")
      ("format", po::value(&o.format), formats);
  return desc;
}

std::string names_note(const RuleSet& rules, Language language) {
  const RecordForms& f = rules.forms();
  bool z = zh(language);
  std::string out;
  if (f.label_names || f.path_names) {
    out += z ? "字段名可写英文路径" : "A field may be named by its path";
    if (f.label_names) out += z ? "，也可写中文名称或别名" : ", its label or an alias";
    if (f.path_names) out += z ? "；分组里的字段可写成 就业创业情况.就业状态 这样的一项" : "; a field of a group also as one dotted name (employment.status)";
    out += z ? "。\n" : ".\n";
  }
  const char* policy = f.unknown_fields == UnknownFields::reject ? (z ? "整条记录不予受理" : "rejects the record")
                       : f.unknown_fields == UnknownFields::warn ? (z ? "忽略并列出" : "is left out and listed")
                                                                : (z ? "忽略" : "is left out");
  out += (z ? "写了上面没有的字段：" : "A field not listed here ") + std::string(policy) +
         (z ? "（可用 --unknown-fields 改变）。\n" : " (--unknown-fields changes that).\n");
  out += z ? "每处改写都列在决定的 normalized 中。\n" : "Every rewritten value or name is listed in the decision's normalized.\n";
  return out;
}

}  // namespace

int schema_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SchemaOptions o;
  o.format = "text";
  po::options_description desc = schema_options(o, "talent schema [options]", "text or json (default: text)");
  std::vector<std::string> operands;
  po::variables_map vm = parse_arguments(args, desc, operands);
  if (vm.count("help")) {
    out << help_text("schema", language_of(args));
    return kExitOk;
  }
  if (!operands.empty()) throw usage("cli.usage.unexpected_argument", {arg("value", operands[0])});
  if (o.format != "text" && o.format != "json") throw one_of("--format", "text, json", o.format);
  Language language = parse_language(o.lang);
  auto rules = load_rules(o.rules_dir, err);
  if (!rules) return kExitUsage;
  bool z = zh(language);
  if (o.format == "json") {
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const FieldInfo* f : fields_in_order(*rules)) {
      nlohmann::ordered_json j;
      j["path"] = f->path;
      j["label"] = {{"zh", f->label.zh}, {"en", f->label.en}};
      j["type"] = to_string(f->type);
      if (f->required) j["required"] = true;
      if (f->optional) j["optional"] = true;
      if (!f->aliases.empty()) j["aliases"] = f->aliases;
      if (f->min) j["min"] = *f->min;
      if (f->max) j["max"] = *f->max;
      for (const EnumValueInfo& v : f->values) {
        j["values"].push_back({{"value", v.id}, {"label", {{"zh", v.label.zh}, {"en", v.label.en}}}, {"aliases", v.aliases}});
      }
      std::string forms = allowed_words(*rules, *f, language);
      if (!forms.empty()) j["written"] = forms;
      fields.push_back(std::move(j));
    }
    out << nlohmann::ordered_json{{"fields", fields}}.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
        << "\n";
    return kExitOk;
  }
  out << (z ? "申请记录的字段（" : "The fields of an applicant record (") << rules->id() << " " << rules->version()
      << (z ? "）\n\n" : ")\n\n");
  for (const FieldInfo* f : fields_in_order(*rules)) {
    std::size_t depth = static_cast<std::size_t>(std::count(f->path.begin(), f->path.end(), '.'));
    std::string indent(2 * depth, ' ');
    out << indent << f->path << "  " << label_of(*f, language) << "  [" << type_words(*f, language);
    if (f->required) out << (z ? "，必填" : ", required");
    out << "]";
    if (!f->aliases.empty()) {
      out << (z ? "  又名 " : "  also named ");
      for (std::size_t i = 0; i < f->aliases.size(); ++i) out << (i ? (z ? "、" : ", ") : "") << f->aliases[i];
    }
    out << "\n";
    std::string allowed = allowed_words(*rules, *f, language);
    if (!allowed.empty()) out << indent << "    " << allowed << "\n";
  }
  out << "\n" << names_note(*rules, language);
  return kExitOk;
}

int template_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SchemaOptions o;
  o.format = "yaml";
  po::options_description desc = schema_options(o, "talent template [options]",
                                                "yaml (a record with comments) or csv (a spreadsheet's header row); default: yaml");
  std::vector<std::string> operands;
  po::variables_map vm = parse_arguments(args, desc, operands);
  if (vm.count("help")) {
    out << help_text("template", language_of(args));
    return kExitOk;
  }
  if (!operands.empty()) throw usage("cli.usage.unexpected_argument", {arg("value", operands[0])});
  if (o.format != "yaml" && o.format != "csv") throw one_of("--format", "yaml, csv", o.format);
  Language language = parse_language(o.lang);
  auto rules = load_rules(o.rules_dir, err);
  if (!rules) return kExitUsage;
  bool z = zh(language);
  std::vector<const FieldInfo*> fields = fields_in_order(*rules);
  if (o.format == "csv") {
    // Labels where the schema reads them as names, else paths; a section's
    // fields as dotted names.
    std::string row;
    for (const FieldInfo* f : fields) {
      if (f->type == FieldType::section) continue;
      std::string name;
      if (rules->forms().label_names && rules->forms().path_names) {
        for (std::string path = f->path; !path.empty(); path = parent_path(path)) {
          const FieldInfo* part = rules->find_field(path);
          name = (part ? label_of(*part, language) : path) + (name.empty() ? "" : "." + name);
        }
      } else {
        name = f->path;
      }
      if (!row.empty()) row += ',';
      row += name.find_first_of(",\"") == std::string::npos ? name : "\"" + name + "\"";
    }
    out << "\xEF\xBB\xBF" << row << "\r\n";
    return kExitOk;
  }
  out << (z ? "# 申请记录（" : "# An applicant record (") << rules->id() << " " << rules->version()
      << (z ? "）：填写已知的事实，不知道的留空。\n" : "): fill in what is known, leave the rest empty.\n");
  out << (z ? "# 核对：talent check 本文件；逐项问答：talent ask 本文件\n" : "# Check it: talent check FILE; interview: talent ask FILE\n");
  for (const FieldInfo* f : fields) {
    std::size_t depth = static_cast<std::size_t>(std::count(f->path.begin(), f->path.end(), '.'));
    // An optional section is left out unless the applicant has one: commented out.
    bool in_optional = false;
    for (std::string path = f->path; !path.empty(); path = parent_path(path)) {
      const FieldInfo* part = rules->find_field(path);
      in_optional = in_optional || (part && part->optional);
    }
    std::string name = f->path.substr(f->path.rfind('.') == std::string::npos ? 0 : f->path.rfind('.') + 1);
    std::string line = std::string(2 * depth, ' ') + name + ":";
    std::string comment = label_of(*f, language);
    if (f->required) comment += z ? "（必填）" : " (required)";
    if (f->optional) comment += z ? "：没有就不填这一段；有则去掉这一段各行开头的 #" : ": leave it out if there is none; else remove the # of its lines";
    std::string allowed = f->type == FieldType::section ? "" : allowed_words(*rules, *f, language);
    if (!allowed.empty()) comment += (z ? "：" : ": ") + allowed;
    if (line.size() < 24) line.resize(24, ' ');
    out << (in_optional ? "# " : "") << line << " # " << comment << "\n";
  }
  out << "\n# " << names_note(*rules, language).substr(0, names_note(*rules, language).find('\n')) << "\n";
  return kExitOk;
}

}  // namespace talent::cli
