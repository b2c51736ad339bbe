// Record stage: a spreadsheet's text as UTF-8, whatever Excel saved it in.
//
// A Chinese office's Excel writes "CSV UTF-8" (UTF-8 with a byte order mark)
// or plain "CSV", which is the Windows code page: GBK, read here as GB18030,
// of which it is a part. The encoding is given, or found from the bytes: a
// byte order mark says UTF-8 or UTF-16; otherwise text that is valid UTF-8
// is UTF-8 and anything else GB18030. The conversion is iconv's, from the C
// library; no table is written here.
//
// A byte the encoding cannot hold becomes 0xFF in the output, which no UTF-8
// text contains, so that the reader rejects the row that holds it instead
// of reading something else.
#pragma once

#include <iconv.h>

#include <istream>
#include <string>
#include <vector>

namespace talent::detail {

class TextDecoder {
 public:
  // `encoding`: "" to find it from the bytes, or utf-8, gb18030, gbk, utf-16
  // (any case). Throws std::invalid_argument for another name.
  TextDecoder(std::istream& in, const std::string& encoding);
  ~TextDecoder();
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;

  // Appends the next piece of text, as UTF-8, to `out`; false at the end of
  // the input (nothing appended).
  bool read(std::string& out);
  // "UTF-8", "GB18030", ...: the encoding read, once known; "" while the
  // text has been ASCII only, which reads the same in all of them.
  const std::string& encoding() const { return encoding_; }
  // The input could not be read (an I/O error); the text so far stands.
  bool failed() const { return failed_; }

  // The names --encoding accepts, for messages.
  static const char* known_names() { return "utf-8, gb18030, gbk or utf-16"; }

 private:
  bool fill();  // reads a block of raw bytes into raw_; false at the end
  void decide();
  void convert(bool at_end, std::string& out);

  std::istream& in_;
  std::string encoding_;
  bool detect_ = false;
  bool started_ = false;
  bool ended_ = false;
  bool failed_ = false;
  iconv_t iconv_ = reinterpret_cast<iconv_t>(-1);
  std::vector<char> block_;
  std::string raw_;  // bytes read and not yet handed on
};

}  // namespace talent::detail
