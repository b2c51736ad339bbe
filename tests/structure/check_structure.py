#!/usr/bin/env python3
"""Checks the shape of src/: one folder per stage, in the order data flows.

- A file in src/<stage>/ includes only headers of its own stage or an
  earlier one, so that no stage depends on a later one.
- No file under src/ is longer than 450 lines.

Prints each breach with its file and line; exits 1 if there is any.
"""
import pathlib
import re
import sys

STAGES = ["base", "lang", "pack", "record", "eval", "report", "suite", "cli"]
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

for p in problems:
    print(p)
print(f"{len(problems)} problem(s)" if problems else "src/ is in order: stages included backwards only, no file over 450 lines")
sys.exit(1 if problems else 0)
