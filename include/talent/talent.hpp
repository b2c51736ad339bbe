// Everything an embedder needs: load a rule set, parse records, evaluate,
// report, and run a pack's policy regression suites.
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
#include "talent/selection.hpp"
#include "talent/suite.hpp"
#include "talent/timeline.hpp"
