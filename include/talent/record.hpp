// Applicant records: parsed from YAML or JSON and validated against a rule
// set's schema before anything is evaluated.
//
// A field that is absent stays unknown; a field that is present but wrong
// (type, impossible date, negative money, too many decimals, unknown enum
// value, unknown field) rejects the whole record with an error naming the
// field path and a code saying what kind of problem it is — one error for
// each problem found, every field's in one result. Nothing is defaulted or
// guessed.
//
//   talent::ParsedRecord p = talent::parse_record(*rules, "{\"id\": \"A-1\", ...}");
//   for (const auto& e : p.errors) std::cerr << e.field << ": " << e.message;
//   if (p.error && p.error->code == talent::ErrorCode::unknown_name) ...   // the first
//   std::cerr << talent::describe(*rules, p.errors[0], talent::Language::zh);  // report.hpp
#pragma once

#include "talent/date.hpp"
#include "talent/error_code.hpp"
#include "talent/export.h"
#include "talent/messages.hpp"
#include "talent/money.hpp"
#include "talent/rule_set.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talent {

class RuleSet;

namespace detail {
struct Slot {
  std::int64_t number = 0;  // bool, int, fen, rate units or enum index
  Date date;                // not a date until set
  bool present = false;
};
struct RecordAccess;
}  // namespace detail

// A value or a field name the record wrote in one of the forms its schema
// accepts (RecordForms), and the canonical form it was read as:
// {"graduation_date", "2024年6月30日", "2024-06-30"}, {"degree", "学历", "degree"}.
struct Normalization {
  std::string field;  // the field's (or section's) path
  std::string from;   // as written
  std::string to;     // canonical: the value's text, or the path for a name
};

// A validated record.
//
// Lifetime: a value type that owns all its data and points into nothing, so
// it may be copied, moved and kept after the rule set that parsed it is gone.
// It stays bound to that one rule set, though: its fields are laid out by that
// rule set's schema, and `evaluate` with any other rule set throws
// std::invalid_argument — even one loaded from the same pack, and even one
// that took the old rule set's place in memory. Parse the text again with the
// rule set you mean to evaluate with.
//
// Thread-safety: a const Record may be read (and evaluated) by many threads.
class Record {
 public:
  const std::string& id() const { return id_; }
  // Every value and name rewritten from another form, in the order read.
  const std::vector<Normalization>& normalized() const { return normalized_; }
  // Fields the schema does not declare that were left out, as written
  // (UnknownFields::warn); empty otherwise.
  const std::vector<std::string>& ignored() const { return ignored_; }

 private:
  friend struct detail::RecordAccess;
  std::string id_;
  std::vector<Normalization> normalized_;
  std::vector<std::string> ignored_;
  std::uint64_t rule_set_serial_ = 0;  // the parsing rule set's serial; 0: none
  std::vector<detail::Slot> slots_;
  std::vector<std::string> strings_;
};

// Why a record was rejected. Brace-initialised as {field, code, message};
// `code` has no default of its own, so a brace list without it does not
// compile (a string is not an ErrorCode).
struct RecordError {
  std::string field;    // field path, "" when the record as a whole is wrong
  ErrorCode code;       // the kind of problem (error_code.hpp), for programs
  std::string message;  // what is wrong, in English, naming the value found
  // The message table's id of `message` ("record.date.not_real") and its
  // arguments, from which talent::describe words it in either language.
  // Empty for an error the library did not make.
  std::string message_id = {};
  std::vector<MessageArg> message_args = {};
};

struct ParsedRecord {
  std::size_t number = 0;          // 1-based position in its input
  std::size_t line = 0;            // the line of its input it starts on, from 1; 0 when not known
  std::optional<std::string> id;   // when the input had a readable id
  std::optional<Record> record;    // exactly one of record and error is set
  std::optional<RecordError> error;  // the first problem (errors.front())
  // Every problem found, in the order of the record's text, at most
  // RecordLimits::max_errors of them (then one saying how many more); empty
  // when the record was accepted.
  std::vector<RecordError> errors;
};

