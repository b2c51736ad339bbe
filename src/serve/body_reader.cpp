#include "serve/body_reader.hpp"

#include <simdjson.h>

namespace talent::serve {

namespace od = simdjson::ondemand;

struct BodyReader::Parser {
  od::parser parser;
};

BodyReader::BodyReader() : parser_(std::make_unique<Parser>()) {}
BodyReader::~BodyReader() = default;

namespace {

Body malformed(ErrorCode code, std::string problem) {
  Body b;
  b.kind = Body::Kind::malformed;
  b.code = code;
  b.problem = std::move(problem);
  return b;
}

}  // namespace

Body BodyReader::read(std::string& body) {
  std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) {
    return malformed(ErrorCode::missing, "the body is empty; send one record as a JSON object, or {\"records\": [...]}");
  }
  if (body[start] != '{') {
    return malformed(ErrorCode::wrong_type, "the body must be a JSON object: one record, or {\"records\": [...]}");
  }
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  simdjson::padded_string_view view(body.data(), body.size(), body.capacity());
  od::document doc;
  simdjson::error_code error = parser_->parser.iterate(view).get(doc);
  if (error == simdjson::UTF8_ERROR) return malformed(ErrorCode::unreadable, "the body is not UTF-8 text");
  od::object object;
  if (error || doc.get_object().get(object)) return Body{};
  Body list;
  std::string other;
  bool broken = false;
  for (auto item : object) {
    od::field field;
    std::string_view key;
    if (std::move(item).get(field) || field.unescaped_key().get(key)) {
      broken = true;
      break;
    }
    if (key != "records") {
      if (other.empty()) other = key;
      continue;
    }
    od::array array;
    if (field.value().get_array().get(array)) {
      return malformed(ErrorCode::wrong_type, "\"records\" must be a list of records: {\"records\": [{...}, {...}]}");
    }
    if (array.raw_json().get(list.records)) {
      return malformed(ErrorCode::syntax, "the list of records is not valid JSON");
    }
    list.kind = Body::Kind::list;
  }
  if (list.kind != Body::Kind::list) return Body{};
  if (broken) return malformed(ErrorCode::syntax, "the body is not valid JSON after the list of records");
  if (!other.empty()) {
    return malformed(ErrorCode::unknown_name, "a body with \"records\" holds nothing else, found the key '" + other +
                                                  "'; send one record as an object, or {\"records\": [...]}");
  }
  return list;
}

}  // namespace talent::serve
