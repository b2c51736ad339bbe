#!/usr/bin/env python3
"""`talent diff`, end to end: the built-in pack against copies of it with one
amount or one year count changed, over the example applicants, the policy
suites' record files and a set of generated records.

Every expectation is checked twice: against concrete values written here, and
against an independent account built from `talent batch` run once with each
pack (which records change, how, and the totals).

usage: diff_test.py TALENT SOURCE_DIR
       diff_test.py --scale TALENT SOURCE_DIR [MAX_RSS_MB]
                    (100,000 generated records: figures, time, memory)
       diff_test.py --generate N FILE     (writes N generated records as JSON Lines)
"""
import datetime
import functools
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run


class SplitMix64:
    """The benchmark's generator: the same sequence on every platform."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # Feb 29 -> Feb 28
        return d.replace(year=d.year + years, day=28)


def generate(count, as_of=datetime.date(2025, 6, 30), seed=20250630):
    """Varied records like the benchmark's: every degree (also in Chinese),
    dates on and around the 2- and 5-year anniversaries, loans around the
    caps, about one fact in 25 left out."""
    rng = SplitMix64(seed)
    degrees = ["doctorate", "master", "bachelor", "associate", "博士", "硕士", "本科", "大专"]
    modes = ["full_time", "full_time", "full_time", "part_time", "全日制"]
    institutions = ["regular_university", "regular_university", "vocational_college", "other"]
    statuses = ["enterprise", "enterprise", "self_employed", "self_employed", "public_sector", "unemployed"]
    rates = ["0.0385", "3.85%", "0.0435", "4.35%", "0.031", "0", "0.05"]
    principals = ["300000.00", "299999.99", "300000.01", "400000.00", "50000.00", "0.00", "123456.78"]
    feb = ["2020-02-29", "2024-02-29", "2021-02-28", "2023-02-28"]

    def near(anchor):
        spread = 3 if rng.chance(70) else 400
        return anchor + datetime.timedelta(days=rng.below(2 * spread + 1) - spread)

    def keep():
        return not rng.chance(4)

    for index in range(count):
        r = {"id": f"G-{index + 1}"}
        typical = rng.chance(50)
        if keep():
            r["degree"] = rng.pick(degrees)
        if keep():
            r["study_mode"] = "full_time" if typical else rng.pick(modes)
        if keep():
            r["institution"] = "regular_university" if typical else rng.pick(institutions)
        kind = rng.below(5)
        if kind == 0:
            graduation = near(add_years(as_of, -2))
        elif kind == 1:
            graduation = near(add_years(as_of, -5))
        elif kind == 2:
            graduation = datetime.date.fromisoformat(rng.pick(feb))
        elif kind == 3:
            graduation = near(as_of)
        else:
            graduation = as_of - datetime.timedelta(days=rng.below(3000))
        if keep():
            r["graduation_date"] = graduation.isoformat()
        if not rng.chance(3):
            e = {}
            if keep():
                e["status"] = ("enterprise" if rng.chance(50) else "self_employed") if typical else rng.pick(statuses)
            if keep():
                e["in_city"] = typical or not rng.chance(10)
            r["employment"] = e
        if rng.chance(45):
            h = {}
            if keep():
                h["first_in_city"] = not rng.chance(15)
            bought = near(add_years(graduation, 5)) if rng.chance(50) else near(graduation if rng.chance(50) else as_of)
            if keep():
                h["date"] = bought.isoformat()
            r["home_purchase"] = h
        if rng.chance(40):
            loan = {}
            if keep():
                loan["kind"] = "personal_guarantee" if rng.chance(80) else "other"
            if keep():
                loan["principal"] = rng.pick(principals) if rng.chance(50) else f"{rng.below(500000)}.{rng.below(100):02d}"
            if keep():
                loan["annual_rate"] = rng.pick(rates)
            if keep():
                loan["term_months"] = 35 + rng.below(3) if rng.chance(50) else 1 + rng.below(60)
            if rng.chance(50):
                loan["start_date"] = near(as_of).isoformat()
            r["startup_loan"] = loan
        yield json.dumps(r, ensure_ascii=False)


def write_generated(path, count):
    with open(path, "w", encoding="utf-8") as f:
        for line in generate(count):
            f.write(line + "\n")


if len(sys.argv) == 4 and sys.argv[1] == "--generate":
    write_generated(sys.argv[3], int(sys.argv[2]))
    sys.exit(0)

SCALE = sys.argv[1] == "--scale"  # --scale TALENT SOURCE_DIR [MAX_RSS_MB]: 100,000 records
if SCALE:
    sys.argv.pop(1)
TALENT = sys.argv[1]
SOURCE = pathlib.Path(sys.argv[2]).resolve()
PACK = SOURCE / "rules" / "hohhot-talent-25"
APPLICANTS = SOURCE / "examples" / "applicants"
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT, timeout=600)


def changed_copy(tmp, name, file, old, new):
    """A copy of the built-in pack with one line replaced. The line must be
    there exactly once: a restructured pack fails here, loudly."""
    folder = pathlib.Path(tmp) / name
    shutil.copytree(PACK, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        print(f"{path.relative_to(tmp)}: expected exactly one {old!r} to change, found {text.count(old)}")
        sys.exit(1)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def fen(text):
    whole, _, cents = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int(cents))


def yuan(f):
    return f"{'-' if f < 0 else ''}{abs(f) // 100}.{abs(f) % 100:02d}"


def batch(rules, as_of, files):
    """Every record's decisions, by a separate run of `talent batch`."""
    args = ["batch", "--as-of", as_of] + (["--rules", rules] if rules != "builtin" else []) + files
    code, out, err = talent(*args)
    return [json.loads(line) for line in out.splitlines()]


