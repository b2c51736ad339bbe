#!/usr/bin/env python3
"""Hot reload of `talent serve --rules DIR` while clients keep sending
records: no rules (503) until the pack loads; a changed amount picked up
without one failed request; a broken pack and a pack whose suite fails
refused, the old rules serving on and /healthz saying why; SIGHUP; a
request in progress answered in full across SIGTERM.

usage: reload_test.py TALENT SOURCE_DIR
"""
import json
import pathlib
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from checks import Checks
from service import Service

TALENT, SOURCE = sys.argv[1], pathlib.Path(sys.argv[2])
PACK = SOURCE / "rules" / "hohhot-talent-25"
BACHELOR = json.dumps({"id": "R-1", "degree": "bachelor", "study_mode": "full_time", "institution": "regular_university",
                       "graduation_date": "2024-07-01", "employment": {"status": "enterprise", "in_city": True}})
checks = Checks()
expect = checks.expect


class Clients:
    """Two clients deciding BACHELOR in a loop, each on its own connection."""

    def __init__(self, service):
        self.service = service
        self.answers = []  # (status, rent amount or None)
        self.by_client = [[], []]  # the same, for each client in the order it got them
        self.stopping = False
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(2)]
        for t in self.threads:
            t.start()

    def _run(self, client):
        conn = self.service.connect()
        while not self.stopping:
            try:
                status, _, body = self.service.request("POST", "/v1/decisions?as_of=2025-06-30&reasons=none", BACHELOR,
                                                       conn=conn)
                amount = json.loads(body)["programs"][0].get("amount") if status == 200 else None
            except Exception as e:  # a connection reset is a failed request too
                status, amount = repr(e), None
                conn = self.service.connect()
            self.answers.append((status, amount))
            self.by_client[client].append(amount)

    def latest(self):
        return self.answers[-1][1] if self.answers else None

    def stop(self):
        self.stopping = True
        for t in self.threads:
            t.join()


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    pack = tmp / "pack"
    shutil.copytree(PACK, pack, ignore=shutil.ignore_patterns("tests"))
    parameters = pack / "parameters.yaml"
    original = parameters.read_text(encoding="utf-8")
    broken = original.replace("  - id: rent_years\n", "  - id: rent_years\n    type: [\n", 1)
    parameters.write_text(broken, encoding="utf-8")

    # A pack that does not load at start: 503 until it does.
    service = Service(TALENT, "--rules", str(pack), "--threads", "2")
    status, health = service.json("GET", "/healthz")
    expect("no rules: /healthz", (status, health["status"], health["last_reload"]["result"]), (503, "no_rules", "refused"))
    expect("no rules: the reason names the file", "parameters.yaml:" in health["last_reload"]["reason"], True)
    expect("no rules: decisions", service.request("POST", "/v1/decisions", BACHELOR)[0], 503)
    expect("no rules: metrics still answer", service.request("GET", "/metrics")[0], 200)
    parameters.write_text(original, encoding="utf-8")
    service.wait_for("the fixed pack", lambda: service.request("GET", "/healthz")[0] == 200)

    clients = Clients(service)
    service.wait_for("answers", lambda: clients.latest() == "500.00")

    # An amount changed: picked up while the clients run.
    parameters.write_text(original.replace('bachelor: "500.00"', 'bachelor: "600.00"'), encoding="utf-8")
    service.wait_for("the new amount", lambda: clients.latest() == "600.00")
    status, health = service.json("GET", "/healthz")
    expect("reloaded", (health["last_reload"]["trigger"], health["last_reload"]["result"]), ("the pack folder changed", "loaded"))

    # A broken pack: refused, the old rules serve on.
    parameters.write_text(broken.replace('bachelor: "500.00"', 'bachelor: "700.00"'), encoding="utf-8")
    service.wait_for("the refusal", lambda: service.json("GET", "/healthz")[1]["last_reload"]["result"] == "refused")
    status, health = service.json("GET", "/healthz")
    expect("refused: still serving", (status, health["status"]), (200, "serving"))
    reason = health["last_reload"]["reason"]
    expect("refused: the reason has file:line:column", re.search(r"parameters\.yaml:\d+:\d+: ", reason) is not None, True)
    time.sleep(0.3)
    expect("refused: the old amount", clients.latest(), "600.00")

    # A pack whose suite fails (the suite expects 500.00): refused.
    shutil.copytree(PACK / "tests", pack / "tests")
    parameters.write_text(original.replace('bachelor: "500.00"', 'bachelor: "600.00"'), encoding="utf-8")
    service.wait_for("the suite's refusal", lambda: "FAIL" in service.json("GET", "/healthz")[1]["last_reload"].get("reason", ""))
    status, health = service.json("GET", "/healthz")
    expect("suite failed: refused", health["last_reload"]["result"], "refused")
    expect("suite failed: the case named", "rent_subsidy.yaml:" in health["last_reload"]["reason"], True)
    expect("suite failed: the old amount", clients.latest(), "600.00")

    # The pack as its suite wants it: loaded after the suite passes.
    parameters.write_text(original, encoding="utf-8")
    service.wait_for("the amount the suite expects", lambda: clients.latest() == "500.00")
    status, health = service.json("GET", "/healthz")
    expect("suite passed", (health["last_reload"]["result"], health["suite_cases"] >= 100), ("loaded", True))

    # SIGHUP: loads now; the same pack again is "unchanged".
    service.signal(signal.SIGHUP)
    service.wait_for("SIGHUP", lambda: service.json("GET", "/healthz")[1]["last_reload"]["trigger"] == "SIGHUP")
    expect("SIGHUP: unchanged", service.json("GET", "/healthz")[1]["last_reload"]["result"], "unchanged")

    clients.stop()
    statuses = {}
    for status, _ in clients.answers:
        statuses[status] = statuses.get(status, 0) + 1
    expect("no failed request during the reloads", list(statuses), [200])
    expect("requests during the reloads", statuses.get(200, 0) > 50, True)
    for client, amounts in enumerate(clients.by_client):
        expect(f"client {client}: the amounts in order, each swap once",
               [a for i, a in enumerate(amounts) if i == 0 or amounts[i - 1] != a], ["500.00", "600.00", "500.00"])
    metrics = service.request("GET", "/metrics")[2].decode()
    expect("metrics: reloads", re.findall(r'talent_ruleset_reloads_total\{result="(\w+)"\} (\d+)', metrics),
           [("loaded", "3"), ("unchanged", "1"), ("refused", "3")])

    # SIGTERM while a request is on its way: it is answered in full, then
    # the connection closed.
    many = ('{"records": [' + ",".join([BACHELOR] * 1000) + "]}").encode()
    with socket.create_connection(("127.0.0.1", service.port), timeout=20) as sock:
        sock.sendall(b"POST /v1/decisions?as_of=2025-06-30&reasons=none HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(many) + many[:1000])
        time.sleep(0.2)
        service.signal(signal.SIGTERM)
        time.sleep(0.2)
        sock.sendall(many[1000:])
        reply = b""
        while True:
            chunk = sock.recv(1 << 16)
            if not chunk:
                break
            reply += chunk
        head, _, body = reply.partition(b"\r\n\r\n")
        expect("answered across SIGTERM", (head.split(b"\r\n")[0], b"Connection: close" in head, json.loads(body)["decided"]),
               (b"HTTP/1.1 200 OK", True, 1000))
    expect("exit status", service.stop(), 0)
    expect("said why it stopped", any("SIGTERM: shutting down" in l for l in service.lines), True)
    expect("said it stopped", service.lines[-1].rstrip().endswith(" stopped"), True)

checks.finish(f"{len(clients.answers)} requests during the reloads; 0 failure(s)")
