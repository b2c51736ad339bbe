#include "base/exact.hpp"

#include <limits>

namespace talent::detail {
namespace {

Int128 gcd(Int128 a, Int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// The one place every result passes: the most negative Int128 is refused as
// an overflow here, so every value can be negated (and its gcd taken) safely.
bool reduce(Int128 num, Int128 den, Exact& out) {
  if (den == 0) return false;
  if (num == std::numeric_limits<Int128>::min() || den == std::numeric_limits<Int128>::min()) return false;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Int128 g = gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  out.num = num;
  out.den = den;
  return true;
}

}  // namespace

bool exact_add(Exact a, Exact b, Exact& out) {
  Int128 x, y, num, den;
  if (__builtin_mul_overflow(a.num, b.den, &x) || __builtin_mul_overflow(b.num, a.den, &y) ||
      __builtin_add_overflow(x, y, &num) || __builtin_mul_overflow(a.den, b.den, &den)) {
    return false;
  }
  return reduce(num, den, out);
}

bool exact_sub(Exact a, Exact b, Exact& out) {
  if (b.num == std::numeric_limits<Int128>::min()) return false;
  b.num = -b.num;
  return exact_add(a, b, out);
}

bool exact_mul(Exact a, Exact b, Exact& out) {
  // Cross-reduce first so that products stay small.
  Int128 g1 = gcd(a.num, b.den), g2 = gcd(b.num, a.den);
  if (g1 > 1) a.num /= g1, b.den /= g1;
  if (g2 > 1) b.num /= g2, a.den /= g2;
  Int128 num, den;
  if (__builtin_mul_overflow(a.num, b.num, &num) || __builtin_mul_overflow(a.den, b.den, &den)) return false;
  return reduce(num, den, out);
}

bool exact_div(Exact a, Exact b, Exact& out) {
  if (b.num == 0) return false;
  return exact_mul(a, Exact{b.den, b.num}, out);
}

bool exact_compare(Exact a, Exact b, int& out) {
  Int128 x, y;
  if (__builtin_mul_overflow(a.num, b.den, &x) || __builtin_mul_overflow(b.num, a.den, &y)) return false;
  out = x < y ? -1 : (x > y ? 1 : 0);
  return true;
}

bool exact_round(Exact a, std::int64_t scale, std::int64_t& out) {
  Int128 scaled;
  if (__builtin_mul_overflow(a.num, static_cast<Int128>(scale), &scaled)) return false;
  Int128 q = scaled / a.den;
  Int128 r = scaled % a.den;
  Int128 twice;
  if (__builtin_mul_overflow(r < 0 ? -r : r, static_cast<Int128>(2), &twice)) return false;
  if (twice >= a.den) q += scaled < 0 ? -1 : 1;
  if (q > std::numeric_limits<std::int64_t>::max() || q < std::numeric_limits<std::int64_t>::min()) return false;
  out = static_cast<std::int64_t>(q);
  return true;
}

}  // namespace talent::detail
