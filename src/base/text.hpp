// Base stage: small text helpers shared by the stages: UTF-8 measured and checked in one
// place, and whole numbers read without wrapping.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace talent::detail {

// Bytes in the UTF-8 sequence that `lead` starts (1 for a stray byte).
std::size_t utf8_sequence_length(unsigned char lead);
// Number of UTF-8 characters in `text`.
int utf8_length(std::string_view text);
// Cells `text` takes on a terminal: a character of three or four UTF-8
// bytes (Chinese, full-width forms) two, any other one.
std::size_t display_width(std::string_view text);
// Byte offset of the 1-based character column `column` in `line`, never past
// its end (even when the line ends inside a broken sequence).
std::size_t byte_offset_of_column(std::string_view line, int column);
// Well-formed UTF-8: no stray, overlong, surrogate or out-of-range sequences.
bool valid_utf8(std::string_view text);

// `text` with the full-width forms of ASCII (U+FF01-U+FF5E: ０-９, ．, ，,
// ％, （, ）, Ａ-Ｚ ...) and the ideographic space (U+3000) replaced by
// their ASCII characters; everything else kept. Input must be valid UTF-8.
std::string fold_full_width(std::string_view text);
// Whether `text` holds any character fold_full_width replaces.
bool has_full_width(std::string_view text);

enum class WholeNumber { ok, malformed, too_large };
// An optional '-' and decimal digits, fitting int64; nothing else.
WholeNumber parse_whole_number(std::string_view text, std::int64_t& out);

// Text from outside — a record's values, a file name, a pack's texts — made
// safe to show on a terminal, in the one place every text output passes it
// through: line breaks and tabs as \n, \r, \t, other C0 control characters
// (ESC among them) and DEL as \x1B, \x7F, C1 controls, bidirectional
// overrides, isolates and marks, and line and paragraph separators as
// <U+202E>, bytes that are not UTF-8 as \xNN. Anything else is left as it is.
std::string display_text(std::string_view text);
void append_display_text(std::string_view text, std::string& out);
// `line` as display_text shows it, then a line break: how a text report puts
// each of its lines, so that nothing from outside in it can start a line of
// its own or act on the terminal.
void append_display_line(std::string_view line, std::string& out);

// The first 12 hex digits of a digest ("sha256:ef7f…" gives "ef7f1e0951a4"):
// what a text report's header shows, so that a pack other than the one
// expected is seen at a glance.
std::string digest_head(std::string_view digest);

// The items with `separator` between them: "a, b, c".
std::string join(const std::vector<std::string>& items, const char* separator = ", ");

// The closest of `candidates` to `word` (edit distance at most a third of
// its length, minimum 1), or "".
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or "".
// Words longer than this get no suggestion (docs/limits.md).
constexpr std::size_t kMaxSuggestedWord = 64;
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace talent::detail
