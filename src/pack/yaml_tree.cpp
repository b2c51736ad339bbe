#include "pack/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <sstream>
#include <unordered_map>

namespace talent::detail {
namespace {

struct Refusal {
  YAML::Mark mark;
  ErrorCode code;
  std::string message;
};

// Builds YamlNodes from parser events with an explicit stack, so that the
// building itself never recurses.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::vector<std::string>& lines, const YamlLimits& limits)
      : lines_(lines), limits_(limits) {}

  YamlNode root;
  bool have_root = false;
  YAML::Mark document_start;  // of the latest document

  void OnDocumentStart(const YAML::Mark& mark) override { document_start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    YamlNode n;
    n.kind = YamlNode::Kind::null;
    n.pos = position(mark);
    add(std::move(n), mark);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Refusal{mark, ErrorCode::limit, "YAML aliases (*name) are not allowed here; write the value out"};
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.value = value;
    n.quoted = tag != "?";
    n.pos = position(mark);
    add(std::move(n), mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::sequence, mark);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::map, mark);
  }
  void OnMapEnd() override { close(); }

  SourcePos position(const YAML::Mark& mark) const {
    SourcePos pos;
    pos.line = mark.line + 1;
    int byte_column = mark.column;
    if (mark.line >= 0 && static_cast<std::size_t>(mark.line) < lines_.size()) {
      const std::string& line = lines_[static_cast<std::size_t>(mark.line)];
      std::size_t upto = std::min(static_cast<std::size_t>(std::max(byte_column, 0)), line.size());
      // Marks mostly move forward: count on from the previous one on the same
      // line, so that a long line of many nodes costs linear, not quadratic, time.
      if (mark.line != counted_line_ || upto < counted_bytes_) {
        counted_line_ = mark.line;
        counted_bytes_ = 0;
        counted_chars_ = 0;
      }
      counted_chars_ += utf8_length(std::string_view(line).substr(counted_bytes_, upto - counted_bytes_));
      counted_bytes_ = upto;
      pos.column = counted_chars_ + 1;
    } else {
      pos.column = byte_column + 1;
    }
    return pos;
  }

 private:
  struct Frame {
    YamlNode node;
    bool have_key = false;
    YamlNode key;
    std::unordered_map<std::string, int> key_lines;  // a map's keys so far, for duplicates
  };

  void open(YamlNode::Kind kind, const YAML::Mark& mark) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw Refusal{mark, ErrorCode::limit, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels"};
    }
    count(mark);
    Frame f;
    f.node.kind = kind;
    f.node.pos = position(mark);
    stack_.push_back(std::move(f));
  }

  void close() {
    YamlNode done = std::move(stack_.back().node);
    stack_.pop_back();
    attach(std::move(done));
  }

  void add(YamlNode n, const YAML::Mark& mark) {
    count(mark);
    attach(std::move(n));
  }

  void count(const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes) {
      throw Refusal{mark, ErrorCode::limit, "more than " + std::to_string(limits_.max_nodes) + " YAML nodes"};
    }
  }

  void attach(YamlNode n) {
    if (stack_.empty()) {
      root = std::move(n);
      have_root = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == YamlNode::Kind::sequence) {
      top.node.items.push_back(std::move(n));
      return;
    }
    if (!top.have_key) {
      if (n.kind != YamlNode::Kind::scalar) {
        throw Refusal{mark_of(n), ErrorCode::wrong_type,
                      "a mapping key must be a plain name, not a " + std::string(n.kind_name())};
      }
      auto [first, inserted] = top.key_lines.emplace(n.value, n.pos.line);
      if (!inserted) {
        throw Refusal{mark_of(n), ErrorCode::duplicate, "duplicate key '" + n.value + "' (first given on line " +
                                      std::to_string(first->second) + ")"};
      }
      top.key = std::move(n);
      top.have_key = true;
      return;
    }
    top.node.entries.emplace_back(std::move(top.key), std::move(n));
    top.have_key = false;
  }

  // Positions are already converted; refusals carry them back as marks.
  static YAML::Mark mark_of(const YamlNode& n) {
    YAML::Mark m;
    m.line = n.pos.line - 1;
    m.column = -n.pos.column;  // negative: already a character column
    return m;
  }

  const std::vector<std::string>& lines_;
  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::size_t nodes_ = 0;
  mutable int counted_line_ = -1;  // position(): where the last column was counted
  mutable std::size_t counted_bytes_ = 0;
  mutable int counted_chars_ = 0;
};

}  // namespace

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.first.value == key) return &entry.second;
  }
  return nullptr;
}

