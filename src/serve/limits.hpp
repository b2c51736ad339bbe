// Serving stage: the limits of `talent serve` (docs/limits.md#the-service).
#pragma once

#include <chrono>
#include <cstddef>

namespace talent::serve {

// A request's body: one record may hold 1 MiB (RecordLimits), and so may a
// whole request. Over it: 413.
constexpr std::size_t kMaxBodyBytes = 1 << 20;
// Records in one {"records": [...]}. Over it: 413, nothing decided.
constexpr std::size_t kMaxRecordsPerRequest = 1000;
// The same with ?what_if=true: finding what would make each program
// eligible costs about 0.3 ms a record, up to 4 ms (docs/limits.md).
constexpr std::size_t kMaxWhatIfRecordsPerRequest = 100;
// Years a POST /v1/timeline may cover, from its first day. Over it: 400.
// (A pack that reads the as-of date other than in comparisons has every
// day of the range decided.)
constexpr long kMaxTimelineYears = 100;
// The request line and the header fields together. Over it: 431.
constexpr std::size_t kMaxHeaderBytes = 8 * 1024;
// X-Request-Id: 1 to this many letters, digits, '.', '_', ':' or '-'.
constexpr std::size_t kMaxRequestIdBytes = 128;
// Connections open at once (lowered to what the open-file limit allows).
// Over it: a 503 answer and the connection closed.
constexpr std::size_t kMaxConnections = 1024;
// A kept-alive connection with no request coming is closed after this.
constexpr std::chrono::seconds kIdleTimeout{30};
// A request must arrive in full within this of its first byte (slow clients).
constexpr std::chrono::seconds kRequestTimeout{10};
// An answer must be taken by the client within this.
constexpr std::chrono::seconds kWriteTimeout{10};
// On SIGTERM, requests in flight get this long to finish.
constexpr std::chrono::seconds kShutdownGrace{10};

}  // namespace talent::serve