// Limits that keep hostile input from exhausting memory or stack.
struct RecordLimits {
  std::size_t max_record_bytes = 1 << 20;  // one record's text
  int max_depth = 32;                      // nesting of objects and arrays
  std::size_t max_string_bytes = 4096;     // one string value
  std::size_t max_errors = 20;             // problems listed for one rejected record
};

// Parses one record given as a YAML or JSON object. The record is bound to
// `rules` but does not keep it alive. Thread-safe: any number of threads may
// parse with one rule set at once.
TALENT_API ParsedRecord parse_record(const RuleSet& rules, std::string_view text, std::size_t number = 1,
                          const RecordLimits& limits = {});
// The same, choosing what to do with fields the schema does not declare
// instead of the schema's default.
TALENT_API ParsedRecord parse_record(const RuleSet& rules, std::string_view text, std::size_t number,
                                     const RecordLimits& limits, UnknownFields unknown_fields);

// One record's text as a RecordReader cut it from its input, not parsed yet;
// or, when `error` is set, the result that stands in its place (a record too
// large to keep, input that could not be read, text after a JSON array).
struct RecordText {
  std::size_t number = 0;  // 1-based position in its input
  std::size_t line = 0;    // the line of its input it starts on, from 1
  std::string text;
  std::optional<RecordError> error;
};

// Parses records one after another with the same result as parse_record,
// reusing its buffers, and the storage of the ParsedRecord it is given, from
// one record to the next: the way to parse many records. JSON is read
// straight into the record, without building a tree.
//
// Lifetime: shares ownership of `rules`, like a RecordReader. Not
// thread-safe; use one parser per thread.
//
//   talent::RecordParser parser(*rules);
//   talent::ParsedRecord p;
//   for (const std::string& line : lines) parser.parse(line, ++n, p);
class TALENT_API RecordParser {
 public:
  explicit RecordParser(const RuleSet& rules, RecordLimits limits = {});
  // `unknown_fields`: what to do with fields the schema does not declare,
  // instead of the schema's default.
  RecordParser(const RuleSet& rules, RecordLimits limits, UnknownFields unknown_fields);
  ~RecordParser();
  RecordParser(RecordParser&&) noexcept;
  RecordParser& operator=(RecordParser&&) noexcept;
  // Fills `out` with record number `number` read from `text`.
  void parse(std::string_view text, std::size_t number, ParsedRecord& out);
  // Fills `out` from a RecordReader's RecordText (its error, or its text parsed).
  void parse(const RecordText& text, ParsedRecord& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Reads records one at a time from a stream holding a single YAML or JSON
// object, JSON Lines, pretty-printed JSON objects one after another, a JSON
// array of objects, or YAML documents separated by `---`.
// Every record in the input yields exactly one ParsedRecord, in order, even
// when it is broken or too large (oversized input is skipped, not stored).
//
// Lifetime: the reader shares ownership of `rules` (every RuleSet is owned by
// a shared_ptr), so it may outlive the caller's pointer to it; `in` is only
// referred to and must outlive the reader. Records it yields are bound to
// `rules`, as parse_record's are.
// Not thread-safe; use one reader per stream.
//
//   talent::RecordReader reader(*rules, std::cin);
//   for (talent::ParsedRecord p; reader.next(p);) { /* p.record or p.error */ }
class TALENT_API RecordReader {
 public:
  RecordReader(const RuleSet& rules, std::istream& in, RecordLimits limits = {});
  ~RecordReader();
  // Fills `out` with the next record and returns true, or returns false at the end.
  bool next(ParsedRecord& out);
  // The same, but only cuts the next record's text from the input, for a
  // RecordParser to parse (on this thread or another): next() is next_text()
  // then RecordParser::parse.
  bool next_text(RecordText& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace talent
