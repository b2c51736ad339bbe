// Fuzz target: applicant input, as one record (JSON or YAML) and as a stream
// of records. Every record must come out as exactly one decision or error,
// numbered in order; and the direct JSON reader must give exactly what the
// reference reading through the node tree gives — the same record, or the
// same error, code, field and message — for every text, at every limit.
#include "fuzz_records.hpp"

#include "record/record_access.hpp"
#include "record/record_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

namespace {

using namespace talent;

bool same_record(const Record& a, const Record& b) {
  using detail::RecordAccess;
  if (a.id() != b.id() || RecordAccess::rule_set_serial(a) != RecordAccess::rule_set_serial(b)) return false;
  const auto& sa = RecordAccess::slots(a);
  const auto& sb = RecordAccess::slots(b);
  if (sa.size() != sb.size()) return false;
  for (std::size_t i = 0; i < sa.size(); ++i) {
    if (sa[i].present != sb[i].present) return false;
    if (sa[i].present && (sa[i].number != sb[i].number || sa[i].date != sb[i].date)) return false;
  }
  // Strings by the place each present string slot names.
  const auto& ta = RecordAccess::strings(a);
  const auto& tb = RecordAccess::strings(b);
  for (std::size_t i = 0; i < ta.size() && i < tb.size(); ++i) {
    if (ta[i] != tb[i]) return false;
  }
  return true;
}

// The direct reader's result against the reference reading's.
void check_same(const ParsedRecord& direct, const ParsedRecord& tree) {
  if (direct.number != tree.number || direct.id != tree.id) __builtin_trap();
  if (direct.record.has_value() != tree.record.has_value()) __builtin_trap();
  if (direct.error.has_value() != tree.error.has_value()) __builtin_trap();
  if (direct.error && (direct.error->field != tree.error->field || direct.error->code != tree.error->code ||
                       direct.error->message != tree.error->message)) {
    __builtin_trap();
  }
  if (direct.record && !same_record(*direct.record, *tree.record)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const RuleSet> rules = builtin_rule_set();
  std::string text(reinterpret_cast<const char*>(data), size);

  ParsedRecord one = parse_record(*rules, text);
  if (one.record.has_value() == one.error.has_value()) __builtin_trap();
  check_same(one, detail::parse_record_with_tree(*rules, text, 1, RecordLimits{}));
  if (one.record) fuzz::decide_all(*rules, *one.record);
  else (void)to_json(one);

  // Small limits so that the size checks are reached too.
  RecordLimits limits;
  limits.max_record_bytes = 256;
  limits.max_string_bytes = 16;
  limits.max_depth = 4;
  for (const RecordLimits& l : {RecordLimits{}, limits}) {
    // One parser over every record of the stream, reusing its storage as
    // the command does, against the reference reading of the same texts.
    std::istringstream in(text), again(text);
    RecordReader reader(*rules, in, l), cutter(*rules, again, l);
    ParsedRecord p;
    RecordText piece;
    std::size_t expected = 0;
    while (reader.next(p)) {
      if (p.number != ++expected) __builtin_trap();
      if (p.record.has_value() == p.error.has_value()) __builtin_trap();
      if (!cutter.next_text(piece) || piece.number != p.number) __builtin_trap();
      if (piece.error) {
        if (!p.error || p.error->message != piece.error->message) __builtin_trap();
      } else {
        check_same(p, detail::parse_record_with_tree(*rules, piece.text, piece.number, l));
      }
      if (p.record) fuzz::decide_all(*rules, *p.record);
      else (void)to_json(p);
    }
    if (cutter.next_text(piece)) __builtin_trap();
  }
  return 0;
}
