#!/usr/bin/env python3
"""Applicant text never acts on the caseworker's terminal: ids, names, values,
unknown field names, file names and a pack's texts holding escape sequences,
carriage returns, bidirectional overrides and line breaks are shown visibly
(\\x1B, \\r, <U+202E>, \\n) in every text output, and unchanged in JSON.

usage: terminal_test.py TALENT SOURCE_DIR
"""
import functools
import json
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run

TALENT, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT, env=dict(os.environ, LANG="C.UTF-8", LC_ALL=""), timeout=120)

# What an applicant might put in a field, and how it must be shown.
HOSTILE = {
    "\x1b[2J": "\\x1B[2J",                       # clears the screen
    "\x1b]0;owned\x07": "\\x1B]0;owned\\x07",    # sets the window's title
    "ab\rcd": "ab\\rcd",                         # overwrites the line
    "\u202eevil": "<U+202E>evil",                # reverses what follows
    "\u2066x\u2069": "<U+2066>x<U+2069>",        # an isolate
    "\x9b2J": "<U+009B>2J",                      # a C1 CSI
    "\x7f": "\\x7F",
    "\n  ✔ 高校毕业生租房补贴 [C-RENT] 符合：每月 1000.00 元": "\\n  ✔ 高校毕业生租房补贴 [C-RENT] 符合：每月 1000.00 元",
}
RAW = ["\x1b", "\r", "\u202e", "\u2066", "\u2069", "\x9b", "\x7f", "\x07"]


def shown_safely(what, text, hostile, shown):
    """No raw control in `text`, the hostile text shown as `shown`, and no
    line of the applicant's making."""
    expect(f"{what}: no raw control character", [c for c in RAW if c in text], [])
    expect(f"{what}: shown visibly", shown in text, True)
    forged = [line for line in text.split("\n") if line.startswith("  ✔ 高校毕业生租房补贴 [C-RENT] 符合：每月 1000.00 元")]
    expect(f"{what}: no forged line", forged, [])
    del hostile


