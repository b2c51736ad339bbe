#!/usr/bin/env python3
"""The caseworker's desk, end to end: an Excel-style spreadsheet in GB18030
with Chinese headers decides like the same records in JSON; --format csv is a
spreadsheet Excel opens (UTF-8 with a byte order mark); talent schema and
talent template; talent ask completes a record from piped answers.

usage: desk_test.py TALENT SOURCE_DIR
"""
import csv
import functools
import io
import json
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run

TALENT = sys.argv[1]
SOURCE = pathlib.Path(sys.argv[2]).resolve()
DATA = SOURCE / "tests" / "cli" / "data"
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT)


def programs(decision):
    out = {}
    for p in decision["programs"]:
        row = [p["status"]]
        for key in ("amount", "missing"):
            if key in p:
                row.append(p[key])
        if "window" in p:
            row.append(p["window"]["start"] + ".." + p["window"]["end"])
        out[p["program"][:4]] = row
    return out


def decisions(path, *options):
    code, out, err = talent("batch", "--as-of", "2025-06-30", "--reasons", "none", *options, str(path))
    return code, [json.loads(line) for line in out.splitlines()], err


# Worked out by hand from the policy: the same six applicants in both files.
EXPECTED = {
    "XL-1": {"rent": ["eligible", "800.00", "2024-07-01..2026-07-01"], "home": ["ineligible"], "star": ["ineligible"]},
    "XL-2": {"rent": ["eligible", "500.00", "2024-06-30..2026-06-30"], "home": ["ineligible"],
             "star": ["eligible", "17325.00"]},
    "XL-3": {"rent": ["eligible", "1000.00", "2023-07-01..2025-07-01"], "home": ["eligible", "100000.00"],
             "star": ["ineligible"]},
    "XL-4": {"rent": ["needs_info", ["graduation_date"]], "home": ["ineligible"], "star": ["ineligible"]},
    "XL-5": {"rent": ["ineligible"], "home": ["ineligible"], "star": ["ineligible"]},
    "XL-6": {"rent": ["ineligible"], "home": ["ineligible"], "star": ["ineligible"]},
}

# 1. The GB18030 spreadsheet, its encoding told from the bytes and given.
raw = (DATA / "applicants-gb18030.csv").read_bytes()
expect("the spreadsheet is not UTF-8", raw.startswith(b"\xef\xbb\xbf"), False)
try:
    raw.decode("utf-8")
    checks.fail("the test spreadsheet must not be valid UTF-8")
except UnicodeDecodeError:
    pass
code_json, from_json, _ = decisions(DATA / "applicants.jsonl")
expect("JSON exit", code_json, 0)
expect("JSON decisions", {d["id"]: programs(d) for d in from_json}, EXPECTED)
for options in ([], ["--encoding", "gb18030"], ["--encoding", "GBK"]):
    code, from_csv, err = decisions(DATA / "applicants-gb18030.csv", *options)
    expect(f"CSV {options} exit", (code, err), (0, ""))
    expect(f"CSV {options} decisions", {d["id"]: programs(d) for d in from_csv}, EXPECTED)
    expect(f"CSV {options} numbers", [d["id"] for d in from_csv], [f"XL-{i}" for i in range(1, 7)])
# Apart from the forms the cells were written in, the same decisions.
for a, b in zip(from_csv, from_json):
    a = dict(a)
    normalized = a.pop("normalized", [])
    expect(f"{a['id']} like JSON", a, b)
    expect(f"{a['id']} lists its forms", all(n["from"] != n["to"] for n in normalized) and len(normalized) > 0, True)
xl2 = {n["field"]: (n["from"], n["to"]) for n in from_csv[1]["normalized"]}
expect("XL-2 30万", xl2["startup_loan.principal"], ("30万", "300000.00"))
expect("XL-2 date", xl2["graduation_date"], ("2024年6月30日", "2024-06-30"))
expect("XL-2 是", xl2["employment.in_city"], ("是", "true"))
xl6 = {n["field"]: (n["from"], n["to"]) for n in from_csv[5]["normalized"]}
expect("XL-6 ￥ and grouping", xl6["startup_loan.principal"], ("￥200,000.00", "200000.00"))
expect("XL-6 full-width rate", xl6["startup_loan.annual_rate"], ("４％", "0.04"))
# Read as something else, it is refused, never guessed.
code, out, _ = talent("batch", "--as-of", "2025-06-30", "--encoding", "utf-8", str(DATA / "applicants-gb18030.csv"))
expect("read as UTF-8: rejected", (code, out.count('"code":"unreadable"') >= 1), (1, True))

