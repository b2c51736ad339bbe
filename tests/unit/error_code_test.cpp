#include "talent/error_code.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

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
