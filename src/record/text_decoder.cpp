#include "record/text_decoder.hpp"

#include "base/text.hpp"

#include <algorithm>
#include <cerrno>
#include <exception>
#include <stdexcept>

namespace talent::detail {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// `bytes` without a UTF-8 sequence cut short at its end.
std::string_view without_cut_sequence(std::string_view bytes) {
  for (std::size_t back = 1; back <= 3 && back <= bytes.size(); ++back) {
    auto c = static_cast<unsigned char>(bytes[bytes.size() - back]);
    if (c < 0x80) break;
    if (c >= 0xC0) {
      if (utf8_sequence_length(c) > back) bytes.remove_suffix(back);
      break;
    }
  }
  return bytes;
}

}  // namespace

TextDecoder::TextDecoder(std::istream& in, const std::string& encoding) : in_(in), block_(1 << 16) {
  std::string name = lower(encoding);
  const char* from = nullptr;
  if (name.empty()) detect_ = true;
  else if (name == "utf-8" || name == "utf8") encoding_ = "UTF-8";
  else if (name == "gb18030") from = "GB18030";
  else if (name == "gbk" || name == "cp936") from = "GBK";
  else if (name == "utf-16") from = "UTF-16";
  else throw std::invalid_argument("unknown encoding '" + encoding + "'; expected " + known_names());
  if (from) {
    iconv_ = iconv_open("UTF-8", from);
    if (iconv_ == reinterpret_cast<iconv_t>(-1)) throw std::invalid_argument(std::string("the C library cannot read ") + from);
    encoding_ = from;
  }
}

TextDecoder::~TextDecoder() {
  if (iconv_ != reinterpret_cast<iconv_t>(-1)) iconv_close(iconv_);
}

bool TextDecoder::fill() {
  std::streambuf* buf = in_.rdbuf();
  if (!buf) return false;
  try {
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return false;
    block_[0] = static_cast<char>(c);
    std::streamsize more = std::min<std::streamsize>(buf->in_avail(), static_cast<std::streamsize>(block_.size() - 1));
    std::size_t got = 1 + static_cast<std::size_t>(more > 0 ? buf->sgetn(block_.data() + 1, more) : 0);
    raw_.append(block_.data(), got);
    return true;
  } catch (const std::exception&) {  // e.g. reading a directory
    failed_ = true;
    return false;
  }
}

void TextDecoder::decide() {
  // Wait for the byte order mark, or enough text to tell.
  std::size_t first = raw_.size();
  for (std::size_t i = 0; i < raw_.size(); ++i) {
    if (static_cast<unsigned char>(raw_[i]) >= 0x80) {
      first = i;
      break;
    }
  }
  if (first == raw_.size() || (raw_.size() - first < 256 && !ended_)) return;
  std::string_view tail = std::string_view(raw_).substr(first);
  encoding_ = valid_utf8(ended_ ? tail : without_cut_sequence(tail)) ? "UTF-8" : "GB18030";
  if (encoding_ == "GB18030") iconv_ = iconv_open("UTF-8", "GB18030");
}

void TextDecoder::convert(bool at_end, std::string& out) {
  char* in = raw_.data();
  std::size_t in_left = raw_.size();
  char buffer[8192];
  while (in_left > 0) {
    char* to = buffer;
    std::size_t to_left = sizeof buffer;
    std::size_t done = iconv(iconv_, &in, &in_left, &to, &to_left);
    out.append(buffer, static_cast<std::size_t>(to - buffer));
    if (done != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    if (errno == EINVAL && !at_end) break;  // a character cut at the block's end: wait for the rest
    out += '\xFF';                          // a byte the encoding does not have
    ++in;
    --in_left;
  }
  raw_.erase(0, raw_.size() - in_left);
}

bool TextDecoder::read(std::string& out) {
  if (!ended_ && !fill()) ended_ = true;
  while (!started_ && !ended_ && raw_.size() < 3) {
    if (!fill()) ended_ = true;
  }
  if (!started_) {
    started_ = true;
    if (raw_.compare(0, 3, "\xEF\xBB\xBF") == 0 && (detect_ || encoding_ == "UTF-8")) {
      raw_.erase(0, 3);
      encoding_ = "UTF-8";
    } else if (detect_ && (raw_.compare(0, 2, "\xFF\xFE") == 0 || raw_.compare(0, 2, "\xFE\xFF") == 0)) {
      encoding_ = "UTF-16";
      iconv_ = iconv_open("UTF-8", "UTF-16");
    }
  }
  if (ended_ && raw_.empty()) return false;
  if (encoding_.empty()) {
    decide();
    if (encoding_.empty()) {  // ASCII so far: the same in every encoding
      std::size_t ascii = 0;
      while (ascii < raw_.size() && static_cast<unsigned char>(raw_[ascii]) < 0x80) ++ascii;
      out.append(raw_, 0, ascii);
      raw_.erase(0, ascii);
      return true;
    }
  }
  if (iconv_ == reinterpret_cast<iconv_t>(-1)) {
    out += raw_;
    raw_.clear();
  } else {
    convert(ended_, out);
  }
  return true;
}

}  // namespace talent::detail
