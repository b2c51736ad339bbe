#!/usr/bin/env python3
"""Runs `talent test` and checks its exit status and output (tests/policy).

usage: check_runner.py [--exit N] [--contains TEXT]... [--last-line REGEX]
                       [--copy-pack DIR [--edit FILE OLD NEW]...] -- COMMAND...

With --copy-pack, the pack is copied to a temporary folder first, each --edit
replaces OLD by NEW (exactly once) in FILE of the copy, and "{pack}" in the
command stands for the copy. On any mismatch the whole output is printed, so
it can be reviewed and pasted.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import os


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        print("check_runner.py: expected -- before the command")
        return 2
    split = argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("--exit", type=int, default=None)
    parser.add_argument("--contains", action="append", default=[])
    parser.add_argument("--last-line", default=None)
    parser.add_argument("--copy-pack", default=None)
    parser.add_argument("--edit", nargs=3, action="append", default=[], metavar=("FILE", "OLD", "NEW"))
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:]

    with tempfile.TemporaryDirectory(prefix="talent-check-") as tmp:
        if args.copy_pack:
            pack = os.path.join(tmp, "pack")
            shutil.copytree(args.copy_pack, pack, ignore=shutil.ignore_patterns("tests"))
            for name, old, new in args.edit:
                path = os.path.join(pack, name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                if text.count(old) != 1:
                    print(f"check_runner.py: '{old}' occurs {text.count(old)} times in {name}, expected once")
                    return 2
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace(old, new))
            command = [part.replace("{pack}", pack) for part in command]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    problems = []
    if args.exit is not None and result.returncode != args.exit:
        problems.append(f"exit status {result.returncode}, expected {args.exit}")
    for text in args.contains:
        if text not in result.stdout:
            problems.append(f"the output lacks: {text}")
    lines = result.stdout.rstrip("\n").split("\n")
    if args.last_line and not re.fullmatch(args.last_line, lines[-1]):
        problems.append(f"the last line '{lines[-1]}' does not match {args.last_line}")
    if problems:
        print(result.stdout)
        for p in problems:
            print("MISMATCH: " + p)
        return 1
    print(lines[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
