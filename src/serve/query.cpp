#include "serve/query.hpp"

namespace talent::serve {
namespace {

// %XX and '+' decoded; false when a '%' is not followed by two hex digits.
bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      auto hex = [](char h) { return h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1; };
      if (i + 2 >= in.size() || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) return false;
      out += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
      i += 2;
    }
  }
  return true;
}

// "as_of, reasons and lang".
std::string listed(std::initializer_list<const char*> names) {
  std::string out;
  std::size_t i = 0;
  for (const char* name : names) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += name;
    ++i;
  }
  return out;
}

}  // namespace

QueryProblem read_query(std::string_view query, std::initializer_list<const char*> names,
                        const std::function<std::string(std::size_t, const std::string&)>& take,
                        unsigned& given) {
  given = 0;
  std::string name, value;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    if (!percent_decode(pair.substr(0, eq), name) ||
        !percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value)) {
      return {ErrorCode::syntax, "the query has a '%' not followed by two hex digits"};
    }
    std::size_t which = 0;
    for (const char* known : names) {
      if (name == known) break;
      ++which;
    }
    if (which == names.size()) {
      return {ErrorCode::unknown_name,
              "unknown query parameter '" + name.substr(0, 64) + "'; this endpoint takes " + listed(names)};
    }
    if (given & (1u << which)) return {ErrorCode::duplicate, "the query parameter '" + name + "' is given twice"};
    given |= 1u << which;
    std::string problem = take(which, value);
    if (!problem.empty()) return {ErrorCode::invalid_value, problem};
  }
  return {};
}

}  // namespace talent::serve
