#!/usr/bin/env python3
"""`talent select` end to end: one cycle of craftsman_award for 120 generated
candidates, in JSON and in text. At most 50 are selected, in the declared
order (score descending, then the earlier application, then the id), each
award is the request capped at 10000.00, and every record is in exactly one
list. The expected figures are stated, and recomputed here from the records
as a second check.

usage: select_test.py TALENT SOURCE_DIR
"""
import datetime
import decimal
import functools
import json
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run

TALENT = sys.argv[1]
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT)


def candidates():
    """The same 120 candidates as the unit test's (tests/unit/selection_test.cpp)."""
    out = []
    for i in range(1, 121):
        employment = {"status": "enterprise"}
        if i % 29 != 0:
            employment["in_city"] = i % 10 != 7
        selection = {"category": "professional" if i % 6 == 0 else "craftsman"}
        if i == 61:
            selection["panel_score"] = "101.00"
        elif i % 25 != 0:
            selection["panel_score"] = f"{60 + (i * 37) % 40}.{'50' if i % 3 == 0 else '00'}"
        day = datetime.date(2024, 12, 20) if i % 17 == 0 else datetime.date(2025, 1, 1) + datetime.timedelta(days=(i * 53) % 365)
        selection["application_date"] = day.isoformat()
        fen = 500000 + (i * 104729) % 1200001
        selection["requested_amount"] = f"{fen // 100}.{fen % 100:02d}"
        out.append({"id": f"S-{i:03d}", "employment": employment, "selection": selection})
    return out


records = candidates()
by_id = {r["id"]: r for r in records}
CAP = decimal.Decimal("10000.00")

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "cycle-2025.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    code, out, err = talent("select", "--program", "craftsman_award", "--cycle", "2025", "--format", "json", path)
    expect("exit status (one record rejected)", code, 1)
    result = json.loads(out)
    expect("one JSON object, keys in order", list(result),
           ["program", "cycle", "quota", "selected", "not_selected", "needs_info", "rejected"])
    expect("program", result["program"], "craftsman_award")
    expect("cycle", result["cycle"], {"start": "2025-01-01", "end": "2025-12-31"})
    expect("quota", result["quota"], 50)
    selected, not_selected = result["selected"], result["not_selected"]
    needs_info, rejected = result["needs_info"], result["rejected"]
    expect("list sizes", (len(selected), len(not_selected), len(needs_info), len(rejected)), (50, 61, 8, 1))

    # Every input record in exactly one list.
    listed = [c["id"] for c in selected + not_selected + needs_info + rejected]
    expect("every record once", sorted(listed), sorted(by_id))
    expect("no record twice", len(listed), len(set(listed)))

    # The selected: ranks 1..50, the declared order, capped awards.
    expect("ranks", [c["rank"] for c in selected], list(range(1, 51)))
    expect("first five", [(c["id"], c["award"]) for c in selected[:5]],
           [("S-014", "7662.05"), ("S-094", "7445.18"), ("S-081", "5830.42"), ("S-001", "6047.29"), ("S-041", "10000.00")])
    expect("the last selected", selected[-1], {"id": "S-049", "rank": 50, "award": "8317.17"})
    expect("the first beyond the quota", not_selected[0],
           {"id": "S-089", "reason": {"code": "beyond_quota", "rank": 51, "text": "排名第 51，超出名额 50"}})

    def key(c):
        s = by_id[c["id"]]["selection"]
        return (-decimal.Decimal(s["panel_score"]), s["application_date"], c["id"])

    expect("declared order", [c["id"] for c in selected], [c["id"] for c in sorted(selected, key=key)])
    awards = [decimal.Decimal(c["award"]) for c in selected]
    requests = [decimal.Decimal(by_id[c["id"]]["selection"]["requested_amount"]) for c in selected]
    expect("awards capped", awards, [min(r, CAP) for r in requests])
    expect("awards never above the cap", max(awards), CAP)
    expect("capped awards", sum(1 for r in requests if r > CAP), 28)
    expect("total awarded", str(sum(awards)), "442862.36")
    expect("awards are money strings", all(len(c["award"].split(".")[1]) == 2 for c in selected), True)

    # The qualified recomputed from the records: the 50 best are the selected.
    def qualifies(r):
        s, e = r["selection"], r["employment"]
        return (e.get("in_city") is True and s["category"] == "craftsman" and "panel_score" in s
                and s["panel_score"] != "101.00" and "2025-01-01" <= s["application_date"] <= "2025-12-31")

    qualified = sorted(({"id": r["id"]} for r in records if qualifies(r)), key=key)
    expect("qualified", len(qualified), 75)
    expect("the best 50", [c["id"] for c in selected], [c["id"] for c in qualified[:50]])
    beyond = [c for c in not_selected if c["reason"]["code"] == "beyond_quota"]
    expect("beyond the quota, in rank order", [c["id"] for c in beyond], [c["id"] for c in qualified[50:]])
    expect("their ranks", [c["reason"]["rank"] for c in beyond], list(range(51, 76)))
    failed = [c for c in not_selected if c["reason"]["code"] == "not_qualified"]
    expect("failed a condition", len(failed), 36)
    expect("S-006 is a professional", [c["reason"]["conditions"] for c in failed if c["id"] == "S-006"], [["craftsman"]])
    expect("S-007 works outside the city", [c["reason"]["conditions"] for c in failed if c["id"] == "S-007"], [["works_in_city"]])
    expect("S-034 applied before the cycle", [c["reason"]["conditions"] for c in failed if c["id"] == "S-034"], [["applied_in_cycle"]])

    expect("needs_info", needs_info, [
        {"id": "S-025", "missing": ["selection.panel_score"], "best_rank": 1},
        {"id": "S-050", "missing": ["selection.panel_score"], "best_rank": 1},
        {"id": "S-075", "missing": ["selection.panel_score"], "best_rank": 1},
        {"id": "S-100", "missing": ["selection.panel_score"], "best_rank": 1},
        {"id": "S-029", "missing": ["employment.in_city"], "best_rank": 13},
        {"id": "S-058", "missing": ["employment.in_city"], "best_rank": 27},
        {"id": "S-087", "missing": ["employment.in_city"], "best_rank": 40},
        {"id": "S-116", "missing": ["employment.in_city"], "best_rank": 53},
    ])
    expect("rejected", rejected, [{"id": "S-061", "error": {"field": "selection.panel_score", "code": "invalid_value",
                                                             "message": "must be at most 100.00, found \"101.00\""}}])

    # The same cycle in Chinese text, read from standard input.
    with open(path, encoding="utf-8") as f:
        code, out, err = talent("select", "--program", "craftsman_award", "--cycle", "2025", stdin=f.read())
    expect("text exit", code, 1)
    lines = out.splitlines()
    expect("text heading", lines[0],
           "青城工匠培树奖励 [C-CRAFT] craftsman_award　评选周期 2025-01-01 至 2025-12-31　名额 50　政策 hohhot-talent-25 2024.12.1　摘要 ef7f1e0951a4")
    expect("text selected", lines[1:3], ["入选（50 名）：", "   1. S-014  奖励 7662.05 元"])
    expect("text rank 50", "  50. S-049  奖励 8317.17 元" in lines, True)
    expect("text beyond", "  S-089  排名第 51，超出名额 50" in lines, True)
    expect("text outside the city", "  S-007  未满足：在市域内就业或创业（在市域内就业或创业 = 否）" in lines, True)
    expect("text needs info", "  S-116  缺少：在市域内就业或创业 (employment.in_city)；补齐后最好可排第 53 名，也无法进入名额 50" in lines, True)
    expect("text could still enter", "  S-025  缺少：评审得分 (selection.panel_score)；补齐后最好可排第 1 名，仍可能入选" in lines, True)
    expect("text rejected", lines[-1], "  记录 #61 (S-061)：字段「评审得分」(selection.panel_score)：不能大于 100.00；收到 \"101.00\"")