# 2. --format csv: UTF-8 with a byte order mark, a row per applicant.
code, out, err = talent("check", "--as-of", "2025-06-30", "--format", "csv", str(DATA / "applicants-gb18030.csv"),
                        text=False)
expect("--format csv exit", (code, err), (0, b""))
expect("--format csv starts with a byte order mark", out[:3], b"\xef\xbb\xbf")
rows = list(csv.reader(io.StringIO(out[3:].decode("utf-8"), newline="")))
expect("--format csv rows", len(rows), 7)
expect("--format csv header", rows[0][:6],
       ["记录", "行", "申请编号", "高校毕业生租房补贴：结果", "高校毕业生租房补贴：每月金额（元）", "高校毕业生租房补贴：期限"])
xl2_row = dict(zip(rows[0], rows[2]))
expect("XL-2 row", [xl2_row["申请编号"], xl2_row["行"], xl2_row["高校毕业生租房补贴：结果"],
                    xl2_row["高校毕业生租房补贴：每月金额（元）"], xl2_row["高校毕业生租房补贴：期限"],
                    xl2_row["青城创梦贷财政贴息：金额（元）"], xl2_row["高校毕业生购房补贴：首个未满足条件"]],
       ["XL-2", "3", "符合", "500.00", "2024-06-30 至 2026-06-30", "17325.00", "已在市域内购房（无购房记录）"])
xl4_row = dict(zip(rows[0], rows[4]))
expect("XL-4 missing", [xl4_row["高校毕业生租房补贴：结果"], xl4_row["高校毕业生租房补贴：缺少"]], ["需补充材料", "毕业日期"])
with tempfile.TemporaryDirectory() as tmp:
    bad = pathlib.Path(tmp) / "名单.csv"
    bad.write_text("申请编号,学历,毕业日期\nB-1,\"=HYPERLINK(\"\"x\"\")\",2024-07-01\n", encoding="utf-8")
    code, out, _ = talent("check", "--as-of", "2025-06-30", "--format", "csv", str(bad))
    row = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1]
    expect("a rejected row", (code, row[0], row[1], row[2]), (1, "1", "2", "B-1"))
    expect("a rejected row's error", row[-2].startswith("学历 (degree)：unknown value \"=HYPERLINK(\"x\")\""), True)
    bad.write_text("申请编号,学历\n=1+1,本科\n", encoding="utf-8")
    code, out, _ = talent("check", "--as-of", "2025-06-30", "--format", "csv", str(bad))
    row = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1]
    expect("an id that would be a formula", (code, row[2]), (0, "'=1+1"))

# 3. talent schema and talent template.
code, out, _ = talent("schema")
expect("schema exit", code, 0)
for line in ["graduation_date  毕业日期  [日期]", "    如 2024-06-30；也可写 2024年6月30日、2024/6/30、2024.6.30、2024-6-30",
             "  startup_loan.principal  贷款本金（元）  [金额（元）]  又名 贷款本金",
             "      如 300000.00；也可写 300,000.00、￥300000、300000元、30万、30万元"]:
    expect(f"schema shows {line!r}", line in out.splitlines(), True)
code, out, _ = talent("schema", "--format", "json")
fields = {f["path"]: f for f in json.loads(out)["fields"]}
expect("schema json degree", [v["value"] for v in fields["degree"]["values"]], ["doctorate", "master", "bachelor", "associate"])
expect("schema json optional", fields["home_purchase"].get("optional"), True)
code, out, _ = talent("template")
expect("template exit", code, 0)
expect("template line", "graduation_date:         # 毕业日期：如 2024-06-30；也可写 2024年6月30日、2024/6/30、2024.6.30、2024-6-30"
       in out.splitlines(), True)
