// Serving stage: the query of a request (what follows '?'), read as
// name=value pairs, each name one an endpoint takes and given at most once.
#pragma once

#include "talent/error_code.hpp"

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace talent::serve {

// What was wrong with a query: the error code and the message of a 400.
struct QueryProblem {
  ErrorCode code = ErrorCode::invalid_value;
  std::string message;  // empty: nothing was wrong
};

// Reads `query`, percent-decoded ('+' as a space). For each pair calls
// `take(index, value)` with the index of its name in `names`; `take` returns
// "" when the value is right, otherwise what is wrong with it (code
// invalid_value). A name not among `names`, a name given twice, or a '%' not
// followed by two hex digits is a problem too. Bit i of `given` tells
// whether names[i] was given (at most 32 names).
QueryProblem read_query(std::string_view query, std::initializer_list<const char*> names,
                        const std::function<std::string(std::size_t, const std::string&)>& take,
                        unsigned& given);

}  // namespace talent::serve
