#!/usr/bin/env python3
"""`talent serve` end to end, on a free loopback port: every decision equals
the CLI's for the same record text, as-of date, language and reasons — the
worked examples, every record of the policy suites and generated records,
one per request and in lists of up to 100 — the status codes and limits, the
description endpoints, the metrics, and the decision log replayed with
`talent replay`: no difference with the pack that decided, exactly the
affected receipts after one amount of a copied pack is changed.

usage: serve_test.py TALENT SOURCE_DIR
"""
import functools
import json
import pathlib
import re
import shutil
import socket
import sys
import tempfile

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks, run
from service import Service, generated_records

TALENT, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
PACK = SOURCE / "rules" / "hohhot-talent-25"
checks = Checks()
expect = checks.expect
talent = functools.partial(run, TALENT, timeout=120)


class Loader(yaml.SafeLoader):
    """YAML with dates left as text, as a JSON record writes them."""


Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def as_json_text(record, folder):
    """A suite case's or example's record as the JSON text a client would send, or None."""
    if isinstance(record, str):
        try:
            json.loads(record)
            return record.strip()
        except ValueError:
            pass
        try:
            record = yaml.load(record, Loader=Loader)
        except yaml.YAMLError:
            return record.strip() if record.lstrip().startswith("{") else None  # broken JSON: a 400 case
    return json.dumps(record, ensure_ascii=False) if isinstance(record, dict) else None


def suite_records():
    out = []
    for path in sorted((PACK / "tests").glob("*.yaml")):
        suite = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        for case in suite["cases"]:
            as_of = str(case.get("as_of", suite.get("as_of")))
            record = case.get("record")
            if "record_file" in case:
                record = (path.parent / case["record_file"]).read_text(encoding="utf-8")
            text = as_json_text(record, path.parent)
            if text is not None:
                out.append((text, as_of))
    return out


def expected_status(line):
    result = json.loads(line)
    if "error" not in result:
        return 200
    error = result["error"]
    return 400 if error["field"] is None and error["code"] in ("syntax", "wrong_type") else 422


