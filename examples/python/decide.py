#!/usr/bin/env python3
"""decide.py: decides applicant records with the rules built into libtalent
and prints one line of JSON per record, exactly as `talent batch` does.

    python3 decide.py [--as-of YYYY-MM-DD] [--lang en] [--no-reasons] [--what-if] FILE...

Each FILE may hold one record or many (YAML or JSON, JSON Lines, a JSON
array). Exit status as talent batch's: 0 every record decided, 1 a record
rejected, 2 a usage error.

With talent installed under PREFIX:
    PYTHONPATH=PREFIX/lib/python3/dist-packages python3 decide.py FILE...
"""
import argparse
import json
import sys

import talent


def main():
    parser = argparse.ArgumentParser(description="decide applicant records as talent batch does")
    parser.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("--no-reasons", action="store_true")
    parser.add_argument("--what-if", action="store_true", help="what would make each program not granted eligible")
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args()

    rules = talent.RuleSet.builtin()
    rejected = False
    for path in args.files:
        with (sys.stdin.buffer if path == "-" else open(path, "rb")) as f:
            text = f.read()
        try:
            results = rules.decide_all(text, as_of=args.as_of, reasons=not args.no_reasons, language=args.lang,
                                       what_if=args.what_if)
        except talent.UsageError as e:
            print(f"decide.py: {e}", file=sys.stderr)
            return 2
        for result in results:
            rejected = rejected or "error" in result
            print(json.dumps(result, ensure_ascii=False, separators=(",", ":")))
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
