// Pack stage: versions of the rules. The pack as first published is the
// first version; each amendment file (an 实施细则, a notice) makes the next
// one from its effective date: new record fields, new parameters or dated
// values, and changes to programs (conditions added, replaced or removed; a
// new amount or window). A changed program becomes a new form of it; the
// others are shared with the version before.
#pragma once

#include "lang/compiled.hpp"
#include "pack/expression_reader.hpp"
#include "pack/yaml_read.hpp"

#include <vector>

namespace talent::detail {

// Where a program form was written, for messages about it as a whole.
struct ProgramAnchor {
  const YamlDocument* document = nullptr;
  const YamlNode* node = nullptr;
};

// Reads the amendment `r` is reading and appends the version it makes to
// pack.versions (with its changed program forms to pack.programs and
// pack.program_infos, and their anchors to `anchors`). Every problem is
// reported through `r`.
void load_amendment(YamlReader& r, CompiledPack& pack, const std::vector<ConditionGroup>& groups,
                    std::vector<ProgramAnchor>& anchors);

// Completes every version once all are read: the position of each program
// key, the order in which programs are decided (a program whose conditions
// read another's outcome after that one; a cycle is an error), and the rule
// that each parameter a version reads has a value on the day it takes effect.
// Problems go to `diagnostics`, placed at the programs' anchors.
void settle_versions(CompiledPack& pack, const std::vector<ProgramAnchor>& anchors, std::vector<Diagnostic>& diagnostics);

}  // namespace talent::detail