def outcome(p):
    if p is None:
        return None
    o = {"status": p["status"]}
    if "amount" in p:
        o["amount"] = p["amount"]
    if "window" in p:
        o["window"] = p["window"]
    return o


def expected_diff(old, new):
    """What diff should report, worked out from two batch runs."""
    changes, totals, transitions = [], {}, {}
    for a, b in zip(old, new):
        if "error" in a or "error" in b:
            continue
        pa = {p["program"]: p for p in a["programs"]}
        pb = {p["program"]: p for p in b["programs"]}
        for program in pa:
            t = totals.setdefault(program, [0, 0])
            t[0] += fen(pa[program].get("amount", "0.00"))
            t[1] += fen(pb[program].get("amount", "0.00"))
            before, after = outcome(pa[program]), outcome(pb[program])
            if before != after:
                changes.append({"id": a["id"], "program": program, "before": before, "after": after})
                if before["status"] != after["status"]:
                    key = before["status"] + "->" + after["status"]
                    transitions.setdefault(program, {}).setdefault(key, 0)
                    transitions[program][key] += 1
    return changes, totals, transitions


def check_against_batch(name, report, rules, against, as_of, files):
    old, new = batch(rules, as_of, files), batch(against, as_of, files)
    changes, totals, transitions = expected_diff(old, new)
    expect(f"{name}: records", report["records"], len(old))
    expect(f"{name}: rejected", len(report["rejected"]), sum(1 for a, b in zip(old, new) if "error" in a or "error" in b))
    expect(f"{name}: changes as batch decides",
           [{k: c[k] for k in ("id", "program", "before", "after")} for c in report["changes"]], changes)
    for p in report["programs"]:
        before, after = totals[p["program"]]
        expect(f"{name}: {p['program']} money", p["money"]["before"], yuan(before))
        expect(f"{name}: {p['program']} money after", p["money"]["after"], yuan(after))
        expect(f"{name}: {p['program']} difference", p["money"]["difference"], yuan(after - before))
        expect(f"{name}: {p['program']} transitions", p["transitions"], transitions.get(p["program"], {}))
    return old, new


