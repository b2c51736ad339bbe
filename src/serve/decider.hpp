// Serving stage: deciding records for requests, one thread at a time.
//
// A Decider keeps a parser, a decision and the decision writers of one
// rule set from record to record, so that deciding one allocates little.
// It writes exactly what `talent batch` writes for the same record text,
// as-of date, language and reasons: the decision, or the record's error
// object. Not thread-safe: each thread answering requests has its own.
#pragma once

#include "serve/snapshot.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace talent::serve {

struct DecideOptions {
  Date as_of;
  Language language = Language::zh;
  Reasons reasons = Reasons::full;
  bool what_if = false;  // each program not granted with what would grant it
};

// Programs decided, by program index and status, since the tally was made.
struct Tally {
  std::vector<std::array<std::uint64_t, 3>> programs;  // [program][Status]
  std::uint64_t decided = 0;
  std::uint64_t rejected = 0;
};

class Decider {
 public:
  explicit Decider(std::shared_ptr<const RuleSet> rules);

  // Decides one record (its text as the RecordReader cut it, or its error)
  // and appends its line, without a newline, to `out`. True when it was
  // decided, false when it was rejected. The tally counts it.
  bool decide(const RecordText& text, const DecideOptions& options, std::string& out, Tally& tally);
  // The same for a record given as text (a request's body): record number 1.
  bool decide(std::string_view text, const DecideOptions& options, std::string& out, Tally& tally);
  // The record's timeline from `from` to `to` (talent/timeline.hpp), as
  // `talent timeline --format json` writes it, or its error object; true
  // when it was not rejected. Not counted in a tally: it decides nothing.
  bool timeline(const RecordText& text, Date from, Date to, std::string& out);
  // The error of the last record rejected.
  const ParsedRecord& last() const { return parsed_; }

 private:
  bool finish(const DecideOptions& options, std::string& out, Tally& tally);
  bool rejected(const DecideOptions& options, std::string& out);
  DecisionWriter& writer(const DecideOptions& options);

  std::shared_ptr<const RuleSet> rules_;
  RecordParser parser_;
  ParsedRecord parsed_;
  Decision decision_;
  std::array<std::unique_ptr<DecisionWriter>, 6> writers_;  // by language and reasons, made when first needed
};

}  // namespace talent::serve
