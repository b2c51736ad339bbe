#!/usr/bin/env python3
"""In Chinese mode (the default) no message a caseworker sees holds English
prose: the help of every command, usage errors, notes and warnings on
standard error, the problems of rejected records, in text and in the
JSON's Chinese rendering alike, and what `talent test` says of a suite:
its cases' differences, coverage and counts. Field keys, option names, codes, file names
and values may appear; a run of three English words may not.

Also: three bad fields give three errors at once (text and JSON), and
--lang en / LANG=en_US.UTF-8 give English.

usage: zh_messages_test.py TALENT SOURCE_DIR
"""
import json
import os
import pathlib
import re
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run

TALENT, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
checks = Checks()
expect = checks.expect
checked = 0


def talent(*args, stdin=b"", lang="C.UTF-8", cwd=None):
    return run(TALENT, *args, stdin=stdin, env=dict(os.environ, LANG=lang, LC_ALL=""), cwd=cwd, timeout=120,
               errors="replace")


ALLOWED = [
    r"\([^()\n]*\)",              # a field key, an enum id, a value, in parentheses
    r'"[^"\n]*"', r"'[^'\n]*'",   # a value as the record wrote it
    r"「[^」\n]*」",
    r"--?[A-Za-z][\w-]*",          # an option
    r"\S*[/.@]\S*",                # a file, a path, a version, an endpoint
    r"\btalent \w+",               # a command
]


def english_runs(text):
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    return re.findall(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}", text)


def no_english(what, text):
    global checked
    checked += 1
    runs = english_runs(text)
    if runs:
        checks.fail(f"{what}: English in Chinese mode: {runs[:3]}\n  {text[:600]!r}")


COMMANDS = "check batch rules validate test timeline diff schema template ask serve replay select version".split()

# 1. Every command's help, and the command list.
for command in COMMANDS:
    code, out, err = talent(command, "--help")
    expect(f"{command} --help exit", code, 0)
    no_english(f"{command} --help", out + err)
    expect(f"{command} --help is in Chinese", "显示本说明" in out or "用法" in out, True)
    code, out, _ = talent(command, "--help", lang="en_US.UTF-8")
    expect(f"{command} --help with LANG=en", "show this help" in out or "usage" in out, True)