# The README's example, word for word.
example = os.path.join(sys.argv[2], "examples", "selection", "craftsman-2025.jsonl")
code, out, err = talent("select", "--program", "craftsman_award", "--cycle", "2025", example)
readme = open(os.path.join(sys.argv[2], "README.md"), encoding="utf-8").read()
expect("README example exit", code, 0)
expect("README example output", out in readme, True)

# Usage errors: exit status 2 and a message naming what is wrong.
for args, said in [
    (("--cycle", "2025"), "talent select: --program is required: the selection program to decide, e.g. craftsman_award\n"),
    (("--program", "craftsman_award"), "talent select: --cycle is required: the year the cycle opens, e.g. 2025\n"),
    (("--program", "craftsman_award", "--cycle", "25"), "talent select: --cycle must be the year a cycle opens, YYYY (1400-9999), not '25'\n"),
    (("--program", "professional_talent_award", "--cycle", "2026"),
     "talent select: no cycle of 'professional_talent_award' opens in 2026: its first cycle opens on 2025-01-01; "
     "the cycles nearest to it open in 2025 and 2027\n"),
    (("--program", "craftsman", "--cycle", "2025"),
     "talent select: no selection program 'craftsman' in hohhot-talent-25; its selection programs are "
     "renowned_teacher_doctor_fund, craftsman_award, professional_talent_award\n"),
]:
    code, out, err = talent("select", "--lang", "en", *args, stdin="")
    expect(f"usage {args}", (code, out, err), (2, "", said))
# The same in Chinese, the default.
code, out, err = talent("select", "--program", "craftsman", "--cycle", "2025", stdin="")
expect("usage in Chinese", (code, out, err),
       (2, "", "talent select: 规则包 hohhot-talent-25 中没有评选项目「craftsman」；其评选项目有："
               "renowned_teacher_doctor_fund, craftsman_award, professional_talent_award\n"))

# A full disk is a failure of the output, exit status 3.
if os.path.exists("/dev/full"):
    with open("/dev/full", "w") as full:
        p = subprocess.run([TALENT, "select", "--program", "craftsman_award", "--cycle", "2025", "-"], input="",
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    expect("select to a full disk", (p.returncode, "无法写入标准输出" in p.stderr), (3, True))

checks.finish("all select checks passed")
