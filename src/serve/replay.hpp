// Serving stage: deciding the receipts of a decision log again
// (`talent replay`), for an appeal or an audit: would the rules given decide
// each record as the service did?
#pragma once

#include "talent/rule_set.hpp"

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

namespace talent::serve {

struct ReplaySummary {
  std::size_t receipts = 0;   // receipts read and decided again
  std::size_t differing = 0;  // whose result is not what the log holds
  std::size_t broken = 0;     // lines that are not receipts
};

// Reads the receipts of `log` (JSON Lines; `name` names it in messages) and
// decides each record again with `rules`, as of the receipt's as_of, in its
// language and with its reasons. A receipt differs when the result, apart
// from the `ruleset` that names the rules, is not the one logged. Writes to
// `out` one entry per differing receipt — `name:line`, the request, the
// record and what differs, path by path — then a summary; and to `err` each
// line that is not a receipt.
ReplaySummary replay(const RuleSet& rules, std::istream& log, const std::string& name, std::ostream& out,
                     std::ostream& err);

}  // namespace talent::serve