def diff_json(*args, stdin=None):
    code, out, err = talent("diff", "--format", "json", *args, stdin=stdin)
    try:
        return code, json.loads(out), err
    except json.JSONDecodeError:
        checks.fail(f"diff {args}: not JSON (exit {code}):\n{out}\n{err}")
        return code, None, err


def scale(max_rss_mb):
    """100,000 generated records, one amount changed: the figures, the time
    and the memory (which must not grow with the input)."""
    with tempfile.TemporaryDirectory() as tmp:
        generated = pathlib.Path(tmp) / "generated.jsonl"
        write_generated(generated, 100000)
        rent600 = changed_copy(tmp, "rent600", "parameters.yaml", '          bachelor: "500.00"\n',
                               '          bachelor: "600.00"\n')
        start = time.monotonic()
        code, report, _ = diff_json("--as-of", "2025-06-30", "--against", rent600, generated)
        seconds = time.monotonic() - start
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        expect("scale exit", code, 1)
        expect("scale counts", (report["records"], report["compared"], len(report["rejected"])), (100000, 100000, 0))
        expect("scale rent", (report["programs"][0]["amount_changed"], report["programs"][0]["money"]),
               (4146, {"kind": "monthly", "before": "10752000.00", "after": "11166600.00", "difference": "414600.00"}))
        expect("scale changes", (len(report["changes"]), {c["after"]["amount"] for c in report["changes"]}),
               (4146, {"600.00"}))
        expect("scale others unchanged", [p["money"]["difference"] for p in report["programs"][1:]], ["0.00", "0.00"])
        print(f"diff of 100000 records: {seconds:.2f} s, at most {rss_mb} MB resident")
        if max_rss_mb is not None:
            expect(f"scale memory under {max_rss_mb} MB", rss_mb < max_rss_mb, True)


if SCALE:
    scale(int(sys.argv[3]) if len(sys.argv) > 3 else None)
    checks.finish("diff scale checks passed")

