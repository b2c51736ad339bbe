#!/usr/bin/env python3
"""Checks the shape of src/: one folder per stage, in the order data flows.

- A file in src/<stage>/ includes only headers of its own stage or an
  earlier one, so that no stage depends on a later one.
- No file under src/ is longer than 450 lines.
- A public header (include/talent/) includes only the standard library and
  talent's own headers: Boost, yaml-cpp and nlohmann/json stay inside.

Prints each breach with its file and line; exits 1 if there is any.
"""
import pathlib
import re
import sys

STAGES = ["base", "lang", "pack", "record", "eval", "report", "suite", "capi", "serve", "cli"]
MAX_LINES = 450

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".") / "src"
problems = []
for path in sorted(root.rglob("*")):
    if path.suffix not in (".hpp", ".cpp"):
        continue
    stage = path.relative_to(root).parts[0]
    if stage not in STAGES:
        problems.append(f"{path}: folder '{stage}' is not a known stage ({', '.join(STAGES)})")
        continue
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) > MAX_LINES:
        problems.append(f"{path}: {len(lines)} lines; a file under src/ may have at most {MAX_LINES}")
    for number, line in enumerate(lines, 1):
        m = re.match(r'\s*#\s*include\s+"(\w+)/', line)
        if not m or m.group(1) not in STAGES:
            continue
        if STAGES.index(m.group(1)) > STAGES.index(stage):
            problems.append(f"{path}:{number}: a {stage} file includes the later stage '{m.group(1)}': {line.strip()}")

# Standard headers are named without a folder: <string>, <cstdint>, and the C
# library's <stddef.h> (for talent.h); anything with a folder is another library.
C_HEADERS = {"stddef.h", "stdint.h", "stdbool.h"}
include_root = root.parent / "include" / "talent"
for path in sorted(include_root.glob("*")):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r'\s*#\s*include\s+([<"])([^>"]+)[>"]', line)
        if not m:
            continue
        name = m.group(2)
        own = m.group(1) == '"' and name.startswith("talent/")
        standard = m.group(1) == "<" and "/" not in name and ("." not in name or name in C_HEADERS)
        if not (own or standard):
            problems.append(f"{path}:{number}: a public header includes '{name}', which is neither the "
                            "standard library nor talent's own: keep it inside src/")

for p in problems:
    print(p)
print(f"{len(problems)} problem(s)" if problems else "src/ is in order: stages included backwards only, no file over 450 lines; public headers need only the standard library")
sys.exit(1 if problems else 0)