const YamlNode* YamlNode::find_key(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.first.value == key) return &entry.first;
  }
  return nullptr;
}

const char* YamlNode::kind_name() const {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::scalar: return "scalar";
    case Kind::sequence: return "list";
    case Kind::map: return "mapping";
  }
  return "node";
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

namespace {

// The first control character in `text` other than tab, line feed and
// carriage return (C0 and DEL), with its position in `at`; 0 and `at`
// untouched when there is none.
unsigned char control_character(std::string_view text, SourcePos& at) {
  int line = 1, column = 1;
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      at = SourcePos{line, column};
      return c;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // a character's first byte
      ++column;
    }
  }
  return 0;
}

}  // namespace

Diagnostic YamlDocument::diagnostic(SourcePos pos, ErrorCode code, std::string message, int length) const {
  std::string source_line;
  if (pos.line >= 1 && static_cast<std::size_t>(pos.line) <= lines.size()) {
    source_line = lines[static_cast<std::size_t>(pos.line) - 1];
  }
  return Diagnostic{file, pos.line, pos.column, length, code, std::move(message), std::move(source_line)};
}

bool parse_yaml(std::string file, std::string_view text, const YamlLimits& limits,
                YamlDocument& out, Diagnostic& error) {
  out.file = std::move(file);
  out.lines = split_lines(text);
  out.root = YamlNode{};
  TreeBuilder builder(out.lines, limits);
  auto fail_at = [&](const YAML::Mark& mark, ErrorCode code, const std::string& message) {
    SourcePos pos;
    if (mark.column < 0) {  // a position TreeBuilder already converted
      pos.line = mark.line + 1;
      pos.column = -mark.column;
    } else if (mark.line < 0) {
      pos = SourcePos{static_cast<int>(out.lines.size()), 1};
    } else {
      pos = builder.position(mark);
    }
    error = out.diagnostic(pos, code, message);
    return false;
  };
  // yaml-cpp reads a raw NUL as the start of an escape (`A<NUL>x2D1` becomes
  // `A-1`) and lets other control characters through: refuse them all before
  // it sees the text, for records and packs alike.
  SourcePos at;
  if (unsigned char c = control_character(text, at); c != 0 || at.line > 0) {
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", c);
    error = out.diagnostic(at, ErrorCode::syntax,
                           std::string("a raw control character (") + code +
                               ") that YAML text may not hold; it is refused rather than read as something else "
                               "(write it as an escape in a double-quoted string if it is meant)");
    return false;
  }
  try {
    std::string owned(text);
    std::istringstream stream(owned);
    YAML::Parser parser(stream);
    if (!parser.HandleNextDocument(builder)) {
      out.root.kind = YamlNode::Kind::null;
      return true;
    }
    if (parser.HandleNextDocument(builder)) {
      return fail_at(builder.document_start, ErrorCode::syntax, "expected one YAML document, found several ('---')");
    }
  } catch (const Refusal& r) {
    return fail_at(r.mark, r.code, r.message);
  } catch (const YAML::Exception& e) {
    return fail_at(e.mark, ErrorCode::syntax, "YAML syntax: " + e.msg);
  }
  if (builder.have_root) out.root = std::move(builder.root);
  return true;
}

}  // namespace talent::detail
