#!/usr/bin/env python3
"""talent batch at scale, end to end: the same bytes for any number of
threads, N records in and N results out in order, --reasons full|compact|none,
--summary, -o FILE, and output that cannot be written (a full disk, a closed
standard output) reported with exit status 3 rather than passed over.

usage: batch_test.py TALENT
"""
import functools
import json
import re
import os
import pathlib
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run

TALENT = sys.argv[1]
AS_OF = "2025-06-30"
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT, timeout=120)


def records(count, seed):
    """JSON Lines of varied records, about one in twenty rejected."""
    rng = random.Random(seed)
    degrees = ["doctorate", "master", "bachelor", "associate", "博士", "大专"]
    dates = ["2023-06-30", "2023-07-01", "2020-06-30", "2024-02-29", "2025-06-30", "2019-02-28"]
    lines = []
    for i in range(1, count + 1):
        r = {"id": f"T-{i}"}
        if rng.random() < 0.9:
            r["degree"] = rng.choice(degrees)
        r["study_mode"] = rng.choice(["full_time", "part_time", "全日制"])
        r["institution"] = rng.choice(["regular_university", "vocational_college", "other"])
        if rng.random() < 0.9:
            r["graduation_date"] = rng.choice(dates)
        r["employment"] = {"status": rng.choice(["enterprise", "self_employed", "unemployed"]),
                           "in_city": rng.random() < 0.9}
        if rng.random() < 0.5:
            r["home_purchase"] = {"first_in_city": rng.random() < 0.8, "date": rng.choice(dates)}
        if rng.random() < 0.5:
            r["startup_loan"] = {"kind": "personal_guarantee", "principal": rng.choice(["400000.00", "12345.67"]),
                                 "annual_rate": rng.choice(["0.0385", "3.85%"]), "term_months": rng.choice([12, 36, 48])}
        line = json.dumps(r, ensure_ascii=False)
        if rng.random() < 0.05:
            line = line.replace('"study_mode"', '"study_mod"')  # rejected: an unknown field
        lines.append(line)
    return "\n".join(lines) + "\n"


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    # Several chunks' worth of records (a chunk holds up to 256).
    source = tmp / "records.jsonl"
    source.write_text(records(2600, 20250630), encoding="utf-8")

    # The same bytes for any number of threads, and the same as check --format json.
    code1, out1, err1 = talent("batch", "--as-of", AS_OF, "--threads", "1", str(source))
    lines = out1.splitlines()
    expect("N in, N out", len(lines), 2600)
    expect("in order", [json.loads(l).get("id") for l in lines], [f"T-{i}" for i in range(1, 2601)])
    expect("some rejected: exit 1", code1, 1)
    expect("nothing on stderr", err1, "")
    for threads in ("2", "3", "8"):
        code, out, err = talent("batch", "--as-of", AS_OF, "--threads", threads, str(source))
        expect(f"--threads {threads}: the same bytes", out == out1, True)
        expect(f"--threads {threads}: the same exit", code, code1)
    code, out, _ = talent("batch", "--as-of", AS_OF, str(source))  # default: the cores available
    expect("default threads: the same bytes", out == out1, True)
    code, out, _ = talent("check", "--format", "json", "--as-of", AS_OF, str(source))
    expect("check --format json: the same bytes", out == out1, True)
    # Several files: each numbered from 1, one after the other.
    code, out, _ = talent("batch", "--as-of", AS_OF, "--threads", "2", str(source), str(source))
    # A rejected record names its file, then: its number is the file's.
    named = re.sub(r'^(\{"id":[^\n]*?,"record":\d+,)', lambda m: m.group(1) + json.dumps({"file": str(source)}, separators=(",", ":"), ensure_ascii=False)[1:-1] + ",",
                   out1, flags=re.M)
    named = "\n".join(line if '"errors":' in line else plain for line, plain in zip(named.split("\n"), out1.split("\n")))
    expect("two files", out == named + named, True)
    expect("two files: rejected records name their file", f'"file":{json.dumps(str(source))},"line":' in out, True)

    # Reasons: compact drops label and detail; none drops reasons and what explains the amount.
    full = [json.loads(l) for l in lines]
    _, out, _ = talent("batch", "--as-of", AS_OF, "--reasons", "compact", "--threads", "2", str(source))
    compact = [json.loads(l) for l in out.splitlines()]
    # What compact leaves out is in `talent rules --format json`, once: the
    # labels of the version in force, by program and condition id.
    code, out, _ = talent("rules", "--format", "json", "--lang", "zh")
    words = json.loads(out)
    # Each form of a program names the version that brought it; a version
    # uses the latest form at or before it.
    order = [v["version"] for v in words["versions"]]
    labels = {}
    for v in order:
        for p in words["programs"]:
            if order.index(p["version"]) <= order.index(v):
                for c in p["conditions"]:
                    labels[(v, p["program"], c["condition"])] = c["label"]
    looked_up = [labels[(d["ruleset"]["in_force"]["version"], p["program"], r["condition"])] == r["label"]
                 for d in full for p in d.get("programs", []) for r in p.get("reasons", [])]
    expect("rules --format json gives every label", (len(looked_up) > 1000, all(looked_up)), (True, True))
    for d in full:
        for p in d.get("programs", []):
            for r in p.get("reasons", []):
                del r["label"], r["detail"]
    expect("compact = full without label and detail", compact == full, True)
    _, out, _ = talent("batch", "--as-of", AS_OF, "--reasons", "none", str(source))
    _, no_reasons, _ = talent("batch", "--as-of", AS_OF, "--no-reasons", "--threads", "2", str(source))
    expect("--no-reasons is --reasons none", out == no_reasons, True)
    none = [json.loads(l) for l in out.splitlines()]
    for d in full:
        for p in d.get("programs", []):
            for key in ("reasons", "amount_basis", "amount_parameters"):
                p.pop(key, None)
    expect("none = full without reasons and amount basis", none == full, True)
    expect("bad --reasons", talent("batch", "--reasons", "short", str(source))[0], 2)
    expect("--no-reasons against --reasons full", talent("batch", "--no-reasons", "--reasons", "full", str(source))[0], 2)
    expect("--threads 0", talent("batch", "--threads", "0", str(source))[0], 2)
    expect("check has no --threads", talent("check", "--threads", "2", str(source))[0], 2)

    # --summary: counts and sums on standard error, matching the decisions.
    code, out, err = talent("batch", "--as-of", AS_OF, "--summary", "--format", "json", "--threads", "2", str(source))
    expect("summary keeps the results", out == out1, True)
    summary = json.loads(err)
    decided = [json.loads(l) for l in out1.splitlines() if '"programs"' in l]
    expect("summary records", (summary["records"], summary["decided"], summary["rejected"]),
           (2600, len(decided), 2600 - len(decided)))
    monthly = once = 0
    for entry in summary["programs"]:
        mine = [p for d in decided for p in d["programs"] if p["program"] == entry["program"]]
        counts = {s: sum(1 for p in mine if p["status"] == s) for s in ("eligible", "ineligible", "needs_info")}
        expect(f"summary counts {entry['program']}", {s: entry[s] for s in counts}, counts)
        fen = sum(int(p["amount"].replace(".", "")) for p in mine if "amount" in p)  # always two decimals
        expect(f"summary amount {entry['program']}", entry["amount"], f"{fen // 100}.{fen % 100:02d}")
        if entry["frequency"] == "monthly":
            monthly += fen
        else:
            once += fen
    expect("monthly outlay", summary["monthly_outlay"], f"{monthly // 100}.{monthly % 100:02d}")
    expect("one-off total", summary["one_off_total"], f"{once // 100}.{once % 100:02d}")
    code, _, err = talent("batch", "--as-of", AS_OF, "--summary", str(source))
    expect("summary in Chinese", err.startswith(f"汇总：记录 2600 条，已核定 {len(decided)} 条"), True)
    code, _, err = talent("check", "--as-of", AS_OF, "--summary", "--lang", "en", str(source))
    expect("summary in English", err.startswith(f"Summary: 2600 records, {len(decided)} decided"), True)
    expect("no progress line off a terminal", "\r" in err, False)

    # -o FILE: the results in FILE, nothing on standard output, no file left behind.
    target = tmp / "out" / "decisions.jsonl"
    target.parent.mkdir()
    code, out, err = talent("batch", "--as-of", AS_OF, "-o", str(target), "--threads", "2", str(source))
    expect("-o exit", code, 1)
    expect("-o stdout", out, "")
    expect("-o content", target.read_text(encoding="utf-8") == out1, True)
    expect("-o leaves only the file", sorted(p.name for p in target.parent.iterdir()), ["decisions.jsonl"])
    mask = os.umask(0)
    os.umask(mask)
    expect("-o mode", oct(target.stat().st_mode & 0o777), oct(0o666 & ~mask))
    code, out, err = talent("batch", "--as-of", AS_OF, "-o", "-", str(source))
    expect("-o - is standard output", (code, out == out1), (1, True))
    code, out, err = talent("batch", "--as-of", AS_OF, "-o", str(tmp / "no-such-folder" / "x.jsonl"), str(source))
    expect("-o into a missing folder", (code, "所在的目录中建立文件" in err), (3, True))
    # A file that cannot be read leaves an existing FILE as it was.
    target.write_text("earlier results\n", encoding="utf-8")
    code, _, _ = talent("batch", "-o", str(target), str(tmp / "missing.jsonl"))
    expect("usage error keeps FILE", (code, target.read_text(encoding="utf-8")), (2, "earlier results\n"))

    # Output that cannot be written: exit 3 and a message, never success.
    with open("/dev/full", "wb") as full_disk:
        p = subprocess.run([TALENT, "batch", "--as-of", AS_OF, str(source)], stdout=full_disk,
                           stderr=subprocess.PIPE, timeout=120)
    err = p.stderr.decode("utf-8")
    expect("full disk", (p.returncode, "No space left on device" in err, "结果不完整" in err), (3, True, True))
    p = subprocess.run([TALENT, "check", "--as-of", AS_OF, str(source)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=120, preexec_fn=lambda: os.close(1))
    err = p.stderr.decode("utf-8")
    expect("closed standard output", (p.returncode, "Bad file descriptor" in err), (3, True))
    reader, writer = os.pipe()
    os.close(reader)
    p = subprocess.run([TALENT, "batch", "--as-of", AS_OF, str(source)], stdout=writer, stderr=subprocess.PIPE,
                       timeout=120)
    os.close(writer)
    err = p.stderr.decode("utf-8")
    expect("broken pipe", (p.returncode, "Broken pipe" in err), (3, True))

    # On a terminal, a progress line, redrawn in place and cleared at the end.
    import pty
    master, slave = pty.openpty()
    with open(tmp / "progress.jsonl", "wb") as results:
        p = subprocess.run([TALENT, "batch", "--as-of", AS_OF, str(source)], stdout=results,
                           stderr=slave, timeout=120)
    os.close(slave)
    shown = b""
    while True:
        try:
            piece = os.read(master, 65536)
        except OSError:  # the terminal is gone once everything is read
            break
        if not piece:
            break
        shown += piece
    os.close(master)
    expect("progress exit", p.returncode, 1)
    expect("progress line", shown.startswith("\r已处理 ".encode()) and "条，每秒 ".encode() in shown, True)
    expect("progress cleared", shown.endswith(b"\r\x1b[K"), True)
    expect("progress keeps the results", (tmp / "progress.jsonl").read_text(encoding="utf-8") == out1, True)

    # An input with no records still says so, whatever the threads.
    empty = tmp / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    code, out, err = talent("batch", "--threads", "2", str(empty))
    expect("empty input", (code, out, err), (0, "", f"talent: {empty} 中没有记录\n"))

checks.finish("batch end to end: ok")
