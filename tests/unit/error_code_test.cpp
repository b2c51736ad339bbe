#include "talent/error_code.hpp"

#include "lang/ast.hpp"
#include "talent/diagnostic.hpp"
#include "talent/record.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <type_traits>
#include <utility>

TEST_CASE("every error code has its own name", "[error_code]") {
  // kErrorCodes lists every enumerator once, in order.
  constexpr std::size_t kCount = sizeof talent::kErrorCodes / sizeof talent::kErrorCodes[0];
  CHECK(kCount == static_cast<std::size_t>(talent::ErrorCode::unreadable) + 1);
  std::set<std::string> names;
  for (std::size_t i = 0; i < kCount; ++i) {
    talent::ErrorCode code = talent::kErrorCodes[i];
    CAPTURE(i);
    CHECK(static_cast<std::size_t>(code) == i);
    std::string name = talent::to_string(code);
    CHECK(name != "?");
    CHECK(names.insert(name).second);
  }
  CHECK(names == std::set<std::string>{"syntax", "unknown_name", "missing", "wrong_type", "invalid_value",
                                       "duplicate", "limit", "unreadable"});
  CHECK(kCount < 12);  // a small fixed set, not a code per message
}

namespace {

// Whether `T{A...}` compiles.
template <typename T, typename... A>
auto brace_initialisable(int) -> decltype(T{std::declval<A>()...}, std::true_type{});
template <typename T, typename... A>
std::false_type brace_initialisable(...);
template <typename T, typename... A>
constexpr bool kBraces = decltype(brace_initialisable<T, A...>(0))::value;

using Text = std::string;
using Size = std::size_t;

}  // namespace

// Every place that reports a problem must choose its code: the code sits
// between the position and the message, with no default of its own, so a
// brace list that leaves it out does not compile.
static_assert(kBraces<talent::Diagnostic, Text, int, int, int, talent::ErrorCode, Text, Text>);
static_assert(!kBraces<talent::Diagnostic, Text, int, int, int, Text, Text>);
static_assert(kBraces<talent::RecordError, Text, talent::ErrorCode, Text>);
static_assert(!kBraces<talent::RecordError, Text, Text>);
static_assert(kBraces<talent::detail::ExpressionError, Size, Size, talent::ErrorCode, Text>);
static_assert(!kBraces<talent::detail::ExpressionError, Size, Size, Text>);

TEST_CASE("only a value-initialised placeholder has a code nobody chose", "[error_code]") {
  // {} value-initialises the code to the first enumerator; the library fills
  // every diagnostic and record error it reports, code included.
  CHECK(talent::Diagnostic{}.code == talent::ErrorCode::syntax);
  CHECK(talent::RecordError{}.code == talent::ErrorCode::syntax);
}