expect("template optional section commented out", "# home_purchase:           # 购房情况：没有就不填这一段；有则去掉这一段各行开头的 #"
       in out.splitlines(), True)
code, header, _ = talent("template", "--format", "csv", text=False)
expect("csv template", header.decode("utf-8").split(",")[:3], ["\ufeff申请编号", "姓名", "学历"])
with tempfile.TemporaryDirectory() as tmp:
    filled = pathlib.Path(tmp) / "filled.csv"
    cells = ["T-1", "张三", "本科", "全日制", "普通高校", "2024-07-01", "企业", "是"]
    columns = len(header.decode("utf-8").split(","))
    filled.write_bytes(header + (",".join(cells + [""] * (columns - len(cells))) + "\r\n").encode("utf-8"))
    code, got, err = decisions(filled)
    expect("the template filled in", (code, programs(got[0])["rent"]), (0, ["eligible", "500.00", "2024-07-01..2026-07-01"]))

# 4. talent ask, answers piped.
answers = "A-1\n硕士\n全日制\n普通高校\n2024年7月1日\n自主创业\n是\n无\n有\n个人创业担保贷款\n30万\n3.85\n3.85%\n３６\n"
with tempfile.TemporaryDirectory() as tmp:
    saved = pathlib.Path(tmp) / "a-1.json"
    code, out, err = talent("ask", "--as-of", "2025-06-30", "--save", str(saved), stdin=answers)
    expect("ask exit", (code, err), (0, ""))
    expect("ask refuses 3.85 and asks again", out.count("贷款年利率 (startup_loan.annual_rate)？"), 2)
    expect("ask asks about the home purchase", "有无购房情况？（有 / 无）" in out, True)
    expect("ask decides", out.splitlines()[-4:], [
        "  ✔ 高校毕业生租房补贴 [C-RENT] 符合：每月 800.00 元，期限 2024-07-01 至 2026-07-01",
        "  ✘ 高校毕业生购房补贴 [C-HOME] 不符合",
        "      未满足：已在市域内购房（无购房记录）",
        "  ✔ 青城创梦贷财政贴息 [C-LOAN] 符合：贴息总额 17325.00 元"])
    expect("ask: the loan", out.splitlines()[-1], "  ✔ 青城创梦贷财政贴息 [C-LOAN] 符合：贴息总额 17325.00 元")
    expect("ask saves the record", json.loads(saved.read_text(encoding="utf-8")), {
        "id": "A-1", "degree": "master", "study_mode": "full_time", "institution": "regular_university",
        "graduation_date": "2024-07-01", "employment": {"status": "self_employed", "in_city": True},
        "startup_loan": {"kind": "personal_guarantee", "principal": "300000.00", "annual_rate": "0.0385", "term_months": 36}})
    code, again, _ = decisions(saved)
    expect("the saved record decides the same", programs(again[0])["star"], ["eligible", "17325.00"])
    # From a partial record: only what is still needed. Part-time ends the
    # graduate programs, so nothing more is asked for them; only whether
    # there is a startup loan, which alone stands between the loan program
    # and a decision (a yes/no question answered wrongly is asked again).
    partial = pathlib.Path(tmp) / "partial.yaml"
    partial.write_text("申请编号: P-1\n学历: 本科\n", encoding="utf-8")
    code, out, _ = talent("ask", "--as-of", "2025-06-30", str(partial), stdin="非全日制\n企业\n无\n")
    expect("ask from a partial record", [line for line in out.splitlines() if line.endswith("？（有 / 无）") or "可填" in line],
           ["学习形式 (study_mode)？  可填：全日制、非全日制（也可写 full_time、part_time）（不知道就直接回车）",
            "有无创业贷款？（有 / 无）", "有无创业贷款？（有 / 无）"])
    expect("ask from a partial record: decided", (code, "需补充材料" in out, out.count("✘")), (0, False, 3))
    # Input that ends first: the decision so far, exit 1.
    code, out, _ = talent("ask", "--as-of", "2025-06-30", stdin="E-1\n博士\n")
    expect("ask with too few answers", (code, "? 高校毕业生租房补贴 [C-RENT] 需补充材料" in out), (1, True))

checks.finish("the caseworker's desk works end to end")
