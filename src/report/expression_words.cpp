// The pack's expressions in words, for a caseworker: every name by its
// label, enum values by theirs, operators as signs ("as_of <= rent_deadline"
// reads "核定日期 ≤ 毕业满2年之日").
#include "talent/report.hpp"

#include "lang/lexer.hpp"

#include <vector>

namespace talent {
namespace {

using detail::Token;
using detail::TokenKind;

const char* sign(TokenKind kind, bool zh) {
  switch (kind) {
    case TokenKind::eq: return "=";
    case TokenKind::ne: return "≠";
    case TokenKind::lt: return "<";
    case TokenKind::le: return "≤";
    case TokenKind::gt: return ">";
    case TokenKind::ge: return "≥";
    case TokenKind::plus: return "+";
    case TokenKind::minus: return "-";
    case TokenKind::star: return "×";
    case TokenKind::slash: return "÷";
    case TokenKind::percent: return "%";
    case TokenKind::kw_and: return zh ? "且" : "and";
    case TokenKind::kw_or: return zh ? "或" : "or";
    case TokenKind::kw_not: return zh ? "非" : "not";
    case TokenKind::kw_in: return zh ? "属于" : "in";
    case TokenKind::kw_true: return zh ? "是" : "yes";
    case TokenKind::kw_false: return zh ? "否" : "no";
    default: return nullptr;
  }
}

// A name an expression reads, by its label: a field, a section, a
// parameter, a definition, a program, the as-of date or a cycle's day.
// `field` is the field last read, whose enum a value name belongs to first.
std::string name_words(const RuleSet& rules, const std::string& name, const std::string& field, Language language) {
  bool zh = language == Language::zh;
  if (name == "as_of") return zh ? "核定日期" : "the as-of date";
  if (name == "cycle_start") return zh ? "评选周期首日" : "the cycle's first day";
  if (name == "cycle_end") return zh ? "评选周期末日" : "the cycle's last day";
  if (const LocalizedText* label = rules.field_label(name); label && !label->in(language).empty()) return label->in(language);
  for (const ParameterInfo& p : rules.parameters()) {
    if (p.id == name && !p.label.in(language).empty()) return p.label.in(language);
  }
  for (const NamedExpressionInfo& x : rules.named_expressions()) {
    if (x.id == name && !x.label.in(language).empty()) return x.label.in(language);
  }
  for (const ProgramInfo& p : rules.programs()) {
    if (p.id == name) return p.title.in(language);
  }
  // An enum value: of the field last read first, else of the first enum that has it.
  if (const FieldInfo* read = rules.find_field(field)) {
    for (const EnumValueInfo& v : read->values) {
      if (v.id == name && !v.label.in(language).empty()) return v.label.in(language);
    }
  }
  for (const FieldInfo& f : rules.fields()) {
    for (const EnumValueInfo& v : f.values) {
      if (v.id == name && !v.label.in(language).empty()) return v.label.in(language);
    }
  }
  return name;
}

}  // namespace

std::string expression_words(const RuleSet& rules, const std::string& expression, Language language) {
  bool zh = language == Language::zh;
  std::vector<Token> tokens = detail::tokenize(expression);
  if (tokens.empty() || tokens.back().kind == TokenKind::error) return expression;
  std::string out, field;
  std::vector<std::string> closers;  // what each open parenthesis closes with
  bool glue = true;                  // no space before the next word
  auto word = [&](const std::string& text) {
    if (!glue) out += ' ';
    out += text;
    glue = false;
  };
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const Token& t = tokens[i];
    switch (t.kind) {
      case TokenKind::identifier: {
        std::string name(t.text);
        while (tokens[i + 1].kind == TokenKind::dot && tokens[i + 2].kind == TokenKind::identifier) {
          name += "." + std::string(tokens[i + 2].text);
          i += 2;
        }
        if (tokens[i + 1].kind != TokenKind::lparen) {
          if (rules.find_field(name)) field = name;
          word(name_words(rules, name, field, language));
          break;
        }
        // A call: in zh, years(2) reads 2年; the others as name(...).
        ++i;
        if (zh && (name == "years" || name == "months" || name == "days")) {
          closers.push_back(name == "years" ? "年" : name == "months" ? "个月" : "天");
          word("");
        } else {
          closers.emplace_back(")");
          if (zh) name = name == "min" ? "较小值" : name == "max" ? "较大值" : name == "has" ? "有" : name == "eligible" ? "符合" : name;
          word(name + "(");
        }
        glue = true;
        break;
      }
      case TokenKind::lparen:
        closers.emplace_back(")");
        word("(");
        glue = true;
        break;
      case TokenKind::rparen:
        out += closers.empty() ? ")" : closers.back();
        if (!closers.empty()) closers.pop_back();
        break;
      case TokenKind::lbracket:
        word("[");
        glue = true;
        break;
      case TokenKind::rbracket: out += "]"; break;
      case TokenKind::comma:
        out += zh ? "、" : ",";
        glue = zh;
        break;
      case TokenKind::percent: out += "%"; break;
      case TokenKind::string: word((zh ? "“" : "\"") + std::string(t.text) + (zh ? "”" : "\"")); break;
      case TokenKind::number:
      case TokenKind::date: word(std::string(t.text)); break;
      default:
        if (const char* s = sign(t.kind, zh)) word(s);
        else word(std::string(t.text));
    }
  }
  return out;
}

}  // namespace talent
