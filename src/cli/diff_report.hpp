// Command stage: `talent diff`'s report, as text for people and as one JSON
// object for machines (docs/decision-contract.md, "Comparing two rule sets").
//
// The changed applicants and the rejected records are written as they are
// found into spools (temporary files), and printed after the totals, so
// memory does not grow with the number of records.
#pragma once

#include "cli/population_diff.hpp"

#include <cstdio>
#include <iosfwd>
#include <optional>
#include <string>

namespace talent::cli {

// A record that was not decided under both rule sets.
struct RejectedRecord {
  std::string file;  // "-" for standard input
  std::size_t record = 0;
  std::optional<std::string> id;
  std::optional<RecordError> before;  // why the old rules rejected it, if they did
  std::optional<RecordError> after;   // why the new rules rejected it, if they did
};

// Items kept aside in a temporary file, in order, until they are printed.
class Spool {
 public:
  explicit Spool(const char* separator);  // std::runtime_error when no temporary file can be made
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  void add(const std::string& item);
  std::size_t size() const { return count_; }
  // Writes every item, with the separator between them.
  void copy_to(std::ostream& out);

 private:
  std::FILE* file_ = nullptr;
  std::string separator_;
  std::size_t count_ = 0;
};

std::string change_json(const Change& change);
std::string change_text(const PopulationDiff& diff, const Change& change, Language language);
std::string rejected_json(const RejectedRecord& rejected);
std::string rejected_text(const PopulationDiff& diff, const RejectedRecord& rejected, Language language);

// The whole report: identities and counts, the per-program totals, then the
// spooled changes and rejected records.
void write_json(std::ostream& out, const PopulationDiff& diff, std::size_t records, Spool& rejected,
                Spool& changes);
void write_text(std::ostream& out, const PopulationDiff& diff, std::size_t records, Spool& rejected,
                Spool& changes, Language language);

}  // namespace talent::cli
