// Fuzz target: a rule pack whose dated parameters (parameters.yaml) are the
// input and whose other files are the built-in pack's. Loads it; when it
// loads, decides the sample records with it on a few as-of dates.
#include "fuzz_records.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace talent;
  static const std::vector<PackFile> builtin = builtin_pack_files();
  std::vector<PackFile> files = builtin;
  for (PackFile& f : files) {
    if (f.name == "parameters.yaml") f.content.assign(reinterpret_cast<const char*>(data), size);
  }
  LoadResult r = load_rule_set(files, "pack");
  if (!r.ok()) {
    if (r.diagnostics.empty()) __builtin_trap();  // neither a rule set nor a reason
    (void)format(r.diagnostics);
    return 0;
  }
  for (const Record& record : fuzz::parse_samples(*r.rule_set)) fuzz::decide_all(*r.rule_set, record);
  return 0;
}
