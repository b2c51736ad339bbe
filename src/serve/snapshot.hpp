// Serving stage: the rule set a service answers with, and what it renders
// from it once, when it is loaded.
//
// A Snapshot is immutable. A request takes the snapshot in force when it
// starts and parses, decides and renders against that one only; a reload
// puts a new snapshot in force beside the old one, which lives on until the
// last request holding it has finished.
#pragma once

#include "talent/talent.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace talent::serve {

struct Snapshot {
  std::shared_ptr<const RuleSet> rules;
  std::string source;           // "built-in" or the pack folder as given
  std::string loaded_at;        // UTC timestamp
  std::size_t suite_cases = 0;  // cases of the pack's suite that passed before it was put in force
  std::string ruleset_json;     // {"id","version","digest"}: names the rule set in receipts and /healthz
  std::string rules_json[2];    // GET /v1/rules, by Language (zh, en)
  std::string schema_json[2];   // GET /v1/schema, by Language
};

struct LoadAttempt {
  std::shared_ptr<const Snapshot> snapshot;  // null when the pack was refused
  std::string refusal;                       // why, for the log and /healthz
};

// Loads the pack in `dir` ("" for the built-in pack) and, when the folder
// has a tests/ folder, runs every suite file in it (*.yaml, searched
// recursively). The pack is refused when it does not load, when a suite
// file has an error or a case fails, or when its record has a top-level
// field named `records` (a request body would read two ways). Never throws
// for a bad pack.
LoadAttempt load_snapshot(const std::string& dir);

}  // namespace talent::serve
