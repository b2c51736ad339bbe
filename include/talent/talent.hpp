// Everything an embedder needs: load a rule set, parse records, evaluate,
// report, and run a pack's policy regression suites. (From C, and from
// languages that call C, include talent/talent.h instead.)
#pragma once

#include "talent/builtin.hpp"
#include "talent/date.hpp"
#include "talent/decision.hpp"
#include "talent/diagnostic.hpp"
#include "talent/error_code.hpp"
#include "talent/money.hpp"
#include "talent/record.hpp"
#include "talent/report.hpp"
#include "talent/rule_set.hpp"
#include "talent/spreadsheet.hpp"
#include "talent/selection.hpp"
#include "talent/suggest.hpp"
#include "talent/suite.hpp"
#include "talent/summary.hpp"
#include "talent/timeline.hpp"
#include "talent/version.hpp"
