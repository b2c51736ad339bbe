// A tiny rule pack held in memory, for tests of the engine's mechanisms that
// should not depend on the Hohhot pack.
#pragma once

#include "talent/rule_set.hpp"

#include <string>
#include <vector>

namespace talent::testing {

inline const char* kTinyManifest = R"(id: tiny
version: "1"
title: {zh: 小, en: tiny}
source: {document: a test}
effective_from: 2024-01-01
schema: schema.yaml
programs: [p.yaml]
clauses:
  - {id: C-1, text: "the clause"}
)";

inline const char* kTinySchema = R"(enums:
  color:
    - {value: red, label: {zh: 红, en: red}, aliases: [红色]}
    - {value: blue}
fields:
  id: {type: string, required: true}
  a: {type: bool}
  b: {type: bool}
  n: {type: int, min: 0, max: 100}
  m: {type: money}
  r: {type: rate}
  d: {type: date}
  c: {type: enum, enum: color}
  extra:
    type: section
    optional: true
    fields:
      x: {type: int}
)";

// A program whose only condition is `when`, with `amount` as its amount.
inline std::vector<PackFile> tiny_pack(const std::string& when, const std::string& amount = "\"1.00\"") {
  std::string program = "id: p\ntitle: {zh: 项目, en: program}\nclause: C-1\nfrequency: once\n"
                        "conditions:\n  - id: cond\n    label: {zh: 条件, en: condition}\n    when: " + when +
                        "\namount: " + amount + "\n";
  return {{"pack.yaml", kTinyManifest}, {"schema.yaml", kTinySchema}, {"p.yaml", program}};
}

}  // namespace talent::testing
