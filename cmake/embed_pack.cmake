# Turns every YAML file of a rule pack into bytes inside a C++ source file,
# so that the pack ships inside the binary. Run with -DPACK_DIR= -DOUTPUT=.
file(GLOB files RELATIVE "${PACK_DIR}" "${PACK_DIR}/*.yaml")
list(SORT files)
set(body "")
set(table "")
set(index 0)
foreach(name IN LISTS files)
  file(READ "${PACK_DIR}/${name}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "const char kFile${index}[] = {${bytes} '\\0'};\n")
  string(APPEND table "    {\"${name}\", std::string_view(kFile${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from the rule pack by cmake/embed_pack.cmake. Do not edit.
#include <string_view>
#include <utility>
#include <vector>
namespace talent::detail {
namespace {
${body}}  // namespace
std::vector<std::pair<std::string_view, std::string_view>> builtin_pack_data() {
  return {
${table}  };
}
}  // namespace talent::detail
")
configure_file("${OUTPUT}.tmp" "${OUTPUT}" COPYONLY)