RECORD = {"name": "王磊", "degree": "master", "study_mode": "full_time", "institution": "regular_university",
          "graduation_date": "2024-06-30", "employment": {"status": "enterprise", "in_city": True}}

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    for n, (hostile, shown) in enumerate(HOSTILE.items()):
        record = dict(RECORD, id="A" + hostile)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        # check, text: the id in the header.
        code, out, err = talent("check", "--as-of", "2025-06-30", "-", stdin=line.encode())
        expect(f"check #{n} exit", code, 0)
        shown_safely(f"check #{n}", out + err, hostile, "A" + shown)
        # check, JSON: the id as it was, escaped by JSON's rules.
        code, out, _ = talent("batch", "--as-of", "2025-06-30", "-", stdin=line.encode())
        expect(f"batch #{n} id unchanged", json.loads(out)["id"], "A" + hostile)
        # A rejected record: the id, an unknown field's name and a value.
        bad = dict(RECORD, id="R" + hostile, degree="x" + hostile)
        bad["note" + hostile] = 1
        code, out, err = talent("check", "--as-of", "2025-06-30", "-",
                                stdin=(json.dumps(bad, ensure_ascii=False) + "\n").encode())
        expect(f"rejected #{n} exit", code, 1)
        shown_safely(f"rejected #{n} id", out + err, hostile, "R" + shown)
        # (a long name or value is cut in a message: its start is enough here)
        shown_safely(f"rejected #{n} field name", out + err, hostile, "note" + shown[:8])
        shown_safely(f"rejected #{n} value", out + err, hostile, "x" + shown[:8])
        code, out, _ = talent("batch", "--as-of", "2025-06-30", "-",
                              stdin=(json.dumps(bad, ensure_ascii=False) + "\n").encode())
        expect(f"rejected #{n} JSON id unchanged", json.loads(out)["id"], "R" + hostile)
        # A file name, with several inputs.
        named = tmp / f"in{n}{hostile.replace(chr(10), '_')}.jsonl"
        named.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
        code, out, err = talent("check", "--as-of", "2025-06-30", str(named), str(named))
        shown_safely(f"file name #{n}", out + err, hostile, "\n" not in hostile and shown or "_")
        # timeline
        code, out, err = talent("timeline", "--from", "2025-01-01", "--to", "2025-12-31", "-", stdin=line.encode())
        shown_safely(f"timeline #{n}", out + err, hostile, "A" + shown)
        # diff
        code, out, err = talent("diff", "--as-of", "2025-06-30", "--against", str(SOURCE / "rules" / "hohhot-talent-25"),
                                "-", stdin=line.encode())
        expect(f"diff #{n} exit", code, 0)
        # diff lists no change for the record; a rejected one is named.
        code, out, err = talent("diff", "--as-of", "2025-06-30", "--against", str(SOURCE / "rules" / "hohhot-talent-25"),
                                "-", stdin=(json.dumps(bad, ensure_ascii=False) + "\n").encode())
        shown_safely(f"diff rejected #{n}", out + err, hostile, "R" + shown)
        # select: candidates named by their ids.
        candidate = {"id": "S" + hostile, "name": "王磊", "employment": {"status": "enterprise", "in_city": True},
                     "selection": {"category": "工匠", "panel_score": "92.50", "application_date": "2025-03-10",
                                   "requested_amount": "12000.00"}}
        code, out, err = talent("select", "--program", "craftsman_award", "--cycle", "2025", "-",
                                stdin=(json.dumps(candidate, ensure_ascii=False) + "\n").encode())
        shown_safely(f"select #{n}", out + err, hostile, "S" + shown)
        # ask: a partial record whose id holds it, completed by answers.
        partial = tmp / f"partial{n}.json"
        partial.write_text(json.dumps({"id": "Q" + hostile, "degree": "master"}, ensure_ascii=False), encoding="utf-8")
        code, out, err = talent("ask", "--as-of", "2025-06-30", str(partial), stdin="全日制\n普通高校\n2024-06-30\n企业\n是\n无\n无\n".encode())
        shown_safely(f"ask #{n}", out + err, hostile, "Q" + shown)

    # A pack whose version and program title hold them: validate, test, check.
    hostile, shown = "\x1b]0;owned\x07\n  ✔ 高校毕业生租房补贴 [C-RENT] 符合：每月 1000.00 元", \
        "\\x1B]0;owned\\x07\\n  ✔ 高校毕业生租房补贴 [C-RENT] 符合：每月 1000.00 元"
    pack = tmp / "pack"
    shutil.copytree(SOURCE / "rules" / "hohhot-talent-25", pack)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2024.12.1"', "version: " + json.dumps("2024.12.1" + hostile, ensure_ascii=False), 1)
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    program = (pack / "rent_subsidy.yaml").read_text(encoding="utf-8")
    title_line = next(l for l in program.splitlines() if l.startswith("title:"))
    program = program.replace(title_line, "title: {zh: " + json.dumps("租房" + hostile, ensure_ascii=False) + ", en: Rent}", 1)
    (pack / "rent_subsidy.yaml").write_text(program, encoding="utf-8")
    code, out, err = talent("validate", str(pack))
    expect("validate exit", (code, err), (0, ""))
    shown_safely("validate", out + err, hostile, "2024.12.1" + shown)
    code, out, err = talent("test", str(pack / "tests" / "rent_subsidy.yaml"))
    shown_safely("test", out + err, hostile, "2024.12.1" + shown)
    line = json.dumps(dict(RECORD, id="P-1"), ensure_ascii=False) + "\n"
    code, out, err = talent("check", "--rules", str(pack), "--as-of", "2025-06-30", "-", stdin=line.encode())
    shown_safely("check with the pack: version", out + err, hostile, "2024.12.1" + shown)
    shown_safely("check with the pack: title", out + err, hostile, "租房" + shown)
    code, out, err = talent("batch", "--rules", str(pack), "--as-of", "2025-06-30", "-", stdin=line.encode())
    expect("batch with the pack: version unchanged", json.loads(out)["ruleset"]["version"], "2024.12.1" + hostile)

checks.finish(f"{len(HOSTILE)} hostile texts through check, batch, timeline, diff, select, ask, validate, test; "
              "0 failure(s)")