for args in ([], ["--help"], ["frobnicate"]):
    code, out, err = talent(*args)
    no_english(f"talent {' '.join(args)}", out + err)

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    good = tmp / "good.json"
    good.write_text('{"id": "G-1", "degree": "master"}\n', encoding="utf-8")
    # 2. Usage errors.
    BAD_INVOCATIONS = [
        ["check", "--frobnicate"], ["check", "--format", "xml"], ["check", "--as-of", "2025-02-30"],
        ["check", "--as-of", ""], ["check", "--lang", "fr"], ["check", str(tmp / "missing.json")], ["check", str(tmp)],
        ["check", "--reasons", "some"], ["check", "--no-reasons", "--reasons", "full"], ["check", "--unknown-fields", "x"],
        ["check", "--input", "xls"], ["check", "--encoding", "latin9", "x.csv"], ["check", "--as-of"],
        ["batch", "--threads", "0"], ["batch", "--format", "text"], ["batch", "--output="],
        ["rules", "--format", "xml"], ["validate"], ["validate", str(tmp / "nopack")], ["test"],
        ["test", str(tmp / "missing")], ["timeline", "--from", "2025-01-01", "--to", "2024-01-01"],
        ["timeline", "--format", "xml"], ["diff"], ["diff", "--against", "builtin@2025-13-01"],
        ["diff", "--against", "@2025-01-01"], ["schema", "extra"], ["schema", "--format", "xml"],
        ["template", "--format", "xml"], ["ask", "a", "b"], ["ask", str(tmp / "missing.json")],
        ["serve", "--port", "70000"], ["serve", "--threads", "0"], ["serve", "extra"],
        ["serve", "--rules", str(tmp / "nopack")], ["replay"], ["replay", str(tmp / "missing.jsonl")],
        ["select"], ["select", "--program", "craftsman_award"], ["select", "--program", "x", "--cycle", "99"],
        ["select", "--program", "craftsman_award", "--cycle", "2025", "a", "b"],
        ["select", "--program", "nonesuch", "--cycle", "2025", str(good)],
    ]
    for args in BAD_INVOCATIONS:
        code, out, err = talent(*args)
        # (a pack that does not load is not a usage error: 1)
        expect(f"talent {' '.join(args)}: a usage error", code, 1 if args[0] == "validate" and len(args) > 1 else 2)
        expect(f"talent {' '.join(args)}: says why", err.strip() != "", True)
        no_english(f"talent {' '.join(args)}", out + err)

    # 3. Bad records, in text and on standard error.
    BAD_RECORDS = {
        "three.json": '{"id": "R-1", "degree": "masters", "graduation_date": "2023-02-30", "employment": {"in_city": "yes"}}\n',
        "types.json": '{"id": "R-2", "startup_loan": {"principal": "1,00,000", "annual_rate": 3.85, "term_months": -1}}\n'
                      '{"id": "R-3", "home_purchase": {"date": "6/7/2024"}, "graduation_date": "24-6-30"}\n'
                      '{"id": "R-4", "employment": "yes", "gradution_date": "2024-06-30"}\n'
                      '{"degree": "master"}\n[1, 2]\n{"id": "R-6", "name": 5}\n{"id": "R-7", "startup_loan": {"principal": "0.001万"}}\n',
        "syntax.json": '{"id": "S-1", "degree": }\n{"id": "S-2"\n',
        "cut.json": '[{"id": "C-1"},\n',
        "yaml.yaml": "id: Y-1\ndegree: [master\n",
        "dup.yaml": "id: D-1\ndegree: master\n学历: 硕士\n",
        "utf16.json": None,
        "sheet.csv": "申请编号,学历,毕业日期,未知列\nS-1,硕士,2024/2/30,x\nS-2,博士\n\"S-3,本科,2024-06-30,y\n",
    }
    for name, text in BAD_RECORDS.items():
        path = tmp / name
        if text is None:
            path.write_bytes('{"id": "U-1"}\n'.encode("utf-16"))
        else:
            path.write_text(text, encoding="utf-8")
        for command in (["check"], ["check", "--summary"], ["batch", "--summary"], ["check", str(good)]):
            code, out, err = talent(*command, "--as-of", "2025-06-30", str(path))
            expect(f"{name} {' '.join(command)}: rejected", code, 1)
            text_shown = out + err if command[0] == "check" else err
            no_english(f"{name} {' '.join(command)}", text_shown)

    # 4. Three bad fields: three errors at once, in text and JSON.
    code, out, _ = talent("batch", "--as-of", "2025-06-30", str(tmp / "three.json"))
    result = json.loads(out)
    expect("three errors in JSON", [e["field"] for e in result["errors"]], ["degree", "graduation_date", "employment.in_city"])
    expect("error is the first of them", result["error"], result["errors"][0])
    code, out, _ = talent("check", "--as-of", "2025-06-30", str(tmp / "three.json"))
    expect("three errors in text", out.count("\n  - 字段「"), 3)
    expect("the field's Chinese label", '  - 字段「毕业日期」(graduation_date)：不是有效日期，应为 年-月-日，例如 2023-06-30；收到 "2023-02-30"' in out, True)
    code, out, _ = talent("check", "--lang", "en", "--as-of", "2025-06-30", str(tmp / "three.json"))
    expect("in English with --lang en", "rejected, 3 problems:" in out, True)
    code, out, _ = talent("check", "--as-of", "2025-06-30", str(tmp / "three.json"), lang="en_US.UTF-8")
    expect("in English with LANG=en_US.UTF-8", "rejected, 3 problems:" in out, True)
    # With several files, the file and the line.
    code, out, _ = talent("batch", "--as-of", "2025-06-30", str(good), str(tmp / "types.json"))
    rows = [json.loads(line) for line in out.splitlines()]
    expect("several files: file and line", [(r.get("file"), r.get("line")) for r in rows if "errors" in r][:2],
           [(str(tmp / "types.json"), 1), (str(tmp / "types.json"), 2)])

    # 5. ask: its questions, hints and refusals.
    code, out, err = talent("ask", "--as-of", "2025-06-30", stdin="A-1\n学士\n硕士\n全日制\n普通高校\n2024/2/30\n2024-06-30\n企业\n也许\n是\n无\n".encode())
    no_english("ask", out + err)

    # 6. talent test: a passing run, failing cases of every kind, coverage
    # complete and with gaps, no case matched. The suite's own texts (case
    # names) are Chinese here, so that only talent's words are judged.
    pack = SOURCE / "rules" / "hohhot-talent-25"
    suite = tmp / "suite.yaml"
    suite.write_text("""as_of: 2025-06-30
cases:
  - name: 期满后一天仍以为可领
    record: {id: F-2, degree: bachelor, study_mode: full_time, institution: regular_university,
             graduation_date: 2023-06-29, employment: {status: enterprise, in_city: true}}
    expect:
      rent_subsidy:
        status: eligible
        amount: "500.00"
        window: {start: 2023-06-29, end: 2025-06-30}
        reasons: {within_two_years: true, graduated: unknown}
  - name: 缺字段写错
    record: {id: F-3, degree: bachelor, study_mode: full_time, institution: regular_university,
             employment: {status: enterprise, in_city: true}}
    expect:
      rent_subsidy: {status: needs_info, missing: [degree]}
      startup_loan_interest_subsidy: {status: eligible, remarks: {term_capped: true}}
  - name: 有效记录被当作无效
    record: {id: F-4, degree: bachelor}
    expect_error: {field: graduation_date, code: invalid_value, message_contains: 不会出现}
  - name: 无效记录被当作有效
    record: {id: F-5, degree: masters}
    expect: {rent_subsidy: {status: ineligible}}
  - name: 写错的记录字段
    record: {id: F-6, graduation_date: 2023-02-30}
    expect_error: {field: degree, code: limit, message_contains: 不会出现}
  - name: 评选名次写错
    selection: craftsman_award
    cycle: 2025
    candidates:
      - {id: S-1, employment: {status: enterprise, in_city: true},
         selection: {category: craftsman, panel_score: "90.00", application_date: 2025-03-01, requested_amount: "6000.00"}}
      - {id: S-2, employment: {status: enterprise, in_city: false},
         selection: {category: craftsman, panel_score: "95.00", application_date: 2025-03-01, requested_amount: "6000.00"}}
      - {id: S-3, employment: {status: enterprise, in_city: true}, selection: {category: craftsman}}
      - {id: S-4, selection: {category: craftsman, panel_score: "190.00"}}
    expect:
      selected: [S-2, S-1]
      not_selected: []
      rejected: []
      needs_info: {S-3: {missing: [selection.panel_score], best_rank: 2}}
      ranks: {S-1: 2, S-2: 1}
      awards: {S-1: "10000.00", S-4: "1.00"}
      reasons: {S-2: {works_in_city: true}, S-9: {works_in_city: true}}
""", encoding="utf-8")
    failing = talent("test", "--rules", str(pack), str(suite))
    expect("test: failing cases exit", failing[0], 1)
    expect("test: every case failed", failing[1].splitlines()[-1], "0 通过，6 失败")
    expect("test: a status difference", "    rent_subsidy：状态：应为 eligible，实为 ineligible（不成立：within_two_years）"
           in failing[1], True)
    expect("test: a condition difference", "    rent_subsidy：条件 within_two_years：应为 true，实为 false"
           "（graduation_date = 2023-06-29，as_of = 2025-06-30）" in failing[1], True)
    expect("test: a selection difference", "    S-1：名次：应为 2，实为 1" in failing[1], True)
    no_english("test: failing cases", failing[1] + failing[2])
    for args in (["--coverage", str(pack / "tests")], ["--coverage", "--filter", "政策示例1", str(pack / "tests")],
                 ["--filter", "没有这样的用例", str(pack / "tests")], ["--tag", "feb29", str(pack / "tests")]):
        code, out, err = talent("test", *args)
        no_english(f"test {' '.join(args)}", out + err)
    code, out, _ = talent("test", "--coverage", str(pack / "tests"))
    expect("test --coverage: complete", (code, out.splitlines()[-2]), (0, "覆盖：完整，全部 110 个结果都已出现"))
    code, out, _ = talent("test", "--lang", "en", str(suite))
    expect("test --lang en", out.splitlines()[-1], "0 passed, 6 failed")
    code, out, _ = talent("test", "--rules", str(pack), str(suite), lang="en_US.UTF-8")
    expect("test with LANG=en_US.UTF-8", out.splitlines()[-1], "0 passed, 6 failed")

checks.finish(f"{checked} outputs checked for English in Chinese mode; 0 failure(s)")