with tempfile.TemporaryDirectory() as tmp:
    generated = pathlib.Path(tmp) / "generated.jsonl"
    write_generated(generated, 3000)
    examples = sorted(str(p) for p in APPLICANTS.glob("*.yaml"))
    suite_records = sorted(str(p) for p in (PACK / "tests" / "records").iterdir())
    every = examples + [str(APPLICANTS / "batch.jsonl")] + suite_records + [str(generated)]

    # 1. One amount changed: the bachelor's rent, 500.00 -> 600.00 a month.
    rent600 = changed_copy(tmp, "rent600", "parameters.yaml", '          bachelor: "500.00"\n',
                           '          bachelor: "600.00"\n')
    code, report, err = diff_json("--as-of", "2025-06-30", "--against", rent600, *examples, *suite_records)
    expect("rent600 examples exit (changes)", code, 1)
    expect("rent600 examples changes", report["changes"], [{
        "id": "EX-2", "program": "rent_subsidy",
        "before": {"status": "eligible", "amount": "500.00", "window": {"start": "2023-06-30", "end": "2025-06-30"}},
        "after": {"status": "eligible", "amount": "600.00", "window": {"start": "2023-06-30", "end": "2025-06-30"}},
        "because": [{"parameter": "rent_per_month", "label": "租房补贴月标准", "before": "500.00", "after": "600.00",
                     "since": {"before": "2024-12-01", "after": "2024-12-01"}}]}])
    expect("rent600 examples programs", report["programs"], [
        {"program": "rent_subsidy", "presence": "both", "transitions": {}, "amount_changed": 1, "window_changed": 0,
         "money": {"kind": "monthly", "before": "3500.00", "after": "3600.00", "difference": "100.00"}},
        {"program": "home_purchase_subsidy", "presence": "both", "transitions": {}, "amount_changed": 0,
         "window_changed": 0, "money": {"kind": "once", "before": "30000.00", "after": "30000.00", "difference": "0.00"}},
        {"program": "startup_loan_interest_subsidy", "presence": "both", "transitions": {}, "amount_changed": 0,
         "window_changed": 0, "money": {"kind": "once", "before": "32725.00", "after": "32725.00", "difference": "0.00"}}])
    expect("rent600 examples counts", (report["records"], report["compared"], report["rejected"]), (6, 6, []))
    expect("rent600 identities", (report["rules"]["pack"], report["against"]["pack"], report["as_of"],
                                  report["rules"]["id"], report["against"]["as_of"]),
           ("builtin", str(rent600), "2025-06-30", "hohhot-talent-25", "2025-06-30"))
    expect("rent600 digests differ", report["rules"]["digest"] != report["against"]["digest"], True)
    expect("rent600 keys in order", list(report),
           ["rules", "against", "as_of", "records", "compared", "rejected", "programs", "changes"])

    code, report, err = diff_json("--as-of", "2025-06-30", "--against", rent600, *every)
    expect("rent600 every exit (a rejected record is trouble)", code, 2)
    expect("rent600 every stderr", "有 1 条记录未能在两套规则下都受理" in err, True)
    expect("rent600 rejected", report["rejected"], [{
        "file": str(APPLICANTS / "batch.jsonl"), "record": 3, "id": "B-3",
        "rules": {"field": "graduation_date", "code": "invalid_value",
                  "message": "expected a real calendar date YYYY-MM-DD, found \"2023-02-30\""},
        "against": {"field": "graduation_date", "code": "invalid_value",
                    "message": "expected a real calendar date YYYY-MM-DD, found \"2023-02-30\""}}])
    old, new = check_against_batch("rent600 every", report, "builtin", str(rent600), "2025-06-30", every)
    # Exactly the eligible bachelors' rent changes, by 100.00 each, and nothing else.
    bachelors = [a["id"] for a in old if "error" not in a and a["programs"][0]["status"] == "eligible"
                 and a["programs"][0]["amount"] == "500.00"]
    expect("rent600 changed = eligible bachelors", [c["id"] for c in report["changes"]], bachelors)
    expect("rent600 every change is the rent amount",
           {(c["program"], c["before"]["amount"], c["after"]["amount"], json.dumps(c["because"], ensure_ascii=False))
            for c in report["changes"]},
           {("rent_subsidy", "500.00", "600.00", json.dumps([{"parameter": "rent_per_month", "label": "租房补贴月标准",
             "before": "500.00", "after": "600.00", "since": {"before": "2024-12-01", "after": "2024-12-01"}}],
             ensure_ascii=False))})
    rent = report["programs"][0]
    expect("rent600 every totals", (len(bachelors), rent["amount_changed"], rent["money"]),
           (120, 120, {"kind": "monthly", "before": "346500.00", "after": "358500.00", "difference": "12000.00"}))
    expect("rent600 every records", (report["records"], report["compared"]), (3010, 3009))

    # The same text on standard input gives the same report.
    stdin = "".join(pathlib.Path(f).read_text(encoding="utf-8") for f in [str(APPLICANTS / "batch.jsonl"), str(generated)])
    code, out, _ = talent("diff", "--format", "json", "--as-of", "2025-06-30", "--against", rent600, stdin=stdin)
    piped = json.loads(out)
    code2, report2, _ = diff_json("--as-of", "2025-06-30", "--against", rent600, APPLICANTS / "batch.jsonl", generated)
    for r in report2["rejected"]:
        r["file"] = "-"
    expect("stdin report", (code, piped), (code2, report2))

    # 2. The same rules on both sides: nothing changes.
    same = changed_copy(tmp, "same", "pack.yaml", "\nid: hohhot-talent-25\n", "\nid: hohhot-talent-25\n")
    for name, against in [("copy", same), ("builtin", "builtin")]:
        code, report, _ = diff_json("--as-of", "2025-06-30", "--against", against, *examples, *suite_records, generated)
        expect(f"same {name} exit", code, 0)
        expect(f"same {name} changes", report["changes"], [])
        expect(f"same {name} nothing moves",
               [(p["transitions"], p["amount_changed"], p["window_changed"], p["money"]["difference"])
                for p in report["programs"]], [({}, 0, 0, "0.00")] * 3)
        expect(f"same {name} outlay", report["programs"][0]["money"]["before"], "344700.00")
    code, out, _ = talent("diff", "--as-of", "2025-06-30", "--against", same, *examples)
    expect("same text", (code, out.endswith("\n没有申请人的结果发生变化。\n")), (0, True))

    # 3. A condition's year count: the rent for 3 years after graduation, not 2.
    years3 = changed_copy(tmp, "years3", "parameters.yaml", "    clause: C-RENT    # 毕业2年内\n    type: int\n"
                          "    values:\n      - since: 2024-12-01\n        value: 2\n",
                          "    clause: C-RENT    # 毕业2年内\n    type: int\n"
                          "    values:\n      - since: 2024-12-01\n        value: 3\n")
    code, report, _ = diff_json("--as-of", "2026-03-01", "--against", years3, *examples)
    expect("years3 examples exit", code, 1)
    expect("years3 examples changes", report["changes"], [
        {"id": "EX-1", "program": "rent_subsidy",
         "before": {"status": "eligible", "amount": "1000.00", "window": {"start": "2024-07-01", "end": "2026-07-01"}},
         "after": {"status": "eligible", "amount": "1000.00", "window": {"start": "2024-07-01", "end": "2027-07-01"}},
         "because": [{"parameter": "rent_years", "label": "租房补贴期限（毕业后年数）", "before": "2", "after": "3",
                      "since": {"before": "2024-12-01", "after": "2024-12-01"}}]},
        {"id": "EX-2", "program": "rent_subsidy",
         "before": {"status": "ineligible"},
         "after": {"status": "eligible", "amount": "500.00", "window": {"start": "2023-06-30", "end": "2026-06-30"}},
         "because": [{"condition": "within_two_years", "label": "毕业2年内", "before": False, "after": True},
                     {"parameter": "rent_years", "label": "租房补贴期限（毕业后年数）", "before": "2", "after": "3",
                      "since": {"before": "2024-12-01", "after": "2024-12-01"}}]},
        {"id": "EX-5", "program": "rent_subsidy",
         "before": {"status": "eligible", "amount": "1000.00", "window": {"start": "2025-01-15", "end": "2027-01-15"}},
         "after": {"status": "eligible", "amount": "1000.00", "window": {"start": "2025-01-15", "end": "2028-01-15"}},
         "because": [{"parameter": "rent_years", "label": "租房补贴期限（毕业后年数）", "before": "2", "after": "3",
                      "since": {"before": "2024-12-01", "after": "2024-12-01"}}]}])
    expect("years3 examples rent", report["programs"][0],
           {"program": "rent_subsidy", "presence": "both", "transitions": {"ineligible->eligible": 1},
            "amount_changed": 0, "window_changed": 2,
            "money": {"kind": "monthly", "before": "2000.00", "after": "2500.00", "difference": "500.00"}})
    code, out, _ = talent("diff", "--as-of", "2026-03-01", "--against", years3, "--lang", "en", *examples)
    expect("years3 text en", [l for l in out.splitlines() if l.startswith("  ")][:3],
           ["  not eligible → eligible: 1", "  window changed: 2", "  monthly outlay: 2000.00 → 2500.00 yuan (+500.00)"])
    expect("years3 text en because", "      condition within 2 years of graduation: no → yes\n" in out, True)
    code, out, _ = talent("diff", "--as-of", "2026-03-01", "--against", years3, *examples)
    expect("years3 text zh", ("  不符合 → 符合：1 人\n" in out, "      条件 毕业2年内：否 → 是\n" in out,
                              "  每月支出：2000.00 元 → 2500.00 元（+500.00 元）\n" in out), (True, True, True))

    code, report, _ = diff_json("--as-of", "2025-06-30", "--against", years3, *every)
    check_against_batch("years3 every", report, "builtin", str(years3), "2025-06-30", every)
    rent = report["programs"][0]
    expect("years3 every rent", (rent["transitions"], rent["window_changed"], rent["money"]),
           ({"ineligible->eligible": 243, "ineligible->needs_info": 69}, 514,
            {"kind": "monthly", "before": "346500.00", "after": "506200.00", "difference": "159700.00"}))
    gained = [c for c in report["changes"] if c["before"]["status"] == "ineligible"]
    expect("years3 every because", {json.dumps(c["because"][0], ensure_ascii=False) for c in gained},
           {json.dumps({"condition": "within_two_years", "label": "毕业2年内", "before": False, "after": True},
                       ensure_ascii=False)})

    # 4. PACK@DATE: the rules in force on two dates (an amendment from 2026-01-01).
    amendments = SOURCE / "examples" / "amendments"
    code, report, _ = diff_json("--rules", f"{amendments}@2025-12-31", "--against", f"{amendments}@2026-01-01", *examples)
    expect("dates exit", code, 1)
    expect("dates sides", (report["as_of"], report["rules"]["as_of"], report["against"]["as_of"],
                           report["rules"]["in_force"]["version"], report["against"]["in_force"]["version"]),
           (None, "2025-12-31", "2026-01-01", "2024.12.1", "2026.1-illustration"))
    expect("dates transitions", [p["transitions"] for p in report["programs"]],
           [{"eligible->needs_info": 2}, {"eligible->needs_info": 1}, {}])
    added = report["changes"][0]["because"]
    expect("dates added condition", added[0], {"condition": "months_left", "label": "累计领取未满24个月",
                                               "before": "absent", "after": None})
    expect("dates outcome read", [b for b in added if "outcome_of" in b],
           [{"outcome_of": "home_purchase_subsidy", "label": "高校毕业生购房补贴", "before": "absent",
             "after": "ineligible"}])

    # A record only one side accepts is listed with that side's reason.
    record = '{"id": "N-1", "degree": "master", "social_insurance_months": 6}\n'
    code, report, _ = diff_json("--as-of", "2026-03-01", "--against", amendments, "-", stdin=record)
    expect("one side rejects", (code, report["rejected"][0]["rules"]["code"], report["rejected"][0]["against"]),
           (2, "unknown_name", None))

    # An id is shown with its control characters visible, not acted on.
    record = (APPLICANTS / "batch.jsonl").read_text(encoding="utf-8").splitlines()[1].replace('"B-2"', '"B\\u001b[2J-2"')
    code, out, _ = talent("diff", "--as-of", "2024-06-30", "--against", rent600, "-", stdin=record)
    expect("control characters shown", (code, "  B\\x1B[2J-2 高校毕业生租房补贴：符合，每月 500.00 元" in out, "\x1b" in out),
           (1, True, False))

    # Standard input that cannot be read is trouble, said so.
    folder = os.open(str(APPLICANTS), os.O_RDONLY)
    p = subprocess.run([TALENT, "diff", "--against", "builtin", "-"], stdin=folder, capture_output=True, text=True,
                       timeout=60)
    os.close(folder)
    expect("folder as stdin", (p.returncode, "读取标准输入失败" in p.stderr), (2, True))

    # Usage errors and packs that do not load: 2.
    one = str(APPLICANTS / "01-doctorate-renting.yaml")
    code, _, err = talent("diff", one)
    expect("no --against", (code, "缺少 --against" in err), (2, True))
    code, _, err = talent("diff", "--against", "builtin@2025-02-30", one)
    expect("bad @date", (code, "@ 之后应为规则施行的日期" in err), (2, True))
    expect("bad format", talent("diff", "--against", "builtin", "--format", "xml", one)[0], 2)
    code, _, err = talent("diff", "--against", tmp, one)
    expect("pack does not load", (code, "pack.yaml" in err), (2, True))
    code, out, _ = talent("diff", "--help")
    expect("help", (code, "规则包@年-月-日" in out), (0, True))

checks.finish("all diff checks passed")
