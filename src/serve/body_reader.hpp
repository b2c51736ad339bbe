// Serving stage: what a POST /v1/decisions body holds — one record, or
// {"records": [...]} — told apart without deciding anything.
#pragma once

#include "talent/error_code.hpp"

#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

namespace talent::serve {

struct Body {
  enum class Kind { record, list, malformed } kind = Kind::record;
  std::string_view records;  // list: the text of the array, inside the body
  ErrorCode code = ErrorCode::syntax;  // malformed: what is wrong
  std::string problem;                 // malformed: the message
};

// Reads the structure of request bodies with simdjson's on-demand parser,
// keeping its buffers from one body to the next. Not thread-safe: one per
// thread.
class BodyReader;

// A part of a body read as a stream, in place, without a copy: what a
// RecordReader cuts records from.
class TextView : public std::streambuf {
 public:
  explicit TextView(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // only ever read
    setg(begin, begin, begin + text.size());
  }
};

class BodyReader {
 public:
  BodyReader();
  ~BodyReader();
  BodyReader(const BodyReader&) = delete;
  BodyReader& operator=(const BodyReader&) = delete;

  // `body` may gain capacity (the parser reads a little past its end), never
  // other bytes. Malformed: an empty body, text that is not UTF-8, anything
  // but a JSON object, or an object with `records` that is not exactly
  // {"records": [...]}. A body that is an object with no `records` key is a
  // record, even one whose JSON breaks further in: the record's own parser
  // says where.
  Body read(std::string& body);

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
};

}  // namespace talent::serve
