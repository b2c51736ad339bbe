#!/usr/bin/env python3
"""The caseworker CLI, end to end: the worked examples of the policy through
`talent check --format json`, exit statuses, stdin, batch output and the
rules/validate commands.

usage: cli_test.py TALENT SOURCE_DIR
"""
import functools
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run

TALENT = sys.argv[1]
SOURCE = pathlib.Path(sys.argv[2]).resolve()
APPLICANTS = SOURCE / "examples" / "applicants"
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT)


def programs(decision):
    out = {}
    for p in decision["programs"]:
        row = [p["status"]]
        if "amount" in p:
            row.append(p["amount"])
        if "window" in p:
            row.append(p["window"]["start"] + ".." + p["window"]["end"])
        if "missing" in p:
            row.append(p["missing"])
        out[p["program"]] = row
    return out


# The worked examples of docs/policy-reading.md, as of 2025-06-30.
WORKED = {
    "01-doctorate-renting.yaml": {
        "rent_subsidy": ["eligible", "1000.00", "2024-07-01..2026-07-01"],
        "home_purchase_subsidy": ["ineligible"],
        "startup_loan_interest_subsidy": ["ineligible"],
    },
    "02-bachelor-founder.yaml": {
        "rent_subsidy": ["eligible", "500.00", "2023-06-30..2025-06-30"],
        "home_purchase_subsidy": ["eligible", "30000.00"],
        "startup_loan_interest_subsidy": ["eligible", "17325.00"],
    },
    "03-master-part-time.yaml": {
        "rent_subsidy": ["ineligible"],
        "home_purchase_subsidy": ["ineligible"],
        "startup_loan_interest_subsidy": ["ineligible"],
    },
    "04-associate-no-date.yaml": {
        "rent_subsidy": ["needs_info", ["graduation_date"]],
        "home_purchase_subsidy": ["ineligible"],
        "startup_loan_interest_subsidy": ["ineligible"],
    },
}

for name, expected in WORKED.items():
    code, out, err = talent("check", "--as-of", "2025-06-30", "--format", "json", str(APPLICANTS / name))
    expect(f"{name} exit", code, 0)
    decision = json.loads(out)
    expect(f"{name} programs", programs(decision), expected)
    expect(f"{name} as_of", decision["as_of"], "2025-06-30")
    expect(f"{name} ruleset", decision["ruleset"]["id"], "hohhot-talent-25")
    expect(f"{name} digest", decision["ruleset"]["digest"].startswith("sha256:"), True)
    for p in decision["programs"]:
        expect(f"{name} {p['program']} frequency", p["frequency"],
               "monthly" if p["program"] == "rent_subsidy" else "once")
        expect(f"{name} {p['program']} reasons", all("condition" in r and "result" in r for r in p["reasons"]), True)

# Every reason carries the values seen, and null for an unknown result.
code, out, _ = talent("check", "--as-of", "2025-06-30", "--format", "json", str(APPLICANTS / "04-associate-no-date.yaml"))
rent = json.loads(out)["programs"][0]
within = [r for r in rent["reasons"] if r["condition"] == "within_two_years"][0]
expect("unknown reason", (within["result"], within["seen"]), (None, {"graduation_date": None, "as_of": "2025-06-30"}))

# Batch input: N records in, N results out, in order; a rejected record -> exit 1.
code, out, _ = talent("batch", "--as-of", "2025-06-30", str(APPLICANTS / "batch.jsonl"))
lines = [json.loads(l) for l in out.splitlines()]
expect("batch exit", code, 1)
expect("batch ids", [l.get("id") for l in lines], ["B-1", "B-2", "B-3", "B-4"])
expect("batch error", lines[2]["error"], {"field": "graduation_date", "code": "invalid_value",
                                          "message": "expected a real calendar date YYYY-MM-DD, found \"2023-02-30\""})
expect("batch error keys in order", list(lines[2]["error"]), ["field", "code", "message"])
expect("batch record number", lines[2]["record"], 3)
expect("batch B-4 loan", programs(lines[3])["startup_loan_interest_subsidy"],
       ["needs_info", ["startup_loan.term_months"]])

# Standard input, YAML documents separated by ---, Chinese aliases.
yaml_docs = (APPLICANTS / "01-doctorate-renting.yaml").read_text(encoding="utf-8") + "---\n" + \
    (APPLICANTS / "chinese-aliases.yaml").read_text(encoding="utf-8")
code, out, _ = talent("check", "--as-of", "2025-06-30", "--format", "json", "-", stdin=yaml_docs)
docs = [json.loads(l) for l in out.splitlines()]
expect("stdin exit", code, 0)
expect("stdin ids", [d["id"] for d in docs], ["EX-1", "EX-5"])
expect("aliases loan", programs(docs[1])["startup_loan_interest_subsidy"], ["eligible", "7700.00"])

