// A tiny rule pack held in memory, for tests of the engine's mechanisms that
// should not depend on the Hohhot pack.
//
// tiny_pack(when, amount): one program whose only condition is `when`.
// tiny_programs(): two programs over the same schema, for whole decisions:
//   grant  monthly, amount from a table keyed by `c`, a window of two years;
//   bonus  once, an optional section, an amount with caps, two remarks.
#pragma once

#include "talent/rule_set.hpp"

#include <string>
#include <vector>

namespace talent::testing {

// The first six lines of a tiny pack's manifest, up to its schema.
inline std::string manifest_head(const std::string& version) {
  return "id: tiny\nversion: \"" + version +
         "\"\ntitle: {zh: 小, en: tiny}\nsource: {document: a test}\neffective_from: 2024-01-01\nschema: schema.yaml\n";
}

inline const std::string kTinyManifest = manifest_head("1") + R"(programs: [p.yaml]
clauses:
  - {id: C-1, text: "the clause"}
)";

// `c` and `job.size` are enums of different kinds; `extra` is an optional
// section (absent: the applicant has none), `job` is not.
inline const char* kTinySchema = R"(enums:
  color:
    - {value: red, label: {zh: 红, en: red}, aliases: [红色]}
    - {value: blue}
  size:
    - {value: small, label: {zh: 小号, en: small}}
    - {value: large, label: {zh: 大号, en: large}, aliases: [大]}
fields:
  id: {type: string, required: true}
  a: {type: bool}
  b: {type: bool}
  n: {type: int, min: 0, max: 100}
  m: {type: money}
  r: {type: rate}
  d: {type: date, label: {zh: 日期, en: date}}
  c: {type: enum, enum: color, label: {zh: 颜色, en: colour}}
  extra:
    type: section
    optional: true
    label: {zh: 附加, en: extra}
    fields:
      x: {type: int}
      y: {type: money}
  job:
    type: section
    label: {zh: 工作, en: job}
    fields:
      city: {type: bool, label: {zh: 在本市, en: in the city}}
      size: {type: enum, enum: size}
)";

// The first four lines of a program file: its id, title, clause and frequency.
inline std::string program_head(const std::string& id, const std::string& title_zh, const std::string& title_en,
                                const std::string& clause, const std::string& frequency) {
  return "id: " + id + "\ntitle: {zh: " + title_zh + ", en: " + title_en + "}\nclause: " + clause +
         "\nfrequency: " + frequency + "\n";
}

// A program whose only condition is `when`, with `amount` as its amount.
inline std::vector<PackFile> tiny_pack(const std::string& when, const std::string& amount = "\"1.00\"") {
  std::string program = program_head("p", "项目", "program", "C-1", "once") +
                        "conditions:\n  - id: cond\n    label: {zh: 条件, en: condition}\n    when: " + when +
                        "\namount: " + amount + "\n";
  return {{"pack.yaml", kTinyManifest}, {"schema.yaml", kTinySchema}, {"p.yaml", program}};
}

inline const std::string kTinyProgramsManifest = manifest_head("2") + R"(programs: [grant.yaml, bonus.yaml]
clauses:
  - {id: C-1, text: "the grant clause"}
  - {id: C-2, text: "the bonus clause"}
  - {id: C-3, title: {zh: 评选, en: a selection}, text: "the clause no program encodes"}
not_encoded:
  - {clause: C-3, reason: {zh: 须排序评选, en: decided by ranking}}
)";

inline const std::string kTinyGrant = program_head("grant", "补贴", "grant", "C-1", "monthly") + R"(conditions:
  - {id: a_holds, label: {zh: 甲成立, en: a holds}, when: a}
  - {id: known_colour, label: {zh: 颜色已知, en: a known colour}, when: "c in [red, blue]"}
  - {id: in_city, label: {zh: 在本市, en: in the city}, when: job.city}
  - {id: started, label: {zh: 已开始, en: has started}, when: d <= as_of}
  - {id: within_two_years, label: {zh: 两年内, en: within two years}, when: as_of <= d + years(2)}
amount:
  by: c
  table: {red: "100.00", blue: "200.50"}
window:
  start: d
  end: d + years(2)
)";

inline const std::string kTinyBonus = program_head("bonus", "奖金", "bonus", "C-2", "once") + R"(conditions:
  - {id: has_extra, label: {zh: 有附加, en: has extra}, when: has(extra)}
  - {id: positive_x, label: {zh: x大于0, en: x above zero}, when: extra.x > 0}
amount: min(extra.y, 100.00) * min(extra.x, 3)
remarks:
  - {id: y_capped, label: {zh: y超过100按100计, en: y above 100 counts 100}, when: extra.y > 100.00}
  - {id: x_capped, label: {zh: x超过3按3计, en: x above 3 counts 3}, when: extra.x > 3}
)";

inline std::vector<PackFile> tiny_programs() {
  return {{"pack.yaml", kTinyProgramsManifest},
          {"schema.yaml", kTinySchema},
          {"grant.yaml", kTinyGrant},
          {"bonus.yaml", kTinyBonus}};
}

}  // namespace talent::testing
