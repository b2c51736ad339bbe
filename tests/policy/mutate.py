#!/usr/bin/env python3
"""Mutation check for a rule pack's policy suite.

Makes one small change at a time to the pack's YAML -- a number nudged by one
in its last digit, a date offset years(2) -> years(1)/years(3), a comparison
operator swapped for its neighbour or its opposite, a value dropped from an
`in [...]` list, an alias dropped from the schema, a boolean flipped, an
amount-table amount moved by one fen, a parameter's value nudged, the day a
parameter's value applies from moved by a day either way, a selection's
ranking order turned round, the first day of its first cycle moved by a day
either way -- and runs
`talent test` against the changed copy. Expressions are mutated wherever they
are written: conditions, amounts, windows, named expressions and a
selection's award, on one line
or folded over several. A mutant the suite still passes has "survived": some number or
boundary of the pack is not pinned down by any case. The check fails when any
mutant survives. A mutant that stops the pack from loading also counts as
killed, but is listed apart: the loader caught it, not the suite.

usage: mutate.py --talent PATH --pack DIR --suite DIR [--jobs N] [--list]
"""

import argparse
import concurrent.futures
import datetime
import decimal
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Files whose values are metadata, not rules: mutating them proves nothing.
SKIPPED_FILES = {"pack.yaml"}

COMPARISONS = {
    "<=": ["<", ">"],
    "<": ["<=", ">="],
    ">=": [">", "<"],
    ">": [">=", "<="],
    "==": ["!="],
    "!=": ["=="],
}

EXPRESSION_KEY = re.compile(r"^(\s*(?:-\s+)?(?:when|amount|start|end|is|award):\s+)(.*)$")
BLOCK_INDICATORS = (">", ">-", "|", "|-")
PARAMETER_VALUE = re.compile(r"^(\s+value:\s+)(\d+(?:\.\d+)?)(%?)(\s*(?:#.*)?)$")
SINCE = re.compile(r"^(\s+(?:-\s+)?(?:since|first):\s+)(\d{4}-\d{2}-\d{2})(\s*(?:#.*)?)$")
RANKING_ORDER = re.compile(r"\border:\s*(ascending|descending)\b")
TABLE_ROW = re.compile(r'^(\s+[A-Za-z_]\w*:\s+")(\d+\.\d+)("\s*(?:#.*)?)$')
SCHEMA_MIN_MAX = re.compile(r"\b(min|max):\s*(-?\d+)")
ALIASES = re.compile(r"aliases:\s*\[([^\]]*)\]")
REQUIRED_TRUE = re.compile(r"\brequired:\s*true\b")
FREQUENCY = re.compile(r"^(frequency:\s*)(monthly|once)\b")
NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(%?)(?![\w.])")
OPERATOR = re.compile(r"<=|>=|==|!=|<|>")
IN_LIST = re.compile(r"\bin\s+\[([^\]]*)\]")
BOOLEAN = re.compile(r"\b(true|false)\b")
MIN_MAX_CALL = re.compile(r"\b(min|max)\(")


def nudge(text, delta):
    """The number `text` moved by one unit of its last written digit."""
    d = decimal.Decimal(text)
    step = decimal.Decimal(1).scaleb(d.as_tuple().exponent)
    return str(d + delta * step)