# The text output speaks Chinese by default and English on request.
code, out, _ = talent("check", "--as-of", "2025-06-30", str(APPLICANTS / "04-associate-no-date.yaml"))
expect("text zh", "缺少：毕业日期 (graduation_date)" in out, True)
code, out, _ = talent("check", "--as-of", "2025-06-30", "--lang", "en", str(APPLICANTS / "04-associate-no-date.yaml"))
expect("text en", "missing: graduation date (graduation_date)" in out, True)

# Works from any folder with the built-in pack; --as-of defaults to today.
with tempfile.TemporaryDirectory() as tmp:
    code, out, _ = talent("check", str(APPLICANTS / "01-doctorate-renting.yaml"), cwd=tmp)
    expect("any folder exit", code, 0)
    expect("any folder output", out.startswith("申请人 EX-1"), True)

# Usage errors and unloadable packs exit 2.
expect("bad as-of", talent("check", "--as-of", "2025-02-30", str(APPLICANTS / "01-doctorate-renting.yaml"))[0], 2)
expect("bad format", talent("check", "--format", "xml", str(APPLICANTS / "01-doctorate-renting.yaml"))[0], 2)
expect("missing file", talent("check", "no-such-file.yaml")[0:1], (2,))
expect("unknown command", talent("frobnicate")[0], 2)
# Regression: a folder given as FILE used to abort with an uncaught I/O exception.
code, _, err = talent("check", str(APPLICANTS))
expect("folder as FILE", (code, "不是文件" in err), (2, True))
folder_fd = os.open(str(APPLICANTS), os.O_RDONLY)
p = subprocess.run([TALENT, "check", "-"], stdin=folder_fd, capture_output=True, text=True, timeout=60)
os.close(folder_fd)
expect("folder as stdin", (p.returncode, "无法读取输入" in p.stdout + p.stderr), (1, True))
p = subprocess.run([TALENT, "check", "-"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
expect("empty stdin", (p.returncode, p.stdout), (0, ""))
with tempfile.TemporaryDirectory() as tmp:
    code, _, err = talent("check", "--rules", tmp, str(APPLICANTS / "01-doctorate-renting.yaml"))
    expect("empty pack exit", code, 2)
    expect("empty pack message", "pack.yaml" in err, True)

# rules and validate.
code, out, _ = talent("rules", "--lang", "en")
expect("rules exit", code, 0)
for needle in ["rent_subsidy", "C-RENT", "每月1000元、800元、500元、300元租房补贴", "C-MASTER",
               "the as-of date ≤ the second anniversary of graduation"]:
    expect(f"rules mentions {needle}", needle in out, True)
expect("rules readings pointer", out.count("readings: D1, D2, D3, D8 (see docs/policy-reading.md)\n"), 1)

# The readings pointer comes from the pack's manifest: another document, or
# none for a pack that names none.
with tempfile.TemporaryDirectory() as tmp:
    shutil.copytree(SOURCE / "rules" / "hohhot-talent-25", tmp, dirs_exist_ok=True)
    manifest = pathlib.Path(tmp) / "pack.yaml"
    text = manifest.read_text(encoding="utf-8")
    expect("rules manifest names readings", "\nreadings: docs/policy-reading.md\n" in text, True)
    manifest.write_text(text.replace("\nreadings: docs/policy-reading.md\n", "\nreadings: notes/lesen.md\n"),
                        encoding="utf-8")
    code, out, _ = talent("rules", "--rules", tmp)
    expect("rules other readings exit", code, 0)
    # three per-applicant programs and three selection programs
    expect("rules other readings", out.count("（见 notes/lesen.md）"), 6)
    expect("rules other readings unencoded", "尚未编码的条款（解读见 notes/lesen.md）：\n" in out, True)
    expect("rules other readings not the built-in's", "policy-reading" in out, False)
    manifest.write_text(text.replace("\nreadings: docs/policy-reading.md\n", "\n"), encoding="utf-8")
    code, out, _ = talent("rules", "--rules", tmp, "--lang", "en")
    expect("rules no readings exit", code, 0)
    expect("rules no readings listed", "  readings: D1, D2, D3, D8\n" in out, True)
    expect("rules no readings unencoded", "\nclauses not encoded yet:\n" in out, True)
    expect("rules no readings pointer", ("(see " in out, "policy-reading" in out), (False, False))

code, out, _ = talent("validate", str(SOURCE / "rules" / "hohhot-talent-25"))
expect("validate exit", code, 0)
expect("validate says ok", "：无误 — hohhot-talent-25" in out, True)

# timeline: the rent subsidy of worked example 2 runs from graduation to the
# second anniversary; the purchase subsidy from the day of the purchase.
code, out, _ = talent("timeline", "--format", "json", "--from", "2020-01-01", "--to", "2030-12-31",
                      str(APPLICANTS / "02-bachelor-founder.yaml"))
expect("timeline exit", code, 0)
t = json.loads(out)
segments = {p["program"]: [(s["from"], s["to"], s["status"], s.get("amount")) for s in p["segments"]] for p in t["programs"]}
expect("timeline rent", segments["rent_subsidy"], [
    ("2020-01-01", "2023-06-29", "ineligible", None),
    ("2023-06-30", "2025-06-30", "eligible", "500.00"),
    ("2025-07-01", "2030-12-31", "ineligible", None)])
expect("timeline purchase", segments["home_purchase_subsidy"], [
    ("2020-01-01", "2025-02-28", "ineligible", None),
    ("2025-03-01", "2030-12-31", "eligible", "30000.00")])
expect("timeline loan", segments["startup_loan_interest_subsidy"], [("2020-01-01", "2030-12-31", "eligible", "17325.00")])
code, out, _ = talent("timeline", "--as-of", "2025-06-30", str(APPLICANTS / "02-bachelor-founder.yaml"))
expect("timeline text exit", code, 0)
expect("timeline text range", "时间范围 2015-06-30 至 2035-06-30" in out, True)
expect("timeline text rent", "    2023-06-30 至 2025-06-30  符合：每月 500.00 元\n" in out, True)
code, _, err = talent("timeline", "--from", "2030-01-01", "--to", "2020-01-01", str(APPLICANTS / "02-bachelor-founder.yaml"))
expect("timeline reversed range exit", code, 2)
expect("timeline reversed range says so", "--to（2020-01-01）早于 --from（2030-01-01）" in err, True)

# what-if: example 3 studied part-time, a fact that cannot change; example 4
# lacks a graduation date, which is asked for with the range that would do.
code, out, _ = talent("check", "--what-if", "--as-of", "2025-06-30", str(APPLICANTS / "03-master-part-time.yaml"),
                      str(APPLICANTS / "04-associate-no-date.yaml"))
expect("what-if exit", code, 0)
expect("what-if cannot change", "      需学习形式为全日制（不可更改），方可享受高校毕业生租房补贴\n" in out, True)
expect("what-if provide", "      若提供毕业日期（在 2023-06-30 至 2025-06-30 之间），即可享受高校毕业生租房补贴\n" in out, True)
code, out, _ = talent("check", "--what-if", "--format", "json", "--as-of", "2025-06-30", str(APPLICANTS / "04-associate-no-date.yaml"))
rent = [p for p in json.loads(out)["programs"] if p["program"] == "rent_subsidy"][0]
expect("what-if json", rent["what_if"], [{"changes": [{"field": "graduation_date", "at_least": "2023-06-30",
                                                      "at_most": "2025-06-30", "provide": True}]}])
code, out, _ = talent("check", "--format", "json", "--as-of", "2025-06-30", str(APPLICANTS / "04-associate-no-date.yaml"))
expect("no what-if without the flag", "what_if" in out, False)

# An option given an empty value is a usage error, not the option left out
# (`--as-of ""` is not today, `--rules ""` not the built-in pack).
example = str(APPLICANTS / "01-doctorate-renting.yaml")
for args, said in [(("check", "--as-of", "", example), "talent check: 「--as-of」的值为空\n"),
                   (("check", "--rules", "", example), "talent check: 「--rules」的值为空\n"),
                   (("batch", "--rules=", example), "talent batch: 「--rules」的值为空\n"),
                   (("rules", "--as-of="), "talent rules: 「--as-of」的值为空\n"),
                   (("check", ""), "talent check: 参数为空；请给出文件名，或用 - 表示标准输入\n")]:
    code, out, err = talent(*args)
    expect(f"empty value {args}", (code, out, err), (2, "", said))

# Output that cannot be written is a failure, whichever command wrote it: a
# full disk (/dev/full) gives exit status 3 and a message, never success.
if os.path.exists("/dev/full"):
    pack = str(SOURCE / "rules" / "hohhot-talent-25")
    for args in [("rules",), ("rules", "--format", "json"), ("check", example), ("batch", example),
                 ("timeline", example), ("test", pack + "/tests"), ("validate", pack),
                 ("diff", "--against", pack, example), ("check", "--help"), ("--help",)]:
        with open("/dev/full", "w") as full:
            p = subprocess.run([TALENT, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        expect(f"{args} to a full disk", (p.returncode, "无法写入标准输出" in p.stderr), (3, True))

checks.finish("all CLI checks passed")
