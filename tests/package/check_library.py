#!/usr/bin/env python3
"""Checks the shared library as a package: its SONAME carries the ABI
version, it exports every function of talent.h and the C++ API in namespace
talent, and nothing else (no stage inside, no Boost, yaml-cpp or standard
library template code).

  check_library.py LIBRARY TALENT_H ABI_VERSION
"""
import re
import subprocess
import sys

library, header, abi = sys.argv[1], sys.argv[2], sys.argv[3]
problems = []

dynamic = subprocess.run(["readelf", "-d", library], stdout=subprocess.PIPE, text=True, check=True).stdout
soname = re.search(r"Library soname: \[([^\]]+)\]", dynamic)
if not soname or soname.group(1) != f"libtalent.so.{abi}":
    problems.append(f"SONAME is {soname.group(1) if soname else 'missing'}, expected libtalent.so.{abi}")

lines = subprocess.run(["nm", "-D", "--defined-only", "-C", library], stdout=subprocess.PIPE, text=True,
                       check=True).stdout.splitlines()
symbols = [line.split(" ", 2)[2] for line in lines if line.count(" ") >= 2]
allowed = re.compile(r"^(talent_\w+$|talent::(?!detail::)|(typeinfo|typeinfo name|vtable) for talent::(?!detail::))")
for s in symbols:
    if not allowed.match(s):
        problems.append(f"exported but not public API: {s}")

declared = re.findall(r"TALENT_API[^;(]*?\b(talent_\w+)\s*\(", open(header, encoding="utf-8").read())
for name in declared:
    if name not in symbols:
        problems.append(f"talent.h declares {name}, the library does not export it")
for needed in ["talent::evaluate(", "talent::parse_record(", "talent::builtin_rule_set()", "talent::version()",
               "typeinfo for talent::EvaluationError"]:
    if not any(s.startswith(needed) for s in symbols):
        problems.append(f"the C++ API lacks {needed}")

for p in problems:
    print(p)
print(f"{len(symbols)} symbols exported, {len(declared)} C functions; "
      + (f"{len(problems)} problem(s)" if problems else f"all public API, SONAME libtalent.so.{abi}"))
sys.exit(1 if problems else 0)
