# Turns one text file into bytes inside a C++ source file, as a function
# returning them, so that the file ships inside the binary.
# Run with -DINPUT= -DOUTPUT= -DFUNCTION= (a name in talent::detail).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp" "// Generated from ${name} by cmake/embed_file.cmake. Do not edit.
#include <string_view>
namespace talent::detail {
namespace {
const char kBytes[] = {${bytes} '\\0'};
}  // namespace
std::string_view ${FUNCTION}() { return std::string_view(kBytes, ${size}); }
}  // namespace talent::detail
")
configure_file("${OUTPUT}.tmp" "${OUTPUT}" COPYONLY)
