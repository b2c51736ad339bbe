#!/usr/bin/env python3
"""Runs a program that decides records through the library (the C or the
Python example) beside `talent batch` on the same files, and checks that
both print the same bytes and exit with the same status.

  compare_with_cli.py --cli TALENT --program CMD [--program ARG]... [--batch-flag=FLAG]
                      [--env NAME=VALUE]... [--ways N] [--single FILE...] [--many FILE...]

--single files hold one record each and are given to the program as they
are; --many files may hold any number of records and are given with
FLAG (e.g. --batch). Each file is decided three times, as of 2025-06-30: with
reasons in Chinese, without reasons in English, and with --what-if (what
would make each program not granted eligible) and reasons in Chinese; with
--ways N, only the first N of these (a sanitizer build, where each run costs
ten times as much, takes the first). Exits 1 on any difference.
"""
import argparse
import os
import subprocess
import sys

VARIANTS = [[], ["--lang", "en", "--no-reasons"], ["--what-if"]]


def run(command, env):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--program", required=True, action="append")
    parser.add_argument("--batch-flag", default=None)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--single", nargs="*", default=[])
    parser.add_argument("--many", nargs="*", default=[])
    parser.add_argument("--ways", type=int, choices=range(1, len(VARIANTS) + 1), default=len(VARIANTS))
    args = parser.parse_args()
    variants = VARIANTS[:args.ways]

    env = dict(os.environ)
    for item in args.env:
        name, _, value = item.partition("=")
        env[name] = value

    cases = [(f, False) for f in args.single] + [(f, True) for f in args.many]
    problems = 0
    records = 0
    for path, many in cases:
        for variant in variants:
            options = ["--as-of", "2025-06-30"] + variant
            expected = run([args.cli, "batch"] + options + [path], env)
            flag = [args.batch_flag] if many and args.batch_flag else []
            actual = run(args.program + options + flag + [path], env)
            records += expected[1].count(b"\n") if not variant else 0
            if actual[:2] != expected[:2]:
                problems += 1
                print(f"{path} {' '.join(variant)}: differs from talent batch")
                print(f"  talent batch: exit {expected[0]}\n{expected[1].decode(errors='replace')[:2000]}")
                print(f"  program:      exit {actual[0]}\n{actual[1].decode(errors='replace')[:2000]}"
                      f"{actual[2].decode(errors='replace')[:2000]}")
    print(f"{len(cases)} files, {records} results, {len(variants)} way(s) each: "
          + (f"{problems} difference(s)" if problems else "identical to talent batch"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