def cli_lines(tmp, texts, as_of, *options):
    """`talent batch` over one file per text: each record is number 1, as in a request of one record."""
    files = []
    for i, text in enumerate(texts):
        f = tmp / f"single-{len(list(tmp.iterdir()))}-{i}.json"
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    code, out, err = talent("batch", "--as-of", as_of, *options, *files)
    # A request names no file and no line: its records are named by their place.
    lines = [re.sub(r',"file":"[^"]*","line":\d+', "", line) for line in out.splitlines()]
    assert len(lines) == len(texts), (len(lines), len(texts), err)
    return lines


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    singles_dir = tmp / "singles"
    singles_dir.mkdir()
    log = tmp / "decisions.jsonl"
    service = Service(TALENT, "--threads", "2", "--log", str(log))
    receipts = 0  # records answered with 200 or 422: each leaves a receipt

    # --- The worked examples, with concrete values.
    examples = []
    for path in sorted((SOURCE / "examples" / "applicants").glob("*.yaml")):
        examples.append((as_json_text(yaml.load(path.read_text(encoding="utf-8"), Loader=Loader), path.parent), "2025-06-30"))
    for line in (SOURCE / "examples" / "applicants" / "batch.jsonl").read_text(encoding="utf-8").splitlines():
        examples.append((line, "2025-06-30"))
    ex2 = next(t for t, _ in examples if '"EX-2"' in t)
    status, d = service.json("POST", "/v1/decisions?as_of=2025-06-30&lang=en", ex2)
    programs = {p["program"]: p for p in d["programs"]}
    expect("EX-2 status", status, 200)
    expect("EX-2 rent", (programs["rent_subsidy"]["status"], programs["rent_subsidy"]["amount"],
                         programs["rent_subsidy"]["window"]), ("eligible", "500.00", {"start": "2023-06-30", "end": "2025-06-30"}))
    expect("EX-2 loan", programs["startup_loan_interest_subsidy"]["amount"], "17325.00")
    expect("EX-2 home", programs["home_purchase_subsidy"]["amount"], "30000.00")
    receipts += 1

    # --- Every record, one per request: the CLI's bytes, the status they imply.
    records = examples + suite_records() + [(t, "2025-06-30") for t in generated_records(300, 20250630)]
    expect("records to compare", len(records) > 450, True)
    by_date = {}
    for text, as_of in records:
        by_date.setdefault(as_of, []).append(text)
    variants = [("", ()), ("&reasons=compact&lang=en", ("--reasons", "compact", "--lang", "en")),
                ("&reasons=none", ("--reasons", "none"))]
    compared = statuses = 0
    seen_statuses = set()
    for as_of, texts in sorted(by_date.items()):
        for query, options in variants:
            chosen = texts if not query else texts[::7]
            lines = cli_lines(singles_dir, chosen, as_of, *options)
            for text, line in zip(chosen, lines):
                status, headers, body = service.request("POST", f"/v1/decisions?as_of={as_of}{query}", text)
                want = expected_status(line)
                seen_statuses.add(status)
                if body.decode("utf-8") != line or status != want:
                    checks.fail(f"single record as of {as_of}{query}: {text[:80]}\n  status {status}, expected {want}"
                                f"\n  got      {body[:200]!r}\n  expected {line[:200]!r}")
                compared += 1
                receipts += status != 400
    expect("statuses seen", sorted(seen_statuses), [200, 400, 422])

    # --- Lists of up to 100 records: the CLI's lines over the same array.
    batches = 0
    for as_of, texts in sorted(by_date.items()):
        listed = []
        for t in texts:
            try:
                json.loads(t)
                listed.append(t)
            except ValueError:
                pass
        for start in range(0, len(listed), 100):
            chunk = listed[start:start + 100]
            array = "[" + ",".join(chunk) + "]"
            f = tmp / f"batch-{as_of}-{start}.json"
            f.write_text(array, encoding="utf-8")
            code, out, _ = talent("batch", "--as-of", as_of, str(f))
            lines = [re.sub(r',"line":\d+', "", line) for line in out.splitlines()]  # a request has no lines of a file
            rejected = sum('"error":' in l and '"programs":' not in l for l in lines)
            want = ('{"records":%d,"decided":%d,"rejected":%d,"results":[' % (len(lines), len(lines) - rejected, rejected)
                    + ",".join(lines) + "]}")
            status, _, body = service.request("POST", f"/v1/decisions?as_of={as_of}", '{"records": ' + array + "}")
            expect(f"list of {len(chunk)} as of {as_of}: status", status, 200 if rejected == 0 else 422)
            expect(f"list of {len(chunk)} as of {as_of}: the CLI's lines", body.decode("utf-8") == want, True)
            batches += 1
            receipts += len(chunk)
    expect("lists sent", batches >= 8, True)

    # --- Status codes and limits.
    def status_of(method, path, body=None, headers=None):
        conn = service.connect()
        try:
            s, h, b = service.request(method, path, body, headers, conn)
        finally:
            conn.close()
        return s, h, (json.loads(b) if b and h.get("content-type", "").startswith("application/json") else b)

    def code_of(answer):
        return answer[0], answer[2]["error"]["code"] if isinstance(answer[2], dict) and "error" in answer[2] else None

    ok = '{"id": "S-1", "degree": "master"}'
    expect("GET on decisions", code_of(status_of("GET", "/v1/decisions")), (405, "invalid_value"))
    expect("405 names the method", status_of("GET", "/v1/decisions")[1].get("allow"), "POST")
    expect("POST on healthz", status_of("POST", "/healthz", "{}")[0], 405)
    expect("unknown path", code_of(status_of("GET", "/v2/decisions")), (404, "unknown_name"))
    expect("impossible as_of", code_of(status_of("POST", "/v1/decisions?as_of=2025-02-30", ok)), (400, "invalid_value"))
    expect("misspelt parameter", code_of(status_of("POST", "/v1/decisions?asof=2025-06-30", ok)), (400, "unknown_name"))
    expect("parameter twice", code_of(status_of("POST", "/v1/decisions?lang=en&lang=zh", ok)), (400, "duplicate"))
    expect("bad reasons", code_of(status_of("POST", "/v1/decisions?reasons=some", ok)), (400, "invalid_value"))
    expect("empty body", code_of(status_of("POST", "/v1/decisions", "")), (400, "missing"))
    expect("a list as the body", code_of(status_of("POST", "/v1/decisions", "[" + ok + "]")), (400, "wrong_type"))
    expect("not UTF-8", code_of(status_of("POST", "/v1/decisions", b'{"id": "\xff"}')), (400, "unreadable"))
    expect("records not a list", code_of(status_of("POST", "/v1/decisions", '{"records": 5}')), (400, "wrong_type"))
    expect("records and more", code_of(status_of("POST", "/v1/decisions", '{"records": [], "as_of": "x"}')), (400, "unknown_name"))
    expect("an empty list", status_of("POST", "/v1/decisions", '{"records": []}')[:3:2],
           (200, {"records": 0, "decided": 0, "rejected": 0, "results": []}))
    rejected = status_of("POST", "/v1/decisions?as_of=2025-06-30", '{"id": "S-2", "degree": "masters"}')
    expect("rejected record", (rejected[0], rejected[2]["id"], rejected[2]["record"], rejected[2]["error"]["field"],
                               rejected[2]["error"]["code"]), (422, "S-2", 1, "degree", "unknown_name"))
    receipts += 1
    big = '{"id": "S-3", "name": "' + "x" * (1 << 20) + '"}'
    expect("body over 1 MiB", code_of(status_of("POST", "/v1/decisions", big)), (413, "limit"))
    many = '{"records": [' + ",".join('{"id": "M-%d"}' % i for i in range(1001)) + "]}"
    expect("1001 records", code_of(status_of("POST", "/v1/decisions", many)), (413, "limit"))
    many = '{"records": [' + ",".join('{"id": "M-%d"}' % i for i in range(1000)) + "]}"
    expect("1000 records", status_of("POST", "/v1/decisions?reasons=none", many)[2]["decided"], 1000)
    receipts += 1000
    expect("header over 8 KiB", code_of(status_of("GET", "/healthz", None, {"X-Padding": "y" * 9000})), (431, "limit"))
    expect("bad request id", code_of(status_of("POST", "/v1/decisions", ok, {"X-Request-Id": "not ok!"})), (400, "invalid_value"))
    s, h, _ = status_of("POST", "/v1/decisions?as_of=2025-06-30", ok, {"X-Request-Id": "appeal-2025-0042"})
    expect("request id echoed", (s, h.get("x-request-id")), (200, "appeal-2025-0042"))
    receipts += 1
    s, h, b = status_of("HEAD", "/healthz")
    expect("HEAD", (s, b, int(h["content-length"]) > 100), (200, b"", True))
    malformed = status_of("POST", "/v1/decisions", '{"id": "S-4", "degree": ')
    expect("malformed JSON record", (malformed[0], malformed[2]["record"], malformed[2]["error"]["code"]), (400, 1, "syntax"))
    # Expect: 100-continue, as curl sends for larger bodies.
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        body = ok.encode()
        sock.sendall(b"POST /v1/decisions?as_of=2025-06-30 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body))
        interim = sock.recv(100)
        sock.sendall(body)
        reply = b""
        while b'"programs"' not in reply or not reply.endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
        expect("100 Continue", interim, b"HTTP/1.1 100 Continue\r\n\r\n")
        expect("then 200", reply.split(b"\r\n")[0], b"HTTP/1.1 200 OK")
        receipts += 1
    # Garbage instead of HTTP.
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        sock.sendall(b"HELLO THERE\r\n\r\n")
        expect("not HTTP", sock.recv(100).split(b"\r\n")[0], b"HTTP/1.1 400 Bad Request")

    # --- What the service describes.
    for lang in ("zh", "en"):
        s, _, body = service.request("GET", f"/v1/rules?lang={lang}")
        expect(f"/v1/rules?lang={lang} = talent rules --format json", (s, body.decode()),
               (200, talent("rules", "--format", "json", "--lang", lang)[1].strip()))
    s, schema = service.json("GET", "/v1/schema?lang=en")
    employment = schema["properties"]["employment"]
    expect("schema", (s, schema["required"], employment["properties"]["status"]["anyOf"][0],
                      schema["properties"]["graduation_date"]["format"], schema["additionalProperties"]),
           (200, ["id"], {"const": "enterprise", "title": "employed by an enterprise"}, "date", False))
    s, health = service.json("GET", "/healthz")
    expect("healthz", (s, health["status"], health["source"], health["last_reload"]["result"]), (200, "serving", "built-in", "loaded"))
    expect("v1/rules lang", code_of(status_of("GET", "/v1/rules?lang=fr")), (400, "invalid_value"))

    # --- Metrics: the requests and decisions above, counted.
    s, _, metrics = service.request("GET", "/metrics")
    metrics = metrics.decode()
    count = lambda pattern: sum(int(m) for m in re.findall(pattern + r" (\d+)\n", metrics))
    expect("metrics: records", count(r'talent_records_total\{outcome="(?:decided|rejected)"\}'), receipts)
    expect("metrics: ruleset", 'talent_ruleset_info{id="hohhot-talent-25",version="2024.12.1",digest="sha256:' in metrics, True)
    expect("metrics: histogram", count(r'talent_http_request_duration_seconds_bucket\{le="\+Inf"\}'),
           count(r'talent_http_requests_total\{[^}]*\}'))
    expect("metrics: 413s", count(r'talent_http_requests_total\{endpoint="/v1/decisions",code="413"\}'), 2)

    # Usage errors: nothing served, exit 2 and the reason.
    code, _, err = talent("serve", "--port", str(service.port))
    expect("a port in use", (code, "cannot listen on 127.0.0.1 port" in err), (2, True))
    expect("no such pack folder", talent("serve", "--rules", str(tmp / "nowhere"))[::2],
           (2, f"talent serve: --rules {tmp / 'nowhere'}：没有这个目录\n"))
    expect("threads", talent("serve", "--threads", "0")[0], 2)
    expect("a bad address", talent("serve", "--bind", "localhost")[0], 2)

    expect("exit status after SIGTERM", service.stop(), 0)
    expect("one stderr line per request", sum(" POST /v1/decisions" in l for l in service.lines) > compared, True)

    # --- The decision log: one receipt per record answered, replayed.
    lines = log.read_text(encoding="utf-8").splitlines()
    expect("receipts", len(lines), receipts)
    first = json.loads(lines[0])
    expect("a receipt's keys", list(first), ["time", "request", "ruleset", "as_of", "lang", "reasons", "record", "input", "result"])
    expect("the request id in receipts", sum('"request":"appeal-2025-0042"' in l for l in lines), 1)
    code, out, err = talent("replay", str(log))
    expect("replay: no difference", (code, out.splitlines()[-1], err), (0, "0 receipts differ", ""))
    changed = tmp / "rent-600"
    shutil.copytree(PACK, changed, ignore=shutil.ignore_patterns("tests"))
    parameters = changed / "parameters.yaml"
    text = parameters.read_text(encoding="utf-8")
    expect("one bachelor rent", text.count('bachelor: "500.00"'), 1)
    parameters.write_text(text.replace('bachelor: "500.00"', 'bachelor: "600.00"'), encoding="utf-8")
    code, out, _ = talent("replay", "--rules", str(changed), str(log))
    listed = sorted(int(m) for m in re.findall(r"^" + re.escape(str(log)) + r":(\d+): ", out, re.M))
    affected = [n for n, l in enumerate(lines, 1)
                if any(p["program"] == "rent_subsidy" and p.get("amount") == "500.00"
                       for p in json.loads(l)["result"].get("programs", []))]
    expect("replay with one amount changed: exit", code, 1)
    expect("replay lists exactly the affected receipts", listed, affected)
    expect("EX-2 among them", f"({'EX-2'}), as of 2025-06-30: the decision differs" in out, True)
    expect("the difference named", '    rent_subsidy: amount: "500.00" -> "600.00"' in out, True)
    expect("the summary", out.splitlines()[-1], f"{len(affected)} receipts differ")
    broken = tmp / "broken.jsonl"
    broken.write_text(lines[0] + "\n" + lines[1][:50] + "\n", encoding="utf-8")
    code, out, err = talent("replay", str(broken))
    expect("replay of a broken log", (code, err.strip()), (2, f"{broken}:2: not a receipt: not a JSON object on one line"))

checks.finish(f"{compared} single records and {batches} lists compared with the CLI, {receipts} receipts replayed; "
              "0 failure(s)")