def split_comment(line):
    """(code, comment) without touching a '#' inside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i], line[i:]
    return line, ""


def list_items(inner):
    return [item.strip() for item in inner.split(",") if item.strip()]


def expression_mutants(expr):
    """(description, new expression) for every mutation of one expression."""
    out = []
    for m in OPERATOR.finditer(expr):
        for repl in COMPARISONS[m.group(0)]:
            out.append((f"'{m.group(0)}' -> '{repl}'", expr[: m.start()] + repl + expr[m.end():]))
    for m in NUMBER.finditer(expr):
        for delta in (1, -1):
            new = nudge(m.group(1), delta)
            out.append((f"{m.group(0)} -> {new}{m.group(2)}",
                        expr[: m.start()] + new + m.group(2) + expr[m.end():]))
    for m in IN_LIST.finditer(expr):
        items = list_items(m.group(1))
        if len(items) < 2:
            continue
        for drop in items:
            kept = ", ".join(i for i in items if i != drop)
            out.append((f"drop {drop} from [{', '.join(items)}]",
                        expr[: m.start(1)] + kept + expr[m.end(1):]))
    for m in BOOLEAN.finditer(expr):
        flipped = "false" if m.group(1) == "true" else "true"
        out.append((f"{m.group(1)} -> {flipped}", expr[: m.start()] + flipped + expr[m.end():]))
    for m in MIN_MAX_CALL.finditer(expr):
        other = "max" if m.group(1) == "min" else "min"
        out.append((f"{m.group(1)}( -> {other}(", expr[: m.start()] + other + expr[m.start() + 3:]))
    return out


def line_mutants(name, line):
    """(description, new line) for every mutation of one line of a pack file."""
    code, comment = split_comment(line)
    out = []
    m = EXPRESSION_KEY.match(code)
    if m and name != "schema.yaml":
        value = m.group(2).rstrip()
        if value and value not in BLOCK_INDICATORS and not value.startswith("{"):
            quoted = value[0] in "\"'" and value[-1] == value[0]
            expr = value[1:-1] if quoted else value
            for desc, new in expression_mutants(expr):
                new_value = value[0] + new + value[-1] if quoted else new
                out.append((desc, m.group(1) + new_value + comment))
    m = PARAMETER_VALUE.match(line)
    if m:
        for delta in (1, -1):
            new = nudge(m.group(2), delta)
            out.append((f"parameter value {m.group(2)}{m.group(3)} -> {new}{m.group(3)}",
                        m.group(1) + new + m.group(3) + m.group(4)))
    m = SINCE.match(line)
    if m:
        day = datetime.date.fromisoformat(m.group(2))
        # A day nothing is decided before (a selection's first cycle opens on
        # it) may say so: moving it earlier could not change any decision.
        earlier = "mutation: not moved earlier" not in comment
        for delta in (1, -1) if earlier else (1,):
            new = (day + datetime.timedelta(days=delta)).isoformat()
            key = "first" if "first:" in m.group(1) else "since"
            out.append((f"{key} {m.group(2)} -> {new}", m.group(1) + new + m.group(3)))
    m = TABLE_ROW.match(line)
    if m:
        for delta in (1, -1):
            new = nudge(m.group(2), delta)
            out.append((f"amount {m.group(2)} -> {new}", m.group(1) + new + m.group(3)))
    for m in RANKING_ORDER.finditer(code):
        other = "ascending" if m.group(1) == "descending" else "descending"
        out.append((f"order {m.group(1)} -> {other}", line[: m.start(1)] + other + line[m.end(1):]))
    m = FREQUENCY.match(line)
    if m:
        other = "once" if m.group(2) == "monthly" else "monthly"
        out.append((f"frequency {m.group(2)} -> {other}", line[: m.start(2)] + other + line[m.end(2):]))
    if name == "schema.yaml":
        for m in SCHEMA_MIN_MAX.finditer(code):
            for delta in (1, -1):
                new = str(int(m.group(2)) + delta)
                out.append((f"{m.group(1)}: {m.group(2)} -> {new}", line[: m.start(2)] + new + line[m.end(2):]))
        for m in ALIASES.finditer(code):
            items = list_items(m.group(1))
            for drop in items:
                kept = ", ".join(i for i in items if i != drop)
                out.append((f"drop alias {drop}", line[: m.start(1)] + kept + line[m.end(1):]))
        for m in REQUIRED_TRUE.finditer(code):
            out.append(("required: true -> false", line[: m.start()] + "required: false" + line[m.end():]))
    return out


def all_mutants(pack):
    mutants = []
    for name in sorted(os.listdir(pack)):
        path = os.path.join(pack, name)
        if not name.endswith(".yaml") or name in SKIPPED_FILES or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        folded_indent = None  # inside an expression folded over several lines
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith("#"):
                continue
            indent = len(line) - len(line.lstrip())
            if folded_indent is not None and line.strip() and indent > folded_indent:
                code, comment = split_comment(line)
                for desc, new in expression_mutants(code.strip()):
                    mutants.append((name, number, desc, " " * indent + new + comment))
                continue
            folded_indent = None
            m = EXPRESSION_KEY.match(split_comment(line)[0])
            if m and name != "schema.yaml" and m.group(2).strip() in BLOCK_INDICATORS:
                folded_indent = indent
            for desc, new_line in line_mutants(name, line):
                if new_line != line:
                    mutants.append((name, number, desc, new_line))
    return mutants


def run_mutant(args, pack, mutant):
    """Returns (mutant, outcome, seconds) with outcome killed|load_error|survived."""
    name, number, _, new_line = mutant
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="talent-mutant-") as tmp:
        copy = os.path.join(tmp, "pack")
        shutil.copytree(pack, copy, ignore=shutil.ignore_patterns("tests"))
        target = os.path.join(copy, name)
        with open(target, encoding="utf-8") as f:
            lines = f.read().split("\n")
        lines[number - 1] = new_line
        with open(target, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        result = subprocess.run([args.talent, "test", "--rules", copy, args.suite],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    if result.returncode == 0:
        outcome = "survived"
    elif result.returncode == 2:
        outcome = "load_error"
    else:
        outcome = "killed"
    return mutant, outcome, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--talent", required=True, help="the talent program")
    parser.add_argument("--pack", required=True, help="the rule pack folder")
    parser.add_argument("--suite", required=True, help="the suite folder or file")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    args = parser.parse_args()

    baseline = subprocess.run([args.talent, "test", "--rules", args.pack, args.suite],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if baseline.returncode != 0:
        print(baseline.stdout)
        print("mutation check: the suite does not pass on the unchanged pack; fix that first")
        return 1

    mutants = all_mutants(args.pack)
    if args.list:
        for name, number, desc, new_line in mutants:
            print(f"{name}:{number}: {desc}: {new_line.strip()}")
        print(f"{len(mutants)} mutants")
        return 0
    started = time.monotonic()
    survived, load_errors, killed = [], [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for mutant, outcome, _ in pool.map(lambda m: run_mutant(args, args.pack, m), mutants):
            if outcome == "survived":
                survived.append(mutant)
            elif outcome == "load_error":
                load_errors.append(mutant)
            else:
                killed += 1
    elapsed = time.monotonic() - started

    for name, number, desc, new_line in load_errors:
        print(f"rejected by the loader: {name}:{number}: {desc}: {new_line.strip()}")
    for name, number, desc, new_line in survived:
        print(f"SURVIVED: {name}:{number}: {desc}: {new_line.strip()}")
    print(f"{len(mutants)} mutants made: {killed} killed by the suite, {len(load_errors)} rejected by the loader, "
          f"{len(survived)} survived ({elapsed:.1f} s, {args.jobs} at a time)")
    if not mutants:
        print("mutation check: no mutants were made; is --pack the right folder?")
        return 1
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
