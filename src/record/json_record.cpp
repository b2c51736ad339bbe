#include "record/json_record.hpp"

#include "record/field_reader.hpp"
#include "record/record_access.hpp"

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace talent::detail {
namespace {

namespace od = simdjson::ondemand;

// A token as simdjson gives it runs up to the next structural character:
// the blank space after it is dropped.
std::string_view trimmed(std::string_view token) {
  while (!token.empty()) {
    char c = token.back();
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    token.remove_suffix(1);
  }
  return token;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// A JSON number as RFC 8259 spells it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool json_number(std::string_view t) {
  std::size_t i = 0, n = t.size();
  if (i < n && t[i] == '-') ++i;
  if (i == n || !digit(t[i])) return false;
  if (t[i] == '0') ++i;
  else while (i < n && digit(t[i])) ++i;
  if (i < n && t[i] == '.') {
    ++i;
    if (i == n || !digit(t[i])) return false;
    while (i < n && digit(t[i])) ++i;
  }
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    if (i == n || !digit(t[i])) return false;
    while (i < n && digit(t[i])) ++i;
  }
  return i == n;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool read_hex4(const char*& p, const char* end, unsigned& out) {
  if (end - p < 4) return false;
  out = 0;
  for (int k = 0; k < 4; ++k) {
    int h = hex_value(p[k]);
    if (h < 0) return false;
    out = out * 16 + static_cast<unsigned>(h);
  }
  p += 4;
  return true;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The first byte from `p` on that is below 0x20, a quote or a backslash,
// looking 8 bytes at a time; `end` when there is none before it. Reads up to
// 8 bytes past `end`, which simdjson's padding allows.
inline const char* string_stop(const char* p, const char* end) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  while (p < end) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    // The lowest flagged byte is always a real one: a false flag only ever
    // follows a real one (a borrow out of it).
    std::uint64_t flags = (((x - 0x20 * ones) & ~x) | has_zero(x ^ ('"' * ones)) | has_zero(x ^ ('\\' * ones))) & highs;
    if (flags != 0) {
      const char* stop = p + __builtin_ctzll(flags) / 8;
      return stop < end ? stop : end;
    }
    p += 8;
  }
  return end;
}

// The content of a JSON string starting at `p` (just after its opening
// quote), unescaped, up to its closing quote; `end` bounds the search. False
// for a raw control character, an unknown escape or a lone surrogate, as the
// tree's parser would refuse them. Without escapes `out` views the input;
// with them it views `scratch`. `after` is set past the closing quote.
bool json_string_escaped(const char* start, const char* p, const char* end, std::string& scratch,
                         std::string_view& out, const char*& after);

inline bool json_string(const char* p, const char* end, std::string& scratch, std::string_view& out,
                        const char*& after) {
  const char* start = p;
  p = string_stop(p, end);
  if (p != end && *p == '"') {
    out = std::string_view(start, static_cast<std::size_t>(p - start));
    after = p + 1;
    return true;
  }
  if (p == end || static_cast<unsigned char>(*p) < 0x20) return false;
  return json_string_escaped(start, p, end, scratch, out, after);
}

// json_string from the first backslash on (`p`), unescaping into `scratch`.
[[gnu::noinline]] bool json_string_escaped(const char* start, const char* p, const char* end, std::string& scratch,
                                           std::string_view& out, const char*& after) {
  scratch.assign(start, p);
  while (p < end) {
    char c = *p++;
    if (c == '"') {
      out = scratch;
      after = p;
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      scratch += c;
      continue;
    }
    if (p == end) return false;
    switch (*p++) {
      case '"': scratch += '"'; break;
      case '\\': scratch += '\\'; break;
      case '/': scratch += '/'; break;
      case 'b': scratch += '\b'; break;
      case 'f': scratch += '\f'; break;
      case 'n': scratch += '\n'; break;
      case 'r': scratch += '\r'; break;
      case 't': scratch += '\t'; break;
      case 'u': {
        unsigned cp = 0;
        if (!read_hex4(p, end, cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned low = 0;
          if (end - p < 2 || p[0] != '\\' || p[1] != 'u') return false;
          p += 2;
          if (!read_hex4(p, end, low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(scratch, cp);
        break;
      }
      default: return false;
    }
  }
  return false;
}

}  // namespace

struct JsonRecordReader::State {
  od::parser parser;
  std::string padded;             // the text, with simdjson's padding after it
  std::size_t text_size = 0;
  std::vector<unsigned char> seen;  // keys met so far: fields, then sections
  std::string scratch;            // an unescaped string
  std::string key_scratch;
  const Schema* schema = nullptr;
  const RecordLimits* limits = nullptr;
  FieldReader* fields = nullptr;
  Record* record = nullptr;
  std::string* id = nullptr;
  bool* has_id = nullptr;

  // A scalar value as the tree's parser would hand it on: strings quoted and
  // unescaped; numbers, booleans plain, as written ("-0" is the integer 0).
  bool scalar(od::value& value, od::json_type type, ScalarText& out) {
    std::string_view raw = value.raw_json_token();
    if (!ends_member(raw)) return false;
    std::string_view token = trimmed(raw);
    switch (type) {
      case od::json_type::string: {
        const char* after = nullptr;
        const char* end = token.data() + token.size();
        if (!json_string(token.data() + 1, end, scratch, out.text, after) || after != end) return false;
        out.quoted = true;
        return true;
      }
      case od::json_type::number:
        if (!json_number(token)) return false;
        out.text = token == "-0" ? std::string_view("0") : token;
        out.quoted = false;
        return true;
      case od::json_type::boolean:
        if (token != "true" && token != "false") return false;
        out.text = token;
        out.quoted = false;
        return true;
      default: return false;
    }
  }

  static bool is_null(od::value& value) {
    std::string_view raw = value.raw_json_token();
    return ends_member(raw) && trimmed(raw) == "null";
  }

  // Whether a member's value is followed by ',' or '}', as it must be. A
  // value read from its token, as scalars are here, is then skipped by
  // simdjson, which does not check what follows it (`"a": "b": 1` would pass
  // as one member): this does.
  static bool ends_member(std::string_view raw) {
    char next = raw.data()[raw.size()];  // the next structural character, or the padding
    return next == ',' || next == '}';
  }

  bool section(od::object object, int index, int depth) {
    const SectionDef& sec = schema->sections[static_cast<std::size_t>(index)];
    for (auto member : object) {
      od::field field;
      if (std::move(member).get(field) != simdjson::SUCCESS) return false;
      const char* key_start = field.key().raw();
      const char* key_end = nullptr;
      std::string_view key;
      if (!json_string(key_start, padded.data() + text_size, key_scratch, key, key_end)) return false;
      int found_field = -1, found_section = -1;
      for (int f : sec.fields) {
        if (schema->fields[static_cast<std::size_t>(f)].name == key) {
          found_field = f;
          break;
        }
      }
      if (found_field < 0) {
        for (int s : sec.sections) {
          if (schema->sections[static_cast<std::size_t>(s)].name == key) {
            found_section = s;
            break;
          }
        }
        if (found_section < 0) return false;  // unknown: the tree path words it
      }
      std::size_t mark = found_field >= 0 ? static_cast<std::size_t>(found_field)
                                          : schema->fields.size() + static_cast<std::size_t>(found_section);
      if (seen[mark]) return false;  // a duplicate key
      seen[mark] = 1;
      od::value value = field.value();
      od::json_type type;
      if (value.type().get(type) != simdjson::SUCCESS) return false;
      if (found_field >= 0) {
        if (type == od::json_type::null) {
          if (!is_null(value)) return false;
          continue;
        }
        ScalarText text;
        if (!scalar(value, type, text)) return false;
        try {
          fields->read(schema->fields[static_cast<std::size_t>(found_field)], text);
        } catch (const Rejection&) {
          return false;
        }
        if (index == 0 && key == "id") {
          id->assign(text.text);
          *has_id = true;
        }
        continue;
      }
      const SectionDef& child = schema->sections[static_cast<std::size_t>(found_section)];
      if (type == od::json_type::null) {
        if (!is_null(value)) return false;
        continue;
      }
      if (type != od::json_type::object || depth + 1 > limits->max_depth) return false;
      od::object inner;
      if (value.get_object().get(inner) != simdjson::SUCCESS) return false;
      RecordAccess::slots(*record)[static_cast<std::size_t>(child.slot)].present = true;
      if (!section(inner, found_section, depth + 1)) return false;
    }
    for (int f : sec.fields) {
      const FieldDef& def = schema->fields[static_cast<std::size_t>(f)];
      if (def.required && !RecordAccess::slots(*record)[static_cast<std::size_t>(def.slot)].present) return false;
    }
    return true;
  }

};

JsonRecordReader::JsonRecordReader() : state_(std::make_unique<State>()) {}
JsonRecordReader::~JsonRecordReader() = default;
JsonRecordReader::JsonRecordReader(JsonRecordReader&&) noexcept = default;
JsonRecordReader& JsonRecordReader::operator=(JsonRecordReader&&) noexcept = default;

bool JsonRecordReader::read(const Schema& schema, const RecordLimits& limits, std::string_view text, Record& record,
                            std::string& id, bool& has_id) {
  State& s = *state_;
  has_id = false;
  if (limits.max_depth < 1) return false;
  s.padded.assign(text);
  s.text_size = text.size();
  s.padded.append(simdjson::SIMDJSON_PADDING, '\0');
  s.seen.assign(schema.fields.size() + schema.sections.size(), 0);
  FieldReader reader(schema, true, limits, record, true);
  s.schema = &schema;
  s.limits = &limits;
  s.fields = &reader;
  s.record = &record;
  s.id = &id;
  s.has_id = &has_id;
  od::document doc;
  if (s.parser.iterate(s.padded.data(), text.size(), s.padded.size()).get(doc) != simdjson::SUCCESS) return false;
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return false;
  if (!s.section(root, 0, 1)) return false;
  // Nothing may follow the object: at the end, the document has no location.
  return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

}  // namespace talent::detail
