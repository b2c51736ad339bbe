#!/usr/bin/env python3
"""`talent serve`'s what-if and timelines end to end, on a free loopback
port: POST /v1/decisions?what_if=true answers the bytes `talent check
--what-if --format json` / `talent batch --what-if` print for the same
records, alone and in lists; POST /v1/timeline the bytes of `talent
timeline --format json`; the parameters, limits and errors of both; what-if
receipts in the decision log replayed with `talent replay`; timelines
leaving none.

usage: what_if_test.py TALENT SOURCE_DIR
"""
import datetime
import functools
import json
import os
import pathlib
import re
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run
from service import Service, generated_records

TALENT, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
EXAMPLES = SOURCE / "examples" / "applicants"
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT, timeout=120)

EX_1 = json.dumps({"id": "EX-1", "degree": "doctorate", "study_mode": "full_time", "institution": "regular_university",
                   "graduation_date": "2024-07-01", "employment": {"status": "enterprise", "in_city": True}})
EX_2 = json.dumps({"id": "EX-2", "degree": "bachelor", "study_mode": "full_time", "institution": "regular_university",
                   "graduation_date": "2023-06-30", "employment": {"status": "self_employed", "in_city": True},
                   "home_purchase": {"first_in_city": True, "date": "2025-03-01"},
                   "startup_loan": {"kind": "personal_guarantee", "principal": "400000.00", "annual_rate": "0.0385",
                                    "term_months": 48, "start_date": "2025-01-10"}})


