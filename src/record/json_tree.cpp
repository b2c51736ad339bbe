#include "record/json_tree.hpp"

#include "record/field_reader.hpp"

#include <nlohmann/json.hpp>

#include <exception>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

namespace talent::detail {
namespace {

class JsonTreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit JsonTreeBuilder(const RecordLimits& limits) : limits_(limits) {}

  YamlNode root;
  std::optional<RecordError> error;  // the first problem

  bool null() override { return add(YamlNode{}); }
  bool boolean(bool value) override { return add(scalar(value ? "true" : "false", false)); }
  bool number_integer(number_integer_t value) override { return add(scalar(std::to_string(value), false)); }
  bool number_unsigned(number_unsigned_t value) override { return add(scalar(std::to_string(value), false)); }
  bool number_float(number_float_t, const string_t& text) override { return add(scalar(text, false)); }
  bool string(string_t& value) override { return add(scalar(value, true)); }
  bool binary(binary_t&) override { return fail(ErrorCode::syntax, "record.json.invalid", {arg("detail", "")}); }
  bool start_object(std::size_t) override { return open(YamlNode::Kind::map); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(YamlNode::Kind::sequence); }
  bool end_array() override { return close(); }
  bool key(string_t& value) override {
    Frame& top = stack_.back();
    if (!top.keys.insert(value).second) return fail(ErrorCode::duplicate, "record.json.duplicate_key", {arg("key", value)});
    top.key = scalar(value, true);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error = record_error(ErrorCode::syntax, "record.json.syntax",
                         {arg("byte", std::to_string(position)), arg("detail", readable(ex.what()))});
    return false;
  }

  // nlohmann's messages open with "[json.exception.parse_error.101] parse
  // error at line 1, column 9: " and may quote a whole (huge) number: keep
  // the reason, bounded.
  static std::string readable(std::string what) {
    if (!what.empty() && what[0] == '[') {
      std::size_t close = what.find("] ");
      if (close != std::string::npos) what.erase(0, close + 2);
    }
    if (what.rfind("parse error", 0) == 0) {
      std::size_t colon = what.find(": ");
      if (colon != std::string::npos) what.erase(0, colon + 2);
    }
    if (what.size() > 160) {
      std::size_t cut = 157;
      while (cut > 0 && (static_cast<unsigned char>(what[cut]) & 0xC0) == 0x80) --cut;
      what = what.substr(0, cut) + "...";
    }
    return what;
  }

 private:
  struct Frame {
    YamlNode node;
    YamlNode key;
    std::unordered_set<std::string> keys;  // an object's keys so far, for duplicates
  };

  static YamlNode scalar(std::string value, bool quoted) {
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.value = std::move(value);
    n.quoted = quoted;
    return n;
  }
  bool fail(ErrorCode kind, const char* id, std::vector<MessageArg> args) {
    if (!error) error = record_error(kind, id, std::move(args));
    return false;
  }
  bool open(YamlNode::Kind kind) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      return fail(ErrorCode::limit, "record.nesting", {arg("limit", std::to_string(limits_.max_depth))});
    }
    Frame f;
    f.node.kind = kind;
    stack_.push_back(std::move(f));
    return true;
  }
  bool close() {
    YamlNode done = std::move(stack_.back().node);
    stack_.pop_back();
    return add(std::move(done));
  }
  bool add(YamlNode n) {
    if (stack_.empty()) {
      root = std::move(n);
      return true;
    }
    Frame& top = stack_.back();
    if (top.node.kind == YamlNode::Kind::sequence) top.node.items.push_back(std::move(n));
    else top.node.entries.emplace_back(std::move(top.key), std::move(n));
    return true;
  }

  const RecordLimits& limits_;
  std::vector<Frame> stack_;
};

}  // namespace

bool parse_json_tree(std::string_view text, const RecordLimits& limits, YamlNode& out, RecordError& error) {
  JsonTreeBuilder builder(limits);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  } catch (const std::exception& e) {
    builder.error = record_error(ErrorCode::syntax, "record.json.invalid",
                                 {arg("detail", ": " + JsonTreeBuilder::readable(e.what()))});
  }
  if (!ok) {
    error = builder.error ? *builder.error : record_error(ErrorCode::syntax, "record.json.invalid", {arg("detail", "")});
    return false;
  }
  out = std::move(builder.root);
  return true;
}

}  // namespace talent::detail
