// Problems found while loading a rule pack (or reading a suite file), in
// compiler style, each with a code saying what kind of problem it is.
//
//   for (const auto& d : result.diagnostics) std::cerr << talent::format(d);
//   // rules/x.yaml:20:10: error: unknown field 'gradution_date' (did you mean 'graduation_date'?)
//   //    when: gradution_date <= as_of
//   //          ^~~~~~~~~~~~~~
#pragma once

#include "talent/error_code.hpp"
#include "talent/export.h"

#include <string>
#include <vector>

namespace talent {

// Brace-initialised in this order: {file, line, column, length, code, message,
// source_line}. `code` has no default of its own, so leaving it out of a
// brace list is a compile error (a string is not an ErrorCode); only a
// value-initialised placeholder (`Diagnostic{}`) reads ErrorCode::syntax, and
// the library fills every diagnostic it reports in full.
struct Diagnostic {
  std::string file;         // as given to the loader, e.g. "rules/pack/rent.yaml"
  int line = 0;             // 1-based; 0 when the problem concerns the whole file
  int column = 0;           // 1-based, in characters
  int length = 1;           // characters to underline
  ErrorCode code;           // the kind of problem, for programs (format() does not print it)
  std::string message;      // what is wrong and what was expected
  std::string source_line;  // the offending line, without its newline
};

// "file:line:column: error: message", then the source line and a caret line.
TALENT_API std::string format(const Diagnostic& diagnostic);
TALENT_API std::string format(const std::vector<Diagnostic>& diagnostics);

}  // namespace talent