def cli(tmp, command, text, *options):
    """What `talent COMMAND OPTIONS FILE` prints for one record's text, without its newline."""
    f = tmp / f"record-{len(list(tmp.iterdir()))}.json"
    f.write_text(text, encoding="utf-8")
    code, out, err = talent(command, *options, str(f))
    assert out.endswith("\n") and out.count("\n") == 1, (command, options, out, err)
    return re.sub(r',"file":"[^"]*"', "", out[:-1])


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    files = tmp / "files"
    files.mkdir()
    log = tmp / "decisions.jsonl"
    service = Service(TALENT, "--threads", "2", "--log", str(log))
    what_if_receipts = plain_receipts = 0

    def status_of(method, path, body=None):
        conn = service.connect()
        try:
            s, h, b = service.request(method, path, body, None, conn)
        finally:
            conn.close()
        return s, h, (json.loads(b) if b else b)

    def code_of(answer):
        return answer[0], answer[2]["error"]["code"] if isinstance(answer[2], dict) and "error" in answer[2] else None

    # --- Worked example 1 five months after its rent subsidy ended: concrete values.
    query = "/v1/decisions?as_of=2026-11-29&lang=en&reasons=none&what_if=true"
    status, _, body = service.request("POST", query, EX_1)
    what_if_receipts += 1
    d = json.loads(body)
    rent, home, loan = d["programs"]
    expect("EX-1 what-if: status", status, 200)
    expect("EX-1 what-if: rent", (rent["status"], rent["what_if"]),
           ("ineligible", [{"changes": [{"field": "graduation_date", "at_least": "2024-11-29", "at_most": "2026-11-29",
                                         "mutable": False}]}]))
    expect("EX-1 what-if: home", home["what_if"],
           [{"changes": [{"field": "home_purchase.first_in_city", "set": True},
                         {"field": "home_purchase.date", "at_least": "2024-07-01", "at_most": "2026-11-29"}]}])
    expect("EX-1 what-if: loan", loan["what_if"], [])
    expect("EX-1 what-if: talent check --what-if's bytes", body.decode(),
           cli(files, "check", EX_1, "--what-if", "--format", "json", "--as-of", "2026-11-29", "--lang", "en", "--no-reasons"))
    status, _, body = service.request("POST", "/v1/decisions?as_of=2026-11-29&what_if=false", EX_1)
    plain_receipts += 1
    expect("what_if=false: no what_if", (status, b"what_if" in body), (200, False))
    expect("what_if=false: talent check's bytes", body.decode(),
           cli(files, "check", EX_1, "--format", "json", "--as-of", "2026-11-29"))

    # --- Many records, one per request and in lists: the CLI's bytes.
    texts = [EX_1, EX_2] + [line for line in (EXAMPLES / "batch.jsonl").read_text(encoding="utf-8").splitlines()
                            if line.strip()] + generated_records(60, 20260101)
    compared = 0
    for as_of, query, options in [("2025-06-30", "", ()),
                                  ("2026-11-29", "&lang=en&reasons=compact", ("--lang", "en", "--reasons", "compact"))]:
        for text in texts:
            status, _, body = service.request("POST", f"/v1/decisions?as_of={as_of}&what_if=true{query}", text)
            want = cli(files, "batch", text, "--what-if", "--as-of", as_of, *options)
            want = re.sub(r',"line":\d+', "", want)  # a request has no lines of a file
            if body.decode() != want or status != (422 if '"error":' in want and '"programs":' not in want else 200):
                checks.fail(f"what-if as of {as_of}{query}: {text[:80]}\n  status {status}\n  got      {body[:300]!r}"
                            f"\n  expected {want[:300]!r}")
            compared += 1
            what_if_receipts += 1
        listed = tmp / f"list-{as_of}.json"
        listed.write_text("[" + ",".join(texts) + "]", encoding="utf-8")
        code, out, _ = talent("batch", "--what-if", "--as-of", as_of, *options, str(listed))
        lines = [re.sub(r',"line":\d+', "", line) for line in out.splitlines()]
        rejected = sum('"error":' in line and '"programs":' not in line for line in lines)
        status, _, body = service.request("POST", f"/v1/decisions?as_of={as_of}&what_if=true{query}",
                                          '{"records": [' + ",".join(texts) + "]}")
        what_if_receipts += len(texts)
        expect(f"a what-if list as of {as_of}: status", status, 422 if rejected else 200)
        expect(f"a what-if list as of {as_of}: the CLI's lines", body.decode(),
               '{"records":%d,"decided":%d,"rejected":%d,"results":[' % (len(lines), len(lines) - rejected, rejected)
               + ",".join(lines) + "]}")
    expect("records compared", compared, 2 * len(texts))
    expect("some rejected among them", any('"study_mod"' in t for t in texts), True)

    # --- The what_if parameter: refused as the others are; a lower limit of records.
    ok = '{"id": "S-1", "degree": "master"}'
    expect("what_if=yes", code_of(status_of("POST", "/v1/decisions?what_if=yes", ok)), (400, "invalid_value"))
    expect("what_if twice", code_of(status_of("POST", "/v1/decisions?what_if=true&what_if=true", ok)), (400, "duplicate"))
    unknown = status_of("POST", "/v1/decisions?whatif=true", ok)
    expect("whatif", code_of(unknown), (400, "unknown_name"))
    expect("the parameters named", unknown[2]["error"]["message"],
           "unknown query parameter 'whatif'; this endpoint takes as_of, reasons, lang and what_if")
    many = '{"records": [' + ",".join('{"id": "M-%d"}' % i for i in range(101)) + "]}"
    over = status_of("POST", "/v1/decisions?what_if=true", many)
    expect("101 records with what_if", code_of(over), (413, "limit"))
    expect("101 records with what_if: why", over[2]["error"]["message"],
           "a request with what_if=true may hold at most 100 records; send the rest in another")
    expect("101 records without", status_of("POST", "/v1/decisions?reasons=none", many)[2]["decided"], 101)
    plain_receipts += 101
    many = '{"records": [' + ",".join('{"id": "M-%d"}' % i for i in range(100)) + "]}"
    expect("100 records with what_if", status_of("POST", "/v1/decisions?what_if=true", many)[2]["decided"], 100)
    what_if_receipts += 100

    # --- POST /v1/timeline: worked example 2, as `talent timeline --format json` prints it.
    status, _, body = service.request("POST", "/v1/timeline?from=2020-01-01&to=2030-12-31", EX_2)
    timelines = 1  # answered with 200
    t = json.loads(body)
    expect("EX-2 timeline: status", status, 200)
    expect("EX-2 timeline: range", (t["id"], t["from"], t["to"]), ("EX-2", "2020-01-01", "2030-12-31"))
    expect("EX-2 timeline: rent", t["programs"][0], {"program": "rent_subsidy", "segments": [
        {"from": "2020-01-01", "to": "2023-06-29", "status": "ineligible", "version": "2024.12.1"},
        {"from": "2023-06-30", "to": "2025-06-30", "status": "eligible", "amount": "500.00", "version": "2024.12.1"},
        {"from": "2025-07-01", "to": "2030-12-31", "status": "ineligible", "version": "2024.12.1"}]})
    expect("EX-2 timeline: talent timeline's bytes", body.decode(),
           cli(files, "timeline", EX_2, "--format", "json", "--from", "2020-01-01", "--to", "2030-12-31"))
    for text in texts[:12]:
        status, _, body = service.request("POST", "/v1/timeline?to=2031-01-01&from=2019-02-28", text)
        want = re.sub(r',"line":\d+', "", cli(files, "timeline", text, "--format", "json", "--from", "2019-02-28",
                                               "--to", "2031-01-01"))
        expect(f"timeline of {text[:40]}", (status, body.decode()), (422 if '"programs"' not in want else 200, want))
        timelines += status == 200
    today = datetime.date.today()
    status, _, t = status_of("POST", "/v1/timeline", EX_1)
    expect("no range: ten years either side of today", (status, t["from"][:4], t["to"][:4]),
           (200, str(today.year - 10), str(today.year + 10)))
    one_day = status_of("POST", "/v1/timeline?from=2025-06-30&to=2025-06-30", EX_1)[2]
    expect("one day", one_day["programs"][0]["segments"],
           [{"from": "2025-06-30", "to": "2025-06-30", "status": "eligible", "amount": "1000.00", "version": "2024.12.1"}])

    # --- Its parameters, bodies and errors.
    backwards = status_of("POST", "/v1/timeline?from=2030-01-01&to=2020-01-01", EX_1)
    expect("to before from", (code_of(backwards), backwards[2]["error"]["message"]),
           ((400, "invalid_value"), "to (2020-01-01) is before from (2030-01-01)"))
    expect("not a date", code_of(status_of("POST", "/v1/timeline?from=2025-02-30", EX_1)), (400, "invalid_value"))
    unknown = status_of("POST", "/v1/timeline?as_of=2025-06-30", EX_1)
    expect("as_of on a timeline", (code_of(unknown), unknown[2]["error"]["message"]),
           ((400, "unknown_name"), "unknown query parameter 'as_of'; this endpoint takes from and to"))
    expect("from twice", code_of(status_of("POST", "/v1/timeline?from=2020-01-01&from=2021-01-01", EX_1)), (400, "duplicate"))
    long = status_of("POST", "/v1/timeline?from=1900-01-01&to=2000-01-02", EX_1)
    expect("over 100 years", (code_of(long), long[2]["error"]["message"]),
           ((400, "limit"), "a timeline covers at most 100 years: from 1900-01-01 it may run to 2000-01-01, not 2000-01-02"))
    expect("100 years", status_of("POST", "/v1/timeline?from=1900-01-01&to=2000-01-01", EX_1)[0], 200)
    expect("a list", code_of(status_of("POST", "/v1/timeline", '{"records": [' + EX_1 + "]}")), (400, "wrong_type"))
    expect("two records", code_of(status_of("POST", "/v1/timeline", EX_1 + EX_2)), (400, "syntax"))
    expect("empty body", code_of(status_of("POST", "/v1/timeline", "")), (400, "missing"))
    expect("broken JSON", code_of(status_of("POST", "/v1/timeline", '{"id": "T-4", "degree": ')), (400, "syntax"))
    rejected = status_of("POST", "/v1/timeline", '{"id": "T-1", "graduation_date": "2023-02-30"}')
    expect("a rejected record", (rejected[0], rejected[2]),
           (422, {"id": "T-1", "record": 1,
                  "error": {"field": "graduation_date", "code": "invalid_value",
                            "message": 'expected a real calendar date YYYY-MM-DD, found "2023-02-30"'},
                  "errors": [{"field": "graduation_date", "code": "invalid_value",
                              "message": 'expected a real calendar date YYYY-MM-DD, found "2023-02-30"'}]}))
    get = status_of("GET", "/v1/timeline")
    expect("GET on timeline", (code_of(get), get[1].get("allow")), ((405, "invalid_value"), "POST"))
    nowhere = status_of("GET", "/v2/timeline")
    expect("the endpoints listed", nowhere[2]["error"]["message"],
           "no such endpoint: /v2/timeline; there are POST /v1/decisions, POST /v1/timeline, GET /v1/rules, "
           "/v1/schema, /healthz and /metrics")

    s, _, metrics = service.request("GET", "/metrics")
    metrics = metrics.decode()
    count = lambda pattern: sum(int(m) for m in re.findall(pattern + r" (\d+)\n", metrics))
    expect("metrics: timelines by endpoint", count(r'talent_http_requests_total\{endpoint="/v1/timeline",code="200"\}'),
           timelines + 3)
    expect("metrics: records decided, timelines not among them",
           count(r'talent_records_total\{outcome="(?:decided|rejected)"\}'), what_if_receipts + plain_receipts)
    english = run(TALENT, "serve", "--help", env={**os.environ, "LC_ALL": "en_US.UTF-8"})[1]
    expect("help names the endpoints", "Endpoints: POST /v1/decisions (?what_if=true adds what would make each program\n"
           "eligible), /v1/timeline; GET /v1/rules, /v1/schema, /healthz, /metrics." in english, True)
    expect("exit status after SIGTERM", service.stop(), 0)

    # --- The decision log: what-if receipts say so, and replay decides them the same.
    lines = log.read_text(encoding="utf-8").splitlines()
    expect("receipts: decisions only", len(lines), what_if_receipts + plain_receipts)
    flagged = [line for line in lines if ',"reasons":"none","what_if":true,"record":' in line
               or ',"reasons":"full","what_if":true,"record":' in line or ',"reasons":"compact","what_if":true,"record":' in line]
    expect("receipts with what_if", len(flagged), what_if_receipts)
    expect("a what-if receipt's keys", list(json.loads(flagged[0])),
           ["time", "request", "ruleset", "as_of", "lang", "reasons", "what_if", "record", "input", "result"])
    code, out, err = talent("replay", str(log))
    expect("replay: no difference", (code, out.splitlines()[-1], err), (0, "0 receipts differ", ""))
    # A receipt replayed without what_if differs by exactly the suggestions.
    stripped = tmp / "stripped.jsonl"
    stripped.write_text(flagged[0].replace(',"what_if":true', "", 1) + "\n", encoding="utf-8")
    code, out, _ = talent("replay", str(stripped))
    expect("replayed without what_if", (code, out.splitlines()[1:4]),
           (1, ['    rent_subsidy: what_if: [{"changes":[{"at_least":"2024-11-29","at_most":"2026-11-29","field":"graduation_date","mutable":false}]}] -> (absent)',
                '    home_purchase_subsidy: what_if: [{"changes":[{"field":"home_purchase.first_in_city","set":true},{"at_least":"2024-07-01","at_most":"2026-11-29","fiel... -> (absent)',
                '    startup_loan_interest_subsidy: what_if: [] -> (absent)']))
    broken = tmp / "broken.jsonl"
    broken.write_text(flagged[0].replace(',"what_if":true', ',"what_if":"yes"', 1) + "\n", encoding="utf-8")
    code, _, err = talent("replay", str(broken))
    expect("a receipt with what_if not a boolean", (code, err.strip()),
           (2, f"{broken}:1: not a receipt: 'what_if' is not true or false"))

checks.finish(f"{compared} what-if records and 2 lists compared with the CLI, timelines and {len(lines)} receipts "
              "replayed; 0 failure(s)")
