// Base stage: exact rational arithmetic for amounts and rates, on 128-bit integers with
// every operation checked. Amounts are computed exactly and rounded once, at
// the end, half away from zero ("half-up" for the non-negative amounts of
// policy) to whole fen.
#pragma once

#include <cstdint>

namespace talent::detail {

// GCC and clang both have a 128-bit integer; it is not standard C++, so the
// one use is marked as an extension and -Wpedantic stays on everywhere else.
__extension__ typedef __int128 Int128;

struct Exact {
  Int128 num = 0;
  Int128 den = 1;  // always > 0
};

// Each returns false on overflow or division by zero, leaving `out` unspecified.
bool exact_add(Exact a, Exact b, Exact& out);
bool exact_sub(Exact a, Exact b, Exact& out);
bool exact_mul(Exact a, Exact b, Exact& out);
bool exact_div(Exact a, Exact b, Exact& out);
// -1, 0, 1; false on overflow.
bool exact_compare(Exact a, Exact b, int& out);
// Rounds to a multiple of 1/scale (100 for fen), half away from zero, and
// checks that the result fits int64.
bool exact_round(Exact a, std::int64_t scale, std::int64_t& out);

}  // namespace talent::detail
